use ast::*;
use super::*;

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
        ("def g(:\n    return 1\n", "SyntaxError: invalid syntax"),
        ("x = (1 2,\n", "SyntaxError: invalid syntax. Perhaps you forgot a comma?"),
        ("def h(a b):\n    return a\n", "SyntaxError: invalid syntax"),
        ("def h(x, *a b): pass\n", "SyntaxError: invalid syntax"),
        ("def h(a=1 b): pass\n", "SyntaxError: invalid syntax. Perhaps you forgot a comma?"),
        ("def h(a: int b): pass\n", "SyntaxError: invalid syntax. Perhaps you forgot a comma?"),
        ("print((1,\nfoo bar\n", "SyntaxError: '(' was never closed"),
        ("try:\n    x\nprint(1)\n", "SyntaxError: expected 'except' or 'finally' block"),
        ("def f():\n  try:\n    if x:\n      y\n  else:\n    z\n", "SyntaxError: expected 'except' or 'finally' block"),
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

#[test]
fn nesting_limits() {
    let p = |n: usize| format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n));
    ok(&p(200));
    assert_eq!(msg(&p(201)), "SyntaxError: too many nested parentheses");
    let blocks = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            s += &format!("{}if 1:\n", " ".repeat(i));
        }
        s + &" ".repeat(n) + "pass\n"
    };
    ok(&blocks(99));
    assert_eq!(msg(&blocks(100)), "IndentationError: too many levels of indentation");
    let l = |n: usize| format!("x = {}1]\n", "[".repeat(n)).replace("1]", &format!("1{}", "]".repeat(n)));
    ok(&l(200));
}

#[test]
fn long_chains_do_not_overflow() {
    big(|| {
        let src = format!("x = {}1\n", "1+".repeat(100_000));
        let m = ok(&src);
        // Left-deep: the top node's right operand is a constant.
        let StmtKind::Assign { value, .. } = &m.body[0].kind else { panic!() };
        let ExprKind::BinOp { right, .. } = &value.kind else { panic!() };
        assert!(matches!(right.kind, ExprKind::Constant(_)));
        let src = format!("x = {}1\n", "-".repeat(50_000));
        ok(&src);
        let src = format!("x = {}1\n", "not ".repeat(50_000));
        ok(&src);
        let src = format!("x = {}\n", vec!["a"; 50_000].join(" and "));
        ok(&src);
        let src = format!("x = {}1\n", "2**".repeat(20_000));
        ok(&src);
    });
}

#[test]
fn garbage_is_a_syntax_error() {
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let alphabet: Vec<char> = "abc019 \t\n()[]{}:;,.=+-*/%<>!@#\\'\"fr_\u{e9}\u{20ac}\r\x0c".chars().collect();
    for _ in 0..400 {
        let mut s = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let _ = parse_module(&s);
        let _ = highlight_tokens(&s);
    }
    assert_eq!(msg("def def def"), "SyntaxError: invalid syntax");
    assert_eq!(msg("def f(*, **kw): pass\n"), "SyntaxError: named arguments must follow bare *");
}

#[test]
fn incomplete_inputs() {
    for src in ["if x:\n", "def f():\n", "x = (1,\n", "x = '''abc\n", "x = 1 + \\", "for a in b:\n    pass\nelse:\n", "class A:", "foo(\n  1,\n"] {
        let e = err(src);
        assert_ne!(e.incomplete, Incomplete::No, "{src:?} should be incomplete: {e}");
    }
    for src in ["x = )\n", "x = 1 +\n", "def f():\nreturn 1\n", "'abc\n", "x := 1\n"] {
        let e = err(src);
        assert_eq!(e.incomplete, Incomplete::No, "{src:?} should be complete: {e}");
    }
}

fn entry_err(src: &str) -> (String, usize) {
    match parse_entry(src) {
        Ok(m) => panic!("expected an error for {src:?}, got {m:?}"),
        Err(e) => (e.to_string(), e.span.start as usize),
    }
}

