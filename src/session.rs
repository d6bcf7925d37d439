//! A session: one module's globals and the interpreter that runs code in them. The script
//! runner, `-c` and the REPL are thin drivers over it.

use crate::compile::code::{Stmt, StmtKind};
use crate::compile::{compile_module, compile_module_statements, Mode};
use crate::diagnostics;
use crate::runtime::interp::{Frame, Interp};
use crate::runtime::model::dict::Dict;
use crate::runtime::model::value::{PyErr, Value};
use crate::scope;
use crate::syntax::ast::{Span, SyntaxError};
use std::io::Write;
use std::rc::Rc;

/// Why running some source did not finish normally.
pub enum Failure {
    /// It did not compile: nothing of it ran.
    Syntax { err: SyntaxError, file: Rc<str>, source: Rc<str> },
    /// It raised an exception that nothing caught.
    Exception(PyErr),
}

pub struct Session {
    pub interp: Interp,
    pub globals: Rc<Dict>,
}

impl Session {
    pub fn new(out: Box<dyn Write>) -> Session {
        Session { interp: Interp::new(out), globals: new_globals() }
    }

    /// Compiles `source` (all of it, before anything runs, as CPython does) and runs it.
    pub fn run(&mut self, source: &str, file: &str, mode: Mode) -> Result<(), Failure> {
        self.run_watched(source, file, mode, &mut |_, _| {})
    }

    /// Like [`Session::run`], calling `after` with the line of each top-level statement
    /// that finished, so that a driver can show what each statement did.
    pub fn run_watched(
        &mut self,
        source: &str,
        file: &str,
        mode: Mode,
        after: &mut dyn FnMut(&mut Session, u32),
    ) -> Result<(), Failure> {
        let file: Rc<str> = file.into();
        let source: Rc<str> = source.into();
        let syntax = |err| Failure::Syntax { err, file: file.clone(), source: source.clone() };
        let module = mode.parse(&source).map_err(syntax)?;
        let table = Rc::new(scope::resolve(&module).map_err(syntax)?);
        let codes = compile_module_statements(&module, &table, file.clone(), source.clone(), mode).map_err(syntax)?;
        // The tree can be very deep (a 100,000-term sum); it is dropped here, on the
        // interpreter's large stack.
        drop(module);
        for code in codes {
            let r = self.interp.run_module(&code, &self.globals);
            self.interp.flush();
            r.map_err(Failure::Exception)?;
            let span = code.body.first().map_or(Span::default(), |s| s.span);
            after(self, crate::syntax::ast::line_at(&source, span.start).0);
        }
        Ok(())
    }

    /// Evaluates one expression in the globals, without echoing it or touching `_` (the
    /// `:cells EXPR` and `:scope EXPR` commands).
    pub fn eval(&mut self, text: &str) -> Result<Value, Failure> {
        let file: Rc<str> = "<stdin>".into();
        let source: Rc<str> = text.into();
        let syntax = |err| Failure::Syntax { err, file: file.clone(), source: source.clone() };
        let module = crate::syntax::parse_module_here(&source).map_err(syntax)?;
        let table = Rc::new(scope::resolve(&module).map_err(syntax)?);
        let code = compile_module(&module, &table, file.clone(), source.clone(), Mode::Exec).map_err(syntax)?;
        drop(module);
        let expr = match &code.body[..] {
            [Stmt { kind: StmtKind::Expr(e), .. }] => e,
            _ => {
                let span = Span::new(0, text.trim_end().len());
                return Err(syntax(SyntaxError::new("expected one expression", span)));
            }
        };
        self.interp.main_globals = Some(self.globals.clone());
        let mut frame = Frame { code: &code, globals: &self.globals, locals: &mut [], cells: &[], namespace: None };
        let r = self.interp.eval(&mut frame, expr);
        self.interp.flush();
        r.map_err(Failure::Exception)
    }

