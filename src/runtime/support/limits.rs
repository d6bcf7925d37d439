//! Limits a lesson cannot break: memory (`--max-memory`) and time (`--timeout`).
//!
//! Memory is counted by the global allocator. A program that grows past its cap gets a
//! `MemoryError` at the next loop iteration or call; operations that would allocate a huge
//! block at once (`[0] * 10**12`) ask `reserve` first and get their `MemoryError` before
//! allocating anything.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The default cap when none is given: generous for lessons, far below what would make the
/// machine swap.
pub const DEFAULT_MAX_MEMORY: usize = 8 << 30;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static MAX_MEMORY: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_MEMORY);

/// The system allocator, counting bytes in use.
pub struct CountingAllocator;

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
            ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

pub fn set_max_memory(bytes: usize) {
    MAX_MEMORY.store(bytes, Ordering::Relaxed);
}

pub fn allocated() -> usize {
    ALLOCATED.load(Ordering::Relaxed)
}

/// The program asked for more memory than its cap allows: a `MemoryError` where it reaches
/// Python code.
#[derive(Debug)]
pub struct OverCap;

/// `OverCap` once the program holds more than its cap.
#[inline]
pub fn check_memory() -> Result<(), OverCap> {
    if ALLOCATED.load(Ordering::Relaxed) > MAX_MEMORY.load(Ordering::Relaxed) {
        return Err(OverCap);
    }
    Ok(())
}

/// Asks for `bytes` more before allocating them at once: `MemoryError` if they would go past
/// the cap.
pub fn reserve(bytes: u128) -> Result<(), OverCap> {
    let total = ALLOCATED.load(Ordering::Relaxed) as u128 + bytes;
    if total > MAX_MEMORY.load(Ordering::Relaxed) as u128 {
        return Err(OverCap);
    }
    Ok(())
}
