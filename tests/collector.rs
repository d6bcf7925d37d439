//! The cycle collector reclaims everything a program leaves in cycles, classes included:
//! after a session ends and a collection runs, no tracked object is left. (The `run` fuzz
//! target checks the same after every input.)

use cellar::compile::Mode;
use cellar::runtime::model::gc;
use cellar::session::Session;

/// Runs `src` as a whole program on a thread of its own (each thread has its own heap and
/// registry) and answers how many tracked objects outlive it.
fn left_after(src: &'static str) -> usize {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            {
                let mut session = Session::new(Box::new(std::io::sink()));
                session.run(src, "<test>", Mode::Exec).unwrap_or_else(|_| panic!("{src} runs"));
            }
            gc::collect();
            gc::tracked()
        })
        .expect("thread")
        .join()
        .expect("no panic")
}

#[test]
fn a_class_whose_methods_use_super_is_reclaimed() {
    let src = "class A:\n    def f(self):\n        return super().__repr__()\na = A()\na.f()\n";
    assert_eq!(left_after(src), 0);
}

#[test]
fn a_class_holding_its_own_instance_is_reclaimed() {
    assert_eq!(left_after("class B:\n    pass\nB.me = B()\nB.me.cls = B\n"), 0);
}

#[test]
fn an_exception_class_holding_a_raised_instance_is_reclaimed() {
    let src = "class E(Exception):\n    pass\ntry:\n    raise E('x')\nexcept E as e:\n    E.last = e\n";
    assert_eq!(left_after(src), 0);
}

#[test]
fn the_library_modules_written_in_python_leave_nothing_behind() {
    for src in [
        "import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    return 1\nasyncio.run(main())\n",
        "import collections\nc = collections.Counter('abca')\nd = collections.OrderedDict(a=1)\n",
        "import dataclasses\n@dataclasses.dataclass\nclass P:\n    x: int\nP(1)\n",
        "import typing, contextlib, inspect, functools, types\n",
    ] {
        assert_eq!(left_after(src), 0, "{src}");
    }
}

