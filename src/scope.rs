//! The scope resolver: CPython's symtable rules, decided before any line runs.
//!
//! Two phases, as in CPython's `Python/symtable.c`:
//! 1. `Collector` walks the tree once and records, per scope, every name with flags (assigned,
//!    parameter, used, declared `global`/`nonlocal`, imported, annotated). Declarations are
//!    checked here against what was already seen (`name 'x' is used prior to global
//!    declaration`).
//! 2. `analyze` goes from the outside in, deciding for every name whether it is local, a cell
//!    (local, and used by an inner scope), free (bound by an enclosing function), or global,
//!    and reports `nonlocal` names with no binding.
//!
//! The result, `SymbolTable`, is a side table keyed by the address of the AST node that opens
//! each scope (as CPython keys its table by node pointer). The compiler reads it to give every
//! local and cell a slot; the `:scope` view reads it to explain each decision.

use crate::syntax::ast::*;
use hashbrown::{DefaultHashBuilder, HashMap, HashSet, HashTable};
use std::hash::BuildHasher;

/// What opens a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Lambda,
    /// A list, set or dict comprehension or a generator expression: a function scope of its
    /// own in CPython 3.11.
    Comprehension,
    Class,
}

/// Where a name lives, as CPython's `symtable` module names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A plain local of a function: a slot in the frame.
    Local,
    /// A local that an inner scope uses: it lives in a cell the frame creates.
    Cell,
    /// A variable of an enclosing function, reached through a cell of the closure.
    Free,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere visible: looked up in the globals, then the builtins.
    GlobalImplicit,
}

/// How a name got bound: the words `:scope` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindHow {
    Parameter,
    Assignment,
    AugmentedAssignment,
    Annotation,
    ForTarget,
    WithTarget,
    Def,
    Class,
    Import,
    ExceptAs,
    Del,
    Walrus,
    ComprehensionTarget,
}

impl BindHow {
    pub fn describe(self) -> &'static str {
        match self {
            BindHow::Parameter => "it is a parameter",
            BindHow::Assignment => "it is assigned",
            BindHow::AugmentedAssignment => "it is assigned by an augmented assignment",
            BindHow::Annotation => "it is annotated",
            BindHow::ForTarget => "it is a for-loop target",
            BindHow::WithTarget => "it is a with-statement target",
            BindHow::Def => "a def statement binds it",
            BindHow::Class => "a class statement binds it",
            BindHow::Import => "an import binds it",
            BindHow::ExceptAs => "an except clause binds it",
            BindHow::Del => "it is deleted with del",
            BindHow::Walrus => "an assignment expression (:=) binds it",
            BindHow::ComprehensionTarget => "it is the comprehension's loop variable",
        }
    }
}

const DEF_LOCAL: u16 = 1;
const DEF_GLOBAL: u16 = 1 << 1;
const DEF_NONLOCAL: u16 = 1 << 2;
const DEF_PARAM: u16 = 1 << 3;
const USE: u16 = 1 << 4;
const DEF_IMPORT: u16 = 1 << 5;
const DEF_ANNOT: u16 = 1 << 6;
const DEF_COMP_ITER: u16 = 1 << 7;
const DEF_BOUND: u16 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// One name in one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: String,
    flags: u16,
    pub binding: Binding,
    /// The first place that bound the name in this scope, and how.
    pub first_bind: Option<(Span, BindHow)>,
    /// The first place that read the name in this scope.
    pub first_use: Option<Span>,
    /// The `global`/`nonlocal` statement that declared it.
    pub directive: Option<Span>,
    /// True when the name is only here because an inner scope needs it passed through.
    pub implicit: bool,
}

impl Symbol {
    pub fn is_param(&self) -> bool {
        self.flags & DEF_PARAM != 0
    }
    pub fn is_declared_nonlocal(&self) -> bool {
        self.flags & DEF_NONLOCAL != 0
    }
}

pub type ScopeId = usize;

/// How many names a scope finds by scanning them before it indexes them: most functions
/// have fewer (a library function whose body waits has only its parameters), and comparing
/// a few short strings costs less than hashing one and building a table.
const SCANNED: usize = 8;

