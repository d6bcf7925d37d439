//! The library's waiting bodies (`syntax::lazy`), read back from their frozen trees, compile
//! to the code a whole compile gives.

use super::code::{Code, FuncCode, StmtKind};
use super::{compile_library, compile_module, Mode};
use crate::runtime::model::value::Value;
use std::rc::Rc;

/// The functions a module's top level and its top-level classes define, in order: where
/// bodies may wait.
fn defined(module: &Code) -> Vec<&FuncCode> {
    let mut out = Vec::new();
    for s in &module.body {
        match &s.kind {
            StmtKind::Def { func, .. } => out.push(&func.code),
            StmtKind::Class(class) => out.extend(class.code.body.iter().filter_map(|s| match &s.kind {
                StmtKind::Def { func, .. } => Some(&func.code),
                _ => None,
            })),
            _ => {}
        }
    }
    out
}

/// Everything about a code object that running, tracebacks, `inspect` and the teaching views
/// read, as text.
fn described(code: &Code) -> String {
    let doc = match &code.docstring {
        Some(Value::Str(s)) => Some(s.as_str().to_string()),
        Some(_) => Some("?".to_string()),
        None => None,
    };
    let scope = code.symbols.get(code.scope_id);
    let parent = scope.parent.map(|p| code.symbols.get(p)).map(|p| (p.kind, p.name.clone()));
    let symbols: Vec<_> = scope.symbols.iter().map(|s| (s.name.clone(), s.is_param(), s.binding, s.first_bind, s.first_use)).collect();
    let statements: Vec<_> = code.body.iter().map(|s| s.span).collect();
    format!(
        "{:?} {} {} {:?} line {} varnames {:?} cells {:?} free {:?} cell params {:?} sig {:?} plain {} doc {:?} async {} generator {} globals {:?} \
         scope {:?} {} {:?} {:?} {:?} {:?} parent {:?} statements {:?}",
        code.kind,
        code.name.as_str(),
        code.qualname.as_str(),
        code.span,
        code.first_line,
        code.varnames.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        code.cellvars.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        code.freevars.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        code.cell_params,
        code.sig,
        code.plain,
        doc,
        code.is_async,
        code.is_generator,
        code.global_names.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        scope.kind,
        scope.qualname,
        scope.span,
        scope.params().collect::<Vec<_>>(),
        scope.cellvars,
        symbols,
        parent,
        statements,
    )
}

#[test]
fn every_waiting_body_compiles_to_what_a_whole_compile_gives() {
    for embedded in &crate::runtime::modules::LIBRARY {
        let (file, source) = (format!("{}.py", embedded.name), embedded.source);
        let whole = crate::syntax::parse_module_here(source).expect("the library parses");
        let table = Rc::new(crate::scope::resolve(&whole).expect("the library resolves"));
        let eager = compile_module(&whole, &table, file.as_str().into(), source.into(), Mode::Exec).expect("the library compiles");

        let lib = crate::syntax::lazy::load(source, embedded.frozen).expect("the library parses");
        let waiting = lib.lazy.len();
        let table = Rc::new(crate::scope::resolve(&lib.module).expect("the library resolves"));
        let lazy = compile_library(lib, &table, file.as_str().into(), source.into()).expect("the library compiles");

        let (eager, lazy) = (defined(&eager), defined(&lazy));
        assert_eq!(eager.len(), lazy.len(), "{file}: the same functions");
        assert!(waiting * 2 > eager.len(), "{file}: most bodies wait ({waiting} of {})", eager.len());
        for (e, l) in eager.iter().zip(lazy) {
            let name = l.qualname().as_str().to_string();
            let doc = |d: Option<Value>| d.map(|v| if let Value::Str(s) = v { s.as_str().to_string() } else { "?".to_string() });
            assert_eq!(doc(l.docstring()), doc(e.docstring.clone()), "{file}: {name}'s docstring before its body is made");
            assert_eq!(described(e), described(l), "{file}: {name}");
            assert_eq!(name, l.qualname.as_str(), "{file}: the waiting name is the code's");
        }
    }
}

#[test]
fn line_breaks_are_found_a_word_at_a_time_as_one_by_one() {
    // A break next to every other byte value (a vertical tab right after one would fool the
    // inexact has-zero-byte test), at every offset within a word, and in the last partial word.
    let mut source = String::new();
    for c in (1..=0x7fu8).map(char::from).chain(['é', '€', '\u{1F600}']) {
        source.push(c);
        source.push('\n');
        source.push(c);
        source.push_str(&"\n".repeat(source.len() % 3));
    }
    for end in (source.len() - 8..=source.len()).filter(|&end| source.is_char_boundary(end)) {
        let text = &source[..end];
        let expected: Vec<u32> = text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32).collect();
        assert_eq!(&*super::newlines(text), &expected[..]);
    }
}
