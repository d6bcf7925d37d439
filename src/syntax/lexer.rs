//! Source text to tokens: logos finds the raw tokens, then a small state machine adds
//! NEWLINE / INDENT / DEDENT, checks brackets, and decodes literals, following CPython's
//! tokenizer (`Parser/tokenizer.c`) rule for rule.

use logos::Logos;
use num_bigint::BigInt;
use std::rc::Rc;
use super::ast::{Incomplete, Span, SyntaxError, SyntaxErrorKind};
use super::strings;
use super::token::{StrLit, Tok};

/// How a string literal token was scanned by [`lex_string`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrScan {
    pub prefix_len: u8,
    pub quote_len: u8,
    pub terminated: bool,
}

#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(skip r"[ \t\x0C]+")]
enum Raw {
    #[token("\u{FEFF}")]
    Bom,
    #[regex(r"\r\n|\r|\n")]
    Newline,
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    #[token("\\")]
    Backslash,
    #[regex(r"[\p{XID_Start}_][\p{XID_Continue}]*")]
    Name,
    #[regex(r"[0-9]|\.[0-9]", lex_number)]
    Number,
    #[regex(r#"([rRuU]|[fF][rR]?|[rR][fF]|[bB][rR]?|[rR][bB])?['"]"#, lex_string)]
    Str(StrScan),
    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    VBar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<>")]
    LtGt,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VBarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
}

fn lex_number(lex: &mut logos::Lexer<Raw>) {
    let start = lex.span().start;
    let src = lex.source();
    let end = match scan_number(src, start) {
        Ok((end, _)) => end,
        Err((_, _, end)) => end,
    };
    let consumed = lex.span().end;
    if end > consumed {
        lex.bump(end - consumed);
    }
}

fn lex_string(lex: &mut logos::Lexer<Raw>) -> StrScan {
    let slice = lex.slice();
    let prefix_len = slice.len() - 1;
    let quote = slice.as_bytes()[prefix_len];
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let quote_len = if triple { 3 } else { 1 };
    let mut i = if triple { 2 } else { 0 };
    loop {
        if i >= rest.len() {
            lex.bump(rest.len());
            return StrScan { prefix_len: prefix_len as u8, quote_len, terminated: false };
        }
        let c = rest[i];
        if c == b'\\' {
            i += 2;
            if i > rest.len() {
                i = rest.len();
            }
            continue;
        }
        if !triple && (c == b'\n' || c == b'\r') {
            lex.bump(i);
            return StrScan { prefix_len: prefix_len as u8, quote_len, terminated: false };
        }
        if c == quote {
            if !triple {
                lex.bump(i + 1);
                return StrScan { prefix_len: prefix_len as u8, quote_len, terminated: true };
            }
            if i + 2 < rest.len() && rest[i + 1] == quote && rest[i + 2] == quote {
                lex.bump(i + 3);
                return StrScan { prefix_len: prefix_len as u8, quote_len, terminated: true };
            }
        }
        i += 1;
    }
}

/// A parsed numeric literal.
#[derive(Clone, Debug, PartialEq)]
pub enum NumVal {
    Int(BigInt),
    Float(f64),
    Imag(f64),
}

fn is_id_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric() || (!c.is_ascii() && unicode_ident_continue(c))
}

fn unicode_ident_continue(c: char) -> bool {
    // Good enough: anything alphabetic or a combining mark.
    c.is_alphanumeric()
}

