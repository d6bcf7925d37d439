//! Lowering: the AST plus the resolver's symbol table become resolved code (`code`).
//!
//! Every name becomes a local slot, a cell slot or a global name here, once. Locals get their
//! slots in the order CPython's compiler meets them (parameters first), which is also the
//! order of `co_varnames`.

pub mod code;
#[cfg(test)]
mod tests;

use code::*;
use crate::runtime::model::value::{PyStr, Value};
use crate::scope::{Binding, ScopeId, ScopeKind, SymbolTable};
use crate::syntax::ast::{self, ExprKind as E, Span, StmtKind as S, SyntaxError};
use crate::syntax::lazy::Library;
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use std::cell::OnceCell;
use std::hash::BuildHasher;
use std::rc::Rc;

/// How the source was read: how many statements it may hold, which parse error comes first,
/// and whether expression statements echo their value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// A script: expression statements are silent.
    Exec,
    /// One entry at the prompt, as CPython compiles it in 'single' mode: one statement, whose
    /// expression statements echo their value (piped sessions).
    Single,
    /// An entry at the line editor: as `Single`, but a block pasted whole may hold several
    /// statements.
    Pasted,
}

impl Mode {
    /// Parses source read this way.
    pub fn parse(self, src: &str) -> Result<ast::Module, SyntaxError> {
        match self {
            Mode::Exec => crate::syntax::parse_module_here(src),
            Mode::Single => crate::syntax::parse_entry(src),
            Mode::Pasted => crate::syntax::parse_pasted(src),
        }
    }
}

/// Names are interned per compilation so that equal names share one `PyStr` (and its hash).
/// The table is keyed by the strings' own text, which is then not stored a second time.
#[derive(Default)]
struct Interner {
    names: HashTable<Rc<PyStr>>,
    hasher: DefaultHashBuilder,
}

impl Interner {
    fn get(&mut self, s: &str) -> Rc<PyStr> {
        let Interner { names, hasher } = self;
        let found = names.entry(hasher.hash_one(s), |n| n.as_str() == s, |n| hasher.hash_one(n.as_str()));
        found.or_insert_with(|| Rc::new(PyStr::new(s))).get().clone()
    }
}

pub fn compile_module(
    module: &ast::Module,
    table: &Rc<SymbolTable>,
    file: Rc<str>,
    source: Rc<str>,
    mode: Mode,
) -> Result<Rc<Code>, SyntaxError> {
    let mut c = Compiler::new(table, file, source, mode);
    let mut unit = Unit::new(SymbolTable::MODULE);
    let body = c.block(&mut unit, &module.body)?;
    Ok(c.finish(unit, body, Span::default(), "<module>", None, Signature::default(), false))
}

/// A module of the embedded library, its waiting bodies left waiting (`syntax::lazy`).
pub fn compile_library(lib: Library, table: &Rc<SymbolTable>, file: Rc<str>, source: Rc<str>) -> Result<Rc<Code>, SyntaxError> {
    let mut c = Compiler::new(table, file.clone(), source.clone(), Mode::Exec);
    for def in lib.lazy {
        let lazy = LazyCode {
            source: source.clone(),
            file: file.clone(),
            newlines: c.newlines.clone(),
            def,
            made: OnceCell::new(),
        };
        c.waiting.insert(lazy.def.name_start, Rc::new(lazy));
    }
    let mut unit = Unit::new(SymbolTable::MODULE);
    let body = c.block(&mut unit, &lib.module.body)?;
    Ok(c.finish(unit, body, Span::default(), "<module>", None, Signature::default(), false))
}

