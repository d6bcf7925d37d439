//! Functions and calls: making a function from its `def` or `lambda`, evaluating a call's
//! arguments, binding them to parameters with CPython's rules and messages, and running the
//! callee's frame. The fast paths for the commonest calls (all positional, plain functions,
//! builtin methods) live here beside the general `call`.

use super::{Flow, Frame, Interp};
use arrayvec::ArrayVec;
use crate::compile::code::*;
use crate::runtime::model::depth;
use crate::runtime::model::trace;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::typeobj::{class_epoch, type_name};
use crate::runtime::model::value::*;
use std::borrow::Cow;
use std::rc::Rc;

/// Keyword arguments of a call, in the order written.
type KwArgs = Vec<(Rc<PyStr>, Value)>;

impl Interp {
    pub(super) fn make_function(&mut self, f: &mut Frame, def: &FuncDef) -> PyResult<Value> {
        let mut defaults = Vec::with_capacity(def.defaults.len());
        for d in &def.defaults {
            defaults.push(self.eval(f, d)?);
        }
        let kwdefaults = if def.kwdefaults.is_empty() {
            None
        } else {
            let d = Dict::new();
            for (name, e) in &def.kwdefaults {
                let v = self.eval(f, e)?;
                d.set_name(name, v);
            }
            Some(Rc::new(d))
        };
        let annotations = if def.annotations.is_empty() {
            None
        } else {
            let d = Dict::new();
            for (name, e) in &def.annotations {
                let v = self.eval(f, e)?;
                d.set_name(name, v);
            }
            Some(Rc::new(d))
        };
        let closure: Box<[Rc<CellObj>]> = def.closure.iter().map(|&i| f.cells[i as usize].clone()).collect();
        let code = def.code.share();
        let defaults = (!defaults.is_empty()).then(|| Rc::new(Tuple::new(defaults)));
        let func = Function::new(code, f.globals.clone(), defaults, closure);
        if kwdefaults.is_some() || annotations.is_some() {
            let mut extra = func.extra_mut();
            extra.kwdefaults = kwdefaults;
            extra.annotations = annotations;
        }
        let func = Rc::new(func);
        crate::runtime::model::gc::track_function(&func);
        if trace::on() {
            trace::function_made(&func);
        }
        Ok(Value::Function(func))
    }

    pub(super) fn decorate(&mut self, f: &mut Frame, def: &FuncDef, mut v: Value) -> PyResult<Value> {
        if def.decorators.is_empty() {
            return Ok(v);
        }
        let mut decs = Vec::with_capacity(def.decorators.len());
        for d in &def.decorators {
            decs.push(self.eval(f, d)?);
        }
        for d in decs.iter().rev() {
            v = self.call(d, vec![v], Vec::new())?;
        }
        Ok(v)
    }

