//! `dict`: insertion-ordered, like CPython's compact dict. Entries live in a vector in
//! insertion order (deleted ones leave a hole until the next compaction); a hash table of
//! indices finds them.

use crate::runtime::model::gc::GcHeader;
use crate::runtime::model::value::{PyResult, PyStr, Value};
use crate::runtime::types::ops::{hash_key, key_eq};
use hashbrown::HashTable;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone)]
pub struct Table {
    entries: Vec<Option<Entry>>,
    indices: HashTable<usize>,
    len: usize,
    /// Changes whenever an entry is added, removed or moved (never when a value is
    /// replaced), and is unique across all tables: a reader that remembered an entry's
    /// position under this layout may read it there directly.
    layout: u64,
}

impl Default for Table {
    fn default() -> Table {
        Table { entries: Vec::new(), indices: HashTable::new(), len: 0, layout: next_layout() }
    }
}

thread_local! {
    static LAYOUTS: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

fn next_layout() -> u64 {
    LAYOUTS.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    })
}

impl Table {
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn find(&self, hash: i64, key: &Value) -> Option<usize> {
        let entries = &self.entries;
        self.indices
            .find(spread(hash), |&i| entries[i].as_ref().is_some_and(|e| e.hash == hash && key_eq(&e.key, key)))
            .copied()
    }

    pub fn get(&self, hash: i64, key: &Value) -> Option<&Value> {
        self.find(hash, key).and_then(|i| self.entries[i].as_ref()).map(|e| &e.value)
    }

    /// Inserts or replaces; a replaced key keeps its position. Returns the old value.
    pub fn insert(&mut self, hash: i64, key: Value, value: Value) -> Option<Value> {
        if let Some(i) = self.find(hash, &key) {
            let e = self.entries[i].as_mut().expect("indexed entries exist");
            return Some(std::mem::replace(&mut e.value, value));
        }
        self.push_new(hash, key, value);
        None
    }

    /// Adds an entry whose key is known not to be in the table.
    fn push_new(&mut self, hash: i64, key: Value, value: Value) {
        let i = self.entries.len();
        self.layout = next_layout();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.indices.insert_unique(spread(hash), i, |&j| entries[j].as_ref().map_or(0, |e| spread(e.hash)));
        self.len += 1;
    }

    pub fn remove(&mut self, hash: i64, key: &Value) -> Option<(Value, Value)> {
        self.remove_by(hash, |k| key_eq(k, key))
    }

    fn remove_by(&mut self, hash: i64, same: impl Fn(&Value) -> bool) -> Option<(Value, Value)> {
        let entries = &self.entries;
        let found = self
            .indices
            .find_entry(spread(hash), |&i| entries[i].as_ref().is_some_and(|e| e.hash == hash && same(&e.key)))
            .ok()?;
        let (i, _) = found.remove();
        self.layout = next_layout();
        let e = self.entries[i].take().expect("indexed entries exist");
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        Some((e.key, e.value))
    }

    fn compact(&mut self) {
        self.layout = next_layout();
        self.entries.retain(Option::is_some);
        self.indices.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let h = e.as_ref().map_or(0, |e| spread(e.hash));
            let entries = &self.entries;
            self.indices.insert_unique(h, i, |&j| entries[j].as_ref().map_or(0, |e| spread(e.hash)));
        }
    }

    /// The position of the entry whose key is `key` itself (not merely equal to it).
    fn position_of_identical(&self, hash: i64, key: &Value) -> Option<usize> {
        let entries = &self.entries;
        self.indices.find(spread(hash), |&i| entries[i].as_ref().is_some_and(|e| e.key.is(key))).copied()
    }

    fn position_of_str(&self, key: &str) -> Option<usize> {
        let h = crate::runtime::support::hash::hash_str(key);
        let entries = &self.entries;
        self.indices
            .find(spread(h), |&i| {
                entries[i].as_ref().is_some_and(|e| e.hash == h && matches!(&e.key, Value::Str(s) if s.as_str() == key))
            })
            .copied()
    }

    fn position_of_name(&self, key: &Rc<PyStr>) -> Option<usize> {
        let h = key.hash();
        let entries = &self.entries;
        self.indices
            .find(spread(h), |&i| {
                entries[i].as_ref().is_some_and(|e| match &e.key {
                    Value::Str(s) => Rc::ptr_eq(s, key) || (e.hash == h && s.as_str() == key.as_str()),
                    _ => false,
                })
            })
            .copied()
    }

    pub fn clear(&mut self) {
        self.layout = next_layout();
        self.entries.clear();
        self.indices.clear();
        self.len = 0;
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The entry at position `n` of the entry vector (holes included), for iterators that
    /// must survive changes to the dict.
    pub fn entry_at(&self, n: usize) -> Option<&Option<Entry>> {
        self.entries.get(n)
    }

    pub fn slots(&self) -> usize {
        self.entries.len()
    }

    /// Removes and returns the last item (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let last = self.entries.iter().rposition(Option::is_some)?;
        let (hash, key) = {
            let e = self.entries[last].as_ref()?;
            (e.hash, e.key.clone())
        };
        self.remove(hash, &key)
    }
}

