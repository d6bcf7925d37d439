//! The embedded library's modules, parsed ahead of time and stored frozen, with their
//! functions' bodies left for later: a module imports in the time its top level takes to
//! read back, resolve, compile and run, and each body is read back the first time its
//! function is used. This is CPython's frozen modules' idea: the library's own code is not
//! parsed again on every start. Only the library is read this way; a learner's script is
//! parsed whole, so that its SyntaxErrors come before anything runs, as in CPython.
//!
//! A frozen tree is kept beside its module (`lib/NAME.frozen`) and made by
//! `UPDATE_FROZEN=1 cargo test frozen`. It is stored under a key made of its source and of
//! the parser's own source (`build.rs`), so a tree that another source or another parser
//! made is never used: the module is then parsed on import, slower but the same.

use super::ast::{docstring, ClassDef, Ident, Module, Span, Stmt, StmtKind, SyntaxError};
use super::token::Tok;
use super::{checked, prepare_strings, run, Reader};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::rc::Rc;

/// A library module's top level, each waiting `def` in it with a stand-in body, and the
/// `def`s whose bodies wait.
pub struct Library {
    pub module: Module,
    pub lazy: Vec<LazyDef>,
}

/// A `def` whose body waits.
pub struct LazyDef {
    /// Where the function's name starts: the compiler meets the `def` by it.
    pub name_start: u32,
    /// `__doc__`: `property` and `functools.wraps` read it when the `def` runs, which need
    /// not read the body back.
    pub docstring: Option<String>,
    /// The frozen trees of the module's waiting `def`s, and where this one's is.
    bodies: Rc<[u8]>,
    body: Range<usize>,
}

impl LazyDef {
    /// The module the `def` parses to: the `def` alone, inside its class when it is a
    /// method, with the spans it has in the whole source.
    pub fn module(&self) -> Module {
        postcard::from_bytes(&self.bodies[self.body.clone()]).expect("a frozen body reads back")
    }
}

/// A module as it is frozen, after its key (which is read first, so that a stale tree is
/// not read at all): its top level and a description of each waiting `def`. The `def`s'
/// trees follow, one after another, each read back alone.
#[derive(Serialize, Deserialize)]
struct Frozen {
    module: Module,
    defs: Vec<FrozenDef>,
}

#[derive(Serialize, Deserialize)]
struct FrozenDef {
    name_start: u32,
    docstring: Option<String>,
    /// How many bytes its tree takes.
    len: u32,
}

/// The library module `source`, from its frozen tree when `frozen` was made from this
/// source by this parser, else parsed now.
pub fn load(source: &str, frozen: &[u8]) -> Result<Library, SyntaxError> {
    match thaw(source, frozen) {
        Some(library) => Ok(library),
        None => Ok(thaw(source, &freeze(source)?).expect("a tree frozen now reads back")),
    }
}

/// The frozen tree of the library module `source`.
pub fn freeze(source: &str) -> Result<Vec<u8>, SyntaxError> {
    let (toks, lex_err) = super::lexer::tokenize(source, 0, false);
    if let Some(e) = lex_err {
        return Err(e);
    }
    let (mut kept, waiting) = leave_bodies(&toks);
    if let Err((_, e)) = prepare_strings(source, &mut kept) {
        return Err(e);
    }
    let module = checked(run(source, &kept, None, Reader::File, |p| &p.module)?)?;
    let mut defs = Vec::with_capacity(waiting.len());
    let mut bodies = Vec::new();
    for w in &waiting {
        let tree = parse_def(source, &toks, w)?;
        let StmtKind::FunctionDef(def) = &the_def(&tree).kind else { unreachable!("a waiting def parses to a def") };
        let encoded = postcard::to_allocvec(&tree).expect("a syntax tree encodes");
        defs.push(FrozenDef { name_start: w.name_start, docstring: docstring(&def.body).map(str::to_string), len: encoded.len() as u32 });
        bodies.extend(encoded);
    }
    let mut frozen = postcard::to_allocvec(&key(source)).expect("a key encodes");
    frozen.extend(postcard::to_allocvec(&Frozen { module, defs }).expect("a syntax tree encodes"));
    frozen.extend(bodies);
    Ok(frozen)
}

/// The library from its frozen tree, if that was made from `source` by this parser.
fn thaw(source: &str, frozen: &[u8]) -> Option<Library> {
    let (made_from, frozen) = postcard::take_from_bytes::<u64>(frozen).ok()?;
    if made_from != key(source) {
        return None;
    }
    let (head, bodies) = postcard::take_from_bytes::<Frozen>(frozen).ok()?;
    let bodies: Rc<[u8]> = bodies.into();
    let mut at = 0;
    let lazy = head
        .defs
        .into_iter()
        .map(|d| {
            let body = at..at + d.len as usize;
            at = body.end;
            LazyDef { name_start: d.name_start, docstring: d.docstring, bodies: bodies.clone(), body }
        })
        .collect();
    Some(Library { module: head.module, lazy })
}