/// Scans a number literal starting at `start` like CPython's tokenizer. On success returns the
/// end offset and the value; on failure `(message, span, end)`.
pub fn scan_number(src: &str, start: usize) -> Result<(usize, NumVal), (String, Span, usize)> {
    let b = src.as_bytes();
    let at = |i: usize| -> u8 { if i < b.len() { b[i] } else { 0 } };
    let mut i = start;
    let err = |msg: &str, s: usize, e: usize| -> Result<(usize, NumVal), (String, Span, usize)> {
        let mut end = e;
        // Skip the rest of what looks like the number so logos resumes after it.
        while end < b.len() {
            let c = src[end..].chars().next().unwrap();
            if is_id_char(c) || c == '.' {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        Err((msg.to_string(), Span::new(s, s + 1), end))
    };
    // After a complete number: an identifier character right after it is an error, except
    // for the keywords CPython only warns about (`1if x else y`).
    let verify_end = |i: usize, kind: &str| -> Option<String> {
        let rest = &src[i..];
        let c = rest.chars().next()?;
        if !is_id_char(c) {
            return None;
        }
        for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            if let Some(tail) = rest.strip_prefix(kw) {
                let after = tail.chars().next();
                if !after.is_some_and(is_id_char) {
                    return None;
                }
            }
        }
        Some(format!("invalid {kind} literal"))
    };
    if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        let (radix, kind) = match at(i + 1) {
            b'x' | b'X' => (16, "hexadecimal"),
            b'o' | b'O' => (8, "octal"),
            _ => (2, "binary"),
        };
        i += 2;
        let mut digits = String::new();
        loop {
            if at(i) == b'_' {
                i += 1;
            }
            let c = at(i) as char;
            if !c.is_digit(radix) {
                if radix < 10 && c.is_ascii_digit() {
                    return err(&format!("invalid digit '{c}' in {kind} literal"), i, i);
                }
                return err(&format!("invalid {kind} literal"), i, i);
            }
            while (at(i) as char).is_digit(radix) {
                digits.push(at(i) as char);
                i += 1;
            }
            if at(i) != b'_' {
                break;
            }
        }
        if radix < 10 && at(i).is_ascii_digit() {
            return err(&format!("invalid digit '{}' in {kind} literal", at(i) as char), i, i);
        }
        if let Some(m) = verify_end(i, kind) {
            return err(&m, start, i);
        }
        let v = BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
        return Ok((i, NumVal::Int(v)));
    }
    // Decimal: integer part (possibly empty for `.5`).
    let mut text = String::new();
    let decimal_tail = |i: &mut usize, text: &mut String| -> Result<(), usize> {
        loop {
            while at(*i).is_ascii_digit() {
                text.push(at(*i) as char);
                *i += 1;
            }
            if at(*i) != b'_' {
                return Ok(());
            }
            *i += 1;
            if !at(*i).is_ascii_digit() {
                return Err(*i - 1);
            }
        }
    };
    let mut is_float = false;
    if at(i) != b'.' {
        if let Err(p) = decimal_tail(&mut i, &mut text) {
            return err("invalid decimal literal", p, p + 1);
        }
    }
    let int_end = i;
    if at(i) == b'.' {
        is_float = true;
        text.push('.');
        i += 1;
        if at(i).is_ascii_digit() {
            if let Err(p) = decimal_tail(&mut i, &mut text) {
                return err("invalid decimal literal", p, p + 1);
            }
        }
    }
    if matches!(at(i), b'e' | b'E') {
        let save = i;
        let mut j = i + 1;
        let mut exp = String::from("e");
        if matches!(at(j), b'+' | b'-') {
            exp.push(at(j) as char);
            j += 1;
        }
        if !at(j).is_ascii_digit() {
            // `1e` followed by something that is not an exponent.
            if verify_end(save, "decimal").is_some() {
                return err("invalid decimal literal", j, j);
            }
        } else {
            i = j;
            if let Err(p) = decimal_tail(&mut i, &mut exp) {
                return err("invalid decimal literal", p, p + 1);
            }
            is_float = true;
            text.push_str(&exp);
        }
    }
    if matches!(at(i), b'j' | b'J') {
        i += 1;
        if let Some(m) = verify_end(i, "imaginary") {
            return err(&m, start, i);
        }
        let v: f64 = text.parse().unwrap_or(0.0);
        return Ok((i, NumVal::Imag(v)));
    }
    if let Some(m) = verify_end(i, "decimal") {
        return err(&m, start, i);
    }
    if is_float {
        let v: f64 = text.parse().unwrap_or(f64::INFINITY);
        return Ok((i, NumVal::Float(v)));
    }
    let _ = int_end;
    if text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0') {
        return Err((
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
            Span::new(start, i),
            i,
        ));
    }
    let v = BigInt::parse_bytes(text.as_bytes(), 10).unwrap_or_default();
    Ok((i, NumVal::Int(v)))
}

/// Byte offsets of line starts, to turn offsets into 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let b = src.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\r' {
                if i + 1 < b.len() && b[i + 1] == b'\n' {
                    i += 1;
                }
                starts.push(i + 1);
            } else if b[i] == b'\n' {
                starts.push(i + 1);
            }
            i += 1;
        }
        LineIndex { starts }
    }
    /// 1-based line number of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

const MAXINDENT: usize = 100;
const MAXLEVEL: usize = 200;

/// The tokens of `src` (offsets relative to `src` plus `base`). On an error, the tokens before it
/// and the error: the parser still runs on those, so that an earlier syntax error wins, as in
/// CPython where tokenizing is lazy.
///
/// `in_parens` starts the tokenizer inside an implicit bracket (used for f-string
/// expressions, which may span lines).
pub fn tokenize(src: &str, base: usize, in_parens: bool) -> (Vec<(Tok, Span)>, Option<SyntaxError>) {
    let mut out: Vec<(Tok, Span)> = Vec::new();
    let err = tokenize_into(src, base, in_parens, &mut out).err();
    (out, err)
}

