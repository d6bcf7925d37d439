//! Resolved code: the tree the interpreter walks. The compiler lowers the AST into it with
//! every variable already resolved to where it lives (a local slot, a cell slot, a global
//! name), so that running never looks a local up by name.

use crate::runtime::model::value::{PyStr, Value};
use crate::scope::{ScopeId, SymbolTable};
use crate::syntax::ast::{BinOp, CmpOp, Span, UnaryOp};
use crate::syntax::lazy::LazyDef;
use std::cell::OnceCell;
use std::rc::Rc;

/// What a code object is the body of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    Lambda,
    Comprehension,
    Class,
}

/// A code object: one function, lambda, comprehension, class body or module.
pub struct Code {
    pub kind: CodeKind,
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub file: Rc<str>,
    pub source: Rc<str>,
    pub span: Span,
    pub first_line: u32,
    /// `co_varnames`: parameters first, then other plain locals in order of first use.
    pub varnames: Vec<Rc<PyStr>>,
    /// `co_cellvars` then `co_freevars`: a frame's cell slots are these, in this order.
    pub cellvars: Vec<Rc<PyStr>>,
    pub freevars: Vec<Rc<PyStr>>,
    /// Parameters that are cells: (parameter index, cell slot). Their argument moves into the
    /// cell when the frame starts.
    pub cell_params: Vec<(usize, usize)>,
    pub sig: Signature,
    /// Positional parameters only, no cell variables, at most `STACK_LOCALS` locals, and a
    /// body that runs when called (not a coroutine or a generator): a call passing every
    /// parameter needs nothing but its arguments (`Interp::call_plain`).
    pub plain: bool,
    pub body: Vec<Stmt>,
    pub docstring: Option<Value>,
    pub is_async: bool,
    /// The resolver found `yield` in the body (`CO_GENERATOR`).
    pub is_generator: bool,
    /// Names the body reads as globals or builtins (for `inspect.getclosurevars`).
    pub global_names: Vec<Rc<PyStr>>,
    /// The resolver's tables for the whole compilation this code came from, and which scope
    /// is this code's. `:scope f` explains `f` from them long after compiling: they travel
    /// with the function, so no registry keyed by code address can go stale.
    pub symbols: Rc<SymbolTable>,
    pub scope_id: ScopeId,
    /// Only in the stand-in for a library function's code not made yet (`FuncCode`).
    pub waiting: Option<Rc<LazyCode>>,
}

/// A function's code: made by the compiler, or, for a function of the embedded library,
/// made from its frozen tree when something first needs it (see `syntax::lazy`). Until then it
/// holds a stand-in whose `waiting` says how to make it, and whose name, qualified name and
/// docstring are already the function's. Reading it through `Deref` makes it if need be, so
/// the one cost for every other function is a look at `waiting`; and a function is no
/// bigger for it.
pub struct FuncCode(Rc<Code>);

/// What makes a waiting function's code, shared by every function its `def` makes.
pub struct LazyCode {
    pub source: Rc<str>,
    pub file: Rc<str>,
    /// Where the source's line breaks are (`Compiler::line_of`), found once for the module.
    pub newlines: Rc<[u32]>,
    pub def: LazyDef,
    pub made: OnceCell<Rc<Code>>,
}

impl FuncCode {
    /// Code still to be made: `stand_in` answers for it until then.
    pub fn waiting(mut stand_in: Rc<Code>, lazy: Rc<LazyCode>) -> FuncCode {
        let code = Rc::get_mut(&mut stand_in).expect("a stand-in of its own");
        code.plain = false;
        code.waiting = Some(lazy);
        FuncCode(stand_in)
    }
    /// The code if it is `plain`, without the look at `waiting`: a stand-in never is, so
    /// the fast call path (`Interp::call_plain`) pays nothing for laziness.
    #[inline(always)]
    pub fn plain(&self) -> Option<&Code> {
        self.0.plain.then_some(&*self.0)
    }
    /// The code of a function `plain` found plain.
    #[inline(always)]
    pub fn known_plain(&self) -> &Code {
        debug_assert!(self.0.plain, "only a plain function's code is read unmade");
        &self.0
    }
    /// Another handle on the same code (a new function from the same `def`), without making
    /// code that is still waiting.
    pub fn share(&self) -> FuncCode {
        FuncCode(self.0.clone())
    }
    /// `__name__` and `__qualname__`, which decorators read when the `def` runs: the
    /// stand-in's are the function's.
    pub fn name(&self) -> &Rc<PyStr> {
        &self.0.name
    }
    pub fn qualname(&self) -> &Rc<PyStr> {
        &self.0.qualname
    }
    /// `__doc__`, which decorators read too: the stand-in's is the function's.
    pub fn docstring(&self) -> Option<Value> {
        self.0.docstring.clone()
    }
    #[cold]
    #[inline(never)]
    fn made(lazy: &LazyCode) -> &Rc<Code> {
        lazy.made.get_or_init(|| super::compile_waiting(lazy))
    }
}

impl From<Rc<Code>> for FuncCode {
    fn from(code: Rc<Code>) -> FuncCode {
        FuncCode(code)
    }
}