#[test]
fn a_prompt_entry_is_one_statement() {
    assert!(parse_entry("for k in x:\n    k\nelse:\n    1\n\n").is_ok());
    assert!(parse_entry("@d\n@e\ndef f():\n    pass\n\n").is_ok());
    assert!(parse_entry("x = 1; y = 2\n").is_ok());
    let stray = "for k in x:\n    k\n".len();
    assert_eq!(entry_err("for k in x:\n    k\nprint(k)\n"), ("SyntaxError: invalid syntax".into(), stray));
    assert_eq!(entry_err("for k in x:\n    k\nprint((k,\n"), ("SyntaxError: invalid syntax".into(), stray));
    assert_eq!(entry_err("if x: 1\ny = 2\n"), ("SyntaxError: invalid syntax".into(), "if x: 1\n".len()));
    // The parser stops at the stray line before the compiler could see a `return` there.
    let nested = "def f():\n    def h():\n        return 1\n";
    assert_eq!(entry_err(&format!("{nested}return 2\n")), ("SyntaxError: invalid syntax".into(), nested.len()));
    // What the parser meets first stays the error.
    assert_eq!(entry_err("for k in x:\n    k k\nprint(k)\n").1, "for k in x:\n    k ".len());
    assert_eq!(entry_err("try:\n    x\nprint(1)\n").0, "SyntaxError: expected 'except' or 'finally' block");
    // Line by line, the parser meets the error before the end of the bracket.
    assert_eq!(entry_err("print((1,\nfoo bar\n").0, "SyntaxError: invalid syntax. Perhaps you forgot a comma?");
    assert_eq!(entry_err("return 2\n").0, "SyntaxError: 'return' outside function");
}

fn expr_of(src: &str) -> Expr {
    let m = ok(src);
    match m.body.into_iter().next().unwrap().kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { value, .. } => value,
        k => panic!("{k:?}"),
    }
}

#[test]
fn precedence() {
    // -2 ** 2 == -(2 ** 2)
    let e = expr_of("-2 ** 2\n");
    let ExprKind::UnaryOp { op: UnaryOp::Neg, operand } = e.kind else { panic!() };
    assert!(matches!(operand.kind, ExprKind::BinOp { op: BinOp::Pow, .. }));
    // 2 ** -1 is fine, ** is right-associative.
    let e = expr_of("2 ** 3 ** 2\n");
    let ExprKind::BinOp { op: BinOp::Pow, right, .. } = e.kind else { panic!() };
    assert!(matches!(right.kind, ExprKind::BinOp { op: BinOp::Pow, .. }));
    ok("2 ** -1\n");
    // a or b and not c < d | e ^ f & g << h + i * j
    let e = expr_of("a or b and not c < d | e ^ f & g << h + i * j\n");
    let ExprKind::BoolOp { op: BoolOp::Or, values } = e.kind else { panic!() };
    let ExprKind::BoolOp { op: BoolOp::And, values } = &values[1].kind else { panic!() };
    let ExprKind::UnaryOp { op: UnaryOp::Not, operand } = &values[1].kind else { panic!() };
    let ExprKind::Compare { comparators, .. } = &operand.kind else { panic!() };
    assert!(matches!(comparators[0].kind, ExprKind::BinOp { op: BinOp::BitOr, .. }));
    let e = expr_of("a if b else c if d else e\n");
    let ExprKind::IfExp { orelse, .. } = e.kind else { panic!() };
    assert!(matches!(orelse.kind, ExprKind::IfExp { .. }));
    let e = expr_of("lambda: a if b else c\n");
    assert!(matches!(e.kind, ExprKind::Lambda { .. }));
    let e = expr_of("a not in b is not c\n");
    let ExprKind::Compare { ops, .. } = e.kind else { panic!() };
    assert_eq!(ops, vec![CmpOp::NotIn, CmpOp::IsNot]);
    let m = ok("async def g():\n    await f(x)[1].y\n");
    let StmtKind::FunctionDef(d) = &m.body[0].kind else { panic!() };
    assert!(matches!(&d.body[0].kind, StmtKind::Expr(e) if matches!(e.kind, ExprKind::Await(_))));
}