    /// Evaluates a call's arguments. `callee` names the called object in errors, as CPython
    /// does (`__main__.k() argument after * must be an iterable, not int`).
    pub(super) fn eval_args(
        &mut self,
        f: &mut Frame,
        args: &[Arg],
        callee: &dyn Fn(&mut Interp) -> String,
    ) -> PyResult<(Vec<Value>, KwArgs)> {
        let mut pos = Vec::with_capacity(args.iter().filter(|a| matches!(a, Arg::Pos(_))).count());
        let mut kw: KwArgs = Vec::new();
        // The parser refuses a keyword written twice, so only one coming after a `**` can
        // repeat a name: CPython then reports it as it merges the keywords into one dict.
        let mut merged = false;
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.eval_operand(f, e)?),
                Arg::Star(e) => {
                    let v = self.eval_operand(f, e)?;
                    self.splat(&v, &mut pos, callee)?;
                }
                Arg::Kw(name, e) => {
                    let v = self.eval(f, e)?;
                    if merged && kw.iter().any(|(n, _)| n.as_str() == name.as_str()) {
                        let callee = callee(self);
                        return type_error(format!("{callee} got multiple values for keyword argument '{}'", name.as_str()));
                    }
                    kw.push((name.clone(), v));
                }
                Arg::StarStar(e) => {
                    merged = true;
                    let v = self.eval(f, e)?;
                    let Value::Dict(d) = &v else {
                        let callee = callee(self);
                        return type_error(format!("{callee} argument after ** must be a mapping, not {}", type_name(&v)));
                    };
                    for (k, val) in d.items() {
                        let Value::Str(k) = k else {
                            return type_error("keywords must be strings");
                        };
                        if kw.iter().any(|(n, _)| n.as_str() == k.as_str()) {
                            let callee = callee(self);
                            return type_error(format!(
                                "{callee} got multiple values for keyword argument '{}'",
                                k.as_str()
                            ));
                        }
                        kw.push((k, val));
                    }
                }
            }
        }
        Ok((pos, kw))
    }

    /// `*v` in a call's arguments: its items join the positional ones.
    fn splat(&mut self, v: &Value, pos: &mut Vec<Value>, callee: &dyn Fn(&mut Interp) -> String) -> PyResult<()> {
        if let Value::Tuple(t) = v {
            pos.extend_from_slice(&t.items);
            return Ok(());
        }
        if !crate::runtime::model::iter::is_iterable(v) {
            let callee = callee(self);
            return type_error(format!("{callee} argument after * must be an iterable, not {}", type_name(v)));
        }
        pos.extend(self.collect(v)?);
        Ok(())
    }

    pub(super) fn eval_call(&mut self, f: &mut Frame, call: &Call) -> PyResult<Value> {
        // Most callees are globals (a function defined at module level, a builtin).
        let func = match &call.func {
            Expr::Global(n, span, cache) => self.eval_global(f, n, *span, cache)?,
            other => self.eval(f, other)?,
        };
        if let Value::Instance(inst) = &func {
            // `counter()` on an object: its class's `__call__` with the object in front.
            if let Some(Value::Function(method)) = inst.class.lookup_name(&self.names.call) {
                if fits_with_receiver(&method, call) {
                    return self.call_with_receiver(f, &method, func.clone(), &call.args).map_err(|e| e.at(call.span));
                }
            }
        }
        if let Value::Function(function) = &func {
            if call.simple {
                if function.code.plain().is_some_and(|c| call.args.len() == c.sig.argcount) {
                    return self.call_plain(f, function, &call.args).map_err(|e| e.at(call.span));
                }
                // Read once here: every read of a function's code looks whether it is made yet.
                let code = &**function.code;
                if binds_positionally(function, code, call.args.len()) {
                    return self.call_positional(f, function, code, &call.args).map_err(|e| e.at(call.span));
                }
            } else if let [Arg::Star(e)] = &call.args[..] {
                // `func(*args)`, the forwarding call of every decorator's wrapper.
                let v = self.eval_operand(f, e)?;
                if let Value::Tuple(t) = &v {
                    if function.code.plain().is_some_and(|c| t.items.len() == c.sig.argcount) {
                        let mut slots = [const { None }; STACK_LOCALS];
                        for (slot, item) in slots.iter_mut().zip(t.items.iter()) {
                            *slot = Some(item.clone());
                        }
                        return self.run_plain(function, &mut slots).map_err(|e| e.at(call.span));
                    }
                }
                let mut pos = Vec::new();
                self.splat(&v, &mut pos, &|interp| function_str(interp, &func))?;
                return self.call(&func, pos, Vec::new()).map_err(|e| e.at(call.span));
            }
        }
        let (pos, kw) = self.eval_args(f, &call.args, &|interp| function_str(interp, &func))?;
        self.call(&func, pos, kw).map_err(|e| e.at(call.span))
    }

    /// The fast path, for calls that `binds_positionally` accepts: arguments go straight into
    /// the callee's slots, a surplus into its `*args` tuple, and defaults fill the rest.
    fn call_positional(&mut self, f: &mut Frame, func: &Rc<Function>, code: &Code, args: &[Arg]) -> PyResult<Value> {
        let argcount = code.sig.argcount;
        with_locals(code.n_locals(), |locals| {
            let (given, surplus) = args.split_at(args.len().min(argcount));
            for (slot, a) in locals.iter_mut().zip(given) {
                *slot = Some(self.eval_operand(f, positional(a))?);
            }
            if code.sig.varargs {
                let mut extra = Vec::with_capacity(surplus.len());
                for a in surplus {
                    extra.push(self.eval_operand(f, positional(a))?);
                }
                locals[argcount] = Some(Value::tuple(extra));
            }
            if given.len() < argcount {
                // Evaluating the arguments may have replaced `__defaults__`: check again, and
                // let `bind_args` word the error if they no longer cover the gap.
                let defaults = func.defaults.borrow().clone();
                match defaults {
                    Some(d) if d.items.len() >= argcount - given.len() => {
                        let first = argcount - d.items.len();
                        for (i, slot) in locals.iter_mut().enumerate().take(argcount).skip(given.len()) {
                            *slot = Some(d.items[i - first].clone());
                        }
                    }
                    _ => {
                        let pos = locals[..given.len()].iter_mut().filter_map(Option::take).collect();
                        bind_args(func, pos, Vec::new(), locals)?;
                    }
                }
            }
            self.run_function(func, code, locals)
        })
    }

    /// The commonest call: every parameter of a `plain` function passed by position. The
    /// arguments are the frame's first slots, in one array on the Rust stack, and nothing
    /// else needs setting up.
    fn call_plain(&mut self, f: &mut Frame, func: &Rc<Function>, args: &[Arg]) -> PyResult<Value> {
        let mut slots = [const { None }; STACK_LOCALS];
        for (slot, a) in slots.iter_mut().zip(args) {
            *slot = Some(self.eval_operand(f, positional(a))?);
        }
        self.run_plain(func, &mut slots)
    }

    /// `call_plain` for a method or `__call__`: the receiver in the first slot, the call's
    /// arguments after it (`fits_with_receiver` has checked that they fill the parameters).
    fn call_with_receiver(&mut self, f: &mut Frame, func: &Rc<Function>, receiver: Value, args: &[Arg]) -> PyResult<Value> {
        let mut slots = [const { None }; STACK_LOCALS];
        for (slot, a) in slots[1..].iter_mut().zip(args) {
            *slot = Some(self.eval_operand(f, positional(a))?);
        }
        slots[0] = Some(receiver);
        self.run_plain(func, &mut slots)
    }

    /// Runs a `plain` function whose arguments fill the first of `slots`.
    #[inline(always)]
    fn run_plain(&mut self, func: &Rc<Function>, slots: &mut [Option<Value>; STACK_LOCALS]) -> PyResult<Value> {
        let code = func.code.known_plain();
        let mut frame =
            Frame { code, globals: &func.globals, locals: &mut slots[..code.n_locals()], cells: &func.closure, namespace: None };
        self.run_frame(&mut frame)
    }

    /// Runs a function whose arguments are already bound in `locals`.
    fn run_function(&mut self, func: &Rc<Function>, code: &Code, locals: &mut [Option<Value>]) -> PyResult<Value> {
        let cells = make_cells(code, &func.closure, locals);
        self.run_frame(&mut Frame { code, globals: &func.globals, locals, cells: &cells, namespace: None })
    }

    /// Runs a function's body in a frame made for it.
    #[inline(always)]
    pub(super) fn run_frame(&mut self, frame: &mut Frame) -> PyResult<Value> {
        if !self.gen_yielder.is_null() {
            return self.run_frame_off_generator(frame);
        }
        let _guard = depth::enter("")?;
        let _traced = trace::enter(frame.code);
        if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
            self.attend_call(frame)?;
        }
        self.count_step()?;
        let result = match self.exec_block(frame, &frame.code.body) {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(self.traceback_entry(e, frame.code)),
        };
        // A stepper keeps the trace on: with it off, returning costs one test of a local.
        if _traced.is_some() && self.stepping() {
            return self.attend_return(frame, result);
        }
        result
    }

    /// Calls any callable with positional and keyword arguments.
    pub fn call(&mut self, callee: &Value, pos: Vec<Value>, kw: Vec<(Rc<PyStr>, Value)>) -> PyResult<Value> {
        match callee {
            Value::Function(func) => {
                let code = &*func.code;
                if code.is_async || code.is_generator {
                    let mut locals = vec![None; code.n_locals()];
                    bind_args(func, pos, kw, &mut locals)?;
                    // Refused once the arguments are bound, as CPython reports their errors
                    // first, and before any of the body runs.
                    if code.is_generator && code.is_async {
                        return unsupported("asynchronous generators");
                    }
                    return Ok(self.new_generator(func, locals));
                }
                with_locals(code.n_locals(), |locals| {
                    bind_args(func, pos, kw, locals)?;
                    self.run_function(func, code, locals)
                })
            }
            Value::Builtin(b) => (b.func)(self, b, Args { pos: &pos, kw: &kw }),
            Value::Method(m) => {
                let mut args = Vec::with_capacity(pos.len() + 1);
                args.push(m.receiver.clone());
                args.extend(pos);
                self.call(&m.func.clone(), args, kw)
            }
            Value::Type(t) => crate::runtime::modules::builtins::call_type(self, t, &pos, &kw),
            Value::Instance(_) => crate::runtime::types::object::call_instance(self, callee, pos, kw),
            Value::Native(n) => {
                // A callable object written in Rust (an lru_cache wrapper, a partial) is a C
                // call in CPython, which costs a level of the recursion limit too.
                let _guard = depth::enter("")?;
                let n = n.clone();
                match n.call(self, callee, Args { pos: &pos, kw: &kw }) {
                    Some(r) => r,
                    None => type_error(format!("'{}' object is not callable", type_name(callee))),
                }
            }
            _ => type_error(format!("'{}' object is not callable", type_name(callee))),
        }
    }

    /// `obj.name(args)` written in the program. As in CPython, the method is looked up before
    /// the arguments are evaluated. A builtin method with a few positional arguments gets
    /// them in an array on the stack.
    pub(super) fn eval_method_call(
        &mut self,
        f: &mut Frame,
        o: Value,
        name: &Rc<PyStr>,
        call: &Call,
        cache: &MethodCache,
    ) -> PyResult<Value> {
        if let Value::Instance(inst) = &o {
            // A method defined in the class, not shadowed by an instance attribute: called
            // with the instance in front, without making a bound method.
            if let Some(function) = class_method(inst, name, cache) {
                if fits_with_receiver(&function, call) {
                    return self.call_with_receiver(f, &function, o, &call.args);
                }
                let func = Value::Function(function);
                let mut pos = vec![o.clone()];
                let (more, kw) = self.eval_args(f, &call.args, &|interp| function_str(interp, &func))?;
                pos.extend(more);
                return self.call(&func, pos, kw);
            }
        }
        let key = std::mem::discriminant(&o);
        let builtin = match cache.builtin.get() {
            Some((k, n)) if k == key => Some(n),
            _ => {
                let n = crate::runtime::types::builtin_method(&o, name);
                if let Some(n) = n {
                    // Natives and types share one discriminant across different method sets.
                    if !matches!(o, Value::Native(_) | Value::Type(_)) {
                        cache.builtin.set(Some((key, n)));
                    }
                }
                n
            }
        };
        let Some(n) = builtin else {
            let callee = crate::runtime::interp::attrs::getattr(self, &o, name)?;
            let (pos, kw) = self.eval_args(f, &call.args, &|interp| function_str(interp, &callee))?;
            return self.call(&callee, pos, kw);
        };
        const FEW: usize = 4;
        if call.simple && call.args.len() <= FEW {
            let mut args = ArrayVec::<Value, FEW>::new();
            for a in &call.args {
                args.push(self.eval_operand(f, positional(a))?);
            }
            let r = crate::runtime::types::call_method(self, &o, n, &args, &[]);
            if trace::on() {
                note_change_in_place(&o, name);
            }
            return r;
        }
        let (pos, kw) = self.eval_args(f, &call.args, &|interp| method_str(interp, &o, name))?;
        let r = self.call_method(&o, name, pos, kw);
        if trace::on() {
            note_change_in_place(&o, name);
        }
        r
    }

    /// `obj.name(args)`.
    pub fn call_method(
        &mut self,
        obj: &Value,
        name: &Rc<PyStr>,
        pos: Vec<Value>,
        kw: Vec<(Rc<PyStr>, Value)>,
    ) -> PyResult<Value> {
        if let Some(r) = crate::runtime::types::call_builtin_method(self, obj, name, &pos, &kw) {
            return r;
        }
        let m = crate::runtime::interp::attrs::getattr(self, obj, name)?;
        self.call(&m, pos, kw)
    }
}

