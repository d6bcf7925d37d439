//! Turning a chumsky failure into CPython's message. CPython finds its specific messages by
//! re-parsing with extra `invalid_*` rules; here the token stream around the failing token
//! is inspected instead, for the cases a learner meets most.

use super::parser::ParseError;
use super::ast::{Incomplete, Span, SyntaxError};
use super::lexer::LineIndex;
use super::token::Tok;

/// Index of the first token of the logical line holding token `i`.
fn line_start(toks: &[(Tok, Span)], i: usize) -> usize {
    let mut j = i;
    while j > 0 && !matches!(toks[j - 1].0, Tok::Newline | Tok::Indent | Tok::Dedent) {
        j -= 1;
    }
    j
}

/// Index of the innermost open bracket around token `i` within its line, if any.
fn open_bracket(toks: &[(Tok, Span)], start: usize, i: usize) -> Option<usize> {
    let mut stack = Vec::new();
    for (k, (t, _)) in toks.iter().enumerate().take(i).skip(start) {
        match t {
            Tok::LPar | Tok::LSqb | Tok::LBrace => stack.push(k),
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// Start of the expression ending at token `i` (inclusive), scanning back over primaries,
/// dots, and binary operators between operands.
fn expr_start(toks: &[(Tok, Span)], lo: usize, i: usize) -> usize {
    let mut j = i;
    loop {
        // Step over one operand ending at j.
        let mut k = j;
        if matches!(toks[k].0, Tok::RPar | Tok::RSqb | Tok::RBrace) {
            let mut depth = 0i32;
            loop {
                match toks[k].0 {
                    Tok::RPar | Tok::RSqb | Tok::RBrace => depth += 1,
                    Tok::LPar | Tok::LSqb | Tok::LBrace => depth -= 1,
                    _ => {}
                }
                if depth == 0 || k <= lo {
                    break;
                }
                k -= 1;
            }
        }
        // A call or subscript continues to the left: `f(x)`, `a.b[c]`.
        if k > lo
            && matches!(toks[k].0, Tok::LPar | Tok::LSqb)
            && toks[k - 1].0.ends_expr()
        {
            j = k - 1;
            continue;
        }
        if k > lo + 1 && matches!(toks[k - 1].0, Tok::Dot) {
            j = k - 2;
            continue;
        }
        // Unary prefix operators.
        while k > lo && matches!(toks[k - 1].0, Tok::Minus | Tok::Plus | Tok::Tilde | Tok::Not | Tok::Await)
            && (k - 1 == lo || !toks[k - 2].0.ends_expr())
        {
            k -= 1;
        }
        // A binary operator before: keep going.
        if k > lo + 1 && is_binop(&toks[k - 1].0) && toks[k - 2].0.ends_expr() {
            j = k - 2;
            continue;
        }
        return k;
    }
}

fn is_binop(t: &Tok) -> bool {
    use Tok::*;
    matches!(
        t,
        Plus | Minus | Star | Slash | DoubleSlash | Percent | At | DoubleStar | LeftShift | RightShift
            | Amper | VBar | Circumflex | Less | Greater | EqEqual | NotEqual | LessEqual
            | GreaterEqual | And | Or | In | Is
    )
}

/// End (exclusive token index) of the expression starting at token `i`.
fn expr_end(toks: &[(Tok, Span)], i: usize) -> usize {
    let mut k = i;
    let mut depth = 0i32;
    while k < toks.len() {
        match toks[k].0 {
            Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Tok::Comma | Tok::Newline | Tok::Colon | Tok::Equal | Tok::Semi | Tok::EndMarker
                if depth == 0 =>
            {
                break
            }
            _ => {}
        }
        k += 1;
        if depth == 0 && k < toks.len() && toks[k].0.starts_expr() && toks[k - 1].0.ends_expr() {
            break;
        }
    }
    k.max(i + 1)
}

/// The first token of the header of the block that the dedent just before token `i` closes
/// (the block at the level of token `i`).
fn closed_block_header(toks: &[(Tok, Span)], i: usize) -> Option<&Tok> {
    let mut depth = 0usize;
    for k in (0..i).rev() {
        match toks[k].0 {
            Tok::Dedent => depth += 1,
            Tok::Indent => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&toks[line_start(toks, k.checked_sub(1)?)].0);
                }
            }
            _ => {}
        }
    }
    None
}

fn compound_name(t: &Tok) -> Option<&'static str> {
    Some(match t {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::With => "'with' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        _ => return None,
    })
}