fn tokenize_into(
    src: &str,
    base: usize,
    in_parens: bool,
    out: &mut Vec<(Tok, Span)>,
) -> Result<(), SyntaxError> {
    let lines = LineIndex::new(src);
    let sp = |s: usize, e: usize| Span::new(s + base, e + base);
    if let Some(p) = src.find('\0') {
        return Err(SyntaxError::new("source code cannot contain null bytes", sp(p, p + 1)));
    }
    let mut lex = Raw::lexer(src);
    // (bracket char, span, line)
    let mut brackets: Vec<(char, Span, usize)> = Vec::new();
    let mut indents: Vec<(usize, usize)> = vec![(0, 0)];
    let mut at_line_start = !in_parens;
    let mut line_start = 0usize;
    let mut line_has_tokens = false;
    let implicit = in_parens;
    while let Some(res) = lex.next() {
        let range = lex.span();
        let (s, e) = (range.start, range.end);
        let raw = match res {
            Ok(r) => r,
            Err(()) => {
                let c = src[s..].chars().next().unwrap_or('?');
                if c.is_ascii() {
                    // `$`, `?`, `!`, backtick: the parser says `invalid syntax` there.
                    if at_line_start && brackets.is_empty() && !implicit {
                        do_indent(src, base, line_start, s, &mut indents, out)?;
                        at_line_start = false;
                    }
                    out.push((Tok::Error, sp(s, e)));
                    line_has_tokens = true;
                    continue;
                }
                return Err(SyntaxError::new(
                    format!("invalid character '{c}' (U+{:04X})", c as u32),
                    sp(s, s + c.len_utf8()),
                ));
            }
        };
        match raw {
            Raw::Bom if s == 0 => {
                line_start = e;
                continue;
            }
            Raw::Newline => {
                if brackets.is_empty() && !implicit {
                    if line_has_tokens {
                        out.push((Tok::Newline, sp(s, e)));
                        line_has_tokens = false;
                    }
                    at_line_start = true;
                    line_start = e;
                }
                continue;
            }
            Raw::Comment | Raw::Continuation => continue,
            _ => {}
        }
        if at_line_start && brackets.is_empty() && !implicit {
            do_indent(src, base, line_start, s, &mut indents, out)?;
            at_line_start = false;
        }
        line_has_tokens = true;
        let tok = match raw {
            Raw::Bom => {
                let c = '\u{FEFF}';
                return Err(SyntaxError::new(
                    format!("invalid non-printable character U+{:04X}", c as u32),
                    sp(s, e),
                ));
            }
            Raw::Newline | Raw::Comment | Raw::Continuation => unreachable!(),
            Raw::Backslash => {
                if e == src.len() {
                    let mut er = SyntaxError::new("unexpected EOF while parsing", sp(s, e));
                    er.incomplete = Incomplete::Token;
                    return Err(er);
                }
                return Err(SyntaxError::new(
                    "unexpected character after line continuation character",
                    sp(s, e),
                ));
            }
            Raw::Name => {
                let text = &src[s..e];
                Tok::keyword(text).unwrap_or_else(|| Tok::Name(text.into()))
            }
            Raw::Number => match scan_number(src, s) {
                Ok((_, NumVal::Int(i))) => Tok::Int(Rc::new(i)),
                Ok((_, NumVal::Float(f))) => Tok::Float(f),
                Ok((_, NumVal::Imag(f))) => Tok::Imag(f),
                Err((msg, span, _)) => {
                    return Err(SyntaxError::new(msg, sp(span.start as usize, span.end as usize)))
                }
            },
            Raw::Str(scan) => {
                if !scan.terminated {
                    let mut er;
                    if scan.quote_len == 3 {
                        er = SyntaxError::new(
                            format!(
                                "unterminated triple-quoted string literal (detected at line {})",
                                lines.line(if src.ends_with('\n') || src.ends_with('\r') { src.len() - 1 } else { src.len() }) + line_offset(base)
                            ),
                            sp(s, s + 1),
                        );
                        er.incomplete = Incomplete::Token;
                    } else {
                        er = SyntaxError::new(
                            format!(
                                "unterminated string literal (detected at line {})",
                                lines.line(s)
                            ),
                            sp(s, s + 1),
                        );
                        // A single-quoted string ending in a backslash at EOF continues.
                        if e == src.len() && src[..e].ends_with('\\') {
                            er.incomplete = Incomplete::Token;
                        }
                    }
                    return Err(er);
                }
                let prefix = src[s..s + scan.prefix_len as usize].to_ascii_lowercase();
                let q = scan.quote_len as usize;
                let body_s = s + scan.prefix_len as usize + q;
                let body_e = e - q;
                let raw_str = prefix.contains('r');
                let lit = if prefix.contains('f') {
                    StrLit::FRaw { start: body_s + base, end: body_e + base, raw: raw_str }
                } else if prefix.contains('b') {
                    match strings::decode_bytes(&src[body_s..body_e], raw_str) {
                        Ok(b) => StrLit::Bytes(b),
                        Err(msg) => return Err(SyntaxError::new(msg, sp(s, e))),
                    }
                } else {
                    match strings::decode_str(&src[body_s..body_e], raw_str) {
                        Ok(st) => StrLit::Str(st),
                        Err(msg) => return Err(SyntaxError::new(msg, sp(s, e))),
                    }
                };
                Tok::Str(Rc::new(lit))
            }
            Raw::LPar | Raw::LSqb | Raw::LBrace => {
                let c = src[s..].chars().next().unwrap();
                if brackets.len() >= MAXLEVEL {
                    return Err(SyntaxError::new("too many nested parentheses", sp(s, e)));
                }
                brackets.push((c, sp(s, e), lines.line(s)));
                match raw {
                    Raw::LPar => Tok::LPar,
                    Raw::LSqb => Tok::LSqb,
                    _ => Tok::LBrace,
                }
            }
            Raw::RPar | Raw::RSqb | Raw::RBrace => {
                let c = src[s..].chars().next().unwrap();
                let Some((open, _, open_line)) = brackets.pop() else {
                    return Err(SyntaxError::new(format!("unmatched '{c}'"), sp(s, e)));
                };
                let expected = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if c != expected {
                    let line = lines.line(s);
                    let msg = if line != open_line {
                        format!(
                            "closing parenthesis '{c}' does not match opening parenthesis '{open}' on line {}",
                            open_line + line_offset(base)
                        )
                    } else {
                        format!("closing parenthesis '{c}' does not match opening parenthesis '{open}'")
                    };
                    return Err(SyntaxError::new(msg, sp(s, e)));
                }
                match raw {
                    Raw::RPar => Tok::RPar,
                    Raw::RSqb => Tok::RSqb,
                    _ => Tok::RBrace,
                }
            }
            Raw::Colon => Tok::Colon,
            Raw::Comma => Tok::Comma,
            Raw::Semi => Tok::Semi,
            Raw::Plus => Tok::Plus,
            Raw::Minus => Tok::Minus,
            Raw::Star => Tok::Star,
            Raw::Slash => Tok::Slash,
            Raw::VBar => Tok::VBar,
            Raw::Amper => Tok::Amper,
            Raw::Less => Tok::Less,
            Raw::Greater => Tok::Greater,
            Raw::Equal => Tok::Equal,
            Raw::Dot => Tok::Dot,
            Raw::Percent => Tok::Percent,
            Raw::EqEqual => Tok::EqEqual,
            Raw::NotEqual => Tok::NotEqual,
            Raw::LtGt => Tok::Error,
            Raw::LessEqual => Tok::LessEqual,
            Raw::GreaterEqual => Tok::GreaterEqual,
            Raw::Tilde => Tok::Tilde,
            Raw::Circumflex => Tok::Circumflex,
            Raw::LeftShift => Tok::LeftShift,
            Raw::RightShift => Tok::RightShift,
            Raw::DoubleStar => Tok::DoubleStar,
            Raw::PlusEqual => Tok::PlusEqual,
            Raw::MinEqual => Tok::MinEqual,
            Raw::StarEqual => Tok::StarEqual,
            Raw::SlashEqual => Tok::SlashEqual,
            Raw::PercentEqual => Tok::PercentEqual,
            Raw::AmperEqual => Tok::AmperEqual,
            Raw::VBarEqual => Tok::VBarEqual,
            Raw::CircumflexEqual => Tok::CircumflexEqual,
            Raw::LeftShiftEqual => Tok::LeftShiftEqual,
            Raw::RightShiftEqual => Tok::RightShiftEqual,
            Raw::DoubleStarEqual => Tok::DoubleStarEqual,
            Raw::DoubleSlash => Tok::DoubleSlash,
            Raw::DoubleSlashEqual => Tok::DoubleSlashEqual,
            Raw::At => Tok::At,
            Raw::AtEqual => Tok::AtEqual,
            Raw::RArrow => Tok::RArrow,
            Raw::Ellipsis => Tok::Ellipsis,
            Raw::ColonEqual => Tok::ColonEqual,
        };
        out.push((tok, sp(s, e)));
    }
    let end = src.len();
    if let Some(&(open, span, _)) = brackets.last() {
        let mut er = SyntaxError::new(format!("'{open}' was never closed"), span);
        er.incomplete = Incomplete::Token;
        return Err(er);
    }
    if implicit {
        out.push((Tok::EndMarker, sp(end, end)));
        return Ok(());
    }
    if line_has_tokens {
        out.push((Tok::Newline, sp(end, end)));
    }
    for _ in 1..indents.len() {
        out.push((Tok::Dedent, sp(end, end)));
    }
    out.push((Tok::EndMarker, sp(end, end)));
    Ok(())
}