/// A Python hash as the index table wants it. The table picks buckets with the low bits and
/// tells keys apart within a bucket group by the top seven; a small int hashes to itself,
/// so its top bits are all zero and every key of an int-keyed dict would look alike there.
/// Multiplying by an odd constant spreads every bit upward and keeps distinct hashes
/// distinct. (Only the table sees this: iteration follows insertion order.)
#[inline]
fn spread(hash: i64) -> u64 {
    (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

pub struct Dict {
    pub table: RefCell<Table>,
    pub gc: GcHeader,
}

impl Default for Dict {
    fn default() -> Self {
        Dict::new()
    }
}

impl Dict {
    pub fn new() -> Dict {
        Dict::from_table(Table::default())
    }
    pub fn from_table(t: Table) -> Dict {
        Dict { table: RefCell::new(t), gc: GcHeader::default() }
    }
    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, key: &Value) -> PyResult<Option<Value>> {
        let h = hash_key(key)?;
        Ok(self.table.borrow().get(h, key).cloned())
    }
    pub fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let h = hash_key(&key)?;
        self.set_hashed(h, key, value);
        Ok(())
    }
    /// `set` with the key's hash already computed.
    pub fn set_hashed(&self, hash: i64, key: Value, value: Value) {
        let old = self.table.borrow_mut().insert(hash, key, value);
        drop(old);
    }
    pub fn remove(&self, key: &Value) -> PyResult<Option<Value>> {
        let h = hash_key(key)?;
        let old = self.table.borrow_mut().remove(h, key);
        Ok(old.map(|(_, v)| v))
    }
    /// The keys stored with this hash: the candidates an equality that runs Python code
    /// (`__eq__` of a class) must choose from, without the table borrowed while it runs.
    pub fn keys_with_hash(&self, hash: i64) -> Vec<Value> {
        let t = self.table.borrow();
        let entries = &t.entries;
        t.indices
            .iter_hash(spread(hash))
            .filter_map(|&i| entries[i].as_ref().filter(|e| e.hash == hash).map(|e| e.key.clone()))
            .collect()
    }
    /// The value stored under `key` itself (one of `keys_with_hash`).
    pub fn get_identical(&self, hash: i64, key: &Value) -> Option<Value> {
        let t = self.table.borrow();
        t.position_of_identical(hash, key).and_then(|i| t.entries[i].as_ref()).map(|e| e.value.clone())
    }
    /// Stores `value` under `key`: over the entry of `key` itself if there is one, else as a
    /// new entry (its equality with the others already decided by the caller).
    pub fn set_identical(&self, hash: i64, key: Value, value: Value) {
        let mut t = self.table.borrow_mut();
        let old = match t.position_of_identical(hash, &key) {
            Some(i) => t.entries[i].as_mut().map(|e| std::mem::replace(&mut e.value, value)),
            None => {
                t.push_new(hash, key, value);
                None
            }
        };
        drop(t);
        drop(old);
    }
    /// Removes the entry of `key` itself.
    pub fn remove_identical(&self, hash: i64, key: &Value) -> Option<Value> {
        let old = self.table.borrow_mut().remove_by(hash, |k| k.is(key));
        old.map(|(_, v)| v)
    }

    /// Looks a string key up without making a string object for it.
    pub fn get_str(&self, key: &str) -> Option<Value> {
        let t = self.table.borrow();
        t.position_of_str(key).and_then(|i| t.entries[i].as_ref()).map(|e| e.value.clone())
    }
    pub fn set_str(&self, key: &str, value: Value) {
        let h = crate::runtime::support::hash::hash_str(key);
        let old = self.table.borrow_mut().insert(h, Value::str(key), value);
        drop(old);
    }
    /// Looks up an interned name (globals and attribute dicts): hash already known.
    pub fn get_name(&self, key: &Rc<PyStr>) -> Option<Value> {
        let t = self.table.borrow();
        t.position_of_name(key).and_then(|i| t.entries[i].as_ref()).map(|e| e.value.clone())
    }

    /// The current layout stamp (see `Table::layout`).
    pub fn layout(&self) -> u64 {
        self.table.borrow().layout
    }

    /// Where `key` sits in the entry vector, with the layout that position is valid for.
    pub fn locate_name(&self, key: &Rc<PyStr>) -> (u64, Option<usize>) {
        let t = self.table.borrow();
        (t.layout, t.position_of_name(key))
    }

    /// The value at a position found by `locate_name`, if the layout is still `layout`.
    #[inline]
    pub fn value_at(&self, layout: u64, pos: usize) -> Option<Value> {
        let t = self.table.borrow();
        if t.layout != layout {
            return None;
        }
        t.entries.get(pos).and_then(|e| e.as_ref()).map(|e| e.value.clone())
    }
    /// Replaces the value at a position found by `locate_name`, if the layout is still
    /// `layout`; gives the value back otherwise.
    #[inline]
    pub fn replace_at(&self, layout: u64, pos: usize, value: Value) -> Result<(), Value> {
        let mut t = self.table.borrow_mut();
        if t.layout != layout {
            return Err(value);
        }
        match t.entries.get_mut(pos).and_then(|e| e.as_mut()) {
            Some(e) => {
                let old = std::mem::replace(&mut e.value, value);
                // The old value goes after the borrow ends: dropping it may reach this dict.
                drop(t);
                drop(old);
                Ok(())
            }
            None => Err(value),
        }
    }
    pub fn set_name(&self, key: &Rc<PyStr>, value: Value) {
        let old = self.table.borrow_mut().insert(key.hash(), Value::Str(key.clone()), value);
        drop(old);
    }
    pub fn remove_name(&self, key: &Rc<PyStr>) -> Option<Value> {
        let k = Value::Str(key.clone());
        let old = self.table.borrow_mut().remove(key.hash(), &k);
        old.map(|(_, v)| v)
    }
    pub fn keys(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|e| e.key.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|e| e.value.clone()).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }
    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        drop(old);
    }
    pub fn copy(&self) -> Dict {
        Dict::from_table(self.table.borrow().clone())
    }
}
