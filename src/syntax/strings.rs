//! String literal bodies: escape decoding and splitting f-strings into literal text and
//! replacement fields (CPython 3.11 rules, where the whole f-string is one token).

use super::ast::{Expr, FStringPart, Span, SyntaxError};

fn unicode_error(pos: usize, end: usize, what: &str) -> String {
    format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {pos}-{end}: {what}")
}

/// Decodes the body of a (non-f) str literal.
pub fn decode_str(body: &str, raw: bool) -> Result<String, String> {
    if raw || !body.contains('\\') {
        return Ok(normalize_newlines(body));
    }
    let mut out = String::with_capacity(body.len());
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\r' {
            out.push('\n');
            if i + 1 < chars.len() && chars[i + 1].1 == '\n' {
                i += 1;
            }
            i += 1;
            continue;
        }
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        if i + 1 >= chars.len() {
            return Err(unicode_error(pos, pos, "\\ at end of string"));
        }
        let e = chars[i + 1].1;
        i += 2;
        match e {
            '\n' => {}
            '\r' => {
                if i < chars.len() && chars[i].1 == '\n' {
                    i += 1;
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0C'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0B'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap();
                let mut n = 1;
                while n < 3 && i < chars.len() && chars[i].1.is_digit(8) {
                    v = v * 8 + chars[i].1.to_digit(8).unwrap();
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                for k in 0..n {
                    match chars.get(i + k).and_then(|c| c.1.to_digit(16)) {
                        Some(d) => v = v * 16 + d,
                        None => {
                            let endpos = chars.get(i + k).map(|c| c.0).unwrap_or(body.len());
                            let what = match e {
                                'x' => "truncated \\xXX escape",
                                'u' => "truncated \\uXXXX escape",
                                _ => "truncated \\UXXXXXXXX escape",
                            };
                            return Err(unicode_error(pos, endpos.saturating_sub(1).max(pos + 1), what));
                        }
                    }
                }
                i += n;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(unicode_error(pos, pos + n + 1, "illegal Unicode character"))
                    }
                }
            }
            'N' => {
                let end = body[pos..].find('}').map(|x| x + pos).unwrap_or(body.len() - 1);
                return Err(unicode_error(pos, end, "unknown Unicode character name"));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn normalize_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// Decodes the body of a bytes literal.
pub fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, String> {
    if !body.is_ascii() {
        return Err("bytes can only contain ASCII literal characters".into());
    }
    let body = normalize_newlines(body);
    let b = body.as_bytes();
    if raw {
        return Ok(b.to_vec());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        if i + 1 >= b.len() {
            return Err(format!(
                "(value error) invalid \\x escape at position {i}"
            ));
        }
        let e = b[i + 1];
        let pos = i;
        i += 2;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push((v & 0xFF) as u8);
            }
            b'x' => {
                let h = |k: usize| b.get(k).and_then(|c| (*c as char).to_digit(16));
                match (h(i), h(i + 1)) {
                    (Some(a), Some(c)) => {
                        out.push((a * 16 + c) as u8);
                        i += 2;
                    }
                    _ => return Err(format!("(value error) invalid \\x escape at position {pos}")),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Parses one embedded expression: `(source, start, end)` byte range in the whole source.
pub type ExprParser<'a> = dyn Fn(usize, usize) -> Result<Expr, SyntaxError> + 'a;

/// Splits an f-string body `src[start..end]` into parts, parsing replacement fields with
/// `parse_expr`. Spans in errors and expressions point into `src`.
pub fn parse_fstring(
    src: &str,
    start: usize,
    end: usize,
    raw: bool,
    parse_expr: &ExprParser<'_>,
) -> Result<Vec<FStringPart>, SyntaxError> {
    let mut parts = Vec::new();
    let mut pos = start;
    parse_fstring_parts(src, &mut pos, end, raw, 0, parse_expr, &mut parts)?;
    Ok(merge_literals(parts))
}

pub fn merge_literals(parts: Vec<FStringPart>) -> Vec<FStringPart> {
    let mut out: Vec<FStringPart> = Vec::with_capacity(parts.len());
    for p in parts {
        if let FStringPart::Literal(s) = &p {
            if s.is_empty() {
                continue;
            }
            if let Some(FStringPart::Literal(prev)) = out.last_mut() {
                prev.push_str(s);
                continue;
            }
        }
        out.push(p);
    }
    out
}

fn ferr(msg: &str, at: usize) -> SyntaxError {
    SyntaxError::new(msg, Span::new(at, at + 1))
}

/// Literal text and fields until `end` (or, inside a format spec, until the closing `}`).
fn parse_fstring_parts(
    src: &str,
    pos: &mut usize,
    end: usize,
    raw: bool,
    depth: usize,
    parse_expr: &ExprParser<'_>,
    parts: &mut Vec<FStringPart>,
) -> Result<(), SyntaxError> {
    let b = src.as_bytes();
    loop {
        // Literal run.
        let lit_start = *pos;
        let mut lit = String::new();
        let mut seg_start = *pos;
        while *pos < end {
            let c = b[*pos];
            if c == b'\\' && !raw && *pos + 1 < end {
                // Escapes are decoded with the segment; skip the escaped char so `\{` is not
                // taken for a field (CPython treats `\{` as `\` then `{`).
                if b[*pos + 1] == b'{' || b[*pos + 1] == b'}' {
                    *pos += 1;
                    continue;
                }
                *pos += 2;
                continue;
            }
            if c == b'{' {
                if depth == 0 && *pos + 1 < end && b[*pos + 1] == b'{' {
                    lit.push_str(&decode_seg(&src[seg_start..*pos + 1], raw, seg_start)?);
                    *pos += 2;
                    seg_start = *pos;
                    continue;
                }
                break;
            }
            if c == b'}' {
                if depth > 0 {
                    break;
                }
                if *pos + 1 < end && b[*pos + 1] == b'}' {
                    lit.push_str(&decode_seg(&src[seg_start..*pos + 1], raw, seg_start)?);
                    *pos += 2;
                    seg_start = *pos;
                    continue;
                }
                return Err(ferr("f-string: single '}' is not allowed", *pos));
            }
            *pos += 1;
        }
        let _ = lit_start;
        lit.push_str(&decode_seg(&src[seg_start..*pos], raw, seg_start)?);
        parts.push(FStringPart::Literal(lit));
        if *pos >= end {
            return Ok(());
        }
        if b[*pos] == b'}' {
            // End of a format spec.
            return Ok(());
        }
        // A replacement field.
        if depth >= 2 {
            return Err(ferr("f-string: expressions nested too deeply", *pos));
        }
        parse_field(src, pos, end, raw, depth, parse_expr, parts)?;
    }
}

fn decode_seg(s: &str, raw: bool, at: usize) -> Result<String, SyntaxError> {
    decode_str(s, raw).map_err(|m| SyntaxError::new(m, Span::new(at, at + s.len().max(1))))
}

fn parse_field(
    src: &str,
    pos: &mut usize,
    end: usize,
    raw: bool,
    depth: usize,
    parse_expr: &ExprParser<'_>,
    parts: &mut Vec<FStringPart>,
) -> Result<(), SyntaxError> {
    let b = src.as_bytes();
    let open = *pos;
    *pos += 1;
    let expr_start = *pos;
    let mut nest: Vec<u8> = Vec::new();
    let mut quote: Option<(u8, usize)> = None;
    // Find the end of the expression.
    while *pos < end {
        let c = b[*pos];
        if c == b'\\' {
            return Err(ferr("f-string expression part cannot include a backslash", *pos));
        }
        if let Some((q, n)) = quote {
            if c == q {
                if n == 3 {
                    if *pos + 2 < end && b[*pos + 1] == q && b[*pos + 2] == q {
                        *pos += 3;
                        quote = None;
                        continue;
                    }
                } else {
                    quote = None;
                }
            }
            *pos += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => {
                if *pos + 2 < end && b[*pos + 1] == c && b[*pos + 2] == c {
                    quote = Some((c, 3));
                    *pos += 3;
                } else {
                    quote = Some((c, 1));
                    *pos += 1;
                }
                continue;
            }
            b'[' | b'(' | b'{' => {
                nest.push(c);
                *pos += 1;
                continue;
            }
            b']' | b')' => {
                nest.pop();
                *pos += 1;
                continue;
            }
            b'}' if !nest.is_empty() => {
                nest.pop();
                *pos += 1;
                continue;
            }
            b'#' => return Err(ferr("f-string expression part cannot include '#'", *pos)),
            _ => {}
        }
        if nest.is_empty() {
            let next = if *pos + 1 < end { b[*pos + 1] } else { 0 };
            if c == b'}' || c == b':' {
                break;
            }
            if c == b'!' && next != b'=' {
                break;
            }
            if c == b'=' && next != b'=' {
                let prev = if *pos > expr_start { b[*pos - 1] } else { 0 };
                if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    break;
                }
            }
            if matches!(c, b'!' | b'=' | b'<' | b'>') && next == b'=' {
                *pos += 2;
                continue;
            }
        }
        *pos += 1;
    }
    if quote.is_some() {
        return Err(ferr("f-string: unterminated string", open));
    }
    if *pos >= end {
        return Err(ferr("f-string: expecting '}'", open));
    }
    let expr_end = *pos;
    if src[expr_start..expr_end].trim().is_empty() {
        return Err(ferr("f-string: empty expression not allowed", open));
    }
    let value = parse_expr(expr_start, expr_end)?;
    let mut debug_text: Option<String> = None;
    if b[*pos] == b'=' {
        *pos += 1;
        while *pos < end && matches!(b[*pos], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
            *pos += 1;
        }
        debug_text = Some(src[expr_start..*pos].to_string());
    }
    let mut conversion = None;
    if *pos < end && b[*pos] == b'!' {
        *pos += 1;
        if *pos >= end {
            return Err(ferr("f-string: expecting '}'", open));
        }
        let c = src[*pos..].chars().next().unwrap();
        if !matches!(c, 's' | 'r' | 'a') {
            return Err(ferr(
                "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                *pos,
            ));
        }
        conversion = Some(c);
        *pos += 1;
    }
    let mut format_spec = None;
    if *pos < end && b[*pos] == b':' {
        *pos += 1;
        let mut spec = Vec::new();
        parse_fstring_parts(src, pos, end, raw, depth + 1, parse_expr, &mut spec)?;
        format_spec = Some(merge_literals(spec));
    }
    if *pos >= end || b[*pos] != b'}' {
        return Err(ferr("f-string: expecting '}'", open));
    }
    *pos += 1;
    if let Some(t) = debug_text {
        parts.push(FStringPart::Literal(t));
        if conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
    }
    parts.push(FStringPart::Formatted { value: Box::new(value), conversion, format_spec });
    Ok(())
}