pub fn diagnose(src: &str, toks: &[(Tok, Span)], perr: &ParseError<'_>) -> SyntaxError {
    let pspan = Span::new(perr.span().start, perr.span().end);
    if let Some(msg) = perr.custom_message() {
        return SyntaxError::new(msg, pspan);
    }
    let pos = perr.span().start;
    let mut i = toks.partition_point(|t| (t.1.start as usize) < pos);
    if let Some(found) = perr.found() {
        let mut j = i;
        while j < toks.len() && toks[j].1.start as usize == pos {
            if &toks[j].0 == found {
                i = j;
                break;
            }
            j += 1;
        }
    }
    let lines = LineIndex::new(src);
    let eof = Span::new(src.len(), src.len());
    let Some((tok, span)) = toks.get(i).cloned() else {
        return SyntaxError::new("invalid syntax", eof);
    };
    let prev = |k: usize| if i >= k { Some(&toks[i - k].0) } else { None };
    let expected_colon = perr.expected_colon();

    if tok == Tok::Indent {
        return SyntaxError::indentation("unexpected indent", span);
    }
    if prev(1) == Some(&Tok::Newline) && prev(2) == Some(&Tok::Colon) {
        let hs = line_start(toks, i - 2);
        let mut kw = &toks[hs].0;
        if *kw == Tok::Async && hs + 1 < toks.len() {
            kw = &toks[hs + 1].0;
        }
        if let Some(what) = compound_name(kw) {
            let line = lines.line(toks[hs].1.start as usize);
            let mut e = SyntaxError::indentation(
                format!("expected an indented block after {what} on line {line}"),
                span,
            );
            if tok == Tok::EndMarker {
                e.incomplete = Incomplete::Statement;
            }
            return e;
        }
    }
    if prev(1) == Some(&Tok::Dedent) && closed_block_header(toks, i) == Some(&Tok::Try) {
        let mut e = SyntaxError::new("expected 'except' or 'finally' block", span);
        if tok == Tok::EndMarker {
            e.incomplete = Incomplete::Statement;
        }
        return e;
    }
    let ls = line_start(toks, i);
    let first = &toks[ls].0;
    let depth_open = open_bracket(toks, ls, i);

    // `print "hi"`
    if let Some(Tok::Name(n)) = prev(1) {
        if (&**n == "print" || &**n == "exec") && ls == i - 1 && tok.starts_expr() && tok != Tok::LPar {
            let mut end = i;
            while end < toks.len() && !matches!(toks[end].0, Tok::Newline | Tok::Semi | Tok::EndMarker) {
                end += 1;
            }
            let e_span = toks[i - 1].1.to(toks[end.max(i + 1) - 1].1);
            return SyntaxError::new(
                format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
                e_span,
            );
        }
    }

    if tok == Tok::Equal && i > ls {
        let lo = depth_open.map(|o| o + 1).unwrap_or(ls);
        let a = expr_start(toks, lo, i - 1);
        let b_end = if i + 1 < toks.len() { expr_end(toks, i + 1) } else { i + 1 };
        let rng = toks[a].1.to(toks[b_end - 1].1);
        if let Some(o) = depth_open {
            if toks[o].0 == Tok::LPar && o > 0 && toks[o - 1].0.ends_expr() {
                return SyntaxError::new(
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                    toks[a].1.to(span),
                );
            }
            return SyntaxError::new(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                rng,
            );
        }
        if matches!(first, Tok::If | Tok::Elif | Tok::While) {
            return SyntaxError::new(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                rng,
            );
        }
    }

    if tok == Tok::ColonEqual && i >= 2 {
        let what = match (prev(1), prev(2)) {
            (_, Some(Tok::Dot)) => Some("attribute"),
            (Some(Tok::RSqb), _) => Some("subscript"),
            (Some(Tok::RPar), _) => Some("function call"),
            (Some(t), _) if t.ends_expr() && !matches!(t, Tok::Name(_)) => Some("literal"),
            _ => None,
        };
        if let Some(w) = what {
            let a = expr_start(toks, depth_open.map(|o| o + 1).unwrap_or(ls), i - 1);
            return SyntaxError::new(
                format!("cannot use assignment expressions with {w}"),
                toks[a].1.to(toks[i - 1].1),
            );
        }
    }

    if expected_colon && matches!(tok, Tok::Newline) {
        let mut kw = first;
        if *kw == Tok::Async && ls + 1 < toks.len() {
            kw = &toks[ls + 1].0;
        }
        if compound_name(kw).is_some() && depth_open.is_none() {
            let at = toks[i - 1].1.end as usize;
            return SyntaxError::new("expected ':'", Span::new(at, at + 1));
        }
    }

    // A parameter's name is not an expression (its default and annotation are): CPython
    // suggests no comma after it.
    let after_param_name = depth_open.is_some_and(|o| o >= 2 && toks[o - 2].0 == Tok::Def)
        && matches!(prev(1), Some(Tok::Name(_)))
        && matches!(prev(2), Some(Tok::LPar | Tok::Comma | Tok::Star | Tok::DoubleStar));
    if let (Some(o), Some(p), false) = (depth_open, prev(1), after_param_name) {
        if p.ends_expr() && tok.starts_expr() && !(tok == Tok::Lambda) {
            let a = expr_start(toks, o + 1, i - 1);
            let b_end = expr_end(toks, i);
            return SyntaxError::new(
                "invalid syntax. Perhaps you forgot a comma?",
                toks[a].1.to(toks[b_end - 1].1),
            );
        }
    }

    // `x = 1 if 2` without else.
    if tok != Tok::Else {
        let mut k = i;
        while k > ls {
            k -= 1;
            if matches!(toks[k].0, Tok::If) && k > ls && toks[k - 1].0.ends_expr() {
                if !matches!(tok, Tok::Colon) {
                    let lo = depth_open.map(|o| o + 1).unwrap_or(ls);
                    let a = expr_start(toks, lo, k - 1);
                    return SyntaxError::new(
                        "expected 'else' after 'if' expression",
                        toks[a].1.to(toks[i - 1].1),
                    );
                }
                break;
            }
            if matches!(
                toks[k].0,
                Tok::Comma | Tok::Equal | Tok::Else | Tok::Lambda | Tok::LPar | Tok::LSqb | Tok::LBrace
            ) {
                break;
            }
        }
    }

    let mut e = SyntaxError::new("invalid syntax", span);
    if tok == Tok::EndMarker {
        // `@decorator` alone at the end: more may come.
        if toks.get(ls).is_some_and(|t| t.0 == Tok::At) {
            e.incomplete = Incomplete::Statement;
        }
    }
    e
}