/// What the parser is, as `build.rs` fingerprints its source.
const PARSER: u64 = match u64::from_str_radix(env!("CELLAR_PARSER_FINGERPRINT"), 16) {
    Ok(fingerprint) => fingerprint,
    Err(_) => panic!("build.rs writes the parser's fingerprint in hexadecimal"),
};

/// The key of the tree this parser makes of `source`. The hash needs no strength, only to
/// change with any edit; it reads the source a word at a time, so an import pays little for it.
fn key(source: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = source.as_bytes().chunks_exact(8);
    let mut h = PARSER;
    for w in &mut words {
        h = mix(h, u64::from_le_bytes(w.try_into().expect("eight bytes")));
    }
    for &b in words.remainder() {
        h = mix(h, u64::from(b));
    }
    mix(h, source.len() as u64)
}

/// A waiting `def` as the tokens tell it: where its tokens are (decorators included, so
/// that its span is the one a whole parse gives), and the class it is a method of.
struct Waiting {
    name_start: u32,
    tokens: Range<usize>,
    class: Option<LazyClass>,
    /// A method that mentions `super` or `__class__`.
    uses_class_cell: bool,
}

/// The class around a waiting method: enough of it to resolve the method as a whole parse
/// does (its qualified name, its scope's parent).
struct LazyClass {
    name: Ident,
    span: Span,
}

/// The `def` statement of a waiting `def`'s tree.
fn the_def(tree: &Module) -> &Stmt {
    match &tree.body[0].kind {
        StmtKind::ClassDef(class) => &class.body[0],
        _ => &tree.body[0],
    }
}

/// The module a waiting `def` parses to: the `def` alone, inside its class when it is a
/// method, with the spans it has in the whole source.
fn parse_def(src: &str, tokens: &[(Tok, Span)], def: &Waiting) -> Result<Module, SyntaxError> {
    let mut toks = tokens[def.tokens.clone()].to_vec();
    let end = toks.last().map_or(0, |t| t.1.end as usize);
    toks.push((Tok::EndMarker, Span::new(end, end)));
    if let Err((_, e)) = prepare_strings(src, &mut toks) {
        return Err(e);
    }
    let module = checked(run(src, &toks, None, Reader::File, |p| &p.module)?)?;
    Ok(match &def.class {
        None => module,
        Some(c) => {
            let class = ClassDef { name: c.name.clone(), bases: Vec::new(), keywords: Vec::new(), body: module.body, decorators: Vec::new() };
            Module { body: vec![Stmt { kind: StmtKind::ClassDef(Box::new(class)), span: c.span }] }
        }
    })
}

/// The tokens with each waiting body replaced by `pass` (which keeps the `def` well formed
/// for the parser), and the `def`s whose bodies were left out.
///
/// Which bodies may wait: those of functions at the top level and of methods directly in a
/// top-level class, written on lines of their own. Everything in them is resolved inside the
/// body: their free names are globals, but for the `__class__` cell of a method that
/// mentions `super` or `__class__`. Its class makes that cell only if resolving its body
/// sees the method use it, so such a method's stand-in body is `__class__` rather than
/// `pass`.
fn leave_bodies(toks: &[(Tok, Span)]) -> (Vec<(Tok, Span)>, Vec<Waiting>) {
    let mut kept = Vec::with_capacity(toks.len() / 4);
    let mut lazy = Vec::new();
    let mut depth = 0usize;
    // The first decorator of the statement starting here, and the top-level class the
    // lines at depth 1 belong to.
    let mut decorated: Option<usize> = None;
    let mut class: Option<LazyClass> = None;
    let mut i = 0;
    while i < toks.len() {
        let line_start = i == 0 || matches!(toks[i - 1].0, Tok::Newline | Tok::Indent | Tok::Dedent);
        if line_start && depth == 0 && !matches!(toks[i].0, Tok::At | Tok::Class | Tok::Indent | Tok::Dedent) {
            class = None;
        }
        match &toks[i].0 {
            Tok::Indent => depth += 1,
            Tok::Dedent => depth -= 1,
            _ if !line_start => {}
            Tok::At => {
                decorated.get_or_insert(i);
            }
            Tok::Def | Tok::Async if depth == 0 || (depth == 1 && class.is_some()) => {
                let start = decorated.take().unwrap_or(i);
                if let Some((def, body)) = waiting_def(toks, start, i, if depth == 1 { class.as_ref() } else { None }) {
                    kept.extend_from_slice(&toks[i..=body.start]);
                    // The stand-in body, between the body's INDENT and DEDENT.
                    let at = toks[body.start].1;
                    kept.push((if def.uses_class_cell { Tok::Name("__class__".into()) } else { Tok::Pass }, at));
                    kept.push((Tok::Newline, at));
                    kept.push(toks[body.end - 1].clone());
                    lazy.push(def);
                    i = body.end;
                    continue;
                }
            }
            Tok::Class if depth == 0 => {
                let start = decorated.take().unwrap_or(i);
                class = match &toks[i + 1] {
                    (Tok::Name(n), span) => {
                        let end = class_end(toks, i);
                        Some(LazyClass { name: Ident { name: n.to_string(), span: *span }, span: Span::new(toks[start].1.start as usize, end as usize) })
                    }
                    _ => None,
                };
            }
            _ => decorated = None,
        }
        kept.push(toks[i].clone());
        i += 1;
    }
    (kept, lazy)
}