impl std::ops::Deref for FuncCode {
    type Target = Rc<Code>;
    #[inline(always)]
    fn deref(&self) -> &Rc<Code> {
        match &self.0.waiting {
            None => &self.0,
            Some(lazy) => Self::made(lazy),
        }
    }
}

/// How many local slots a call keeps on the Rust stack; frames with more use the heap.
pub const STACK_LOCALS: usize = 8;

impl Code {
    pub fn n_locals(&self) -> usize {
        self.varnames.len()
    }
    pub fn n_cells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }
    /// The name of cell slot `i`, and whether it is one of this code's own cells (as opposed
    /// to a free variable from an enclosing function).
    pub fn cell_name(&self, i: usize) -> (&Rc<PyStr>, bool) {
        if i < self.cellvars.len() {
            (&self.cellvars[i], true)
        } else {
            (&self.freevars[i - self.cellvars.len()], false)
        }
    }
}

/// How arguments bind to parameters.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    pub posonly: usize,
    /// Positional parameters, positional-only included (`co_argcount`).
    pub argcount: usize,
    pub kwonly: usize,
    pub varargs: bool,
    pub varkw: bool,
}

impl Signature {
    /// Only positional parameters, with no `*args` or `**kwargs`.
    pub fn is_positional(&self) -> bool {
        self.kwonly == 0 && !self.varargs && !self.varkw
    }
    /// Slots taken by parameters: they come first among the locals.
    pub fn n_params(&self) -> usize {
        self.argcount + self.kwonly + self.varargs as usize + self.varkw as usize
    }
}

pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