/// Line numbers in messages are relative to the text being tokenized; f-string expressions
/// are tokenized on their own, so they would need the outer line. Kept at 0: the f-string
/// expression tokenizer never produces line-numbered messages that matter.
fn line_offset(_base: usize) -> usize {
    0
}

/// CPython's indentation bookkeeping at the first token of a logical line.
fn do_indent(
    src: &str,
    base: usize,
    line_start: usize,
    tok_start: usize,
    indents: &mut Vec<(usize, usize)>,
    out: &mut Vec<(Tok, Span)>,
) -> Result<(), SyntaxError> {
    let (mut col, mut altcol) = (0usize, 0usize);
    for c in src[line_start..tok_start].bytes() {
        match c {
            b' ' => {
                col += 1;
                altcol += 1;
            }
            b'\t' => {
                col = (col / 8 + 1) * 8;
                altcol += 1;
            }
            b'\x0C' => {
                col = 0;
                altcol = 0;
            }
            _ => {}
        }
    }
    let span = Span::new(tok_start + base, tok_start + base);
    let tab_error = || SyntaxError {
        kind: SyntaxErrorKind::TabError,
        msg: "inconsistent use of tabs and spaces in indentation".into(),
        span,
        incomplete: Incomplete::No,
    };
    let &(top, alttop) = indents.last().unwrap();
    if col == top {
        if altcol != alttop {
            return Err(tab_error());
        }
    } else if col > top {
        if indents.len() >= MAXINDENT {
            return Err(SyntaxError::indentation("too many levels of indentation", span));
        }
        if altcol <= alttop {
            return Err(tab_error());
        }
        indents.push((col, altcol));
        out.push((Tok::Indent, Span::new(line_start + base, tok_start + base)));
    } else {
        while indents.len() > 1 && col < indents.last().unwrap().0 {
            indents.pop();
            out.push((Tok::Dedent, span));
        }
        let &(top, alttop) = indents.last().unwrap();
        if col != top {
            return Err(SyntaxError::indentation(
                "unindent does not match any outer indentation level",
                span,
            ));
        }
        if altcol != alttop {
            return Err(tab_error());
        }
    }
    Ok(())
}