#[test]
fn statements() {
    let m = ok("if a:\n    x = 1\nelif b:\n    pass\nelse:\n    y\n");
    let StmtKind::If { orelse, .. } = &m.body[0].kind else { panic!() };
    let StmtKind::If { orelse: inner, .. } = &orelse[0].kind else { panic!() };
    assert!(matches!(inner[0].kind, StmtKind::Expr(_)));
    assert_eq!(m.body[0].span, Span::new(0, 44));
    let m = ok("def f(a, b=1, /, c=2, *args, d, e=2, **kw) -> int:\n    return a, b\n");
    let StmtKind::FunctionDef(d) = &m.body[0].kind else { panic!() };
    assert_eq!(d.params.posonly.len(), 2);
    assert_eq!(d.params.args.len(), 1);
    assert_eq!(d.params.vararg.as_ref().unwrap().name.name, "args");
    assert_eq!(d.params.kwonly.len(), 2);
    assert_eq!(d.params.kwarg.as_ref().unwrap().name.name, "kw");
    assert!(d.returns.is_some());
    let StmtKind::Return(Some(r)) = &d.body[0].kind else { panic!() };
    assert!(matches!(r.kind, ExprKind::Tuple(_)));
    let m = ok("a = b = 1, 2\nx: int = 3\n(y): int\nx += 1; del a[0], b\n");
    let StmtKind::Assign { targets, value } = &m.body[0].kind else { panic!() };
    assert_eq!(targets.len(), 2);
    assert!(matches!(value.kind, ExprKind::Tuple(_)));
    assert!(matches!(m.body[1].kind, StmtKind::AnnAssign { simple: true, .. }));
    assert!(matches!(m.body[2].kind, StmtKind::AnnAssign { simple: false, .. }));
    assert!(matches!(m.body[3].kind, StmtKind::AugAssign { op: BinOp::Add, .. }));
    assert!(matches!(&m.body[4].kind, StmtKind::Delete(v) if v.len() == 2));
    let m = ok("from ..a.b import (c as d, e,)\nimport x.y as z, w\nfrom . import *\n");
    let StmtKind::ImportFrom { module, names, level, star } = &m.body[0].kind else { panic!() };
    assert_eq!((module.as_deref(), names.len(), *level, *star), (Some("a.b"), 2, 2, false));
    assert!(matches!(&m.body[2].kind, StmtKind::ImportFrom { star: true, level: 1, .. }));
    let m = ok("try:\n    pass\nexcept (A, B) as e:\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n");
    let StmtKind::Try { handlers, orelse, finalbody, .. } = &m.body[0].kind else { panic!() };
    assert_eq!((handlers.len(), orelse.len(), finalbody.len()), (2, 1, 1));
    assert_eq!(handlers[0].name.as_ref().unwrap().name, "e");
    let m = ok("with a as b, c:\n    pass\nwith (a as b, c as d,):\n    pass\n@dec\n@d.e(1)\nclass A(B, metaclass=M):\n    '''doc'''\n");
    assert!(matches!(&m.body[0].kind, StmtKind::With { items, .. } if items.len() == 2));
    assert!(matches!(&m.body[1].kind, StmtKind::With { items, .. } if items.len() == 2));
    let StmtKind::ClassDef(c) = &m.body[2].kind else { panic!() };
    assert_eq!((c.decorators.len(), c.bases.len(), c.keywords.len()), (2, 1, 1));
    assert!(matches!(c.body[0].kind, StmtKind::Expr(_)));
    ok("async def f():\n    async for x in y:\n        await x\n    async with a:\n        yield\n");
    ok("if (n := 10) > 5: print(n)\nwhile x := f(): pass\n[y := 1, 2]\nf(y := 3)\n");
    ok("for a, *b in c: pass\nx = [*a, *b]\nd = {**a, 'k': 1}\ns = {*a, 1}\nf(*a, *b, k=1, **c)\n");
    ok("x = [i * j for i in range(3) if i for j in range(i) if j if i]\nsum(x for x in y)\ny = {k: v for k, v in z}\n");
    ok("a[1:2, ::3, 4]\na[:]\na[1:]\na[::]\n");
    ok("def g():\n    x = yield\n    y = yield from z\n    return (yield)\n");
    ok("global a, b\ndef f():\n    nonlocal c\nraise\nraise E from e\nassert x, 'm'\n");
    ok("\u{feff}x = 1\r\ny = 2\rz = 3\n\x0cw = 4\n");
    ok("x = 1 \\\n  + 2\nx = (1 +\n\n  2)  # c\n\n# only comment\n");
    ok("");
    ok("\n\n   \n# c\n");
    ok("x = 0xff_ff + 0o17 + 0b1_0 + 1_000.5 + .5 + 5. + 1e-3 + 2j + 1if 1else 2\n");
}

