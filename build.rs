//! Fingerprints the parser, so that a syntax tree frozen by another version of it is never
//! used (see `src/syntax/lazy.rs`).

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("src/syntax");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src/syntax is there")
        .map(|e| e.expect("src/syntax is readable").path())
        // The parser's own tests make no tree.
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("tests.rs"))
        .collect();
    files.sort();
    // FNV-1a: stable across Rust versions and platforms, as a frozen tree's key must be.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        for byte in fs::read(&file).expect("a parser file is readable") {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=CELLAR_PARSER_FINGERPRINT={hash:016x}");
}
