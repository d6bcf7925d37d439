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

    /// The address the stack grows down from.
    pub fn base(&self) -> usize {
        self.base
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
        // A stack touches a page or two at its top: backing it with a 2 MiB huge page, as
        // the kernel may do for a mapping this large, would make that a megabyte.
        // SAFETY: advice on the mapping just made.
        unsafe {
            libc::madvise(start, len, libc::MADV_NOHUGEPAGE);
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

/// How far below the deepest frame that called `suspend` the switch itself may write (its
/// own frame and the registers it saves), with room to spare in an unoptimised build.
pub const SWITCH_DEPTH: usize = if cfg!(debug_assertions) { 2048 } else { 512 };

const PAGE: usize = 4096;

/// How much of a stack, from its base, a suspended frame gives back at least.
const RELEASED: usize = 64 << 10;

/// The used part of a suspended frame's stack, `[base - 8 * len, base)`, copied out so that
/// its pages can go back to the kernel. A suspended generator uses about 3 KiB of the page
/// it touched, half of it zeros (frame space its code paths never wrote); only the other
/// words are kept, since the pages read as zeros again once given back. With many
/// generators suspended, the copies cost a third of the pages.
pub struct StackImage {
    len: usize,
    /// One bit per word, set where the word is not zero…
    present: Box<[u64]>,
    /// …and those words, lowest address first.
    words: Box<[u64]>,
}

impl StackImage {
    /// Copies `[low, base)` out and gives back the pages under it; `None` (and the stack
    /// left as it is) if the kernel refuses.
    ///
    /// # Safety
    /// `[low, base)` must be part of a suspended stack that holds nothing below `low` and
    /// that nothing reads or writes until `restore`.
    pub unsafe fn take(base: usize, low: usize) -> Option<StackImage> {
        small_blocks_coalesce();
        let low = low & !7;
        let len = (base - low) / 8;
        let stack = std::slice::from_raw_parts(low as *const u64, len);
        let mut present = vec![0u64; len.div_ceil(64)];
        let mut words = Vec::with_capacity(stack.iter().filter(|&&w| w != 0).count());
        for (i, &w) in stack.iter().enumerate() {
            if w != 0 {
                present[i / 64] |= 1 << (i % 64);
                words.push(w);
            }
        }
        // Deeper calls made before (a builtin the frame called) may have touched pages below
        // the one `low` is on: those go back too.
        let first_page = (low & !(PAGE - 1)).min(base - RELEASED);
        if libc::madvise(first_page as *mut libc::c_void, base - first_page, libc::MADV_DONTNEED) != 0 {
            return None;
        }
        Some(StackImage { len, present: present.into(), words: words.into() })
    }

    /// Puts the words back where they were taken from.
    ///
    /// # Safety
    /// `base` is the one the image was taken with, and the stack has not been used since.
    pub unsafe fn restore(self, base: usize) {
        let low = (base - 8 * self.len) as *mut u64;
        let mut words = self.words.iter();
        for (chunk, &bits) in self.present.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let i = chunk * 64 + bits.trailing_zeros() as usize;
                low.add(i).write(*words.next().expect("a word for each bit"));
                bits &= bits - 1;
            }
        }
    }
}

/// From the first copy on, tells the C allocator to coalesce freed small blocks at once
/// instead of keeping them on its "fast" lists: a copy is larger than the small blocks a
/// running generator frees, and with those kept apart, 100,000 copies took twice their size
/// in memory. Programs that never copy a stack keep the faster small blocks.
fn small_blocks_coalesce() {
    thread_local! {
        static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !DONE.with(|d| d.replace(true)) {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: a documented allocator setting; it takes effect for later allocations.
        unsafe {
            libc::mallopt(libc::M_MXFAST, 0);
        }
    }
}

/// Where the running code's stack is now (an address in its current frame).
#[inline(always)]
pub fn stack_position() -> usize {
    let here = 0u8;
    std::ptr::addr_of!(here) as usize
}