#[test]
fn literals() {
    let e = expr_of("'a\\n\\x41\\101\\u00e9' \"b\" r'\\n'\n");
    assert_eq!(e.kind, ExprKind::Constant(Constant::Str("a\nAA\u{e9}b\\n".into())));
    let e = expr_of("b'\\xff' rb'\\x'\n");
    assert_eq!(e.kind, ExprKind::Constant(Constant::Bytes(vec![255, b'\\', b'x'])));
    let e = expr_of("123456789012345678901234567890\n");
    assert_eq!(e.kind, ExprKind::Constant(Constant::Int("123456789012345678901234567890".parse().unwrap())));
    let e = expr_of("'''a\nb'''\n");
    assert_eq!(e.kind, ExprKind::Constant(Constant::Str("a\nb".into())));
}

#[test]
fn fstrings() {
    let src = "f\"a{x=}b{y=!s:>{w}}{3 + 4 = }{{}}{z:.2f}\"\n";
    let e = expr_of(src);
    let ExprKind::JoinedStr(parts) = e.kind else { panic!() };
    use FStringPart::*;
    assert_eq!(parts[0], Literal("ax=".into()));
    let Formatted { value, conversion, format_spec } = &parts[1] else { panic!() };
    assert_eq!(*conversion, Some('r'));
    assert!(format_spec.is_none());
    assert_eq!(&src[value.span.range()], "x");
    assert_eq!(parts[2], Literal("by=".into()));
    let Formatted { conversion, format_spec, .. } = &parts[3] else { panic!() };
    assert_eq!(*conversion, Some('s'));
    let spec = format_spec.as_ref().unwrap();
    assert_eq!(spec[0], Literal(">".into()));
    assert!(matches!(spec[1], Formatted { .. }));
    assert_eq!(parts[4], Literal("3 + 4 = ".into()));
    let Formatted { value, conversion, .. } = &parts[5] else { panic!() };
    assert_eq!(*conversion, Some('r'));
    assert_eq!(&src[value.span.range()], "3 + 4");
    assert_eq!(parts[6], Literal("{}".into()));
    let Formatted { conversion, format_spec, .. } = &parts[7] else { panic!() };
    assert_eq!(*conversion, None);
    assert_eq!(format_spec.as_ref().unwrap()[0], Literal(".2f".into()));
    // `{x=:.2f}` uses the format spec, no implicit !r.
    let e = expr_of("f'{x=:.2f}'\n");
    let ExprKind::JoinedStr(parts) = e.kind else { panic!() };
    assert!(matches!(&parts[1], Formatted { conversion: None, format_spec: Some(_), .. }));
    let e = expr_of("'a' f'{ {\"k\": 1}[\"k\"] }' 'c'\n");
    assert!(matches!(e.kind, ExprKind::JoinedStr(ref p) if p.len() == 3));
    assert_eq!(msg("f'{a b}'\n"), "SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?");
}

#[test]
fn spans() {
    let src = "x = foo(a, b=2)\nif y:\n    z = [1,\n         2]\n";
    let m = ok(src);
    assert_eq!(&src[m.body[0].span.range()], "x = foo(a, b=2)");
    let StmtKind::Assign { value, .. } = &m.body[0].kind else { panic!() };
    assert_eq!(&src[value.span.range()], "foo(a, b=2)");
    assert_eq!(&src[m.body[1].span.range()], "if y:\n    z = [1,\n         2]");
    let e = err("x = 1\ny = (1 2)\n");
    assert_eq!(&"x = 1\ny = (1 2)\n"[e.span.range()], "1 2");
    let e = err("def f():\n    x = 1\n  y = 2\n");
    assert_eq!(e.kind, SyntaxErrorKind::IndentationError);
}

#[test]
fn highlight() {
    let src = "def f(x): return 'a' + 1 # c\nif (";
    let h = highlight_tokens(src);
    let kinds: Vec<_> = h.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds[0], HighlightKind::Keyword);
    assert_eq!(kinds[1], HighlightKind::Name);
    assert!(kinds.contains(&HighlightKind::String));
    assert!(kinds.contains(&HighlightKind::Number));
    assert!(kinds.contains(&HighlightKind::Comment));
    assert!(kinds.contains(&HighlightKind::Operator));
    let _ = highlight_tokens("'''unterminated\n\"x");
}

