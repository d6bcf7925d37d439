//! The typed syntax tree the parser produces. Every node carries the byte span of the source it
//! came from, so that diagnostics, tracebacks and the teaching views can point at it.
//!
//! The shapes follow CPython's `ast` module closely (same node names, same splits), because a
//! reader who knows `ast.dump` should recognise them.

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `[start, end)` into the source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The 1-based line of a byte offset in `source`, and the text of that line.
pub fn line_at(source: &str, offset: u32) -> (u32, &str) {
    let off = (offset as usize).min(source.len());
    let start = source[..off].rfind('\n').map_or(0, |i| i + 1);
    let end = source[off..].find('\n').map_or(source.len(), |i| off + i);
    let line = source[..start].matches('\n').count() as u32 + 1;
    (line, source[start..end].trim_end_matches('\r'))
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A name as written in the source, with where it was written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: every target, left to right.
    Assign { targets: Vec<Expr>, value: Expr },
    AugAssign { target: Expr, op: BinOp, value: Expr },
    /// `x: int = 0` and bare `x: int`. `simple` is true for a plain name not in parentheses.
    AnnAssign { target: Expr, annotation: Expr, value: Option<Expr>, simple: bool },
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Expr>),
    Delete(Vec<Expr>),
    Pass,
    Break,
    Continue,
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    For { target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>, is_async: bool },
    With { items: Vec<WithItem>, body: Vec<Stmt>, is_async: bool },
    Try { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
    Raise { exc: Option<Expr>, cause: Option<Expr> },
    Assert { test: Expr, msg: Option<Expr> },
    /// `import a.b as c, d`
    Import(Vec<Alias>),
    /// `from .mod import a as b, c` (`level` counts the leading dots; `names` is empty for `*`).
    ImportFrom { module: Option<String>, names: Vec<Alias>, level: u32, star: bool },
    Global(Vec<Ident>),
    Nonlocal(Vec<Ident>),
}

/// The docstring of a function, class or module whose body is `body`.
pub fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr { kind: ExprKind::Constant(Constant::Str(s)), .. })) => Some(s),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunctionDef {
    pub name: Ident,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub returns: Option<Expr>,
    pub is_async: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassDef {
    pub name: Ident,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

/// A parameter list, split as CPython's `ast.arguments` splits it.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Params {
    /// Before `/`.
    pub posonly: Vec<Param>,
    /// Between `/` and `*`.
    pub args: Vec<Param>,
    /// `*args`.
    pub vararg: Option<Param>,
    /// After `*` or `*args`.
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Param>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: Ident,
    pub annotation: Option<Expr>,
    /// Only positional and keyword-only parameters have defaults.
    pub default: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExceptHandler {
    /// `None` for a bare `except:`.
    pub typ: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// `name` or `name as asname` in an import; `name` may be dotted (`a.b.c`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub asname: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// `None` for `**mapping`.
    pub arg: Option<Ident>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExprKind {
    Name(String),
    Constant(Constant),
    /// An f-string, or an implicit concatenation that contains one.
    JoinedStr(Vec<FStringPart>),
    BinOp { left: Box<Expr>, op: BinOp, right: Box<Expr> },
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `a and b and c`: the operands in order.
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `a < b <= c`: `left`, then one operator per comparator.
    Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    /// Positional arguments (possibly `Starred`) then keywords (possibly `**`), as CPython
    /// splits them.
    Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
    Attribute { value: Box<Expr>, attr: Ident },
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// Only inside a subscript: `a[lower:upper:step]`.
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
    /// `*value` in a display, call, or assignment target.
    Starred(Box<Expr>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `None` as a key marks `**mapping` unpacking.
    Dict(Vec<(Option<Expr>, Expr)>),
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    SetComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension> },
    GeneratorExp { elt: Box<Expr>, generators: Vec<Comprehension> },
    Lambda { params: Box<Params>, body: Box<Expr> },
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    /// `target := value`.
    NamedExpr { target: Ident, value: Box<Expr> },
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    Int(BigInt),
    Float(f64),
    /// Imaginary literals such as `2j` (cellar reports them as unsupported).
    Imaginary(f64),
    Str(String),
    Bytes(Vec<u8>),
}

/// One piece of an f-string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FStringPart {
    Literal(String),
    Formatted {
        value: Box<Expr>,
        /// `'r'`, `'s'` or `'a'` after `!`. For `{x=}` without a conversion or format spec
        /// the parser sets `'r'`, as CPython does.
        conversion: Option<char>,
        /// The part after `:`, itself possibly holding replacement fields (`{x:>{width}}`).
        format_spec: Option<Vec<FStringPart>>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

impl BinOp {
    /// The operator as written, for error messages (`unsupported operand type(s) for +: ...`).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }

    /// The operator as an augmented assignment writes it (`+=`), for the errors of `x += y`.
    pub fn aug_symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+=",
            BinOp::Sub => "-=",
            BinOp::Mult => "*=",
            BinOp::MatMult => "@=",
            BinOp::Div => "/=",
            BinOp::FloorDiv => "//=",
            BinOp::Mod => "%=",
            BinOp::Pow => "**=",
            BinOp::LShift => "<<=",
            BinOp::RShift => ">>=",
            BinOp::BitOr => "|=",
            BinOp::BitXor => "^=",
            BinOp::BitAnd => "&=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
    /// The operator with its operands swapped (`a < b` is `b > a`), as CPython tries the
    /// right operand's comparison.
    pub fn reflected(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::LtE => CmpOp::GtE,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::GtE => CmpOp::LtE,
            other => other,
        }
    }
}

/// Which CPython exception class a compile-time error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A compile-time error: from the lexer, the parser or the scope resolver. `msg` is CPython's
/// wording; `span` is where the caret goes.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub span: Span,
    /// Whether the error only says the input ended too early. The REPL uses it to ask for
    /// another line instead of reporting an error.
    pub incomplete: Incomplete,
}

/// What more input could do for an error at the end of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incomplete {
    /// Nothing: the error stands whatever follows.
    No,
    /// A statement is still open (a block to come, an `except` missing). At the prompt an
    /// empty line ends it, and the error then stands.
    Statement,
    /// A bracket, a triple-quoted string or a backslash continuation is still open: every
    /// line, empty ones too, continues it.
    Token,
}

impl SyntaxError {
    pub fn new(msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { kind: SyntaxErrorKind::SyntaxError, msg: msg.into(), span, incomplete: Incomplete::No }
    }
    pub fn indentation(msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { kind: SyntaxErrorKind::IndentationError, msg: msg.into(), span, incomplete: Incomplete::No }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}
