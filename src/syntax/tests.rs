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