/// The function `inst.name` finds in the instance's class, when the instance's `__dict__`
/// does not shadow it: what CPython's `LOAD_METHOD` calls without binding. The site's cache
/// answers while the class and `class_epoch()` are the ones it saw, and skips the `__dict__`
/// search while the dict keeps the layout it last had without the name.
#[inline]
fn class_method(inst: &Instance, name: &Rc<PyStr>, cache: &MethodCache) -> Option<Rc<Function>> {
    let epoch = class_epoch();
    let cached = match &*cache.class.borrow() {
        Some(c) if c.epoch == epoch && std::ptr::eq(c.class.as_ptr(), Rc::as_ptr(&inst.class)) => c.func.upgrade(),
        _ => None,
    };
    let func = match cached {
        Some(func) => func,
        None => {
            let Some(Value::Function(func)) = inst.class.lookup_name(name) else { return None };
            let class = Rc::downgrade(&inst.class);
            *cache.class.borrow_mut() = Some(ClassMethod { class, epoch, func: Rc::downgrade(&func) });
            func
        }
    };
    let layout = inst.dict.layout();
    if layout != cache.unshadowed.get() {
        if inst.dict.get_name(name).is_some() {
            return None;
        }
        cache.unshadowed.set(layout);
    }
    Some(func)
}

