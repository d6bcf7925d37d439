use super::*;
use ast::*;

fn big<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(s, f).unwrap().join().unwrap()
    })
}

fn err(src: &str) -> SyntaxError {
    match parse_module(src) {
        Ok(m) => panic!("expected an error for {src:?}, got {m:?}"),
        Err(e) => e,
    }
}

fn msg(src: &str) -> String {
    err(src).to_string()
}

fn ok(src: &str) -> Module {
    match parse_module(src) {
        Ok(m) => m,
        Err(e) => panic!("{src:?}: {e} at {:?}", e.span),
    }
}

#[test]
fn corpus_parses() {
    let dir = "/work/shared/conformance/cases";
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = rd.map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut failures = Vec::new();
    for p in paths {
        if p.extension().and_then(|x| x.to_str()) != Some("py") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let r = parse_module(&src);
        if name.starts_with("070") {
            let e = r.expect_err("070 must fail");
            assert_eq!(
                e.to_string(),
                "IndentationError: expected an indented block after function definition on line 4"
            );
        } else if let Err(e) = r {
            failures.push(format!("{name}: {e} at {:?}", e.span));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Expected messages come from CPython 3.11 (`compile(src, "f", "exec")`, or running the file).
#[test]
fn cpython_error_messages() {
    let cases: &[(&str, &str)] = &[
        ("x = \"abc\n", "SyntaxError: unterminated string literal (detected at line 1)"),
        ("x = \"\"\"abc\n\ny\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 3)"),
        ("x = (1,\n2\n", "SyntaxError: '(' was never closed"),
        ("x = 1)\n", "SyntaxError: unmatched ')'"),
        ("x = (1,\n2]\n", "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1"),
        ("x = (1, 2]\n", "SyntaxError: closing parenthesis ']' does not match opening parenthesis '('"),
        ("x = 0777\n", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        ("x = 1__0\n", "SyntaxError: invalid decimal literal"),
        ("x = 1_\n", "SyntaxError: invalid decimal literal"),
        ("x = 0x\n", "SyntaxError: invalid hexadecimal literal"),
        ("x = 1abc\n", "SyntaxError: invalid decimal literal"),
        ("x = 1 \\ 2\n", "SyntaxError: unexpected character after line continuation character"),
        ("x = $\n", "SyntaxError: invalid syntax"),
        ("x = \u{20ac}\n", "SyntaxError: invalid character '\u{20ac}' (U+20AC)"),
        ("x = 0b12\n", "SyntaxError: invalid digit '2' in binary literal"),
        ("x = 0o8\n", "SyntaxError: invalid digit '8' in octal literal"),
        ("x = 1e+\n", "SyntaxError: invalid decimal literal"),
        ("x = f\"{}\"\n", "SyntaxError: f-string: empty expression not allowed"),
        ("x = f\"{x\"\n", "SyntaxError: f-string: expecting '}'"),
        ("x = f\"}\"\n", "SyntaxError: f-string: single '}' is not allowed"),
        ("x = f\"{x!z}\"\n", "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        ("x = f\"{a#}\"\n", "SyntaxError: f-string expression part cannot include '#'"),
        ("x = \"a\" b\"b\"\n", "SyntaxError: cannot mix bytes and nonbytes literals"),
        ("x=\"\\x4\"\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape"),
        ("x = 1\u{0000}\n", "SyntaxError: source code cannot contain null bytes"),
        ("if 1:\n        x\n\ty\n", "TabError: inconsistent use of tabs and spaces in indentation"),
        ("if 1:\n  x\n y\n", "IndentationError: unindent does not match any outer indentation level"),
        ("x\n  y\n", "IndentationError: unexpected indent"),
        ("f(a=1, b)\n", "SyntaxError: positional argument follows keyword argument"),
        ("f(**a, *b)\n", "SyntaxError: iterable argument unpacking follows keyword argument unpacking"),
        ("def f(a=1, b): pass\n", "SyntaxError: non-default argument follows default argument"),
        ("def f(a, a): pass\n", "SyntaxError: duplicate argument 'a' in function definition"),
        ("def f(**k, a): pass\n", "SyntaxError: arguments cannot follow var-keyword argument"),
        ("if x = 1:\n  pass\n", "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
        ("f(a.b=1)\n", "SyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?"),
        ("[x = 1]\n", "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
        ("if x\n  pass\n", "SyntaxError: expected ':'"),
        ("class A(B)\n  pass\n", "SyntaxError: expected ':'"),
        ("def f()\n  pass\n", "SyntaxError: expected ':'"),
        ("for x in y\n  pass\n", "SyntaxError: expected ':'"),
        ("try\n  pass\n", "SyntaxError: expected ':'"),
        ("while x\n  pass\n", "SyntaxError: expected ':'"),
        ("print \"hi\"\n", "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"),
        ("f(a b)\n", "SyntaxError: invalid syntax. Perhaps you forgot a comma?"),
        ("x = [1 2]\n", "SyntaxError: invalid syntax. Perhaps you forgot a comma?"),
        ("x = 1 2\n", "SyntaxError: invalid syntax"),
        ("x := 5\n", "SyntaxError: invalid syntax"),
        ("try:\n  pass\nexcept E:\npass\n", "IndentationError: expected an indented block after 'except' statement on line 3"),
        ("with a:\npass\n", "IndentationError: expected an indented block after 'with' statement on line 1"),
        ("class A:\npass\n", "IndentationError: expected an indented block after class definition on line 1"),
        ("else:\n  pass\n", "SyntaxError: invalid syntax"),
        ("f() = 1\n", "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?"),
        ("1 = x\n", "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?"),
        ("x + 1 = 2\n", "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?"),
        ("f() += 1\n", "SyntaxError: 'function call' is an illegal expression for augmented assignment"),
        ("del 1\n", "SyntaxError: cannot delete literal"),
        ("*a = 1\n", "SyntaxError: starred assignment target must be in a list or tuple"),
        ("*a, *b = 1\n", "SyntaxError: multiple starred expressions in assignment"),
        ("for 1 in x: pass\n", "SyntaxError: cannot assign to literal"),
        ("a, f() = 1\n", "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?"),
        ("x = 1 if 2\n", "SyntaxError: expected 'else' after 'if' expression"),
        ("return 1\n", "SyntaxError: 'return' outside function"),
        ("break\n", "SyntaxError: 'break' outside loop"),
        ("continue\n", "SyntaxError: 'continue' not properly in loop"),
        ("while 1:\n  pass\nelse:\n  break\n", "SyntaxError: 'break' outside loop"),
        ("def f():\n  class A:\n    return 1\n", "SyntaxError: 'return' outside function"),
        ("def f():\n  x = lambda: (yield)\n  await x\n", "SyntaxError: 'await' outside async function"),
        ("yield 1\n", "SyntaxError: 'yield' outside function"),
        ("if 1:\n  pass\nelif 2:\nx\n", "IndentationError: expected an indented block after 'elif' statement on line 3"),
        ("if 1:\n  pass\nelse:\nx\n", "IndentationError: expected an indented block after 'else' statement on line 3"),
        ("for x in y:\nx\n", "IndentationError: expected an indented block after 'for' statement on line 1"),
        ("while 1:\nx\n", "IndentationError: expected an indented block after 'while' statement on line 1"),
        ("try:\nx\n", "IndentationError: expected an indented block after 'try' statement on line 1"),
        ("try:\n  x\nfinally:\nx\n", "IndentationError: expected an indented block after 'finally' statement on line 3"),
        ("def f():\n\n# c\nreturn 1\n", "IndentationError: expected an indented block after function definition on line 1"),
        ("x = (\n", "SyntaxError: '(' was never closed"),
        ("x = [1, 2,\n", "SyntaxError: '[' was never closed"),
        ("x = '''abc", "SyntaxError: unterminated triple-quoted string literal (detected at line 1)"),
        ("x = 1 + \\", "SyntaxError: unexpected EOF while parsing"),
        ("f(x for x in y, 1)\n", "SyntaxError: Generator expression must be parenthesized"),
        ("x = {1: 2, 3}\n", "SyntaxError: ':' expected after dictionary key"),
        ("a.b := 1\n", "SyntaxError: cannot use assignment expressions with attribute"),
        ("def f(*): pass\n", "SyntaxError: named arguments must follow bare *"),
        ("x = \"\\N{DASH}\"\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-7: unknown Unicode character name"),
        ("x = 5 = y\n", "SyntaxError: cannot assign to literal"),
        ("x = yield = 3\n", "SyntaxError: assignment to yield expression not possible"),
        ("lambda x, x: 1\n", "SyntaxError: duplicate argument 'x' in function definition"),
        ("(a, b) += 1\n", "SyntaxError: 'tuple' is an illegal expression for augmented assignment"),
        ("[a, b]: int = 1\n", "SyntaxError: only single target (not list) can be annotated"),
        ("f(): int\n", "SyntaxError: illegal target for annotation"),
        ("del f()\n", "SyntaxError: cannot delete function call"),
        ("del (a, 1)\n", "SyntaxError: cannot delete literal"),
        ("with a as 1: pass\n", "SyntaxError: cannot assign to literal"),
        ("[x for 1 in y]\n", "SyntaxError: cannot assign to literal"),
        ("import\n", "SyntaxError: invalid syntax"),
        ("from . import\n", "SyntaxError: invalid syntax"),
        ("from x import (a, b\n", "SyntaxError: '(' was never closed"),
        ("x = a!b\n", "SyntaxError: invalid syntax"),
        ("x = )\n", "SyntaxError: unmatched ')'"),
        ("foo(\n  1,\n  2\n", "SyntaxError: '(' was never closed"),
        ("if True:\n    x = 1\n  y = 2\n", "IndentationError: unindent does not match any outer indentation level"),
        ("\tif 1:\n\tpass\n", "IndentationError: unexpected indent"),
        (")\n", "SyntaxError: unmatched ')'"),
        ("x = {\n", "SyntaxError: '{' was never closed"),
        ("print(f\"{x!}\")\n", "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        ("x = 1 +\n", "SyntaxError: invalid syntax"),
        ("def f(a, /, b, /): pass\n", "SyntaxError: / may appear only once"),
        ("class C(x for x in y): pass\n", "SyntaxError: invalid syntax"),
        ("x = b\"\u{00e9}\"\n", "SyntaxError: bytes can only contain ASCII literal characters"),
        ("x = 1.__class__\n", "SyntaxError: invalid decimal literal"),
        ("None = 1\n", "SyntaxError: cannot assign to None"),
        ("True = 1\n", "SyntaxError: cannot assign to True"),
        ("f(**k, a)\n", "SyntaxError: positional argument follows keyword argument unpacking"),
        ("x = [*a for a in b]\n", "SyntaxError: iterable unpacking cannot be used in comprehension"),
        ("await x\n", "SyntaxError: 'await' outside function"),
        ("async def f():\n  yield from x\n", "SyntaxError: 'yield from' inside async function"),
    ];
    let mut bad = Vec::new();
    for (src, want) in cases {
        match parse_module(src) {
            Ok(_) => bad.push(format!("{src:?}: parsed, want {want}")),
            Err(e) => {
                if e.to_string() != *want {
                    bad.push(format!("{src:?}: got {e}, want {want}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}
