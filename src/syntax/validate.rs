//! Checks on a parsed module that CPython makes in its parser (assignment targets), its
//! symbol table (duplicate parameters, `yield` outside a function) and its compiler
//! (`return` / `break` / `continue` / `await` placement). They run here so that nothing
//! executes when one of them fails. Each pass reports the first error in source order, and
//! the passes run in CPython's order.

use super::ast::*;

type R = Result<(), SyntaxError>;

pub fn check_module(m: &Module) -> R {
    let t = Targets;
    for s in &m.body {
        t.stmt(s)?;
    }
    for s in &m.body {
        symtable_stmt(s, false)?;
    }
    let mut c = Ctx { in_func: false, is_async: false, in_loop: false };
    for s in &m.body {
        compile_stmt(s, &mut c)?;
    }
    Ok(())
}

/// CPython's `_PyPegen_get_expr_name`.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::Constant(c) => match c {
            Constant::None => "None",
            Constant::True => "True",
            Constant::False => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The innermost part of `e` that cannot be assigned to (CPython's
/// `_PyPegen_get_invalid_target`).
fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::List(v) | ExprKind::Tuple(v) => v.iter().find_map(|x| invalid_target(x, del)),
        ExprKind::Starred(v) if !del => invalid_target(v, del),
        _ => Some(e),
    }
}

struct Targets;

impl Targets {
    fn assign_target(&self, t: &Expr, here: bool) -> R {
        if let Some(bad) = invalid_target(t, false) {
            let msg = if here {
                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(bad))
            } else {
                format!("cannot assign to {}", expr_name(bad))
            };
            return Err(SyntaxError::new(msg, bad.span));
        }
        Ok(())
    }

    fn stmt(&self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    if let ExprKind::Yield(_) | ExprKind::YieldFrom(_) = t.kind {
                        return Err(SyntaxError::new("assignment to yield expression not possible", t.span));
                    }
                    if let Some(bad) = invalid_target(t, false) {
                        // CPython's `invalid_named_expression` adds "here. Maybe you meant
                        // '=='": only for a single `=`, and not for True / None / False.
                        let here = targets.len() == 1
                            && !matches!(
                                bad.kind,
                                ExprKind::Constant(Constant::True | Constant::False | Constant::None)
                            );
                        self.assign_target(t, here)?;
                    }
                    self.expr(t)?;
                }
                self.expr(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                if !matches!(
                    target.kind,
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                ) {
                    return Err(SyntaxError::new(
                        format!("'{}' is an illegal expression for augmented assignment", expr_name(target)),
                        target.span,
                    ));
                }
                self.expr(target)?;
                self.expr(value)
            }
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                match &target.kind {
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                    ExprKind::Tuple(_) => {
                        return Err(SyntaxError::new(
                            "only single target (not tuple) can be annotated",
                            target.span,
                        ))
                    }
                    ExprKind::List(_) => {
                        return Err(SyntaxError::new(
                            "only single target (not list) can be annotated",
                            target.span,
                        ))
                    }
                    _ => return Err(SyntaxError::new("illegal target for annotation", target.span)),
                }
                self.expr(target)?;
                self.expr(annotation)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                Ok(())
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    if let Some(bad) = invalid_target(t, true) {
                        return Err(SyntaxError::new(
                            format!("cannot delete {}", expr_name(bad)),
                            bad.span,
                        ));
                    }
                    self.expr(t)?;
                }
                Ok(())
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.assign_target(target, false)?;
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context)?;
                    if let Some(t) = &it.target {
                        self.assign_target(t, false)?;
                        self.expr(t)?;
                    }
                }
                self.stmts(body)
            }
            _ => walk_stmt(s, &mut |e| self.expr(e), &mut |b| self.stmts(b)),
        }
    }

    fn stmts(&self, b: &[Stmt]) -> R {
        for s in b {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn expr(&self, e: &Expr) -> R {
        if let ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. }
        | ExprKind::DictComp { generators, .. } = &e.kind
        {
            for g in generators {
                self.assign_target(&g.target, false)?;
            }
        }
        if let ExprKind::ListComp { elt, .. }
        | ExprKind::SetComp { elt, .. }
        | ExprKind::GeneratorExp { elt, .. } = &e.kind
        {
            if let ExprKind::Starred(_) = elt.kind {
                return Err(SyntaxError::new(
                    "iterable unpacking cannot be used in comprehension",
                    elt.span,
                ));
            }
        }
        walk_expr(e, &mut |x| self.expr(x))
    }
}