/// `function_str` for a method of `obj`.
fn method_str(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>) -> String {
    match crate::runtime::interp::attrs::getattr(interp, obj, name) {
        Ok(m) => function_str(interp, &m),
        Err(_) => format!("{}()", name.as_str()),
    }
}

/// How CPython names a callable in call errors (`_PyObject_FunctionStr`): `__main__.k()`,
/// `print()`, `str.upper()`, `collections.deque()`; anything else by its repr.
fn function_str(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Function(func) => {
            let module = match &func.module() {
                Value::Str(m) => format!("{}.", m.as_str()),
                _ => String::new(),
            };
            format!("{module}{}()", func.qualname().as_str())
        }
        Value::Builtin(b) => match b.owner {
            Some(owner) => format!("{owner}.{}()", b.name),
            None => format!("{}()", b.name),
        },
        Value::Type(t) => match &t.module {
            Some(m) => format!("{m}.{}()", t.name),
            None => format!("{}()", t.name),
        },
        Value::Method(m) => function_str(interp, &m.func),
        _ => interp.str(v).unwrap_or_default(),
    }
}

/// Whether a call with `n` positional arguments and nothing else binds without any of
/// `bind_args`'s checks: no keyword-only or `**` parameters, enough arguments for the
/// parameters without defaults, any surplus collected by `*args`, and a body that runs
/// when called (not a coroutine or a generator).
#[inline]
fn binds_positionally(func: &Function, code: &Code, n: usize) -> bool {
    let sig = &code.sig;
    if sig.kwonly > 0 || sig.varkw || code.is_async || code.is_generator {
        return false;
    }
    if n >= sig.argcount {
        return n == sig.argcount || sig.varargs;
    }
    func.defaults.borrow().as_ref().is_some_and(|d| d.items.len() >= sig.argcount - n)
}

