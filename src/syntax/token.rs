//! The tokens the parser consumes: logical lines already split into NEWLINE / INDENT / DEDENT
//! the way CPython's tokenizer does it, literals already decoded.

use num_bigint::BigInt;
use std::fmt;
use std::rc::Rc;
use super::ast::FStringPart;

/// A decoded string literal (one token; implicit concatenation happens in the parser).
#[derive(Clone, Debug, PartialEq)]
pub enum StrLit {
    Str(String),
    Bytes(Vec<u8>),
    /// An f-string whose pieces have not been parsed yet: the byte range of its content
    /// (between the quotes) in the source, and whether it is raw.
    FRaw { start: usize, end: usize, raw: bool },
    /// An f-string after its replacement fields were parsed.
    FStr(Vec<FStringPart>),
}

/// The parser takes each token it looks at by value (see `syntax::Tokens`), so the tokens
/// that carry data share it rather than copy it.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(Rc<str>),
    Int(Rc<BigInt>),
    Float(f64),
    Imag(f64),
    Str(Rc<StrLit>),
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// A character no token starts with (`$`, `?`, `!` alone, ...): the parser reports
    /// `invalid syntax` at it.
    Error,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Operators and delimiters.
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
}

impl Tok {
    pub fn keyword(s: &str) -> Option<Tok> {
        Some(match s {
            "False" => Tok::False,
            "None" => Tok::None,
            "True" => Tok::True,
            "and" => Tok::And,
            "as" => Tok::As,
            "assert" => Tok::Assert,
            "async" => Tok::Async,
            "await" => Tok::Await,
            "break" => Tok::Break,
            "class" => Tok::Class,
            "continue" => Tok::Continue,
            "def" => Tok::Def,
            "del" => Tok::Del,
            "elif" => Tok::Elif,
            "else" => Tok::Else,
            "except" => Tok::Except,
            "finally" => Tok::Finally,
            "for" => Tok::For,
            "from" => Tok::From,
            "global" => Tok::Global,
            "if" => Tok::If,
            "import" => Tok::Import,
            "in" => Tok::In,
            "is" => Tok::Is,
            "lambda" => Tok::Lambda,
            "nonlocal" => Tok::Nonlocal,
            "not" => Tok::Not,
            "or" => Tok::Or,
            "pass" => Tok::Pass,
            "raise" => Tok::Raise,
            "return" => Tok::Return,
            "try" => Tok::Try,
            "while" => Tok::While,
            "with" => Tok::With,
            "yield" => Tok::Yield,
            _ => return None,
        })
    }

    pub fn is_keyword(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            False | None | True | And | As | Assert | Async | Await | Break | Class | Continue | Def
                | Del | Elif | Else | Except | Finally | For | From | Global | If | Import | In | Is
                | Lambda | Nonlocal | Not | Or | Pass | Raise | Return | Try | While | With | Yield
        )
    }

    /// Can this token start an expression? (Used to diagnose `Perhaps you forgot a comma?`.)
    pub fn starts_expr(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Name(_) | Int(_) | Float(_) | Imag(_) | Str(_) | False | None | True | Lambda | Not
                | Await | LPar | LSqb | LBrace | Minus | Plus | Tilde | Ellipsis
        )
    }

    /// Does this token end an expression?
    pub fn ends_expr(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Name(_) | Int(_) | Float(_) | Imag(_) | Str(_) | False | None | True | RPar | RSqb
                | RBrace | Ellipsis
        )
    }
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Name(n) => write!(f, "{n}"),
            Tok::Int(i) => write!(f, "{i}"),
            Tok::Float(x) | Tok::Imag(x) => write!(f, "{x}"),
            Tok::Str(_) => write!(f, "string"),
            other => write!(f, "{other:?}"),
        }
    }
}