/// Calls `f` on each direct child expression of `s` and `b` on each child block.
fn walk_stmt(
    s: &Stmt,
    f: &mut dyn FnMut(&Expr) -> R,
    b: &mut dyn FnMut(&[Stmt]) -> R,
) -> R {
    match &s.kind {
        StmtKind::Expr(e) => f(e),
        StmtKind::Assign { targets, value } => {
            for t in targets {
                f(t)?;
            }
            f(value)
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(target)?;
            f(value)
        }
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            f(target)?;
            f(annotation)?;
            value.as_ref().map_or(Ok(()), &mut *f)
        }
        StmtKind::FunctionDef(d) => {
            for x in &d.decorators {
                f(x)?;
            }
            params_exprs(&d.params, f)?;
            if let Some(r) = &d.returns {
                f(r)?;
            }
            b(&d.body)
        }
        StmtKind::ClassDef(c) => {
            for x in &c.decorators {
                f(x)?;
            }
            for x in &c.bases {
                f(x)?;
            }
            for k in &c.keywords {
                f(&k.value)?;
            }
            b(&c.body)
        }
        StmtKind::Return(v) => v.as_ref().map_or(Ok(()), &mut *f),
        StmtKind::Delete(v) => {
            for x in v {
                f(x)?;
            }
            Ok(())
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            f(test)?;
            b(body)?;
            b(orelse)
        }
        StmtKind::For { target, iter, body, orelse, .. } => {
            f(target)?;
            f(iter)?;
            b(body)?;
            b(orelse)
        }
        StmtKind::With { items, body, .. } => {
            for it in items {
                f(&it.context)?;
                if let Some(t) = &it.target {
                    f(t)?;
                }
            }
            b(body)
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            b(body)?;
            for h in handlers {
                if let Some(t) = &h.typ {
                    f(t)?;
                }
                b(&h.body)?;
            }
            b(orelse)?;
            b(finalbody)
        }
        StmtKind::Raise { exc, cause } => {
            if let Some(x) = exc {
                f(x)?;
            }
            cause.as_ref().map_or(Ok(()), &mut *f)
        }
        StmtKind::Assert { test, msg } => {
            f(test)?;
            msg.as_ref().map_or(Ok(()), &mut *f)
        }
        StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_) => Ok(()),
    }
}

fn params_exprs(p: &Params, f: &mut dyn FnMut(&Expr) -> R) -> R {
    for q in p.posonly.iter().chain(&p.args).chain(&p.vararg).chain(&p.kwonly).chain(&p.kwarg) {
        if let Some(a) = &q.annotation {
            f(a)?;
        }
        if let Some(d) = &q.default {
            f(d)?;
        }
    }
    Ok(())
}