/// The expression of an argument of a call whose arguments are all positional.
#[inline]
fn positional(a: &Arg) -> &Expr {
    match a {
        Arg::Pos(e) => e,
        _ => unreachable!("simple calls have positional arguments only"),
    }
}

/// Whether a call's arguments, after a receiver, fill every parameter of a `plain` function.
fn fits_with_receiver(func: &Function, call: &Call) -> bool {
    call.simple && func.code.plain().is_some_and(|c| call.args.len() < STACK_LOCALS && call.args.len() + 1 == c.sig.argcount)
}

/// Runs `run` with `n` empty local slots, on the stack when they fit.
#[inline(always)]
pub(super) fn with_locals<R>(n: usize, run: impl FnOnce(&mut [Option<Value>]) -> R) -> R {
    if n <= STACK_LOCALS {
        let mut slots = [const { None }; STACK_LOCALS];
        run(&mut slots[..n])
    } else {
        run(&mut vec![None; n])
    }
}

/// A frame's cells: fresh ones for its cell variables (parameters move in), then the
/// closure's shared ones. Without cell variables the closure itself is the frame's cells.
pub(super) fn make_cells<'a>(code: &Code, closure: &'a [Rc<CellObj>], locals: &mut [Option<Value>]) -> Cow<'a, [Rc<CellObj>]> {
    if code.cellvars.is_empty() {
        return Cow::Borrowed(closure);
    }
    let mut cells = Vec::with_capacity(code.cellvars.len() + closure.len());
    for name in &code.cellvars {
        cells.push(crate::runtime::model::gc::new_cell(name.clone(), None));
    }
    for &(param, cell) in &code.cell_params {
        cells[cell].set(locals[param].take());
    }
    cells.extend(closure.iter().cloned());
    Cow::Owned(cells)
}