/// Token categories for syntax highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    Keyword,
    Name,
    String,
    Number,
    Comment,
    Operator,
    Other,
}

/// Tokens for syntax highlighting in the REPL. Never fails: incomplete or invalid input just
/// yields `Other` pieces.
pub fn highlight_tokens(src: &str) -> Vec<(HighlightKind, Span)> {
    let mut lex = Raw::lexer(src);
    let mut out = Vec::new();
    while let Some(res) = lex.next() {
        let r = lex.span();
        let span = Span::new(r.start, r.end);
        let kind = match res {
            Err(()) => HighlightKind::Other,
            Ok(raw) => match raw {
                Raw::Name => {
                    if Tok::keyword(&src[r.clone()]).is_some() {
                        HighlightKind::Keyword
                    } else {
                        HighlightKind::Name
                    }
                }
                Raw::Number => HighlightKind::Number,
                Raw::Str(_) => HighlightKind::String,
                Raw::Comment => HighlightKind::Comment,
                Raw::Newline | Raw::Continuation | Raw::Backslash | Raw::Bom => HighlightKind::Other,
                Raw::LPar | Raw::RPar | Raw::LSqb | Raw::RSqb | Raw::LBrace | Raw::RBrace
                | Raw::Comma | Raw::Semi | Raw::Colon | Raw::Dot => HighlightKind::Other,
                _ => HighlightKind::Operator,
            },
        };
        out.push((kind, span));
    }
    out
}

/// Tokens of `src[start..end]` (an f-string replacement field), with spans into `src`, as if
/// inside brackets (newlines are ignored; no NEWLINE / INDENT tokens).
pub fn tokenize_at(src: &str, start: usize, end: usize) -> (Vec<(Tok, Span)>, Option<SyntaxError>) {
    tokenize(&src[start..end], start, true)
}
