use std::time::Instant;
fn main() {
    let src = include_str!("../src/runtime/modules/lib/inspect.py");
    let n: u32 = std::env::args().nth(1).map_or(20, |s| s.parse().unwrap());
    let t = Instant::now();
    for _ in 0..n { let _ = cellar::syntax::parse_module_here(src).ok().unwrap(); }
    println!("parse {:?}", t.elapsed() / n);
}