thread_local! {
    static WAITING_COMPILED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many waiting bodies this thread has compiled: what importing a library module costs
/// is told by how few of them it needs, which a test can count where timing would be noise.
pub fn waiting_bodies_compiled() -> usize {
    WAITING_COMPILED.with(|n| n.get())
}

/// The code of a library function whose body waited: its `def` parsed, resolved and compiled
/// alone (inside its class for a method), which gives the code a whole compile gives.
pub(crate) fn compile_waiting(lazy: &LazyCode) -> Rc<Code> {
    WAITING_COMPILED.with(|n| n.set(n.get() + 1));
    let failed = |e: SyntaxError| -> ! { panic!("the embedded module {} compiles: {e}", lazy.file) };
    let module = lazy.def.module();
    let table = Rc::new(crate::scope::resolve(&module).unwrap_or_else(|e| failed(e)));
    let mut c = Compiler::with_newlines(&table, lazy.file.clone(), lazy.source.clone(), lazy.newlines.clone(), Mode::Exec);
    let (mut unit, stmt) = match &module.body[0].kind {
        S::ClassDef(class) => (c.enter(table.of_class(class)), &class.body[0]),
        _ => (Unit::new(SymbolTable::MODULE), &module.body[0]),
    };
    let S::FunctionDef(def) = &stmt.kind else { unreachable!("a waiting def parses to a def") };
    let made = c.function(&mut unit, def, stmt.span).unwrap_or_else(|e| failed(e));
    Rc::clone(&made.code)
}

/// The module compiled as one code object per top-level statement, so that a driver can
/// stop between them (`--watch` shows the cells after each). Everything is compiled before
/// the first one runs, so a SyntaxError anywhere still stops the whole module, as in CPython.
pub fn compile_module_statements(
    module: &ast::Module,
    table: &Rc<SymbolTable>,
    file: Rc<str>,
    source: Rc<str>,
    mode: Mode,
) -> Result<Vec<Rc<Code>>, SyntaxError> {
    let mut c = Compiler::new(table, file, source, mode);
    let mut codes = Vec::with_capacity(module.body.len());
    for s in &module.body {
        let mut unit = Unit::new(SymbolTable::MODULE);
        let body = vec![c.stmt(&mut unit, s)?];
        codes.push(c.finish(unit, body, Span::default(), "<module>", None, Signature::default(), false));
    }
    Ok(codes)
}

struct Compiler<'a> {
    table: &'a Rc<SymbolTable>,
    file: Rc<str>,
    source: Rc<str>,
    /// Where each line break is, so that each code object's first line is a binary search
    /// rather than a count over the source before it (which made a module's compile
    /// quadratic in its length).
    newlines: Rc<[u32]>,
    names: Interner,
    mode: Mode,
    /// The library's `def`s whose bodies wait, by where their names start.
    waiting: HashMap<u32, Rc<LazyCode>>,
}

impl<'a> Compiler<'a> {
    fn new(table: &'a Rc<SymbolTable>, file: Rc<str>, source: Rc<str>, mode: Mode) -> Self {
        let newlines = newlines(&source);
        Self::with_newlines(table, file, source, newlines, mode)
    }

    fn with_newlines(table: &'a Rc<SymbolTable>, file: Rc<str>, source: Rc<str>, newlines: Rc<[u32]>, mode: Mode) -> Self {
        Compiler { table, file, source, newlines, names: Interner::default(), mode, waiting: HashMap::new() }
    }

    /// The 1-based line of a byte offset, as [`line_of`] counts it.
    fn line_of(&self, offset: u32) -> u32 {
        self.newlines.partition_point(|&n| n < offset) as u32 + 1
    }
}

/// The code object being built. Its slots are keyed by the names the symbol table holds.
struct Unit<'a> {
    scope: ScopeId,
    varnames: Vec<Rc<PyStr>>,
    slots: HashMap<&'a str, u32>,
    cell_slots: HashMap<&'a str, u32>,
    global_names: Vec<Rc<PyStr>>,
    loop_depth: u32,
}

impl<'a> Unit<'a> {
    fn new(scope: ScopeId) -> Unit<'a> {
        Unit {
            scope,
            varnames: Vec::new(),
            slots: HashMap::new(),
            cell_slots: HashMap::new(),
            global_names: Vec::new(),
            loop_depth: 0,
        }
    }
}

/// What a `def` or `lambda` evaluates in the defining scope before the body exists.
#[derive(Default)]
struct Defaults {
    defaults: Vec<Expr>,
    kwdefaults: Vec<(Rc<PyStr>, Expr)>,
    annotations: Vec<(Rc<PyStr>, Expr)>,
}

impl Defaults {
    fn into_func(self, code: FuncCode, closure: Vec<u32>, decorators: Vec<Expr>) -> FuncDef {
        FuncDef {
            code,
            defaults: self.defaults,
            kwdefaults: self.kwdefaults,
            annotations: self.annotations,
            closure,
            decorators,
        }
    }
}

/// How a name is reached from the unit being compiled.
enum Place {
    Local(u32),
    Cell(u32),
    Global(Rc<PyStr>),
    /// In a class body: the namespace by name.
    Name(Rc<PyStr>),
    /// In a class body, a free variable: read from the namespace first, stored in the cell.
    ClassFree(u32, Rc<PyStr>),
}

impl<'a> Compiler<'a> {
    fn place(&mut self, u: &mut Unit<'a>, name: &str) -> Place {
        let table: &'a SymbolTable = self.table;
        let scope = table.get(u.scope);
        if scope.kind == ScopeKind::Class {
            return match scope.binding(name) {
                Binding::GlobalExplicit => Place::Global(self.names.get(name)),
                Binding::Free => Place::ClassFree(u.cell_slots[name], self.names.get(name)),
                _ => Place::Name(self.names.get(name)),
            };
        }
        if !scope.is_function_like() {
            return Place::Global(self.names.get(name));
        }
        let symbol = scope.lookup(name);
        match symbol.map_or(Binding::GlobalImplicit, |s| s.binding) {
            Binding::Local => {
                if let Some(&s) = u.slots.get(name) {
                    return Place::Local(s);
                }
                let s = u.varnames.len() as u32;
                u.varnames.push(self.names.get(name));
                u.slots.insert(&symbol.expect("a local is a symbol").name, s);
                Place::Local(s)
            }
            Binding::Cell | Binding::Free => Place::Cell(u.cell_slots[name]),
            Binding::GlobalExplicit | Binding::GlobalImplicit => {
                let n = self.names.get(name);
                if !u.global_names.iter().any(|g| Rc::ptr_eq(g, &n)) {
                    u.global_names.push(n.clone());
                }
                Place::Global(n)
            }
        }
    }