/// One scope's symbol table.
#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub qualname: String,
    pub span: Span,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    /// Every name the scope mentions, in order of first mention.
    pub symbols: Vec<Symbol>,
    /// Where each name is in `symbols`, hashed by the name, so that no name is stored twice;
    /// empty while the scope has few enough names to scan (`SCANNED`).
    index: HashTable<usize>,
    hasher: DefaultHashBuilder,
    /// The parameters, as positions in `symbols`, in `co_varnames` order: positional,
    /// keyword-only, `*args`, `**kwargs`.
    params: Vec<usize>,
    /// `co_cellvars`: parameter cells in parameter order, then the others sorted by name.
    pub cellvars: Vec<String>,
    /// `co_freevars`: sorted by name.
    pub freevars: Vec<String>,
    /// A class body whose methods use `super()` or `__class__`: it makes the `__class__`
    /// cell (its one `co_cellvars` entry), which holds the class once it exists.
    pub needs_class_cell: bool,
    /// The body contains `yield` (CPython's `ste_generator`, which becomes `CO_GENERATOR`):
    /// calling the function makes a generator instead of running the body.
    pub is_generator: bool,
}

impl Scope {
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.position(name).map(|i| &self.symbols[i])
    }
    fn position(&self, name: &str) -> Option<usize> {
        if self.symbols.len() <= SCANNED {
            return self.symbols.iter().position(|s| s.name == name);
        }
        let hash = self.hasher.hash_one(name);
        self.index.find(hash, |&i| self.symbols[i].name == name).copied()
    }
    /// Adds a symbol the scope does not have yet.
    fn add(&mut self, symbol: Symbol) -> usize {
        let Scope { index, symbols, hasher, .. } = self;
        symbols.push(symbol);
        if symbols.len() > SCANNED {
            for i in index.len()..symbols.len() {
                index.insert_unique(hasher.hash_one(&symbols[i].name), i, |&j| hasher.hash_one(&symbols[j].name));
            }
        }
        symbols.len() - 1
    }
    /// Parameter names in `co_varnames` order.
    pub fn params(&self) -> impl ExactSizeIterator<Item = &str> {
        self.params.iter().map(|&i| self.symbols[i].name.as_str())
    }
    pub fn binding(&self, name: &str) -> Binding {
        self.lookup(name).map_or(Binding::GlobalImplicit, |s| s.binding)
    }
    pub fn is_function_like(&self) -> bool {
        matches!(self.kind, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension)
    }
}

/// The resolver's product: every scope of a module, and which AST node opened each.
#[derive(Debug, Default)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

impl SymbolTable {
    pub const MODULE: ScopeId = 0;

    /// The scope a `def` opens.
    pub fn of_function(&self, def: &FunctionDef) -> ScopeId {
        self.by_node[&node_key(def)]
    }
    pub fn of_class(&self, def: &ClassDef) -> ScopeId {
        self.by_node[&node_key(def)]
    }
    /// The scope a lambda or comprehension expression opens.
    pub fn of_expr(&self, e: &Expr) -> ScopeId {
        self.by_node[&node_key(e)]
    }
    pub fn get(&self, id: ScopeId) -> &Scope {
        &self.scopes[id]
    }
}

fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// Resolves every scope of `module`. `SyntaxError`s carry CPython's wording.
pub fn resolve(module: &Module) -> Result<SymbolTable, SyntaxError> {
    let mut c = Collector { table: SymbolTable::default(), stack: Vec::new() };
    c.enter(ScopeKind::Module, "<module>".into(), Span::default(), None);
    c.stmts(&module.body)?;
    c.stack.pop();
    let mut table = c.table;
    analyze(&mut table, SymbolTable::MODULE, None)?;
    Ok(table)
}

struct Collector {
    table: SymbolTable,
    stack: Vec<ScopeId>,
}