    /// Forgets every global (`:reset`), as a fresh interpreter would start. The old globals
    /// are emptied, not just dropped: each function defined in them holds them, a cycle
    /// that would otherwise keep every closure and cell alive.
    pub fn reset(&mut self) {
        self.globals.clear();
        self.globals = new_globals();
        let _ = self.interp.builtins.remove(&Value::str("_"));
    }

    /// Frees what the session made: its globals are emptied (each function in them holds
    /// them, a cycle), and the cycle collector then frees closures that hold each other.
    fn release(&mut self) {
        self.globals.clear();
        // As CPython's finalisation clears every module's namespace: a module's functions
        // refer back to it through their globals, a cycle that its classes (which the
        // collector does not reclaim) would otherwise keep.
        for module in self.interp.modules.values() {
            if let Value::Module(m) = module {
                m.dict.clear();
            }
        }
        let _ = self.interp.builtins.remove(&Value::str("_"));
        crate::runtime::model::gc::collect();
        self.close_freed_generators();
    }

    /// Generators suspended when the program ends are closed, as at CPython's exit: their
    /// `finally` blocks run, oldest generator first, with the module's names intact
    /// (`Interp::close_suspended_from`). Should a `finally` leave another one suspended, the
    /// names are then cleared in CPython's order (those starting with one underscore first),
    /// closing each generator as its last reference goes. A program without one is left as
    /// it is, since freeing everything would only make it end later.
    pub fn close_generators(&mut self) {
        if !crate::runtime::model::generator::any_unfinished() {
            return;
        }
        self.close_freed_generators();
        self.interp.close_suspended_from(&Value::Dict(self.globals.clone()));
        self.close_freed_generators();
        if crate::runtime::model::generator::any_unfinished() {
            self.clear_names();
        }
        self.interp.flush();
    }

    fn clear_names(&mut self) {
        let names: Vec<Value> = self.globals.keys();
        let underscored = |k: &Value| matches!(k, Value::Str(s) if s.as_str().starts_with('_') && !s.as_str().starts_with("__"));
        let order = names.iter().filter(|k| underscored(k)).chain(names.iter().filter(|k| !underscored(k)));
        for name in order {
            if matches!(name, Value::Str(s) if s.as_str() == "__builtins__") {
                continue;
            }
            if let Value::Str(s) = name {
                self.globals.set_name(s, Value::None);
            }
            self.close_freed_generators();
        }
    }

    fn close_freed_generators(&mut self) {
        // Closing one may free others.
        while crate::runtime::model::generator::any_freed() {
            self.interp.close_freed();
            crate::runtime::model::gc::collect();
        }
    }

    /// The exit status a `SystemExit` asks for, as CPython's `_Py_HandleSystemExit` gives it:
    /// an int code is the status (modulo 256, and 255 when it does not fit a C long), `None`
    /// is 0, and any other code is printed on stderr with status 1. `None` for any other
    /// failure.
    pub fn exit_status(&mut self, failure: &Failure) -> Option<u8> {
        let Failure::Exception(e) = failure else { return None };
        if !e.is(&crate::runtime::model::typeobj::types().system_exit) {
            return None;
        }
        Some(match e.0.exit_code() {
            Value::None => 0,
            Value::Int(i) => i as u8,
            Value::Bool(b) => b as u8,
            Value::BigInt(_) => 255,
            code => {
                let text = self.interp.str(&code).unwrap_or_default();
                self.interp.write_err(&format!("{text}\n"));
                1
            }
        })
    }

    /// The text to print on stderr for a failure.
    pub fn render(&mut self, failure: &Failure, color: bool) -> String {
        match failure {
            Failure::Syntax { err, file, source } => diagnostics::syntax_error(err, file, source, color),
            Failure::Exception(e) => diagnostics::traceback(&mut self.interp, e, color),
        }
    }
}

fn new_globals() -> Rc<Dict> {
    let globals = Rc::new(Dict::new());
    globals.set_str("__name__", Value::str("__main__"));
    globals.set_str("__doc__", Value::None);
    globals
}

impl Drop for Session {
    fn drop(&mut self) {
        self.release();
    }
}
