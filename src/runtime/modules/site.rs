//! The builtins that CPython's `site` module adds for the interactive user: `exit`, `quit`
//! and `help` (`_sitebuiltins.Quitter` and `_Helper`).

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{not_implemented, type_error};
use crate::runtime::model::typeobj::TypeObj;
use crate::runtime::model::value::*;
use crate::runtime::modules::sys::system_exit;
use std::any::Any;
use std::rc::Rc;

/// `exit` or `quit`: a callable whose repr tells the learner how to leave.
pub struct Quitter {
    name: &'static str,
}

/// `help`.
pub struct Helper;

thread_local! {
    static QUITTER_TYPE: Rc<TypeObj> = TypeObj::native_class("_sitebuiltins", "Quitter");
    static HELPER_TYPE: Rc<TypeObj> = TypeObj::native_class("_sitebuiltins", "_Helper");
}

pub fn install(builtins: &crate::runtime::model::dict::Dict) {
    builtins.set_str("exit", Value::native(Quitter { name: "exit" }));
    builtins.set_str("quit", Value::native(Quitter { name: "quit" }));
    builtins.set_str("help", Value::native(Helper));
}

impl Native for Quitter {
    fn type_obj(&self) -> Rc<TypeObj> {
        QUITTER_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, _this: &Value) -> PyResult<String> {
        Ok(format!("Use {}() or Ctrl-D (i.e. EOF) to exit", self.name))
    }
    /// `Quitter.__call__(self, code=None)`.
    fn call(&self, _interp: &mut Interp, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        let code = match (args.pos, args.kw) {
            ([], []) => &Value::None,
            ([code], []) => code,
            ([], [(k, code)]) if k.as_str() == "code" => code,
            ([_], [(k, _)]) if k.as_str() == "code" => {
                return Some(type_error("Quitter.__call__() got multiple values for argument 'code'"))
            }
            (_, [(k, _), ..]) if k.as_str() != "code" => {
                return Some(type_error(format!(
                    "Quitter.__call__() got an unexpected keyword argument '{}'",
                    k.as_str()
                )))
            }
            (pos, kw) => {
                return Some(type_error(format!(
                    "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
                    pos.len() + kw.len() + 1
                )))
            }
        };
        // `raise SystemExit(code)` with the default too: `exit()` has `args == (None,)`.
        Some(Err(system_exit(Some(code))))
    }
    fn is_callable(&self) -> bool {
        true
    }
}

impl Native for Helper {
    fn type_obj(&self) -> Rc<TypeObj> {
        HELPER_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, _this: &Value) -> PyResult<String> {
        Ok("Type help() for interactive help, or help(object) for help about object.".into())
    }
    fn call(&self, interp: &mut Interp, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(help(interp, args))
    }
    fn is_callable(&self) -> bool {
        true
    }
}

/// `help(f)` prints what pydoc prints for a function: its signature and docstring.
fn help(interp: &mut Interp, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() || args.pos.len() > 1 {
        return type_error(format!(
            "_Helper.__call__() takes 1 positional argument but {} were given",
            args.pos.len() + args.kw.len() + 1
        ));
    }
    let Some(obj) = args.pos.first() else {
        return not_implemented("help(): cellar has no interactive help utility; help(f) describes a function");
    };
    let Value::Function(f) = obj else {
        return not_implemented(format!(
            "help(): cellar describes functions defined in Python, not {} objects",
            crate::runtime::model::typeobj::type_name(obj)
        ));
    };
    let module = interp.str(&f.module())?;
    let name = f.name();
    let params = parameters(interp, f)?;
    let mut text = format!("Help on function {} in module {module}:\n\n", name.as_str());
    if f.code.is_async {
        text.push_str("async ");
    }
    if name.as_str() == "<lambda>" {
        text.push_str(&format!("<lambda> lambda {}", params.join(", ")));
    } else {
        text.push_str(&format!("{}({})", name.as_str(), params.join(", ")));
        if let Some(ret) = f.annotations().and_then(|a| a.get_str("return")) {
            text.push_str(&format!(" -> {}", annotation(interp, &ret)?));
        }
    }
    text.push('\n');
    let doc = match f.doc() {
        Value::Str(doc) => clean_doc(doc.as_str()),
        _ => String::new(),
    };
    if !doc.is_empty() {
        let lines: Vec<String> = doc.lines().map(|l| format!("    {l}")).collect();
        text.push_str(lines.join("\n").trim_end());
        text.push('\n');
    }
    text.push('\n');
    interp.write_out(&text)?;
    Ok(Value::None)
}

