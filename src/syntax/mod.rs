//! Source text to syntax tree: logos tokens, CPython's indentation rules, a chumsky parser.

pub mod ast;
mod diagnose;
pub mod lazy;
pub mod lexer;
pub mod parser;
mod strings;
pub mod token;
mod validate;

#[cfg(test)]
mod tests;

use ast::{Expr, Incomplete, Module, Span, SyntaxError};
use chumsky::input::{Input, ValueInput};
use chumsky::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use token::{StrLit, Tok};

pub use lexer::{highlight_tokens, HighlightKind};

/// Parses a whole module (a file). The error is the first one CPython would report;
/// `incomplete` says whether more input could complete it.
///
/// Runs on a thread of its own with a large stack, so deeply nested input cannot overflow
/// the caller's stack. (Dropping or walking a very deep tree, such as a 100,000-term
/// `1+1+...`, needs a large stack in the caller too.)
pub fn parse_module(src: &str) -> Result<Module, SyntaxError> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("cellar-parse".into())
            .stack_size(512 << 20)
            .spawn_scoped(s, || parse_module_here(src))
            .expect("spawn parser thread")
            .join()
            .unwrap_or_else(|_| Err(SyntaxError::new("invalid syntax", Span::new(0, 0))))
    })
}

/// [`parse_module`] on the current thread.
pub fn parse_module_here(src: &str) -> Result<Module, SyntaxError> {
    let (toks, lex_err) = tokens(src);
    checked(run(src, &toks, lex_err, Reader::File, |p| &p.module)?)
}

/// Parses one entry typed at the prompt, as CPython's interactive reader does. The entry is
/// one statement: a compound statement goes on until an empty line, so a line at the left
/// margin before that is not the next statement but a syntax error in this one. Its parser
/// also reports an error as soon as it meets it, even inside a bracket still open.
pub fn parse_entry(src: &str) -> Result<Module, SyntaxError> {
    let (toks, lex_err) = tokens(src);
    let parsed = run(src, &toks, lex_err, Reader::Prompt, |p| &p.module);
    match second_statement(&toks) {
        // CPython's parser stops at the stray line: what it found before stays its error,
        // and what only a whole-module parse or the compiler would find never comes up.
        Some(stray) => match parsed {
            Err(e) if e.span.start <= stray.start => Err(e),
            _ => Err(SyntaxError::new("invalid syntax", stray)),
        },
        None => checked(parsed?),
    }
}

/// Parses several statements typed at the prompt (a block pasted at the terminal): a module,
/// with the prompt's choice of which error to report.
pub fn parse_pasted(src: &str) -> Result<Module, SyntaxError> {
    let (toks, lex_err) = tokens(src);
    checked(run(src, &toks, lex_err, Reader::Prompt, |p| &p.module)?)
}

fn tokens(src: &str) -> (Vec<(Tok, Span)>, Option<SyntaxError>) {
    let (mut toks, mut lex_err) = lexer::tokenize(src, 0, false);
    if let Err((at, e)) = prepare_strings(src, &mut toks) {
        toks.truncate(at);
        lex_err = Some(e);
    }
    (toks, lex_err)
}

fn checked(body: Vec<ast::Stmt>) -> Result<Module, SyntaxError> {
    let module = Module { body };
    validate::check_module(&module)?;
    Ok(module)
}

/// Where a second statement starts: a line at the left margin after the first statement
/// that does not go on with it (as an `else:`, an `except:` or the `def` under a decorator
/// do).
fn second_statement(toks: &[(Tok, Span)]) -> Option<Span> {
    let mut depth = 0usize;
    let mut previous: Option<&Tok> = None;
    for (i, (tok, span)) in toks.iter().enumerate() {
        match tok {
            Tok::Indent => depth += 1,
            Tok::Dedent => depth = depth.saturating_sub(1),
            Tok::Newline | Tok::EndMarker => {}
            _ if depth == 0 && (i == 0 || matches!(toks[i - 1].0, Tok::Newline | Tok::Dedent)) => {
                let continues = matches!(tok, Tok::Else | Tok::Elif | Tok::Except | Tok::Finally);
                match previous {
                    Some(p) if *p != Tok::At && !continues => return Some(*span),
                    _ => previous = Some(tok),
                }
            }
            _ => {}
        }
    }
    None
}

