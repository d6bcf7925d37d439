//! CPython 3.11's `hash()` for builtin values, bit-exact on 64-bit Linux.
//!
//! Everything here is pure arithmetic over already-extracted values: the interpreter decides
//! which function applies to which object and supplies identities (addresses) where CPython
//! hashes by identity.  String hashing uses SipHash-1-3 with the all-zero key that
//! `PYTHONHASHSEED=0` selects, so results match `PYTHONHASHSEED=0 python3`.
//!
//! Conventions shared by all functions: a hash is an `i64` (`Py_hash_t`), and no function
//! ever returns `-1`, which CPython reserves as its error marker.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::ToPrimitive;
use siphasher::sip::SipHasher13;
use std::hash::Hasher;

/// `_PyHASH_BITS`: numeric hashes reduce modulo the Mersenne prime `2**61 - 1`.
pub const HASH_BITS: u32 = 61;
/// `_PyHASH_MODULUS` = `2**61 - 1`.
pub const HASH_MODULUS: u64 = (1u64 << HASH_BITS) - 1;
/// `_PyHASH_INF`: the hash of `float('inf')` (negated for `-inf`).
pub const HASH_INF: i64 = 314_159;
/// `_PyHASH_IMAG`: multiplier for the imaginary part of a complex number.
pub const HASH_IMAG: u64 = 1_000_003;

