//! The stacks generators run on. A program may keep a hundred thousand generators suspended,
//! so a stack must cost little: each is a slice of a large mapping that reserves address
//! space only (`MAP_NORESERVE`), and memory is spent on the pages a generator actually
//! touched, usually one. Stacks are not given guard pages of their own, because a mapping
//! per stack would run into the kernel's limit on mappings (65,530 by default); instead the
//! interpreter never lets one overflow: Python calls made in a generator run on the thread's
//! stack, and the recursion counter checks how much of a generator's stack is left
//! (`depth::enter`, with the floor `Stacks` reports).

use std::cell::RefCell;

/// The address space of one generator's stack. What runs on it is the generator's own body
/// and the builtins it calls; anything deeper than `MARGIN` from its end is refused as
/// RecursionError before it gets there.
pub const STACK_BYTES: usize = 1 << 20;

/// What must stay free below the deepest frame on a generator's stack: one level of the
/// deepest builtin recursion (a repr inside a comparison) in an unoptimised build.
pub const MARGIN: usize = 256 << 10;

/// Stacks per mapping.
const PER_CHUNK: usize = 64;

/// Free stacks kept with their pages; past twice as many, the older ones give their pages
/// back, in address order so that neighbours go in one call.
const KEPT_WARM: usize = 64;

/// One generator's stack: `[limit, base)` of some chunk, returned to the pool on drop.
pub struct GenStack {
    base: usize,
}

impl GenStack {
    pub fn new() -> std::io::Result<GenStack> {
        POOL.with(|p| p.borrow_mut().take()).map(|base| GenStack { base })
    }

    /// The lowest address a frame on this stack may reach.
    pub fn floor(&self) -> usize {
        self.base - STACK_BYTES + MARGIN
    }
}

impl Drop for GenStack {
    fn drop(&mut self) {
        let _ = POOL.try_with(|p| p.borrow_mut().give_back(self.base));
    }
}

// SAFETY: `[base - STACK_BYTES, base)` is readable and writable memory that no one else uses
// while this value lives, and `base` is page-aligned. The guard page the trait asks for is
// replaced by `floor`, which the interpreter checks before every level of recursion.
unsafe impl corosensei::stack::Stack for GenStack {
    fn base(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.base).expect("stacks are mapped away from address 0")
    }
    fn limit(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.base - STACK_BYTES).expect("stacks are mapped away from address 0")
    }
}

struct Pool {
    /// Bases of free stacks whose pages may be resident, most recently freed last.
    warm: Vec<usize>,
    /// Bases of free stacks whose pages were given back.
    cold: Vec<usize>,
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { warm: Vec::new(), cold: Vec::new() }) };
}

impl Pool {
    fn take(&mut self) -> std::io::Result<usize> {
        if let Some(base) = self.warm.pop().or_else(|| self.cold.pop()) {
            return Ok(base);
        }
        let len = STACK_BYTES * PER_CHUNK;
        // SAFETY: a fresh anonymous private mapping; nothing else refers to it.
        let start = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if start == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let start = start as usize;
        // Never touched, the chunk's stacks start cold; the one at its end goes first.
        self.cold.extend((0..PER_CHUNK).map(|i| start + STACK_BYTES * (i + 1)));
        Ok(self.cold.pop().expect("a chunk has stacks"))
    }

    fn give_back(&mut self, base: usize) {
        self.warm.push(base);
        if self.warm.len() < 2 * KEPT_WARM {
            return;
        }
        let mut old: Vec<usize> = self.warm.drain(..KEPT_WARM).collect();
        old.sort_unstable();
        let mut i = 0;
        while i < old.len() {
            let mut j = i + 1;
            while j < old.len() && old[j] == old[j - 1] + STACK_BYTES {
                j += 1;
            }
            let (low, high) = (old[i] - STACK_BYTES, old[j - 1]);
            // SAFETY: these stacks are free; their pages read as zeros when touched again.
            unsafe {
                libc::madvise(low as *mut libc::c_void, high - low, libc::MADV_DONTNEED);
            }
            i = j;
        }
        self.cold.extend(old);
    }
}

/// Where the running code's stack is now (an address in its current frame).
#[inline(always)]
pub fn stack_position() -> usize {
    let here = 0u8;
    std::ptr::addr_of!(here) as usize
}