/// Binds call arguments to a function's parameter slots with CPython's rules and messages.
fn bind_args(
    func: &Function,
    pos: Vec<Value>,
    mut kw: Vec<(Rc<PyStr>, Value)>,
    locals: &mut [Option<Value>],
) -> PyResult<()> {
    let code = &*func.code;
    let sig = &code.sig;
    let qualname = func.qualname();
    let argcount = sig.argcount;
    let total = argcount + sig.kwonly;
    let given = pos.len();
    let mut pos = pos;
    // The surplus becomes the `*args` tuple: split off whole, so that it is allocated once.
    let extra = match given {
        _ if given <= argcount => Vec::new(),
        _ if argcount == 0 => std::mem::take(&mut pos),
        _ => pos.split_off(argcount),
    };
    for (slot, v) in locals.iter_mut().zip(pos) {
        *slot = Some(v);
    }
    let varargs_slot = total;
    let varkw_slot = total + sig.varargs as usize;
    if sig.varargs {
        locals[varargs_slot] = Some(Value::tuple(extra));
    }
    let kwdict = sig.varkw.then(Dict::new);
    // The values move out one by one while the names stay, for the error that lists them all.
    for i in 0..kw.len() {
        let v = std::mem::replace(&mut kw[i].1, Value::None);
        let name = &kw[i].0;
        let found = (sig.posonly..total).find(|&j| code.varnames[j].as_str() == name.as_str());
        match found {
            Some(j) => {
                if locals[j].is_some() {
                    return type_error(format!("{}() got multiple values for argument '{}'", qualname.as_str(), name.as_str()));
                }
                locals[j] = Some(v);
            }
            None => match &kwdict {
                Some(d) => d.set_name(name, v),
                None => return unexpected_keyword(code, &qualname, name, &kw),
            },
        }
    }
    if let Some(d) = kwdict {
        locals[varkw_slot] = Some(Value::Dict(crate::runtime::model::gc::new(d)));
    }
    let defaults = func.defaults.borrow().clone();
    let defcount = defaults.as_ref().map_or(0, |d| d.items.len());
    if given > argcount && !sig.varargs {
        let kwonly_given = (argcount..total).filter(|&i| locals[i].is_some()).count();
        let (sig_text, plural) = if defcount > 0 {
            (format!("from {} to {}", argcount - defcount, argcount), true)
        } else {
            (argcount.to_string(), argcount != 1)
        };
        let kwonly_text = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                kwonly_given,
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return type_error(format!(
            "{}() takes {} positional argument{} but {}{} {} given",
            qualname.as_str(),
            sig_text,
            if plural { "s" } else { "" },
            given,
            kwonly_text,
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        ));
    }
    if given < argcount {
        let m = argcount - defcount;
        let missing: Vec<String> = (given..m)
            .filter(|&i| locals[i].is_none())
            .map(|i| format!("'{}'", code.varnames[i].as_str()))
            .collect();
        if !missing.is_empty() {
            return missing_args(&qualname, "positional", missing);
        }
        if let Some(d) = &defaults {
            for (k, v) in d.items.iter().enumerate() {
                if locals[m + k].is_none() {
                    locals[m + k] = Some(v.clone());
                }
            }
        }
    }
    if sig.kwonly > 0 {
        let kwdefaults = func.kwdefaults();
        let mut missing = Vec::new();
        for (i, slot) in locals.iter_mut().enumerate().take(total).skip(argcount) {
            if slot.is_some() {
                continue;
            }
            if let Some(v) = kwdefaults.as_ref().and_then(|d| d.get_name(&code.varnames[i])) {
                *slot = Some(v);
                continue;
            }
            missing.push(format!("'{}'", code.varnames[i].as_str()));
        }
        if !missing.is_empty() {
            return missing_args(&qualname, "keyword-only", missing);
        }
    }
    Ok(())
}