/// The parameters as `inspect.signature` shows them: annotations, defaults, `/` and `*`.
fn parameters(interp: &mut Interp, f: &Rc<Function>) -> PyResult<Vec<String>> {
    let sig = &f.code.sig;
    let names = &f.code.varnames;
    let annotations = f.annotations();
    let defaults = f.defaults.borrow().clone();
    let defaults: &[Value] = defaults.as_ref().map_or(&[], |d| &d.items);
    let kwdefaults = f.kwdefaults();
    let mut out = Vec::new();
    let param = |interp: &mut Interp, name: &str, default: Option<Value>, prefix: &str| -> PyResult<String> {
        let mut s = format!("{prefix}{name}");
        let ann = annotations.as_ref().and_then(|a| a.get_str(name));
        if let Some(a) = &ann {
            s.push_str(&format!(": {}", annotation(interp, a)?));
        }
        if let Some(d) = default {
            let eq = if ann.is_some() { " = " } else { "=" };
            s.push_str(&format!("{eq}{}", interp.repr(&d)?));
        }
        Ok(s)
    };
    let first_default = sig.argcount.saturating_sub(defaults.len());
    for (i, name) in names[..sig.argcount].iter().enumerate() {
        let default = (i >= first_default).then(|| defaults[i - first_default].clone());
        out.push(param(interp, name.as_str(), default, "")?);
        if sig.posonly > 0 && i + 1 == sig.posonly {
            out.push("/".into());
        }
    }
    let kwonly = &names[sig.argcount..sig.argcount + sig.kwonly];
    let mut next = sig.argcount + sig.kwonly;
    if sig.varargs {
        out.push(param(interp, names[next].as_str(), None, "*")?);
        next += 1;
    } else if !kwonly.is_empty() {
        out.push("*".into());
    }
    for name in kwonly {
        let default = kwdefaults.as_ref().and_then(|d| d.get_str(name.as_str()));
        out.push(param(interp, name.as_str(), default, "")?);
    }
    if sig.varkw {
        out.push(param(interp, names[next].as_str(), None, "**")?);
    }
    Ok(out)
}

/// `inspect.formatannotation`: a class by its name (qualified outside builtins), anything
/// else by its repr.
fn annotation(interp: &mut Interp, a: &Value) -> PyResult<String> {
    match a {
        Value::Type(t) => Ok(t.qualified_name()),
        _ => interp.repr(a),
    }
}

/// `inspect.cleandoc`: the first line unindented, the common indentation of the others
/// removed, blank lines at either end dropped.
fn clean_doc(doc: &str) -> String {
    let doc = doc.replace('\t', "        ");
    let mut lines: Vec<&str> = doc.split('\n').collect();
    let margin = lines[1..]
        .iter()
        .filter(|l| !l.trim_start().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines[0] = lines[0].trim_start();
    let mut cleaned: Vec<&str> = lines.iter().enumerate().map(|(i, l)| if i == 0 { l } else { l.get(margin..).unwrap_or("") }).collect();
    while cleaned.last().is_some_and(|l| l.trim().is_empty()) {
        cleaned.pop();
    }
    while cleaned.first().is_some_and(|l| l.trim().is_empty()) {
        cleaned.remove(0);
    }
    cleaned.join("\n")
}
