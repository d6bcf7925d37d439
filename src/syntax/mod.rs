//! Source text to syntax tree: logos tokens, CPython's indentation rules, a chumsky parser.

pub mod ast;
mod diagnose;
pub mod lexer;
pub mod parser;
mod strings;
pub mod token;
mod validate;

#[cfg(test)]
mod tests;

use ast::{Expr, Module, Span, SyntaxError};
use chumsky::input::{Input, MappedInput};
use chumsky::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use token::{StrLit, Tok};

pub use lexer::{highlight_tokens, HighlightKind};

type In<'t> = MappedInput<'t, Tok, SimpleSpan, &'t [(Tok, SimpleSpan)]>;

/// Parses a whole module (a file, or one REPL input). The error is the first one CPython
/// would report; `incomplete` is set when more input could complete it.
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
    let (mut toks, mut lex_err) = lexer::tokenize(src, 0, false);
    if let Err((at, e)) = prepare_strings(src, &mut toks) {
        toks.truncate(at);
        lex_err = Some(e);
    }
    let errs: parser::SideErrors = Rc::new(RefCell::new(Vec::new()));
    let body = run(src, &toks, lex_err, &errs, |p| p.module)?;
    let module = Module { body };
    validate::check_module(&module)?;
    Ok(module)
}

/// Runs one of the parsers over `toks`. The error reported is the earliest of: the parse
/// failure, an error the node builders noticed, the lexer error that cut the tokens short.
fn run<O>(
    src: &str,
    toks: &[(Tok, Span)],
    lex_err: Option<SyntaxError>,
    errs: &parser::SideErrors,
    pick: impl for<'t> FnOnce(parser::Parsers<'t, In<'t>>) -> Boxed<'t, 't, In<'t>, O, parser::Extra<'t>>,
) -> Result<O, SyntaxError> {
    let stoks: Vec<(Tok, SimpleSpan)> =
        toks.iter().map(|(t, s)| (t.clone(), SimpleSpan::from(s.range()))).collect();
    let eoi_pos = match &lex_err {
        Some(e) => e.span.start as usize,
        None => toks.last().map(|t| t.1.end as usize).unwrap_or(src.len()),
    };
    let parser = pick(parser::parsers(errs.clone()));
    let input = stoks.as_slice().split_token_span(SimpleSpan::from(eoi_pos..eoi_pos));
    let result = parser.parse(input).into_result();
    let side = errs.borrow_mut().drain(..).min_by_key(|e| e.span.start);
    match result {
        Ok(v) => match (lex_err, side) {
            (Some(e), _) | (None, Some(e)) => Err(e),
            (None, None) => Ok(v),
        },
        Err(perrs) => {
            let perr = perrs.into_iter().max_by_key(|e| e.span().start).unwrap();
            let at = perr.span().start;
            let mut err = match lex_err {
                Some(le) if at >= le.span.start as usize => le,
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
    let errs: parser::SideErrors = Rc::new(RefCell::new(Vec::new()));
    run(src, &toks, lex_err, &errs, |p| p.fexpr).map_err(|mut e| {
        if !e.msg.starts_with("f-string") {
            e.msg = format!("f-string: {}", e.msg);
        }
        e.incomplete = false;
        e
    })
}