/// Who reads the source, which decides which of two errors CPython reports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// A file's tokenizer reads to its end: a bracket never closed is reported rather than a
    /// parse error on a later line than the bracket.
    File,
    /// The interactive reader hands the parser one line at a time: a parse error is
    /// reported when the parser meets it.
    Prompt,
}

/// The parser's input: the tokens, owned. A grammar over borrowed tokens has their
/// lifetime in its type and so has to be built again for every source (and every f-string
/// field), which cost more than parsing them; over owned tokens one grammar, built once per
/// thread ([`GRAMMAR`]), parses everything.
pub struct Tokens {
    toks: Vec<(Tok, SimpleSpan)>,
    /// Where the tokens stop: an empty span there.
    eoi: SimpleSpan,
}

// Spans as chumsky's `split_token_span` makes them over a slice of tokens: from the start
// of the first token to the end of the last one consumed, so errors and nodes keep the
// spans they had when the grammar parsed borrowed tokens.
impl<'src> Input<'src> for Tokens {
    type Span = SimpleSpan;
    type Token = Tok;
    type MaybeToken = Tok;
    type Cursor = usize;
    type Cache = Self;

    fn begin(self) -> (usize, Self) {
        (0, self)
    }

    fn cursor_location(cursor: &usize) -> usize {
        *cursor
    }

    unsafe fn next_maybe(this: &mut Self, cursor: &mut usize) -> Option<Tok> {
        Self::next(this, cursor)
    }

    unsafe fn span(this: &mut Self, range: std::ops::Range<&usize>) -> SimpleSpan {
        match this.toks.get(*range.start) {
            Some((_, first)) => {
                let end = match *range.end {
                    0 => this.eoi.end,
                    n => this.toks[n - 1].1.end,
                };
                SimpleSpan::from(first.start..end)
            }
            None => SimpleSpan::from(this.eoi.end..this.eoi.end),
        }
    }
}

impl<'src> ValueInput<'src> for Tokens {
    unsafe fn next(this: &mut Self, cursor: &mut usize) -> Option<Tok> {
        let tok = this.toks.get(*cursor)?.0.clone();
        *cursor += 1;
        Some(tok)
    }
}

/// The grammar, and where its node builders put the errors they find.
struct Grammar {
    parsers: parser::Parsers<'static, Tokens>,
    errs: parser::SideErrors,
}

thread_local! {
    static GRAMMAR: Grammar = {
        let errs: parser::SideErrors = Rc::new(RefCell::new(Vec::new()));
        Grammar { parsers: parser::parsers(errs.clone()), errs }
    };
}