/// Replace CPython's reserved error value.
#[inline]
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(int)` for a machine-sized integer: `sign(v) * (|v| mod (2**61 - 1))`, with -1 → -2.
pub fn hash_i64(v: i64) -> i64 {
    let m = v.unsigned_abs() % HASH_MODULUS;
    // m < 2**61, so it fits an i64 and negation cannot overflow.
    let h = if v < 0 { -(m as i64) } else { m as i64 };
    fix_minus_one(h)
}

/// `hash(int)` for an arbitrary-precision integer (same rule as [`hash_i64`]).
pub fn hash_bigint(v: &BigInt) -> i64 {
    if let Some(small) = v.to_i64() {
        return hash_i64(small);
    }
    let modulus = BigInt::from(HASH_MODULUS);
    let m = v.magnitude().mod_floor(modulus.magnitude());
    let m = m.to_i64().expect("residue below 2**61 fits i64");
    let h = if v.sign() == Sign::Minus { -m } else { m };
    fix_minus_one(h)
}

/// Split a finite, nonzero `v` into `(m, e)` with `0.5 <= |m| < 1` and `v == m * 2**e`
/// (C's `frexp`).  Zero returns `(v, 0)`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp_field = ((bits >> 52) & 0x7ff) as i32;
    if exp_field == 0 {
        // Subnormal: scale into the normal range first (exact, a power of two).
        let (m, e) = frexp(v * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let e = exp_field - 1022;
    let m_bits = (bits & !(0x7ffu64 << 52)) | (1022u64 << 52);
    (f64::from_bits(m_bits), e)
}

/// `_Py_HashDouble`: integral floats hash like the equal int, `inf` → 314159,
/// `-inf` → -314159.  In 3.11 a NaN hashes by the identity of its float object, so the caller
/// passes that object's address as `identity` (only used for NaN).
pub fn hash_f64(v: f64, identity: usize) -> i64 {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { HASH_INF } else { -HASH_INF };
        }
        return hash_pointer(identity);
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    // Process 28 bits at a time, exactly like CPython.
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64; // integer part
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    // Reduce the exponent modulo HASH_BITS (always into 0..HASH_BITS).
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    fix_minus_one(h)
}

/// `hash(complex(re, im))`: `hash(re) + 1000003 * hash(im)` in wrapping unsigned arithmetic.
/// A NaN part hashes by the complex object's identity, passed as `identity`.
pub fn hash_complex(re: f64, im: f64, identity: usize) -> i64 {
    let hr = hash_f64(re, identity) as u64;
    let hi = hash_f64(im, identity) as u64;
    fix_minus_one(hr.wrapping_add(HASH_IMAG.wrapping_mul(hi)) as i64)
}

/// `_Py_HashPointer`: an address rotated right by 4 bits (-1 → -2).  This is `object.__hash__`,
/// used for functions, classes, instances without `__hash__`, `None` in 3.11, and so on.
pub fn hash_pointer(addr: usize) -> i64 {
    fix_minus_one(addr.rotate_right(4) as u64 as i64)
}

/// `_Py_HashBytes` with the `PYTHONHASHSEED=0` key: empty input hashes to 0, otherwise
/// SipHash-1-3 with an all-zero key (-1 → -2).  This is `hash(bytes)`.
pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let mut h = SipHasher13::new_with_keys(0, 0);
    h.write(data);
    fix_minus_one(h.finish() as i64)
}

/// `hash(str)`: [`hash_bytes`] over the PEP 393 canonical representation — 1 byte per code
/// point when all are below 256, else 2 bytes little-endian when all are below 65536,
/// else 4 bytes little-endian.
pub fn hash_str(s: &str) -> i64 {
    let max = s.chars().map(u32::from).max().unwrap_or(0);
    if max < 0x80 {
        return hash_bytes(s.as_bytes());
    }
    let mut buf: Vec<u8> = Vec::with_capacity(s.len() * 2);
    if max < 0x100 {
        buf.extend(s.chars().map(|c| u32::from(c) as u8));
    } else if max < 0x1_0000 {
        for c in s.chars() {
            buf.extend_from_slice(&(u32::from(c) as u16).to_le_bytes());
        }
    } else {
        for c in s.chars() {
            buf.extend_from_slice(&u32::from(c).to_le_bytes());
        }
    }
    hash_bytes(&buf)
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Incremental form of [`hash_tuple`], for callers whose item hashing can fail part way.
#[derive(Clone, Copy, Debug)]
pub struct TupleHasher {
    acc: u64,
    len: usize,
}

impl Default for TupleHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl TupleHasher {
    pub fn new() -> Self {
        TupleHasher {
            acc: XXPRIME_5,
            len: 0,
        }
    }

    /// Mix in the hash of the next item.
    pub fn push(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self.acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(XXPRIME_1);
        self.len += 1;
    }

    /// The tuple's hash, given the items pushed so far.
    pub fn finish(&self) -> i64 {
        let acc = self
            .acc
            .wrapping_add((self.len as u64) ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            1_546_275_796
        } else {
            acc as i64
        }
    }
}

/// 3.11's xxHash-based `tuplehash` over the items' hashes.  `len` must equal the number of
/// items (it is checked in debug builds).
pub fn hash_tuple(item_hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let mut h = TupleHasher::new();
    for ih in item_hashes {
        h.push(ih);
    }
    debug_assert_eq!(h.len, len, "hash_tuple: len disagrees with the items");
    h.len = len;
    h.finish()
}

/// `_shuffle_bits` from `frozenset_hash`.
#[inline]
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// 3.11's `frozenset_hash` over the hashes of the (distinct) members, in any order.
/// (CPython also xors the empty and dummy slots of its table and then cancels them out, so
/// the result depends only on the members' hashes and their count.)
pub fn hash_frozenset(item_hashes: impl Iterator<Item = i64>) -> i64 {
    let mut hash: u64 = 0;
    let mut n: u64 = 0;
    for h in item_hashes {
        hash ^= shuffle_bits(h as u64);
        n += 1;
    }
    hash ^= (n + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        hash = 590_923_713;
    }
    hash as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const GOLDEN: &str = include_str!("../../../tests/golden/hash_cases.txt");

    fn list(field: &str) -> Vec<i64> {
        if field == "-" {
            Vec::new()
        } else {
            field.split(',').map(|x| x.parse().unwrap()).collect()
        }
    }

    #[test]
    fn golden_cases_match_cpython() {
        let mut checked = 0;
        for line in GOLDEN.lines() {
            let f: Vec<&str> = line.split(' ').collect();
            let expected: i64 = f.last().unwrap().parse().unwrap();
            let got = match f[0] {
                "int" => {
                    let big = BigInt::from_str(f[1]).unwrap();
                    if let Ok(small) = f[1].parse::<i64>() {
                        assert_eq!(hash_i64(small), expected, "{line}");
                    }
                    hash_bigint(&big)
                }
                "float" => hash_f64(f64::from_bits(f[1].parse::<i64>().unwrap() as u64), 0),
                "str" => {
                    let s: String = if f[1] == "-" {
                        String::new()
                    } else {
                        f[1].split(',')
                            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
                            .collect()
                    };
                    hash_str(&s)
                }
                "bytes" => {
                    let b: Vec<u8> = if f[1] == "-" {
                        Vec::new()
                    } else {
                        (0..f[1].len())
                            .step_by(2)
                            .map(|i| u8::from_str_radix(&f[1][i..i + 2], 16).unwrap())
                            .collect()
                    };
                    hash_bytes(&b)
                }
                "tuple" => {
                    let items = list(f[1]);
                    hash_tuple(items.iter().copied(), items.len())
                }
                "frozenset" => hash_frozenset(list(f[1]).into_iter()),
                "complex" => {
                    let re = f64::from_bits(f[1].parse::<i64>().unwrap() as u64);
                    let im = f64::from_bits(f[2].parse::<i64>().unwrap() as u64);
                    hash_complex(re, im, 0)
                }
                "pointer" => hash_pointer(f[1].parse().unwrap()),
                other => panic!("unknown golden kind {other}"),
            };
            assert_eq!(got, expected, "{line}");
            checked += 1;
        }
        assert!(checked > 150);
    }

    #[test]
    fn reserved_minus_one_never_returned() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_f64(-1.0, 0), -2);
        assert_eq!(hash_pointer(usize::MAX), -2);
        assert_eq!(hash_bigint(&BigInt::from(-1)), -2);
    }

    #[test]
    fn nan_hashes_by_identity() {
        assert_eq!(
            hash_f64(f64::NAN, 0x7f00_1234_5670),
            hash_pointer(0x7f00_1234_5670)
        );
        assert_ne!(hash_f64(f64::NAN, 0x1000), hash_f64(f64::NAN, 0x2000));
    }

    #[test]
    fn frexp_matches_definition() {
        for v in [1.0, 0.5, 3.0, -7.25, 1e300, 2.2250738585072014e-308, 1e-300] {
            let (m, e) = frexp(v);
            assert!((0.5..1.0).contains(&m.abs()), "{v}: {m}");
            assert_eq!(m * 2f64.powi(e), v);
        }
        // Subnormals: 2**-1074 is 0.5 * 2**-1073.
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(frexp(-1.5 * 2f64.powi(-1060)), (-0.75, -1059));
    }
}