    fn load(&mut self, u: &mut Unit<'a>, name: &str, span: Span) -> Expr {
        match self.place(u, name) {
            Place::Local(s) => Expr::Local(s, span),
            Place::Cell(s) => Expr::Cell(s, span),
            Place::Global(n) => Expr::Global(n, span, GlobalCache::default()),
            Place::Name(n) => Expr::Name(n, span),
            Place::ClassFree(s, n) => Expr::ClassDeref(s, n, span),
        }
    }

    fn store(&mut self, u: &mut Unit<'a>, name: &str, span: Span) -> Target {
        match self.place(u, name) {
            Place::Local(s) => Target::Local(s),
            Place::Cell(s) => Target::Cell(s, span.start),
            Place::Global(n) => Target::Global(n, GlobalCache::default(), span.start),
            Place::Name(n) => Target::Name(n),
            Place::ClassFree(s, _) => Target::Cell(s, span.start),
        }
    }

    /// Sets up a unit for a function-like scope: parameter slots first, then cell slots.
    fn enter(&mut self, scope: ScopeId) -> Unit<'a> {
        let mut u = Unit::new(scope);
        let table: &'a SymbolTable = self.table;
        let info = table.get(scope);
        u.varnames.reserve(info.params().len());
        for p in info.params() {
            let s = u.varnames.len() as u32;
            u.varnames.push(self.names.get(p));
            u.slots.insert(p, s);
        }
        for (i, name) in info.cellvars.iter().chain(&info.freevars).enumerate() {
            u.cell_slots.insert(name, i as u32);
        }
        u
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        u: Unit<'a>,
        body: Vec<Stmt>,
        span: Span,
        name: &str,
        docstring: Option<Value>,
        sig: Signature,
        is_async: bool,
    ) -> Rc<Code> {
        let info = self.table.get(u.scope);
        let kind = match info.kind {
            ScopeKind::Module => CodeKind::Module,
            ScopeKind::Function => CodeKind::Function,
            ScopeKind::Lambda => CodeKind::Lambda,
            ScopeKind::Comprehension => CodeKind::Comprehension,
            ScopeKind::Class => CodeKind::Class,
        };
        let cellvars: Vec<Rc<PyStr>> = info.cellvars.iter().map(|n| self.names.get(n)).collect();
        let freevars: Vec<Rc<PyStr>> = info.freevars.iter().map(|n| self.names.get(n)).collect();
        let cell_params = info
            .params()
            .enumerate()
            .filter_map(|(i, p)| info.cellvars.iter().position(|c| c == p).map(|c| (i, c)))
            .collect();
        let plain = sig.is_positional()
            && !is_async
            && !info.is_generator
            && cellvars.is_empty()
            && u.varnames.len() <= STACK_LOCALS;
        Rc::new(Code {
            plain,
            kind,
            name: self.names.get(name),
            qualname: self.names.get(&info.qualname),
            file: self.file.clone(),
            source: self.source.clone(),
            span,
            first_line: self.line_of(span.start),
            varnames: u.varnames,
            cellvars,
            freevars,
            cell_params,
            sig,
            body,
            docstring,
            is_async,
            is_generator: info.is_generator,
            global_names: u.global_names,
            symbols: self.table.clone(),
            scope_id: u.scope,
            waiting: None,
        })
    }

    fn block(&mut self, u: &mut Unit<'a>, stmts: &[ast::Stmt]) -> Result<Vec<Stmt>, SyntaxError> {
        let mut out = Vec::with_capacity(stmts.len());
        for s in stmts {
            out.push(self.stmt(u, s)?);
        }
        Ok(out)
    }

    fn stmt(&mut self, u: &mut Unit<'a>, s: &ast::Stmt) -> Result<Stmt, SyntaxError> {
        let kind = match &s.kind {
            S::Expr(e) => {
                let v = self.expr(u, e)?;
                // As in CPython's 'single' mode, every expression statement of the entry's own
                // code echoes, however deep in its blocks, but none in a function body.
                if self.mode != Mode::Exec && u.scope == SymbolTable::MODULE {
                    StmtKind::Echo(v)
                } else {
                    StmtKind::Expr(v)
                }
            }
            S::Assign { targets, value } => {
                let value = self.expr(u, value)?;
                let mut ts = Vec::with_capacity(targets.len());
                for t in targets {
                    ts.push(self.target(u, t)?);
                }
                StmtKind::Assign(ts, value)
            }
            S::AugAssign { target, op, value } => {
                let t = self.target(u, target)?;
                let v = self.expr(u, value)?;
                StmtKind::AugAssign(t, *op, v)
            }
            S::AnnAssign { target, annotation, value, simple } => {
                // A module or class records simple annotations in its `__annotations__`.
                let module_level = matches!(self.table.get(u.scope).kind, ScopeKind::Module | ScopeKind::Class);
                let value = match value {
                    Some(v) => Some((self.target(u, target)?, self.expr(u, v)?)),
                    None => None,
                };
                match (&target.kind, module_level && *simple) {
                    (E::Name(n), true) => StmtKind::Annotated {
                        name: self.names.get(n),
                        annotation: self.expr(u, annotation)?,
                        value,
                    },
                    _ => match value {
                        Some((t, v)) => StmtKind::Assign(vec![t], v),
                        None => StmtKind::Pass,
                    },
                }
            }
            S::FunctionDef(def) => {
                let func = self.function(u, def, s.span)?;
                let target = self.store(u, &def.name.name, s.span);
                StmtKind::Def { func, target }
            }
            S::ClassDef(def) => StmtKind::Class(Box::new(self.class(u, def, s.span)?)),
            S::Return(v) => StmtKind::Return(v.as_ref().map(|v| self.expr(u, v)).transpose()?),
            S::Delete(targets) => {
                let mut ts = Vec::new();
                for t in targets {
                    ts.push(self.target(u, t)?);
                }
                StmtKind::Delete(ts)
            }
            S::Pass => StmtKind::Pass,
            S::Break => StmtKind::Break,
            S::Continue => StmtKind::Continue,
            S::If { test, body, orelse } => {
                let t = self.expr(u, test)?;
                StmtKind::If(t, self.block(u, body)?, self.block(u, orelse)?)
            }
            S::While { test, body, orelse } => {
                let t = self.expr(u, test)?;
                u.loop_depth += 1;
                let b = self.block(u, body)?;
                u.loop_depth -= 1;
                StmtKind::While(t, b, self.block(u, orelse)?)
            }
            S::For { target, iter, body, orelse, is_async } => {
                let iter = self.expr(u, iter)?;
                let target = self.target(u, target)?;
                u.loop_depth += 1;
                let b = self.block(u, body)?;
                u.loop_depth -= 1;
                let orelse = self.block(u, orelse)?;
                if *is_async {
                    StmtKind::AsyncFor { target, iter, body: b, orelse }
                } else {
                    StmtKind::For { target, iter, body: b, orelse }
                }
            }
            S::With { items, body, is_async } => {
                let mut compiled = Vec::with_capacity(items.len());
                for item in items {
                    let context = self.expr(u, &item.context)?;
                    let target = item.target.as_ref().map(|t| self.target(u, t)).transpose()?;
                    compiled.push(WithItem { context, target, span: item.context.span });
                }
                let body = self.block(u, body)?;
                if *is_async {
                    StmtKind::AsyncWith(compiled, body)
                } else {
                    StmtKind::With(compiled, body)
                }
            }
            S::Try { body, handlers, orelse, finalbody } => {
                let body = self.block(u, body)?;
                let mut hs = Vec::new();
                for h in handlers {
                    let typ = h.typ.as_ref().map(|t| self.expr(u, t)).transpose()?;
                    let name = h.name.as_ref().map(|n| self.store(u, &n.name, n.span));
                    hs.push(Handler { typ, name, body: self.block(u, &h.body)?, span: h.span });
                }
                StmtKind::Try {
                    body,
                    handlers: hs,
                    orelse: self.block(u, orelse)?,
                    finalbody: self.block(u, finalbody)?,
                }
            }
            S::Raise { exc, cause } => StmtKind::Raise(
                exc.as_ref().map(|e| self.expr(u, e)).transpose()?,
                cause.as_ref().map(|e| self.expr(u, e)).transpose()?,
            ),
            S::Assert { test, msg } => {
                StmtKind::Assert(self.expr(u, test)?, msg.as_ref().map(|m| self.expr(u, m)).transpose()?)
            }
            S::Import(aliases) => {
                if aliases.len() == 1 {
                    self.import(u, &aliases[0])
                } else {
                    let mut body = Vec::new();
                    for a in aliases {
                        body.push(Stmt { kind: self.import(u, a), span: a.span });
                    }
                    StmtKind::If(Expr::Const(Value::Bool(true)), body, Vec::new())
                }
            }
            S::ImportFrom { module, names, level, star } => {
                if *level > 0 {
                    StmtKind::Unsupported("relative imports")
                } else if *star {
                    StmtKind::Unsupported("import *")
                } else {
                    let mut ns = Vec::new();
                    for a in names {
                        let bound = a.asname.as_ref().map_or(a.name.as_str(), |n| n.name.as_str());
                        let t = self.store(u, bound, a.span);
                        ns.push((self.names.get(&a.name), t));
                    }
                    StmtKind::ImportFrom { module: module.clone().unwrap_or_default(), names: ns }
                }
            }
            S::Global(_) | S::Nonlocal(_) => StmtKind::Declaration,
        };
        Ok(Stmt { kind, span: s.span })
    }

    fn import(&mut self, u: &mut Unit<'a>, a: &ast::Alias) -> StmtKind {
        match &a.asname {
            Some(n) => StmtKind::Import { module: a.name.clone(), target: self.store(u, &n.name, n.span), bind_top: false },
            None => {
                let top = a.name.split('.').next().unwrap_or("");
                StmtKind::Import { module: a.name.clone(), target: self.store(u, top, a.span), bind_top: true }
            }
        }
    }

    fn signature(params: &ast::Params) -> Signature {
        Signature {
            posonly: params.posonly.len(),
            argcount: params.posonly.len() + params.args.len(),
            kwonly: params.kwonly.len(),
            varargs: params.vararg.is_some(),
            varkw: params.kwarg.is_some(),
        }
    }

    /// Defaults, keyword defaults and annotations are evaluated where the function is defined.
    fn defaults(&mut self, u: &mut Unit<'a>, params: &ast::Params) -> Result<Defaults, SyntaxError> {
        let mut defaults = Vec::new();
        for p in params.posonly.iter().chain(&params.args) {
            if let Some(d) = &p.default {
                defaults.push(self.expr(u, d)?);
            }
        }
        let mut kwdefaults = Vec::new();
        for p in &params.kwonly {
            if let Some(d) = &p.default {
                let v = self.expr(u, d)?;
                kwdefaults.push((self.names.get(&p.name.name), v));
            }
        }
        let mut annotations = Vec::new();
        let all = params.posonly.iter().chain(&params.args).chain(&params.vararg).chain(&params.kwonly).chain(&params.kwarg);
        for p in all {
            if let Some(a) = &p.annotation {
                let v = self.expr(u, a)?;
                annotations.push((self.names.get(&p.name.name), v));
            }
        }
        Ok(Defaults { defaults, kwdefaults, annotations })
    }

    fn closure_of(&self, u: &Unit<'a>, child: ScopeId) -> Vec<u32> {
        self.table.get(child).freevars.iter().map(|n| u.cell_slots[n.as_str()]).collect()
    }

    fn function(&mut self, u: &mut Unit<'a>, def: &ast::FunctionDef, span: Span) -> Result<Rc<FuncDef>, SyntaxError> {
        let mut decorators = Vec::new();
        for d in &def.decorators {
            decorators.push(self.expr(u, d)?);
        }
        let mut d = self.defaults(u, &def.params)?;
        if let Some(r) = &def.returns {
            let v = self.expr(u, r)?;
            d.annotations.push((self.names.get("return"), v));
        }
        let scope = self.table.of_function(def);
        if let Some(lazy) = self.waiting.get(&def.name.span.start).cloned() {
            // The stand-in's body is `pass`. A waiting body's one possible free variable is
            // its class's `__class__` cell, which the function takes when the `def` runs.
            // Only the stand-in's names and docstring are read, so its unit needs no slots.
            let docstring = lazy.def.docstring.as_deref().map(Value::str);
            let body = vec![Stmt { kind: StmtKind::Pass, span }];
            let stand_in = self.finish(Unit::new(scope), body, span, &def.name.name, docstring, Self::signature(&def.params), def.is_async);
            return Ok(Rc::new(d.into_func(FuncCode::waiting(stand_in, lazy), self.closure_of(u, scope), decorators)));
        }
        let mut inner = self.enter(scope);
        let docstring = docstring_of(&def.body);
        let stmts = if docstring.is_some() { &def.body[1..] } else { &def.body[..] };
        let mut body = self.block(&mut inner, stmts)?;
        if body.is_empty() {
            body.push(Stmt { kind: StmtKind::Pass, span });
        }
        let code = self.finish(inner, body, span, &def.name.name, docstring, Self::signature(&def.params), def.is_async);
        Ok(Rc::new(d.into_func(code.into(), self.closure_of(u, scope), decorators)))
    }

    fn class(&mut self, u: &mut Unit<'a>, def: &ast::ClassDef, span: Span) -> Result<ClassDef, SyntaxError> {
        let mut decorators = Vec::new();
        for d in &def.decorators {
            decorators.push(self.expr(u, d)?);
        }
        let bases = self.arguments(u, &def.bases, &def.keywords)?;
        let scope = self.table.of_class(def);
        let mut inner = self.enter(scope);
        let docstring = docstring_of(&def.body);
        let stmts = if docstring.is_some() { &def.body[1..] } else { &def.body[..] };
        let body = self.block(&mut inner, stmts)?;
        let code = self.finish(inner, body, span, &def.name.name, docstring, Signature::default(), false);
        let closure = self.closure_of(u, scope);
        let target = self.store(u, &def.name.name, span);
        Ok(ClassDef { code, bases, decorators, closure, target })
    }

    fn lambda(&mut self, u: &mut Unit<'a>, e: &ast::Expr, params: &ast::Params, body: &ast::Expr) -> Result<Expr, SyntaxError> {
        let d = self.defaults(u, params)?;
        let scope = self.table.of_expr(e);
        let mut inner = self.enter(scope);
        let ret = self.expr(&mut inner, body)?;
        let stmt = Stmt { kind: StmtKind::Return(Some(ret)), span: body.span };
        let code = self.finish(inner, vec![stmt], e.span, "<lambda>", None, Self::signature(params), false);
        Ok(Expr::Lambda(Rc::new(d.into_func(code.into(), self.closure_of(u, scope), Vec::new()))))
    }

    fn comprehension(
        &mut self,
        u: &mut Unit<'a>,
        e: &ast::Expr,
        generators: &[ast::Comprehension],
        make: impl FnOnce(&mut Self, &mut Unit<'a>) -> Result<CompKind, SyntaxError>,
    ) -> Result<Expr, SyntaxError> {
        if generators.iter().any(|g| g.is_async) {
            return Ok(Expr::Unsupported("asynchronous comprehensions", e.span));
        }
        let first = self.expr(u, &generators[0].iter)?;
        let scope = self.table.of_expr(e);
        let mut inner = self.enter(scope);
        let mut loops = Vec::new();
        for (i, g) in generators.iter().enumerate() {
            let iter = if i == 0 { None } else { Some(self.expr(&mut inner, &g.iter)?) };
            let target = self.target(&mut inner, &g.target)?;
            let mut ifs = Vec::new();
            for c in &g.ifs {
                ifs.push(self.expr(&mut inner, c)?);
            }
            loops.push(CompLoop { target, iter, ifs });
        }
        let kind = make(self, &mut inner)?;
        let name = self.table.get(scope).name.clone();
        let body = vec![Stmt { kind: StmtKind::Comp(Box::new(CompBody { loops, kind })), span: e.span }];
        let sig = Signature { argcount: 1, ..Signature::default() };
        let code = self.finish(inner, body, e.span, &name, None, sig, false);
        let fd = Defaults::default().into_func(code.into(), self.closure_of(u, scope), Vec::new());
        Ok(Expr::Comprehension(Rc::new(fd), Box::new(first), e.span))
    }

    fn target(&mut self, u: &mut Unit<'a>, t: &ast::Expr) -> Result<Target, SyntaxError> {
        Ok(match &t.kind {
            E::Name(n) => self.store(u, n, t.span),
            E::Attribute { value, attr } => {
                Target::Attr(Box::new(self.expr(u, value)?), self.names.get(&attr.name), AttrCache::default())
            }
            E::Subscript { value, index } => {
                Target::Subscript(Box::new(self.expr(u, value)?), Box::new(self.expr(u, index)?))
            }
            E::Tuple(items) | E::List(items) => {
                let mut ts = Vec::new();
                let mut star = None;
                for (i, item) in items.iter().enumerate() {
                    if let E::Starred(inner) = &item.kind {
                        star = Some(i);
                        ts.push(self.target(u, inner)?);
                    } else {
                        ts.push(self.target(u, item)?);
                    }
                }
                Target::Unpack { items: ts, star, span: t.span }
            }
            E::Starred(inner) => self.target(u, inner)?,
            _ => return Err(SyntaxError::new("cannot assign to expression", t.span)),
        })
    }

    fn exprs(&mut self, u: &mut Unit<'a>, es: &[ast::Expr]) -> Result<Vec<Elt>, SyntaxError> {
        let mut out = Vec::with_capacity(es.len());
        for e in es {
            out.push(match &e.kind {
                E::Starred(inner) => Elt::Star(self.expr(u, inner)?),
                _ => Elt::One(self.expr(u, e)?),
            });
        }
        Ok(out)
    }

    fn boxed(&mut self, u: &mut Unit<'a>, e: &ast::Expr) -> Result<Box<Expr>, SyntaxError> {
        Ok(Box::new(self.expr(u, e)?))
    }

    fn expr(&mut self, u: &mut Unit<'a>, e: &ast::Expr) -> Result<Expr, SyntaxError> {
        let span = e.span;
        Ok(match &e.kind {
            E::Name(n) => self.load(u, n, span),
            E::Constant(c) => match constant(c) {
                Some(v) => Expr::Const(v),
                None => Expr::Unsupported(unsupported_constant(c), span),
            },
            E::JoinedStr(parts) => Expr::FString(self.fparts(u, parts)?),
            E::BinOp { left, op, right } => Expr::BinOp(self.boxed(u, left)?, *op, self.boxed(u, right)?, span),
            E::UnaryOp { op, operand } => Expr::Unary(*op, self.boxed(u, operand)?, span),
            E::BoolOp { op, values } => {
                // Operands are compiled in source order (slots are handed out in that order),
                // then nested right to left: `a or b or c` is `a or (b or c)`.
                let mut operands = Vec::with_capacity(values.len());
                for v in values {
                    operands.push(self.expr(u, v)?);
                }
                let mut acc = operands.pop().expect("a bool op has operands");
                while let Some(v) = operands.pop() {
                    acc = match op {
                        ast::BoolOp::And => Expr::And(Box::new(v), Box::new(acc)),
                        ast::BoolOp::Or => Expr::Or(Box::new(v), Box::new(acc)),
                    };
                }
                acc
            }
            E::Compare { left, ops, comparators } => {
                let l = self.boxed(u, left)?;
                let mut rest = Vec::new();
                for (op, c) in ops.iter().zip(comparators) {
                    rest.push((*op, self.expr(u, c)?));
                }
                Expr::Compare(l, rest, span)
            }
            E::Call { func, args, keywords } => {
                if let E::Attribute { value, attr } = &func.kind {
                    let obj = self.boxed(u, value)?;
                    let name = self.names.get(&attr.name);
                    let call = self.call(u, Expr::Const(Value::None), args, keywords, span)?;
                    Expr::CallMethod(obj, name, Box::new(call), Box::default())
                } else {
                    let f = self.expr(u, func)?;
                    let query = match (&func.kind, &f) {
                        (E::Name(n), Expr::Global(..) | Expr::Name(..)) if args.is_empty() && keywords.is_empty() => match n.as_str() {
                            "locals" => Some(FrameQuery::Locals),
                            "dir" => Some(FrameQuery::Dir),
                            "vars" => Some(FrameQuery::Vars),
                            "super" => Some(FrameQuery::Super),
                            _ => None,
                        },
                        _ => None,
                    };
                    let call = Box::new(self.call(u, f, args, keywords, span)?);
                    match query {
                        Some(q) => Expr::FrameQuery(q, call),
                        None => Expr::Call(call),
                    }
                }
            }
            E::Attribute { value, attr } => {
                Expr::Attr(self.boxed(u, value)?, self.names.get(&attr.name), span, AttrCache::default())
            }
            E::Subscript { value, index } => Expr::Subscript(self.boxed(u, value)?, self.boxed(u, index)?, span),
            E::Slice { lower, upper, step } => {
                let mut part = |p: &Option<Box<ast::Expr>>| -> Result<Option<Box<Expr>>, SyntaxError> {
                    p.as_ref().map(|x| self.boxed(u, x)).transpose()
                };
                Expr::Slice(part(lower)?, part(upper)?, part(step)?)
            }
            E::Starred(_) => return Err(SyntaxError::new("can't use starred expression here", span)),
            E::List(items) => Expr::List(self.exprs(u, items)?),
            E::Tuple(items) => {
                if items.iter().all(|i| matches!(i.kind, E::Constant(_))) {
                    let vals: Option<Vec<Value>> = items
                        .iter()
                        .map(|i| if let E::Constant(c) = &i.kind { constant(c) } else { None })
                        .collect();
                    if let Some(vals) = vals {
                        return Ok(Expr::Const(Value::tuple(vals)));
                    }
                }
                Expr::Tuple(self.exprs(u, items)?)
            }
            E::Set(items) => Expr::Set(self.exprs(u, items)?),
            E::Dict(pairs) => {
                let mut out = Vec::new();
                for (k, v) in pairs {
                    let k = k.as_ref().map(|k| self.expr(u, k)).transpose()?;
                    out.push((k, self.expr(u, v)?));
                }
                Expr::Dict(out)
            }
            E::ListComp { elt, generators } => {
                self.comprehension(u, e, generators, |c, inner| Ok(CompKind::List(c.expr(inner, elt)?)))?
            }
            E::SetComp { elt, generators } => {
                self.comprehension(u, e, generators, |c, inner| Ok(CompKind::Set(c.expr(inner, elt)?)))?
            }
            E::GeneratorExp { elt, generators } => {
                self.comprehension(u, e, generators, |c, inner| Ok(CompKind::Gen(c.expr(inner, elt)?)))?
            }
            E::DictComp { key, value, generators } => self.comprehension(u, e, generators, |c, inner| {
                let k = c.expr(inner, key)?;
                Ok(CompKind::Dict(k, c.expr(inner, value)?))
            })?,
            E::Lambda { params, body } => self.lambda(u, e, params, body)?,
            E::IfExp { test, body, orelse } => {
                Expr::IfExp(self.boxed(u, test)?, self.boxed(u, body)?, self.boxed(u, orelse)?)
            }
            E::NamedExpr { target, value } => {
                let v = self.boxed(u, value)?;
                Expr::Walrus(Box::new(self.store(u, &target.name, target.span)), v)
            }
            E::Await(inner) => {
                let scope = self.table.get(u.scope);
                if scope.kind == ScopeKind::Module {
                    return Err(SyntaxError::new("'await' outside function", span));
                }
                Expr::Await(self.boxed(u, inner)?, span)
            }
            E::Yield(_) | E::YieldFrom(_) => {
                if matches!(self.table.get(u.scope).kind, ScopeKind::Module | ScopeKind::Class) {
                    return Err(SyntaxError::new("'yield' outside function", span));
                }
                match &e.kind {
                    E::Yield(v) => Expr::Yield(v.as_ref().map(|v| self.boxed(u, v)).transpose()?, span),
                    E::YieldFrom(v) => Expr::YieldFrom(self.boxed(u, v)?, span),
                    _ => unreachable!("matched above"),
                }
            }
        })
    }

    fn call(
        &mut self,
        u: &mut Unit<'a>,
        func: Expr,
        args: &[ast::Expr],
        keywords: &[ast::Keyword],
        span: Span,
    ) -> Result<Call, SyntaxError> {
        let args = self.arguments(u, args, keywords)?;
        let simple = args.iter().all(|a| matches!(a, Arg::Pos(_)));
        Ok(Call { func, args, simple, span })
    }

    /// The arguments of a call or the bases and keywords of a class, in order.
    fn arguments(&mut self, u: &mut Unit<'a>, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Result<Vec<Arg>, SyntaxError> {
        let mut out = Vec::with_capacity(args.len() + keywords.len());
        for a in args {
            out.push(match &a.kind {
                E::Starred(inner) => Arg::Star(self.expr(u, inner)?),
                _ => Arg::Pos(self.expr(u, a)?),
            });
        }
        for k in keywords {
            let v = self.expr(u, &k.value)?;
            out.push(match &k.arg {
                Some(name) => Arg::Kw(self.names.get(&name.name), v),
                None => Arg::StarStar(v),
            });
        }
        Ok(out)
    }

    fn fparts(&mut self, u: &mut Unit<'a>, parts: &[ast::FStringPart]) -> Result<Vec<FPart>, SyntaxError> {
        let mut out = Vec::new();
        for p in parts {
            out.push(match p {
                ast::FStringPart::Literal(s) => FPart::Lit(Rc::new(PyStr::new(s))),
                ast::FStringPart::Formatted { value, conversion, format_spec } => FPart::Field {
                    value: self.expr(u, value)?,
                    conversion: *conversion,
                    spec: format_spec.as_ref().map(|s| self.fparts(u, s)).transpose()?,
                },
            });
        }
        Ok(out)
    }
}

