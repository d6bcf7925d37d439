//! A session: one module's globals and the interpreter that runs code in them. The script
//! runner, `-c` and the REPL are thin drivers over it.

use crate::compile::{compile_module, Mode};
use crate::diagnostics;
use crate::runtime::dict::Dict;
use crate::runtime::interp::Interp;
use crate::runtime::value::{PyErr, Value};
use crate::scope;
use crate::syntax::ast::SyntaxError;
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
        let interp = Interp::new(out);
        let globals = Rc::new(Dict::new());
        globals.set_str("__name__", Value::str("__main__"));
        globals.set_str("__doc__", Value::None);
        Session { interp, globals }
    }

    /// Compiles `source` (all of it, before anything runs, as CPython does) and runs it.
    pub fn run(&mut self, source: &str, file: &str, mode: Mode) -> Result<(), Failure> {
        let file: Rc<str> = file.into();
        let source: Rc<str> = source.into();
        let syntax = |err| Failure::Syntax { err, file: file.clone(), source: source.clone() };
        let module = crate::syntax::parse_module_here(&source).map_err(syntax)?;
        let table = scope::resolve(&module).map_err(syntax)?;
        let code = compile_module(&module, &table, file.clone(), source.clone(), mode).map_err(syntax)?;
        let r = self.interp.run_module(&code, &self.globals);
        self.interp.flush();
        // The tree can be very deep (a 100,000-term sum); it is dropped here, on the
        // interpreter's large stack.
        drop(module);
        r.map_err(Failure::Exception)
    }

    /// The text to print on stderr for a failure.
    pub fn render(&mut self, failure: &Failure, color: bool) -> String {
        match failure {
            Failure::Syntax { err, file, source } => diagnostics::syntax_error(err, file, source, color),
            Failure::Exception(e) => diagnostics::traceback(&mut self.interp, e, color),
        }
    }
}
