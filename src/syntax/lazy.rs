//! The embedded library's modules parsed with their functions' bodies left for later: a
//! module imports in the time its top level takes, and each body is parsed the first time its
//! function is used. Only the library is read this way; a learner's script is parsed whole,
//! so that its SyntaxErrors come before anything runs, as in CPython.

use super::ast::{ClassDef, Ident, Module, Span, Stmt, StmtKind, SyntaxError};
use super::token::{StrLit, Tok};
use super::{checked, prepare_strings, run, Reader};
use std::ops::Range;
use std::rc::Rc;

/// A `def` whose body waits: where its tokens are (decorators included, so that its span is
/// the one a whole parse gives), and the class it is a method of.
pub struct LazyDef {
    /// Where the function's name starts: the compiler meets the `def` by it.
    pub name_start: u32,
    pub tokens: Range<usize>,
    pub class: Option<LazyClass>,
    pub docstring: Docstring,
}

/// A waiting body's docstring as its tokens tell it: `property` and `functools.wraps` read
/// `__doc__` when the `def` runs, which need not make the body.
pub enum Docstring {
    None,
    Is(String),
    /// The body starts with an expression that only parsing tells (`"a" "b"`, `("a")`).
    Unknown,
}

/// The class around a waiting method: enough of it to resolve the method as a whole parse
/// does (its qualified name, its scope's parent).
pub struct LazyClass {
    pub name: Ident,
    pub span: Span,
}

/// A library module's top level, its tokens (the waiting bodies parse from them), and the
/// `def`s whose bodies wait.
pub struct Library {
    pub module: Module,
    pub tokens: Rc<[(Tok, Span)]>,
    pub lazy: Vec<LazyDef>,
}

/// Parses a module of the embedded library. Which bodies may wait: those of functions at the
/// top level and of methods directly in a top-level class, written on lines of their own,
/// that do not mention `super` or `__class__` (a method that does needs its class to make the
/// `__class__` cell, which the class body's resolution learns only from the method's body).
/// Everything else in them is resolved inside the body: their free names are globals.
pub fn parse_library(src: &str) -> Result<Library, SyntaxError> {
    let (toks, lex_err) = super::lexer::tokenize(src, 0, false);
    if let Some(e) = lex_err {
        return Err(e);
    }
    let (mut kept, lazy) = leave_bodies(&toks);
    if let Err((_, e)) = prepare_strings(src, &mut kept) {
        return Err(e);
    }
    let module = checked(run(src, &kept, None, Reader::File, |p| &p.module)?)?;
    Ok(Library { module, tokens: toks.into(), lazy })
}

/// The module a waiting `def` parses to: the `def` alone, inside its class when it is a
/// method, with the spans it has in the whole source.
pub fn parse_def(src: &str, tokens: &[(Tok, Span)], def: &LazyDef) -> Result<Module, SyntaxError> {
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
fn leave_bodies(toks: &[(Tok, Span)]) -> (Vec<(Tok, Span)>, Vec<LazyDef>) {
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
                    // `pass` where the body was, between its INDENT and DEDENT.
                    kept.push((Tok::Pass, toks[body.start].1));
                    kept.push((Tok::Newline, toks[body.start].1));
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
fn waiting_def(toks: &[(Tok, Span)], start: usize, def_at: usize, class: Option<&LazyClass>) -> Option<(LazyDef, Range<usize>)> {
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
            Tok::Name(n) if (&**n == "super" || &**n == "__class__") && toks[end - 1].0 != Tok::Dot => return None,
            _ => {}
        }
        end += 1;
    }
    let def = LazyDef {
        name_start: name_span.start,
        tokens: start..end + 1,
        class: class.map(|c| LazyClass { name: c.name.clone(), span: c.span }),
        docstring: docstring(&toks[body_start + 1..]),
    };
    Some((def, body_start..end + 1))
}

/// The docstring of the body whose first statement starts `toks`.
fn docstring(toks: &[(Tok, Span)]) -> Docstring {
    match (&toks[0].0, &toks[1].0) {
        (Tok::Str(s), Tok::Newline) => match &**s {
            StrLit::Str(s) => Docstring::Is(s.clone()),
            _ => Docstring::Unknown,
        },
        (Tok::Str(_) | Tok::LPar, _) => Docstring::Unknown,
        _ => Docstring::None,
    }
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