/// Calls `f` on each direct child expression of `e`.
pub fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr) -> R) -> R {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => Ok(()),
        ExprKind::JoinedStr(parts) => fparts(parts, f),
        ExprKind::BinOp { left, right, .. } => {
            f(left)?;
            f(right)
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::BoolOp { values, .. } => values.iter().try_for_each(&mut *f),
        ExprKind::Compare { left, comparators, .. } => {
            f(left)?;
            comparators.iter().try_for_each(&mut *f)
        }
        ExprKind::Call { func, args, keywords } => {
            f(func)?;
            args.iter().try_for_each(&mut *f)?;
            keywords.iter().try_for_each(|k| f(&k.value))
        }
        ExprKind::Attribute { value, .. } => f(value),
        ExprKind::Subscript { value, index } => {
            f(value)?;
            f(index)
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                f(x)?;
            }
            Ok(())
        }
        ExprKind::Starred(v) | ExprKind::Await(v) | ExprKind::YieldFrom(v) => f(v),
        ExprKind::Yield(v) => v.as_ref().map_or(Ok(()), |x| f(x)),
        ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::Set(v) => v.iter().try_for_each(&mut *f),
        ExprKind::Dict(items) => {
            for (k, v) in items {
                if let Some(k) = k {
                    f(k)?;
                }
                f(v)?;
            }
            Ok(())
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt)?;
            comps(generators, f)
        }
        ExprKind::DictComp { key, value, generators } => {
            f(key)?;
            f(value)?;
            comps(generators, f)
        }
        ExprKind::Lambda { params, body } => {
            params_exprs(params, f)?;
            f(body)
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test)?;
            f(body)?;
            f(orelse)
        }
        ExprKind::NamedExpr { value, .. } => f(value),
    }
}

fn comps(gens: &[Comprehension], f: &mut dyn FnMut(&Expr) -> R) -> R {
    for g in gens {
        f(&g.target)?;
        f(&g.iter)?;
        g.ifs.iter().try_for_each(&mut *f)?;
    }
    Ok(())
}

fn fparts(parts: &[FStringPart], f: &mut dyn FnMut(&Expr) -> R) -> R {
    for p in parts {
        if let FStringPart::Formatted { value, format_spec, .. } = p {
            f(value)?;
            if let Some(spec) = format_spec {
                fparts(spec, f)?;
            }
        }
    }
    Ok(())
}

fn check_params(p: &Params) -> R {
    let mut seen: Vec<&str> = Vec::new();
    for q in p.posonly.iter().chain(&p.args).chain(&p.vararg).chain(&p.kwonly).chain(&p.kwarg) {
        if seen.contains(&q.name.name.as_str()) {
            return Err(SyntaxError::new(
                format!("duplicate argument '{}' in function definition", q.name.name),
                q.name.span,
            ));
        }
        seen.push(&q.name.name);
    }
    Ok(())
}

/// Symbol-table checks: duplicate parameters, `yield` outside a function.
fn symtable_stmt(s: &Stmt, in_func: bool) -> R {
    match &s.kind {
        StmtKind::FunctionDef(d) => {
            check_params(&d.params)?;
            for x in &d.decorators {
                symtable_expr(x, in_func)?;
            }
            params_exprs(&d.params, &mut |e| symtable_expr(e, in_func))?;
            if let Some(r) = &d.returns {
                symtable_expr(r, in_func)?;
            }
            d.body.iter().try_for_each(|b| symtable_stmt(b, true))
        }
        StmtKind::ClassDef(c) => {
            for x in c.decorators.iter().chain(&c.bases) {
                symtable_expr(x, in_func)?;
            }
            for k in &c.keywords {
                symtable_expr(&k.value, in_func)?;
            }
            c.body.iter().try_for_each(|b| symtable_stmt(b, false))
        }
        _ => walk_stmt(
            s,
            &mut |e| symtable_expr(e, in_func),
            &mut |b| b.iter().try_for_each(|x| symtable_stmt(x, in_func)),
        ),
    }
}

fn symtable_expr(e: &Expr, in_func: bool) -> R {
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) if !in_func => {
            Err(SyntaxError::new("'yield' outside function", e.span))
        }
        ExprKind::Lambda { params, body } => {
            check_params(params)?;
            params_exprs(params, &mut |x| symtable_expr(x, in_func))?;
            symtable_expr(body, true)
        }
        _ => walk_expr(e, &mut |x| symtable_expr(x, in_func)),
    }
}

#[derive(Clone, Copy)]
struct Ctx {
    in_func: bool,
    is_async: bool,
    in_loop: bool,
}