impl Collector {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("a scope is open");
        &mut self.table.scopes[id]
    }

    fn enter(&mut self, kind: ScopeKind, name: String, span: Span, key: Option<usize>) -> ScopeId {
        let id = self.table.scopes.len();
        let parent = self.stack.last().copied();
        let qualname = match parent {
            None => name.clone(),
            Some(p) => qualname_in(&self.table.scopes[p], kind, &name),
        };
        self.table.scopes.push(Scope {
            kind,
            name,
            qualname,
            span,
            parent,
            children: Vec::new(),
            symbols: Vec::new(),
            index: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            params: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            needs_class_cell: false,
        });
        if let Some(p) = parent {
            self.table.scopes[p].children.push(id);
        }
        if let Some(k) = key {
            self.table.by_node.insert(k, id);
        }
        self.stack.push(id);
        id
    }

    fn symbol(&mut self, name: &str) -> &mut Symbol {
        let cur = *self.stack.last().expect("a scope is open");
        self.symbol_in(cur, name)
    }

    fn symbol_in(&mut self, id: ScopeId, name: &str) -> &mut Symbol {
        let scope = &mut self.table.scopes[id];
        let i = match scope.position(name) {
            Some(i) => i,
            None => scope.add(Symbol {
                name: name.to_string(),
                flags: 0,
                binding: Binding::GlobalImplicit,
                first_bind: None,
                first_use: None,
                directive: None,
                implicit: false,
            }),
        };
        &mut scope.symbols[i]
    }

    fn flags(&mut self, name: &str) -> u16 {
        self.cur().lookup(name).map_or(0, |s| s.flags)
    }

    fn bind(&mut self, name: &str, span: Span, how: BindHow) {
        let flag = match how {
            BindHow::Parameter => DEF_PARAM,
            BindHow::Import => DEF_IMPORT,
            BindHow::Annotation => DEF_ANNOT | DEF_LOCAL,
            BindHow::ComprehensionTarget => DEF_LOCAL | DEF_COMP_ITER,
            _ => DEF_LOCAL,
        };
        let sym = self.symbol(name);
        sym.flags |= flag;
        if sym.first_bind.is_none() {
            sym.first_bind = Some((span, how));
        }
    }

    fn use_name(&mut self, name: &str, span: Span) {
        let sym = self.symbol(name);
        sym.flags |= USE;
        if sym.first_use.is_none() {
            sym.first_use = Some(span);
        }
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.target(t, BindHow::Assignment)?;
                }
                self.expr(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(target, BindHow::AugmentedAssignment)?;
                self.expr(value)
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name(name) = &target.kind {
                    let cur = self.flags(name);
                    let at_module = self.cur().kind == ScopeKind::Module;
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !at_module && *simple {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("annotated name '{name}' can't be nonlocal")
                        };
                        return Err(SyntaxError::new(msg, target.span));
                    }
                    if *simple {
                        self.bind(name, target.span, BindHow::Annotation);
                    } else if value.is_some() {
                        self.bind(name, target.span, BindHow::Assignment);
                    }
                } else {
                    self.target(target, BindHow::Assignment)?;
                }
                self.expr(annotation)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                Ok(())
            }
            StmtKind::FunctionDef(def) => {
                self.bind(&def.name.name, def.name.span, BindHow::Def);
                self.exprs(&def.decorators)?;
                self.param_defaults_and_annotations(&def.params)?;
                if let Some(r) = &def.returns {
                    self.expr(r)?;
                }
                self.enter(ScopeKind::Function, def.name.name.clone(), s.span, Some(node_key(&**def)));
                self.params(&def.params);
                self.stmts(&def.body)?;
                self.stack.pop();
                Ok(())
            }
            StmtKind::ClassDef(def) => {
                self.bind(&def.name.name, def.name.span, BindHow::Class);
                self.exprs(&def.decorators)?;
                self.exprs(&def.bases)?;
                for k in &def.keywords {
                    self.expr(&k.value)?;
                }
                self.enter(ScopeKind::Class, def.name.name.clone(), s.span, Some(node_key(&**def)));
                self.stmts(&def.body)?;
                self.stack.pop();
                Ok(())
            }
            StmtKind::Return(v) => v.as_ref().map_or(Ok(()), |v| self.expr(v)),
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.target(t, BindHow::Del)),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.target(target, BindHow::ForTarget)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t, BindHow::WithTarget)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(&n.name, n.span, BindHow::ExceptAs);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.as_ref().map_or(Ok(()), |m| self.expr(m))
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let (name, span) = match &a.asname {
                        Some(n) => (n.name.as_str(), n.span),
                        None => (a.name.split('.').next().unwrap_or(""), a.span),
                    };
                    self.bind(name, span, BindHow::Import);
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, star, .. } => {
                if *star && self.cur().kind != ScopeKind::Module {
                    return Err(SyntaxError::new("import * only allowed at module level", s.span));
                }
                for a in names {
                    let (name, span) = match &a.asname {
                        Some(n) => (n.name.as_str(), n.span),
                        None => (a.name.as_str(), a.span),
                    };
                    self.bind(name, span, BindHow::Import);
                }
                Ok(())
            }
            StmtKind::Global(names) => self.directive(names, s.span, true),
            StmtKind::Nonlocal(names) => self.directive(names, s.span, false),
        }
    }

    /// `global` / `nonlocal`: CPython checks each name against what the scope has already seen.
    fn directive(&mut self, names: &[Ident], span: Span, global: bool) -> Result<(), SyntaxError> {
        let word = if global { "global" } else { "nonlocal" };
        for n in names {
            let cur = self.flags(&n.name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let name = &n.name;
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {word}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {word} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {word}")
                } else {
                    format!("name '{name}' is assigned to before {word} declaration")
                };
                return Err(SyntaxError::new(msg, span));
            }
            let sym = self.symbol(&n.name);
            sym.flags |= if global { DEF_GLOBAL } else { DEF_NONLOCAL };
            if sym.directive.is_none() {
                sym.directive = Some(span);
            }
        }
        Ok(())
    }

    fn params(&mut self, p: &Params) {
        let ordered = p.posonly.iter().chain(&p.args).chain(&p.kwonly).chain(&p.vararg).chain(&p.kwarg);
        for param in ordered {
            self.param(&param.name.name, param.name.span);
        }
    }

    fn param(&mut self, name: &str, span: Span) {
        self.bind(name, span, BindHow::Parameter);
        let scope = self.cur();
        let i = scope.position(name).expect("a parameter is bound");
        scope.params.push(i);
    }

    fn param_defaults_and_annotations(&mut self, p: &Params) -> Result<(), SyntaxError> {
        let all = p.posonly.iter().chain(&p.args).chain(&p.vararg).chain(&p.kwonly).chain(&p.kwarg);
        for param in all.clone() {
            if let Some(d) = &param.default {
                self.expr(d)?;
            }
        }
        for param in all {
            if let Some(a) = &param.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    /// An assignment target: names are bound, everything else inside is read.
    fn target(&mut self, t: &Expr, how: BindHow) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(name) => {
                self.bind(name, t.span, how);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.target(i, how))
            }
            ExprKind::Starred(inner) => self.target(inner, how),
            _ => self.expr(t),
        }
    }

    fn exprs(&mut self, es: &[Expr]) -> Result<(), SyntaxError> {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Name(name) => {
                self.use_name(name, e.span);
                // Zero-argument `super()` finds the class through the implicit `__class__`
                // cell, so a function that names `super` uses `__class__` (as CPython's
                // symtable records it).
                if name == "super" && self.cur().is_function_like() {
                    self.use_name("__class__", e.span);
                }
                Ok(())
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::JoinedStr(parts) => self.fstring(parts),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                self.exprs(comparators)
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) | ExprKind::Await(inner) => self.expr(inner),
            ExprKind::YieldFrom(inner) => {
                self.expr(inner)?;
                self.yields(e.span)
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
                self.yields(e.span)
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => self.exprs(items),
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
                Ok(())
            }
            ExprKind::ListComp { elt, generators } => self.comprehension(e, "<listcomp>", &[elt], generators),
            ExprKind::SetComp { elt, generators } => self.comprehension(e, "<setcomp>", &[elt], generators),
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(e, "<genexpr>", &[elt], generators),
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "<dictcomp>", &[key, value], generators)
            }
            ExprKind::Lambda { params, body } => {
                self.param_defaults_and_annotations(params)?;
                self.enter(ScopeKind::Lambda, "<lambda>".into(), e.span, Some(node_key(e)));
                self.params(params);
                self.expr(body)?;
                self.stack.pop();
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.walrus_target(target)
            }
        }
    }

    /// A `yield` makes its scope a generator; in a comprehension, whose scope is implicit,
    /// it is an error (CPython's `symtable_raise_if_comprehension`).
    fn yields(&mut self, span: Span) -> Result<(), SyntaxError> {
        let scope = self.cur();
        scope.is_generator = true;
        if scope.kind != ScopeKind::Comprehension {
            return Ok(());
        }
        let what = match scope.name.as_str() {
            "<listcomp>" => "list comprehension",
            "<setcomp>" => "set comprehension",
            "<dictcomp>" => "dict comprehension",
            _ => "generator expression",
        };
        Err(SyntaxError::new(format!("'yield' inside {what}"), span))
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> Result<(), SyntaxError> {
        for p in parts {
            if let FStringPart::Formatted { value, format_spec, .. } = p {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.fstring(spec)?;
                }
            }
        }
        Ok(())
    }

    /// A comprehension: the first iterable is evaluated outside, the rest inside a new scope
    /// whose only parameter is the iterator (CPython names it `.0`).
    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        elts: &[&Expr],
        generators: &[Comprehension],
    ) -> Result<(), SyntaxError> {
        let first = &generators[0];
        self.comprehension_iter(&first.iter)?;
        self.enter(ScopeKind::Comprehension, name.into(), e.span, Some(node_key(e)));
        self.cur().is_generator = matches!(e.kind, ExprKind::GeneratorExp { .. });
        self.param(".0", first.iter.span);
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.comprehension_iter(&g.iter)?;
            }
            self.target(&g.target, BindHow::ComprehensionTarget)?;
            self.exprs(&g.ifs)?;
        }
        for elt in elts {
            self.expr(elt)?;
        }
        self.stack.pop();
        Ok(())
    }

    fn comprehension_iter(&mut self, iter: &Expr) -> Result<(), SyntaxError> {
        if contains_walrus(iter) {
            return Err(SyntaxError::new(
                "assignment expression cannot be used in a comprehension iterable expression",
                iter.span,
            ));
        }
        self.expr(iter)
    }

    /// `x := value` inside comprehensions binds `x` in the nearest enclosing function or the
    /// module (CPython's `symtable_extend_namedexpr_scope`).
    fn walrus_target(&mut self, target: &Ident) -> Result<(), SyntaxError> {
        let name = &target.name;
        if self.cur().kind != ScopeKind::Comprehension {
            self.bind(name, target.span, BindHow::Walrus);
            return Ok(());
        }
        for depth in (0..self.stack.len()).rev() {
            let id = self.stack[depth];
            let scope = &self.table.scopes[id];
            match scope.kind {
                ScopeKind::Comprehension => {
                    if scope.lookup(name).is_some_and(|s| s.flags & DEF_COMP_ITER != 0) {
                        return Err(SyntaxError::new(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            target.span,
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Module => {
                    let global = scope.kind == ScopeKind::Module
                        || scope.lookup(name).is_some_and(|s| s.flags & DEF_GLOBAL != 0);
                    let cur = *self.stack.last().expect("a scope is open");
                    let sym = self.symbol_in(cur, name);
                    sym.flags |= if global { DEF_GLOBAL } else { DEF_NONLOCAL };
                    sym.directive.get_or_insert(target.span);
                    let owner = self.symbol_in(id, name);
                    owner.flags |= if global { DEF_GLOBAL } else { DEF_LOCAL };
                    owner.first_bind.get_or_insert((target.span, BindHow::Walrus));
                    return Ok(());
                }
                ScopeKind::Class => {
                    return Err(SyntaxError::new(
                        "assignment expression within a comprehension cannot be used in a class body",
                        target.span,
                    ));
                }
            }
        }
        Ok(())
    }
}

fn contains_walrus(e: &Expr) -> bool {
    let mut found = false;
    visit_subexprs(e, &mut |sub| found |= matches!(sub.kind, ExprKind::NamedExpr { .. }));
    found
}

/// Calls `f` on `e` and every expression inside it that belongs to the same scope.
fn visit_subexprs(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    let mut go = |x: &Expr| visit_subexprs(x, f);
    match &e.kind {
        ExprKind::BinOp { left, right, .. } => {
            go(left);
            go(right);
        }
        ExprKind::UnaryOp { operand, .. } => go(operand),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(go),
        ExprKind::Compare { left, comparators, .. } => {
            go(left);
            comparators.iter().for_each(go);
        }
        ExprKind::Call { func, args, keywords } => {
            go(func);
            args.iter().for_each(&mut go);
            keywords.iter().for_each(|k| go(&k.value));
        }
        ExprKind::Attribute { value, .. } => go(value),
        ExprKind::Subscript { value, index } => {
            go(value);
            go(index);
        }
        ExprKind::Starred(x) | ExprKind::Await(x) | ExprKind::YieldFrom(x) => go(x),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => items.iter().for_each(go),
        ExprKind::IfExp { test, body, orelse } => {
            go(test);
            go(body);
            go(orelse);
        }
        ExprKind::NamedExpr { value, .. } => go(value),
        _ => {}
    }
}

/// CPython's `compiler_set_qualname`: functions inside functions get `.<locals>.`, inside
/// classes and comprehensions just `.`.
fn qualname_in(parent: &Scope, kind: ScopeKind, name: &str) -> String {
    if parent.kind == ScopeKind::Module {
        return name.to_string();
    }
    let declared_global = matches!(kind, ScopeKind::Function | ScopeKind::Class)
        && parent.lookup(name).is_some_and(|s| s.flags & DEF_GLOBAL != 0);
    if declared_global {
        return name.to_string();
    }
    let separator = match parent.kind {
        ScopeKind::Function | ScopeKind::Lambda => ".<locals>.",
        _ => ".",
    };
    [parent.qualname.as_str(), separator, name].concat()
}

/// Phase two: decide every binding, outside in. `bound` holds the names bound by enclosing
/// function scopes (None at module level); returns the names free in this scope or below
/// that must come from further out.
fn analyze(
    table: &mut SymbolTable,
    id: ScopeId,
    bound: Option<&HashSet<String>>,
) -> Result<HashSet<String>, SyntaxError> {
    let kind = table.scopes[id].kind;
    let mut free = HashSet::new();
    for sym in &mut table.scopes[id].symbols {
        let name = &sym.name;
        let f = sym.flags;
        sym.binding = if f & DEF_GLOBAL != 0 {
            if f & DEF_NONLOCAL != 0 {
                return Err(SyntaxError::new(format!("name '{name}' is nonlocal and global"), sym.directive.unwrap_or_default()));
            }
            Binding::GlobalExplicit
        } else if f & DEF_NONLOCAL != 0 {
            let Some(bound) = bound else {
                return Err(SyntaxError::new("nonlocal declaration not allowed at module level", sym.directive.unwrap_or_default()));
            };
            if !bound.contains(name) {
                return Err(SyntaxError::new(format!("no binding for nonlocal '{name}' found"), sym.directive.unwrap_or_default()));
            }
            free.insert(name.clone());
            Binding::Free
        } else if f & DEF_BOUND != 0 {
            Binding::Local
        } else if bound.is_some_and(|b| b.contains(name)) {
            free.insert(name.clone());
            Binding::Free
        } else {
            Binding::GlobalImplicit
        };
    }

    let mut child_free = HashSet::new();
    if !table.scopes[id].children.is_empty() {
        let newbound = bound_in_children(&table.scopes[id], bound);
        for i in 0..table.scopes[id].children.len() {
            let child = table.scopes[id].children[i];
            child_free.extend(analyze(table, child, Some(&newbound))?);
        }
    }

    let scope = &mut table.scopes[id];
    // A class closes `__class__` for its methods instead of passing it further out.
    if kind == ScopeKind::Class && child_free.remove("__class__") {
        scope.needs_class_cell = true;
    }
    // A name a class binds and a method uses from an enclosing function: the class body keeps
    // its own binding in its namespace and still passes the enclosing cell through to the
    // method (CPython's `DEF_FREE_CLASS`).
    let mut class_free: Vec<String> = Vec::new();
    if kind != ScopeKind::Class {
        // Locals that children use become cells.
        for sym in &mut scope.symbols {
            if sym.binding == Binding::Local && child_free.remove(&sym.name) {
                sym.binding = Binding::Cell;
            }
        }
    }
    // Names free in children and not mentioned here pass through this scope as free
    // variables (CPython's `update_symbols`).
    for name in &child_free {
        if !bound.is_some_and(|b| b.contains(name)) {
            continue;
        }
        if let Some(sym) = scope.lookup(name) {
            if kind == ScopeKind::Class && sym.binding == Binding::Local {
                class_free.push(name.clone());
            }
            continue;
        }
        scope.add(Symbol {
            name: name.clone(),
            flags: 0,
            binding: Binding::Free,
            first_bind: None,
            first_use: None,
            directive: None,
            implicit: true,
        });
    }
    free.extend(child_free);
    if kind == ScopeKind::Module {
        free.clear();
    }

    let mut cells: Vec<&Symbol> = scope.symbols.iter().filter(|s| s.binding == Binding::Cell).collect();
    cells.sort_by(|a, b| a.name.cmp(&b.name));
    let mut cellvars: Vec<String> =
        scope.params.iter().map(|&i| &scope.symbols[i]).filter(|s| s.binding == Binding::Cell).map(|s| s.name.clone()).collect();
    cellvars.extend(cells.iter().filter(|c| !c.is_param()).map(|c| c.name.clone()));
    if scope.needs_class_cell {
        cellvars.push("__class__".to_string());
    }
    let mut freevars: Vec<String> =
        scope.symbols.iter().filter(|s| s.binding == Binding::Free).map(|s| s.name.clone()).collect();
    freevars.extend(class_free);
    freevars.sort();
    scope.cellvars = cellvars;
    scope.freevars = freevars;
    Ok(free)
}

/// What the children of `scope` may close over: the enclosing bindings, plus the scope's
/// locals if it is a function. A class body's names are not visible to the functions inside
/// it, and a name declared `global` here is global for the children too.
fn bound_in_children(scope: &Scope, bound: Option<&HashSet<String>>) -> HashSet<String> {
    let mut newbound = HashSet::new();
    if scope.kind != ScopeKind::Module {
        newbound.extend(bound.into_iter().flatten().cloned());
        for sym in &scope.symbols {
            match sym.binding {
                Binding::GlobalExplicit => {
                    newbound.remove(&sym.name);
                }
                Binding::Local if scope.kind != ScopeKind::Class => {
                    newbound.insert(sym.name.clone());
                }
                _ => {}
            }
        }
    }
    if scope.kind == ScopeKind::Class {
        newbound.insert("__class__".to_string());
    }
    newbound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Expr {
        Expr { kind: ExprKind::Name(s.into()), span: Span::default() }
    }
    fn ident(s: &str) -> Ident {
        Ident { name: s.into(), span: Span::default() }
    }
    fn stmt(kind: StmtKind) -> Stmt {
        Stmt { kind, span: Span::default() }
    }
    fn assign(target: &str, value: Expr) -> Stmt {
        stmt(StmtKind::Assign { targets: vec![name(target)], value })
    }
    fn int(v: i64) -> Expr {
        Expr { kind: ExprKind::Constant(Constant::Int(v.into())), span: Span::default() }
    }
    fn def(n: &str, params: &[&str], body: Vec<Stmt>) -> Stmt {
        let params = Params {
            args: params.iter().map(|p| Param { name: ident(p), annotation: None, default: None }).collect(),
            ..Params::default()
        };
        stmt(StmtKind::FunctionDef(Box::new(FunctionDef {
            name: ident(n),
            params,
            body,
            decorators: vec![],
            returns: None,
            is_async: false,
        })))
    }
    fn scope<'a>(t: &'a SymbolTable, qualname: &str) -> &'a Scope {
        t.scopes.iter().find(|s| s.qualname == qualname).unwrap()
    }

    #[test]
    fn closure_variables_become_cells_and_free_vars() {
        // def outer(zeta, alpha):
        //     mango = 1; banana = 2
        //     def inner(): return zeta, alpha, mango, banana
        let inner = def(
            "inner",
            &[],
            vec![stmt(StmtKind::Return(Some(Expr {
                kind: ExprKind::Tuple(vec![name("zeta"), name("alpha"), name("mango"), name("banana")]),
                span: Span::default(),
            })))],
        );
        let m = Module {
            body: vec![def("outer", &["zeta", "alpha"], vec![assign("mango", int(1)), assign("banana", int(2)), inner])],
        };
        let t = resolve(&m).unwrap();
        assert_eq!(scope(&t, "outer").cellvars, ["zeta", "alpha", "banana", "mango"]);
        assert_eq!(scope(&t, "outer.<locals>.inner").freevars, ["alpha", "banana", "mango", "zeta"]);
    }

    #[test]
    fn middle_function_carries_a_free_variable_it_never_mentions() {
        let leaf = def("leaf", &[], vec![stmt(StmtKind::Return(Some(name("x"))))]);
        let middle = def("middle", &[], vec![leaf]);
        let m = Module { body: vec![def("outer", &[], vec![assign("x", int(1)), middle])] };
        let t = resolve(&m).unwrap();
        assert_eq!(scope(&t, "outer.<locals>.middle").freevars, ["x"]);
        assert_eq!(scope(&t, "outer").cellvars, ["x"]);
    }

    #[test]
    fn nonlocal_errors_use_cpython_wording() {
        let m = Module { body: vec![stmt(StmtKind::Nonlocal(vec![ident("x")]))] };
        assert_eq!(resolve(&m).unwrap_err().msg, "nonlocal declaration not allowed at module level");
        let inc = def("inc", &[], vec![stmt(StmtKind::Nonlocal(vec![ident("counter")]))]);
        let m = Module { body: vec![assign("counter", int(0)), inc] };
        assert_eq!(resolve(&m).unwrap_err().msg, "no binding for nonlocal 'counter' found");
        let inner = def("inner", &[], vec![assign("count", int(1)), stmt(StmtKind::Nonlocal(vec![ident("count")]))]);
        let m = Module { body: vec![def("outer", &[], vec![assign("count", int(0)), inner])] };
        assert_eq!(resolve(&m).unwrap_err().msg, "name 'count' is assigned to before nonlocal declaration");
    }

    #[test]
    fn yield_makes_a_generator_and_is_refused_in_comprehensions() {
        let src = "def evens(ns):\n    for n in ns:\n        if n % 2 == 0:\n            yield n\n\
                   def plain():\n    return (n for n in [1])\n\
                   g = lambda: (yield from [1])\n";
        let t = resolve(&crate::syntax::parse_module(src).unwrap()).unwrap();
        assert!(scope(&t, "evens").is_generator);
        assert!(!scope(&t, "plain").is_generator);
        assert!(scope(&t, "plain.<locals>.<genexpr>").is_generator);
        assert!(scope(&t, "<lambda>").is_generator);
        for (comp, what) in [
            ("[(yield) for x in y]", "list comprehension"),
            ("{(yield) for x in y}", "set comprehension"),
            ("{x: (yield) for x in y}", "dict comprehension"),
            ("((yield) for x in y)", "generator expression"),
        ] {
            let m = crate::syntax::parse_module(&format!("def f(y):\n    return {comp}\n")).unwrap();
            assert_eq!(resolve(&m).unwrap_err().msg, format!("'yield' inside {what}"));
        }
    }

    #[test]
    fn global_after_use_is_an_error() {
        let f = def(
            "add",
            &["n"],
            vec![stmt(StmtKind::Expr(name("total"))), stmt(StmtKind::Global(vec![ident("total")]))],
        );
        let m = Module { body: vec![f] };
        assert_eq!(resolve(&m).unwrap_err().msg, "name 'total' is used prior to global declaration");
    }
}
