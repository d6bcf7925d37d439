//! Dict keys and set members whose hash and equality are Python code: an instance of a
//! class that defines `__hash__`/`__eq__`, or a tuple holding one. The tables themselves
//! cannot run Python, so the interpreter computes the hash, picks the stored key that is
//! equal among those with that hash (the table not borrowed while `__eq__` runs), and then
//! asks the table for that very key. Every other key takes the tables' own fast paths.

use super::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::set::SetObj;
use crate::runtime::model::value::*;
use crate::runtime::types::object;
use std::rc::Rc;

/// Whether hashing or comparing `key` runs Python code. Asked only once the tables' own
/// hashing has refused the key, so the keys of every memo cache never pay for it.
fn needs_interp(key: &Value) -> bool {
    match key {
        Value::Tuple(t) => t.items.iter().any(needs_interp),
        _ => object::user_class(key).is_some_and(|c| c.lookup("__hash__").is_some() || c.lookup("__eq__").is_some()),
    }
}

impl Interp {
    /// `hash(v)`, running `__hash__` where a class defines it.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Tuple(t) if needs_interp(v) => {
                let mut h = crate::runtime::support::hash::TupleHasher::new();
                for item in t.items.iter() {
                    h.push(self.hash(item)?);
                }
                Ok(h.finish())
            }
            _ if object::user_class(v).is_some() => object::hash_of(self, v),
            _ => crate::runtime::types::ops::hash_key(v),
        }
    }

    /// The stored key among `candidates` that equals `key`.
    fn equal_key(&mut self, candidates: Vec<Value>, key: &Value) -> PyResult<Option<Value>> {
        for k in candidates {
            if self.eq(&k, key)? {
                return Ok(Some(k));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, d: &Rc<Dict>, key: &Value) -> PyResult<Option<Value>> {
        match d.get(key) {
            Err(_) if needs_interp(key) => {}
            found => return found,
        }
        let h = self.hash(key)?;
        let found = self.equal_key(d.keys_with_hash(h), key)?;
        Ok(found.and_then(|k| d.get_identical(h, &k)))
    }

    pub fn dict_set(&mut self, d: &Dict, key: Value, value: Value) -> PyResult<()> {
        match crate::runtime::types::ops::hash_key(&key) {
            Ok(h) => {
                d.set_hashed(h, key, value);
                return Ok(());
            }
            Err(_) if needs_interp(&key) => {}
            Err(e) => return Err(e),
        }
        let h = self.hash(&key)?;
        let stored = self.equal_key(d.keys_with_hash(h), &key)?;
        d.set_identical(h, stored.unwrap_or(key), value);
        Ok(())
    }

    pub fn dict_remove(&mut self, d: &Rc<Dict>, key: &Value) -> PyResult<Option<Value>> {
        match d.remove(key) {
            Err(_) if needs_interp(key) => {}
            removed => return removed,
        }
        let h = self.hash(key)?;
        let found = self.equal_key(d.keys_with_hash(h), key)?;
        Ok(found.and_then(|k| d.remove_identical(h, &k)))
    }

    pub fn set_contains(&mut self, s: &SetObj, item: &Value) -> PyResult<bool> {
        match s.contains(item) {
            Err(_) if needs_interp(item) => {}
            found => return found,
        }
        let h = self.hash(item)?;
        Ok(self.equal_key(s.items_with_hash(h), item)?.is_some())
    }

    pub fn set_add(&mut self, s: &SetObj, item: Value) -> PyResult<()> {
        match crate::runtime::types::ops::hash_key(&item) {
            Ok(h) => return s.add_hashed(h, item),
            Err(_) if needs_interp(&item) => {}
            Err(e) => return Err(e),
        }
        let h = self.hash(&item)?;
        if self.equal_key(s.items_with_hash(h), &item)?.is_none() {
            s.add_new(h, item)?;
        }
        Ok(())
    }

    /// A new set of `items`, each added as `set_add` adds it.
    pub fn new_set(&mut self, items: Vec<Value>, frozen: bool) -> PyResult<Value> {
        if !items.iter().any(needs_interp) {
            return crate::runtime::model::set::new_set(items, frozen);
        }
        let empty = crate::runtime::model::set::new_set(Vec::new(), frozen)?;
        if let Value::Set(s) | Value::FrozenSet(s) = &empty {
            for item in items {
                self.set_add(s, item)?;
            }
        }
        Ok(empty)
    }
}