/// Compiler checks: `return`, `break`, `continue`, `await` placement.
fn compile_stmt(s: &Stmt, c: &mut Ctx) -> R {
    let body = |b: &[Stmt], c: Ctx| -> R {
        let mut c = c;
        b.iter().try_for_each(|x| compile_stmt(x, &mut c))
    };
    match &s.kind {
        StmtKind::Return(v) => {
            if !c.in_func {
                return Err(SyntaxError::new("'return' outside function", s.span));
            }
            v.as_ref().map_or(Ok(()), |e| compile_expr(e, *c))
        }
        StmtKind::Assign { targets, value } => {
            for t in targets {
                check_starred_target(t)?;
                compile_expr(t, *c)?;
            }
            compile_expr(value, *c)
        }
        StmtKind::Break if !c.in_loop => Err(SyntaxError::new("'break' outside loop", s.span)),
        StmtKind::Continue if !c.in_loop => {
            Err(SyntaxError::new("'continue' not properly in loop", s.span))
        }
        StmtKind::FunctionDef(d) => {
            for x in &d.decorators {
                compile_expr(x, *c)?;
            }
            params_exprs(&d.params, &mut |e| compile_expr(e, *c))?;
            if let Some(r) = &d.returns {
                compile_expr(r, *c)?;
            }
            body(&d.body, Ctx { in_func: true, is_async: d.is_async, in_loop: false })
        }
        StmtKind::ClassDef(cd) => {
            for x in cd.decorators.iter().chain(&cd.bases) {
                compile_expr(x, *c)?;
            }
            for k in &cd.keywords {
                compile_expr(&k.value, *c)?;
            }
            body(&cd.body, Ctx { in_func: false, is_async: false, in_loop: false })
        }
        StmtKind::While { test, body: b, orelse } => {
            compile_expr(test, *c)?;
            body(b, Ctx { in_loop: true, ..*c })?;
            body(orelse, *c)
        }
        StmtKind::For { is_async: true, .. } if !c.is_async => {
            Err(SyntaxError::new("'async for' outside async function", s.span))
        }
        StmtKind::With { is_async: true, .. } if !c.is_async => {
            Err(SyntaxError::new("'async with' outside async function", s.span))
        }
        StmtKind::For { target, iter, body: b, orelse, .. } => {
            check_starred_target(target)?;
            compile_expr(target, *c)?;
            compile_expr(iter, *c)?;
            body(b, Ctx { in_loop: true, ..*c })?;
            body(orelse, *c)
        }
        _ => {
            let cc = *c;
            walk_stmt(s, &mut |e| compile_expr(e, cc), &mut |b| body(b, cc))
        }
    }
}

fn check_starred_target(t: &Expr) -> R {
    match &t.kind {
        ExprKind::Starred(_) => Err(SyntaxError::new(
            "starred assignment target must be in a list or tuple",
            t.span,
        )),
        ExprKind::Tuple(v) | ExprKind::List(v) => {
            if v.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count() > 1 {
                return Err(SyntaxError::new("multiple starred expressions in assignment", t.span));
            }
            for x in v {
                match &x.kind {
                    ExprKind::Starred(inner) => check_starred_target(inner)?,
                    _ => check_starred_target(x)?,
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn compile_expr(e: &Expr, c: Ctx) -> R {
    match &e.kind {
        ExprKind::YieldFrom(_) if c.is_async => {
            Err(SyntaxError::new("'yield from' inside async function", e.span))
        }
        ExprKind::Await(_) if !c.in_func => Err(SyntaxError::new("'await' outside function", e.span)),
        ExprKind::Await(_) if !c.is_async => {
            Err(SyntaxError::new("'await' outside async function", e.span))
        }
        ExprKind::Lambda { params, body } => {
            params_exprs(params, &mut |x| compile_expr(x, c))?;
            compile_expr(body, Ctx { in_func: true, is_async: false, in_loop: false })
        }
        _ => walk_expr(e, &mut |x| compile_expr(x, c)),
    }
}
