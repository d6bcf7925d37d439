//! Whole programs, on the interpreter's large stack, under a step budget and a memory cap:
//! any outcome but a panic, an abort, a hang or a leak is fine.
//!
//! One worker thread runs every input, as the cellar binary runs everything on one
//! interpreter thread: the builtin types are made once per thread and live as long as it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};

#[global_allocator]
static ALLOCATOR: cellar::runtime::support::limits::CountingAllocator = cellar::runtime::support::limits::CountingAllocator;

type Outcome = Result<(), Box<dyn std::any::Any + Send>>;

struct Worker {
    inputs: Sender<String>,
    outcomes: Receiver<Outcome>,
}

fn worker() -> &'static Mutex<Worker> {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    WORKER.get_or_init(|| {
        let (inputs, input_rx) = channel::<String>();
        let (outcome_tx, outcomes) = channel::<Outcome>();
        cellar::runtime::support::limits::set_max_memory(512 << 20);
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                for src in input_rx {
                    let outcome = std::panic::catch_unwind(|| {
                        {
                            let mut session = cellar::session::Session::new(Box::new(std::io::sink()));
                            session.interp.set_step_budget(20_000);
                            if let Err(failure) = session.run(&src, "<fuzz>", cellar::compile::Mode::Exec) {
                                let _ = session.render(&failure, false);
                            }
                        }
                        // The collector's registry holds its objects weakly, which hides them
                        // from the leak check at exit: a tracked object that outlives the
                        // program is a cycle the collector missed.
                        cellar::runtime::model::gc::collect();
                        let left = cellar::runtime::model::gc::tracked();
                        assert_eq!(left, 0, "{left} tracked objects outlive the program");
                    });
                    if outcome_tx.send(outcome).is_err() {
                        return;
                    }
                }
            })
            .expect("worker thread");
        Mutex::new(Worker { inputs, outcomes })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let w = worker().lock().expect("the worker lock is never poisoned");
    w.inputs.send(src.to_string()).expect("worker alive");
    if let Err(panic) = w.outcomes.recv().expect("worker answers") {
        std::panic::resume_unwind(panic);
    }
});