/// Runs one of the parsers over `toks`. The error reported is the earliest of: the parse
/// failure, an error the node builders noticed, the lexer error that cut the tokens short
/// (or, for a bracket never closed, that let them run to the end).
fn run<O>(
    src: &str,
    toks: &[(Tok, Span)],
    lex_err: Option<SyntaxError>,
    reader: Reader,
    pick: impl for<'g> FnOnce(&'g parser::Parsers<'static, Tokens>) -> &'g Boxed<'static, 'static, Tokens, O, parser::Extra<'static>>,
) -> Result<O, SyntaxError> {
    // Where the tokens stop: at the lexer's error, or at the end for a bracket never closed.
    let eoi_pos = match &lex_err {
        Some(e) => toks.last().map_or(0, |t| t.1.end as usize).max(e.span.start as usize),
        None => toks.last().map_or(src.len(), |t| t.1.end as usize),
    };
    let input = Tokens {
        toks: toks.iter().map(|(t, s)| (t.clone(), SimpleSpan::from(s.range()))).collect(),
        eoi: SimpleSpan::from(eoi_pos..eoi_pos),
    };
    let (result, side) = GRAMMAR.with(|g| {
        // Left over only if an earlier parse on this thread panicked.
        g.errs.borrow_mut().clear();
        let result = pick(&g.parsers).parse(input).into_result();
        let side = g.errs.borrow_mut().drain(..).min_by_key(|e| e.span.start);
        (result, side)
    });
    match result {
        Ok(v) => match (lex_err, side) {
            (Some(e), _) | (None, Some(e)) => Err(e),
            (None, None) => Ok(v),
        },
        Err(perrs) => {
            let perr = perrs.into_iter().max_by_key(|e| e.span().start).unwrap();
            let at = perr.span().start;
            let lex_first = |le: &SyntaxError| {
                at >= eoi_pos || (reader == Reader::File && on_later_line(src, le.span.start as usize, at))
            };
            let mut err = match lex_err {
                Some(le) if lex_first(&le) => le,
                _ => diagnose::diagnose(src, toks, &perr),
            };
            if let Some(s) = side {
                if s.span.start <= err.span.start {
                    err = s;
                }
            }
            Err(err)
        }
    }
}

/// Whether `at` is on a line after the one `from` is on.
fn on_later_line(src: &str, from: usize, at: usize) -> bool {
    src.get(from..at).is_some_and(|between| between.contains('\n'))
}

/// Parses the f-strings' replacement fields and rejects `"a" b"b"`. On an error, the index
/// of the token it belongs to.
fn prepare_strings(src: &str, toks: &mut [(Tok, Span)]) -> Result<(), (usize, SyntaxError)> {
    let mut run_start: Option<usize> = None;
    for i in 0..toks.len() {
        let (is_str, is_bytes) = match &toks[i].0 {
            Tok::Str(s) => (true, matches!(**s, StrLit::Bytes(_))),
            _ => (false, false),
        };
        if !is_str {
            run_start = None;
            continue;
        }
        match run_start {
            None => run_start = Some(i),
            Some(r) => {
                let first_bytes = matches!(&toks[r].0, Tok::Str(s) if matches!(**s, StrLit::Bytes(_)));
                if first_bytes != is_bytes {
                    let span = toks[r].1.to(toks[i].1);
                    return Err((r, SyntaxError::new("cannot mix bytes and nonbytes literals", span)));
                }
            }
        }
        if let Tok::Str(s) = &toks[i].0 {
            if let StrLit::FRaw { start, end, raw } = **s {
                let parts = strings::parse_fstring(src, start, end, raw, &|s, e| {
                    parse_fstring_expr(src, s, e)
                })
                .map_err(|e| (i, e))?;
                toks[i].0 = Tok::Str(Rc::new(StrLit::FStr(parts)));
            }
        }
    }
    Ok(())
}

/// One f-string replacement field, `src[start..end]`, as an expression whose spans point
/// into `src`.
fn parse_fstring_expr(src: &str, start: usize, end: usize) -> Result<Expr, SyntaxError> {
    let (mut toks, mut lex_err) = lexer::tokenize_at(src, start, end);
    // CPython 3.11 parses the field as `(expr)`: the same here, with empty-width brackets.
    toks.insert(0, (Tok::LPar, Span::new(start, start)));
    if lex_err.is_none() {
        let at = toks.len() - 1;
        toks.insert(at, (Tok::RPar, Span::new(end, end)));
    }
    if let Err((at, e)) = prepare_strings(src, &mut toks) {
        toks.truncate(at);
        lex_err = Some(e);
    }
    run(src, &toks, lex_err, Reader::File, |p| &p.fexpr).map_err(|mut e| {
        if !e.msg.starts_with("f-string") {
            e.msg = format!("f-string: {}", e.msg);
        }
        e.incomplete = Incomplete::No;
        e
    })
}