fn constant(c: &ast::Constant) -> Option<Value> {
    Some(match c {
        ast::Constant::None => Value::None,
        ast::Constant::True => Value::Bool(true),
        ast::Constant::False => Value::Bool(false),
        ast::Constant::Ellipsis => Value::Ellipsis,
        ast::Constant::Int(i) => Value::bigint(i.clone()),
        ast::Constant::Float(f) => Value::Float(*f),
        ast::Constant::Str(s) => Value::str(s),
        ast::Constant::Imaginary(_) | ast::Constant::Bytes(_) => return None,
    })
}

fn unsupported_constant(c: &ast::Constant) -> &'static str {
    match c {
        ast::Constant::Imaginary(_) => "complex numbers",
        _ => "bytes",
    }
}

fn docstring_of(body: &[ast::Stmt]) -> Option<Value> {
    ast::docstring(body).map(Value::str)
}

/// Where each line break of `source` is. Every module compiled needs this, so it looks at
/// eight bytes at a time: XORed with eight '\n's, a line break is a zero byte, which the
/// exact has-zero-byte test (its sums carry into no other byte) marks with its high bit.
fn newlines(source: &str) -> Rc<[u32]> {
    const BREAKS: u64 = u64::from_ne_bytes([b'\n'; 8]);
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let bytes = source.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 32);
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ BREAKS;
        let mut breaks = !(((x & LOW7) + LOW7) | x | LOW7);
        while breaks != 0 {
            out.push(at + breaks.trailing_zeros() / 8);
            breaks &= breaks - 1;
        }
        at += 8;
    }
    out.extend(words.remainder().iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| at + i as u32));
    out.into()
}

/// The 1-based line of a byte offset.
pub fn line_of(source: &str, offset: u32) -> u32 {
    let end = (offset as usize).min(source.len());
    source.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}
