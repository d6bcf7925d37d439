//! Whole programs, on the interpreter's large stack, under a step budget and a memory cap:
//! any outcome but a panic, an abort or a hang is fine.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOCATOR: cellar::runtime::limits::CountingAllocator = cellar::runtime::limits::CountingAllocator;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let src = src.to_string();
    cellar::runtime::limits::set_max_memory(512 << 20);
    let worker = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut session = cellar::session::Session::new(Box::new(std::io::sink()));
            session.interp.set_step_budget(20_000);
            if let Err(failure) = session.run(&src, "<fuzz>", cellar::compile::Mode::Exec) {
                let _ = session.render(&failure, false);
            }
        })
        .expect("worker thread");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
});