/// The `def` starting at `def_at` (its decorators from `start`), if its body can wait: its
/// description, and the range of its body's tokens from INDENT to DEDENT.
fn waiting_def(toks: &[(Tok, Span)], start: usize, def_at: usize, class: Option<&LazyClass>) -> Option<(Waiting, Range<usize>)> {
    let name_at = match toks[def_at].0 {
        Tok::Async if toks.get(def_at + 1)?.0 != Tok::Def => return None,
        Tok::Async => def_at + 2,
        _ => def_at + 1,
    };
    let (Tok::Name(_), name_span) = toks.get(name_at)? else { return None };
    // The header's `:` is the first one outside brackets; a body on the same line stays.
    let mut brackets = 0usize;
    let mut colon = name_at;
    loop {
        colon += 1;
        match toks.get(colon)?.0 {
            Tok::LPar | Tok::LSqb | Tok::LBrace => brackets += 1,
            Tok::RPar | Tok::RSqb | Tok::RBrace => brackets -= 1,
            Tok::Colon if brackets == 0 => break,
            _ => {}
        }
    }
    if toks.get(colon + 1)?.0 != Tok::Newline || toks.get(colon + 2)?.0 != Tok::Indent {
        return None;
    }
    let body_start = colon + 2;
    let mut uses_class_cell = false;
    let mut depth = 0usize;
    let mut end = body_start;
    loop {
        match &toks.get(end)?.0 {
            Tok::Indent => depth += 1,
            Tok::Dedent => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Name(n) if (&**n == "super" || &**n == "__class__") && toks[end - 1].0 != Tok::Dot => uses_class_cell = class.is_some(),
            _ => {}
        }
        end += 1;
    }
    let def = Waiting {
        name_start: name_span.start,
        tokens: start..end + 1,
        class: class.map(|c| LazyClass { name: c.name.clone(), span: c.span }),
        uses_class_cell,
    };
    Some((def, body_start..end + 1))
}

/// Where the class statement at `class_at` ends: the end of its body's last token, as the
/// parser ends a statement's span.
fn class_end(toks: &[(Tok, Span)], class_at: usize) -> u32 {
    let mut depth = 0usize;
    let mut last = toks[class_at].1.end;
    for (i, (tok, span)) in toks.iter().enumerate().skip(class_at) {
        match tok {
            Tok::Indent => depth += 1,
            // A class written on one line.
            Tok::Newline if depth == 0 && toks.get(i + 1).is_none_or(|t| t.0 != Tok::Indent) => break,
            Tok::Dedent => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Newline => {}
            _ => last = span.end,
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Constant, ExprKind};
    use num_bigint::BigInt;

    const SOURCE: &str = "def f(x):\n    'doc'\n    return x\n\nclass C:\n    def m(self):\n        return 1\n";

    /// What the method `C.m` of a library like `SOURCE` returns, read back from its tree.
    fn returned(library: &Library) -> Constant {
        let tree = library.lazy[1].module();
        let StmtKind::FunctionDef(m) = &the_def(&tree).kind else { panic!("a def") };
        match &m.body[0].kind {
            StmtKind::Return(Some(e)) => match &e.kind {
                ExprKind::Constant(c) => c.clone(),
                other => panic!("a constant, not {other:?}"),
            },
            other => panic!("a return, not {other:?}"),
        }
    }

    #[test]
    fn a_frozen_module_reads_back_with_its_bodies_waiting() {
        let library = thaw(SOURCE, &freeze(SOURCE).unwrap()).expect("frozen from this source");
        let whole = crate::syntax::parse_module_here(SOURCE).unwrap();
        assert_eq!(library.module.body.len(), whole.body.len());
        assert_eq!(library.lazy.len(), 2);
        assert_eq!(library.lazy[0].docstring.as_deref(), Some("doc"));
        assert_eq!(library.lazy[1].docstring, None);
        assert_eq!(library.lazy[0].module().body[0], whole.body[0], "f's tree and spans are a whole parse's");
        assert_eq!(returned(&library), Constant::Int(BigInt::from(1)));
    }

    #[test]
    fn a_tree_frozen_from_other_source_is_not_used() {
        let frozen = freeze(SOURCE).unwrap();
        let edited = SOURCE.replace("return 1", "return 2");
        assert!(thaw(&edited, &frozen).is_none());
        let library = load(&edited, &frozen).expect("parsed now");
        assert_eq!(returned(&library), Constant::Int(BigInt::from(2)));
        assert!(load(SOURCE, b"").is_ok(), "no tree at all: parsed now");
    }
}