/// A keyword that names no parameter the function can take by keyword. CPython reports every
/// positional-only parameter the call passed by keyword, in parameter order, and only when
/// there is none the keyword it stopped at.
fn unexpected_keyword(code: &Code, qualname: &PyStr, name: &PyStr, kw: &[(Rc<PyStr>, Value)]) -> PyResult<()> {
    let posonly: Vec<&str> = code.varnames[..code.sig.posonly]
        .iter()
        .map(|n| n.as_str())
        .filter(|n| kw.iter().any(|(k, _)| k.as_str() == *n))
        .collect();
    if !posonly.is_empty() {
        return type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname.as_str(),
            posonly.join(", ")
        ));
    }
    type_error(format!("{}() got an unexpected keyword argument '{}'", qualname.as_str(), name.as_str()))
}

fn missing_args(qualname: &PyStr, kind: &str, names: Vec<String>) -> PyResult<()> {
    let n = names.len();
    let list = match n {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!("{}, {}, and {}", names[..n - 2].join(", "), names[n - 2], names[n - 1]),
    };
    type_error(format!(
        "{}() missing {} required {} argument{}: {}",
        qualname.as_str(),
        n,
        kind,
        if n == 1 { "" } else { "s" },
        list
    ))
}

/// Records that a list, dict or set may have changed in place through one of its methods
/// (`log.append(x)`), so that the watch names who changed a container held in a cell.
#[cold]
fn note_change_in_place(o: &Value, method: &PyStr) {
    let changes = match o {
        Value::List(_) => {
            matches!(method.as_str(), "append" | "extend" | "insert" | "pop" | "remove" | "clear" | "sort" | "reverse")
        }
        Value::Dict(_) => matches!(method.as_str(), "update" | "pop" | "popitem" | "setdefault" | "clear"),
        Value::Set(_) => matches!(
            method.as_str(),
            "add" | "discard" | "remove" | "pop" | "clear" | "update" | "difference_update" | "intersection_update" | "symmetric_difference_update"
        ),
        _ => false,
    };
    if changes {
        trace::object_written(o.address());
    }
}
