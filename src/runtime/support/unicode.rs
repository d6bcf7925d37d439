//! The character classes and case mappings of `str` methods, as CPython's Unicode database
//! has them where Rust's `char` methods differ.

use super::format::unicode_decimal;

/// `str.isspace` for one character.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

pub fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

pub fn is_decimal(c: char) -> bool {
    unicode_decimal(c).is_some()
}

/// Characters with Numeric_Type=Digit that are not decimals (superscripts, circled digits, …).
pub fn is_digit(c: char) -> bool {
    if is_decimal(c) {
        return true;
    }
    let n = c as u32;
    matches!(n,
        0xb2 | 0xb3 | 0xb9 | 0x1369..=0x1371 | 0x19da | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089
        | 0x2460..=0x2468 | 0x2474..=0x247c | 0x2488..=0x2490 | 0x24ea | 0x24f5..=0x24fd | 0x24ff
        | 0x2776..=0x277e | 0x2780..=0x2788 | 0x278a..=0x2792 | 0x10a40..=0x10a43 | 0x10e60..=0x10e68
        | 0x11052..=0x1105a | 0x1f100..=0x1f10a)
}

/// CJK and other ideographic numerals that are numeric without being `N*` characters.
pub fn is_numeric(c: char) -> bool {
    if is_digit(c) || c.is_numeric() {
        return true;
    }
    matches!(c as u32,
        0x3007 | 0x4e00 | 0x4e03 | 0x4e07 | 0x4e09 | 0x4e5d | 0x4e8c | 0x4e94 | 0x4e96 | 0x4ebf | 0x4ec0
        | 0x4edf | 0x4ee8 | 0x4f0d | 0x4f70 | 0x5104 | 0x5146 | 0x5169 | 0x516b | 0x516d | 0x5341 | 0x5343
        | 0x5344 | 0x5345 | 0x534c | 0x53c1..=0x53c4 | 0x56db | 0x58f1 | 0x58f9 | 0x5e7a | 0x5efe | 0x5eff
        | 0x5f0c..=0x5f0e | 0x5f10 | 0x62fe | 0x634c | 0x67d2 | 0x6f06 | 0x7396 | 0x767e | 0x8086 | 0x842c
        | 0x8cae | 0x8cb3 | 0x8d30 | 0x9621 | 0x9646 | 0x964c | 0x9678 | 0x96f6 | 0xf96b | 0xf973 | 0xf978
        | 0xf9b2 | 0xf9d1 | 0xf9d3 | 0xf9fd | 0x2f890)
}

pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // Python's isalpha is the L* categories; Rust's Alphabetic adds letter numbers (Ⅷ).
    c.is_alphabetic() && !c.is_numeric()
}

pub fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

pub fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

pub fn to_title(c: char, out: &mut String) {
    match c as u32 {
        0x1c4..=0x1c6 => out.push('\u{1c5}'),
        0x1c7..=0x1c9 => out.push('\u{1c8}'),
        0x1ca..=0x1cc => out.push('\u{1cb}'),
        0x1f1..=0x1f3 => out.push('\u{1f2}'),
        0xdf => out.push_str("Ss"),
        0xfb00 => out.push_str("Ff"),
        0xfb01 => out.push_str("Fi"),
        0xfb02 => out.push_str("Fl"),
        0xfb03 => out.push_str("Ffi"),
        0xfb04 => out.push_str("Ffl"),
        0xfb05 | 0xfb06 => out.push_str("St"),
        _ if is_titlecase(c) => out.push(c),
        _ => out.extend(c.to_uppercase()),
    }
}

pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let n = c as u32;
    !(c.is_control()
        || (py_isspace(c))
        || n == 0xad
        || (0x600..=0x605).contains(&n)
        || n == 0x61c
        || n == 0x6dd
        || n == 0x70f
        || (0x200b..=0x200f).contains(&n)
        || (0x202a..=0x202e).contains(&n)
        || (0x2060..=0x206f).contains(&n)
        || n == 0xfeff
        || (0xfff9..=0xfffb).contains(&n)
        || (0xd800..=0xf8ff).contains(&n)
        || (0xe0000..=0xe007f).contains(&n)
        || n >= 0xf0000)
}

pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || is_alpha(c) || (!c.is_ascii() && c.is_alphabetic()) => {}
        _ => return false,
    }
    chars.all(|c| {
        c == '_'
            || c.is_ascii_alphanumeric()
            || (!c.is_ascii() && (c.is_alphanumeric() || is_digit(c) || is_mark(c)))
    })
}

pub fn is_mark(c: char) -> bool {
    let n = c as u32;
    (0x300..=0x36f).contains(&n)
        || (0x1ab0..=0x1aff).contains(&n)
        || (0x1dc0..=0x1dff).contains(&n)
        || (0x20d0..=0x20ff).contains(&n)
        || (0xfe20..=0xfe2f).contains(&n)
}

pub fn lower_str(s: &str) -> String {
    s.to_lowercase()
}

pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'İ' => out.push_str("i\u{307}"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            to_title(c, &mut out);
        }
        prev_cased = is_cased(c);
    }
    out
}

pub fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        to_title(c, &mut out);
    }
    let rest: String = chars.collect();
    out.push_str(&rest.to_lowercase());
    // `to_lowercase` of the rest alone misses a final sigma that follows the first letter;
    // CPython lowers the rest with the whole string as context.
    out
}

pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            if c == 'Σ' {
                // final sigma rule, as in lower()
                let before = chars[..i]
                    .iter()
                    .rev()
                    .find(|c| !is_case_ignorable(**c))
                    .is_some_and(|c| is_cased(*c));
                let after = chars[i + 1..]
                    .iter()
                    .find(|c| !is_case_ignorable(**c))
                    .is_some_and(|c| is_cased(*c));
                out.push(if before && !after { 'ς' } else { 'σ' });
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn is_case_ignorable(c: char) -> bool {
    matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}') || is_mark(c)
}