pub enum StmtKind {
    Expr(Expr),
    /// An expression statement at the REPL prompt: its value is echoed.
    Echo(Expr),
    Assign(Vec<Target>, Expr),
    AugAssign(Target, BinOp, Expr),
    /// Module-level `x: int = 0`: records the annotation in `__annotations__`.
    Annotated { name: Rc<PyStr>, annotation: Expr, value: Option<(Target, Expr)> },
    Def { func: Rc<FuncDef>, target: Target },
    Class(Box<ClassDef>),
    Return(Option<Expr>),
    Delete(Vec<Target>),
    Pass,
    /// `global` or `nonlocal`: nothing to run, and no line for a stepper, as in CPython,
    /// which compiles no instruction for them.
    Declaration,
    Break,
    Continue,
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For { target: Target, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Try { body: Vec<Stmt>, handlers: Vec<Handler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
    /// `with a as x, b: body`: each manager wraps the items after it and the body.
    With(Vec<WithItem>, Vec<Stmt>),
    /// `async with`: the same, with `__aenter__`/`__aexit__` awaited.
    AsyncWith(Vec<WithItem>, Vec<Stmt>),
    /// `async for`: `__aiter__`, then `__anext__` awaited until StopAsyncIteration.
    AsyncFor { target: Target, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Raise(Option<Expr>, Option<Expr>),
    Assert(Expr, Option<Expr>),
    /// `import a.b as c`: the module to load, and where to store it.
    Import { module: String, target: Target, bind_top: bool },
    ImportFrom { module: String, names: Vec<(Rc<PyStr>, Target)> },
    /// The whole body of a comprehension's code.
    Comp(Box<CompBody>),
    Unsupported(&'static str),
}

pub struct WithItem {
    pub context: Expr,
    pub target: Option<Target>,
    pub span: Span,
}

pub struct Handler {
    pub typ: Option<Expr>,
    pub name: Option<Target>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// Where an assignment stores.
pub enum Target {
    Local(u32),
    /// A cell slot, and where in the source the store is: the trace notes the line that
    /// wrote the cell.
    Cell(u32, u32),
    /// A global, by name; the cache remembers where the last store or load found it. The
    /// offset of the store is for the trace, as a cell's is.
    Global(Rc<PyStr>, GlobalCache, u32),
    /// A name bound in a class body: a key of the namespace that becomes the class's `__dict__`.
    Name(Rc<PyStr>),
    Attr(Box<Expr>, Rc<PyStr>, AttrCache),
    Subscript(Box<Expr>, Box<Expr>),
    /// `a, *b, c = ...`: `star` is the index of the starred target.
    Unpack { items: Vec<Target>, star: Option<usize>, span: Span },
}

/// Everything a `class` statement needs to make a class at run time.
pub struct ClassDef {
    /// The body, run once as a frame whose names live in the new class's namespace.
    pub code: Rc<Code>,
    pub bases: Vec<Arg>,
    pub decorators: Vec<Expr>,
    /// For each free variable of the body, the cell slot of the defining frame that holds it.
    pub closure: Vec<u32>,
    pub target: Target,
}

/// Everything `def` or `lambda` needs to make a function at run time.
pub struct FuncDef {
    pub code: FuncCode,
    pub defaults: Vec<Expr>,
    pub kwdefaults: Vec<(Rc<PyStr>, Expr)>,
    pub annotations: Vec<(Rc<PyStr>, Expr)>,
    /// For each free variable of the new function, the cell slot of the defining frame that
    /// holds it.
    pub closure: Vec<u32>,
    pub decorators: Vec<Expr>,
}

pub enum Expr {
    Const(Value),
    Local(u32, Span),
    Cell(u32, Span),
    /// A global or builtin, by name; the cache remembers where the last lookup found it.
    Global(Rc<PyStr>, Span, GlobalCache),
    /// A name read in a class body (CPython's `LOAD_NAME`): the class namespace, then the
    /// globals, then the builtins.
    Name(Rc<PyStr>, Span),
    /// A free variable read in a class body (`LOAD_CLASSDEREF`): the class namespace first,
    /// then the cell.
    ClassDeref(u32, Rc<PyStr>, Span),
    BinOp(Box<Expr>, BinOp, Box<Expr>, Span),
    Unary(UnaryOp, Box<Expr>, Span),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>, Span),
    Call(Box<Call>),
    /// `obj.name(args)`: calls the method without making a bound method first.
    CallMethod(Box<Expr>, Rc<PyStr>, Box<Call>, Box<MethodCache>),
    Attr(Box<Expr>, Rc<PyStr>, Span, AttrCache),
    Subscript(Box<Expr>, Box<Expr>, Span),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Tuple(Vec<Elt>),
    List(Vec<Elt>),
    Set(Vec<Elt>),
    /// `None` key: `**mapping`.
    Dict(Vec<(Option<Expr>, Expr)>),
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Lambda(Rc<FuncDef>),
    /// A comprehension: a function called once with the first iterable's iterator.
    Comprehension(Rc<FuncDef>, Box<Expr>, Span),
    /// `name := value`.
    Walrus(Box<Target>, Box<Expr>),
    FString(Vec<FPart>),
    Await(Box<Expr>, Span),
    /// `yield` and `yield value`: only in a generator's frame.
    Yield(Option<Box<Expr>>, Span),
    YieldFrom(Box<Expr>, Span),
    /// `locals()`, `dir()`, `vars()` or `super()` with no arguments: they describe the
    /// calling frame, so the interpreter answers them when the name still means the builtin.
    FrameQuery(FrameQuery, Box<Call>),
    Unsupported(&'static str, Span),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FrameQuery {
    Locals,
    Dir,
    Vars,
    /// Zero-argument `super()`: the class from the frame's `__class__` cell, and its first
    /// argument.
    Super,
}

/// Where a global name was last found: (globals layout, builtins layout, position, whether
/// it was in the builtins). Valid while neither dict has gained or lost a key.
#[derive(Default)]
pub struct GlobalCache(pub std::cell::Cell<(u64, u64, u32, bool)>);

/// Where an instance attribute was found last: its position in the `__dict__` and the
/// layout of that dict. While the same instance comes back with the same keys (`self.count`
/// in a loop), the attribute is read or written there without a search.
#[derive(Default)]
pub struct AttrCache(pub std::cell::Cell<(u64, u32)>);

/// What a method call site found last, so that a site that keeps calling the same method
/// on the same kind of receiver skips the search by name. Boxed in `Expr::CallMethod`, where
/// it would otherwise make every expression larger.
#[derive(Default)]
pub struct MethodCache {
    /// The builtin method, and for which kind of receiver.
    pub builtin: std::cell::Cell<Option<(std::mem::Discriminant<Value>, &'static crate::runtime::types::Method)>>,
    /// The function a class written in Python defines under the name.
    pub class: std::cell::RefCell<Option<ClassMethod>>,
    /// The layout of the last instance `__dict__` found without the name: while an
    /// instance's dict has that layout, it holds no attribute shadowing the method.
    pub unshadowed: std::cell::Cell<u64>,
}

/// A function found along a class's MRO, valid while `class_epoch()` is `epoch` (no class
/// attribute has been set or deleted since). Both are held weakly: the cache keeps neither
/// alive, and while the weak reference lives the class's address is not reused for another.
pub struct ClassMethod {
    pub class: std::rc::Weak<crate::runtime::model::typeobj::TypeObj>,
    pub epoch: u64,
    pub func: std::rc::Weak<crate::runtime::model::value::Function>,
}

pub enum Elt {
    One(Expr),
    Star(Expr),
}

pub enum FPart {
    Lit(Rc<PyStr>),
    Field { value: Expr, conversion: Option<char>, spec: Option<Vec<FPart>> },
}

pub struct Call {
    pub func: Expr,
    pub args: Vec<Arg>,
    /// No `*`, `**` or keywords: arguments can go straight into the callee's slots.
    pub simple: bool,
    pub span: Span,
}

pub enum Arg {
    Pos(Expr),
    Star(Expr),
    Kw(Rc<PyStr>, Expr),
    StarStar(Expr),
}

/// The body of a comprehension function: loops and conditions around one element.
pub struct CompLoop {
    pub target: Target,
    /// `None` for the first loop, which iterates the function's argument.
    pub iter: Option<Expr>,
    pub ifs: Vec<Expr>,
}

pub enum CompKind {
    List(Expr),
    Set(Expr),
    Dict(Expr, Expr),
    Gen(Expr),
}

pub struct CompBody {
    pub loops: Vec<CompLoop>,
    pub kind: CompKind,
}
