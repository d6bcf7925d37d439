//! `random`: CPython's Mersenne Twister (`_randommodule.c`) and the methods `random.py` builds
//! on it, step for step, so that a program seeded with `random.seed(42)` draws exactly the
//! numbers, choices and shuffles it draws under CPython. The module's functions are the
//! methods of one hidden `Random` instance, as in CPython.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{index_error, overflow_error, type_error, value_error};
use crate::runtime::model::typeobj::{type_name, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::builtins::{getitem, len_of, setitem};
use crate::runtime::types::ops::{hash_key, to_bigint};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};
use sha2::{Digest, Sha512};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use super::{bind_python, method, new_module, receiver};

const N: usize = 624;
const M: usize = 397;

/// The generator's state: CPython's `RandomObject`.
#[derive(Clone)]
struct Twister {
    mt: [u32; N],
    index: usize,
}

impl Twister {
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1, 0);
        for _ in 0..N.max(key.len()) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
    }

    fn next_u32(&mut self) -> u32 {
        const MAG01: [u32; 2] = [0, 0x9908_b0df];
        let twist = |a: u32, b: u32| (a & 0x8000_0000) | (b & 0x7fff_ffff);
        if self.index >= N {
            for k in 0..N - M {
                let y = twist(self.mt[k], self.mt[k + 1]);
                self.mt[k] = self.mt[k + M] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            for k in N - M..N - 1 {
                let y = twist(self.mt[k], self.mt[k + 1]);
                self.mt[k] = self.mt[k + M - N] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            let y = twist(self.mt[N - 1], self.mt[0]);
            self.mt[N - 1] = self.mt[M - 1] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    fn getrandbits(&mut self, k: u64) -> BigInt {
        if k <= 32 {
            return BigInt::from(if k == 0 { 0 } else { self.next_u32() >> (32 - k) });
        }
        let words = k.div_ceil(32);
        let mut left = k;
        let mut digits = Vec::with_capacity(words as usize);
        for _ in 0..words {
            let r = self.next_u32();
            digits.push(if left < 32 { r >> (32 - left) } else { r });
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &digits)
    }

    /// `_randbelow`: a uniform int in [0, n), by rejection on `n.bit_length()` bits.
    fn below(&mut self, n: &BigInt) -> BigInt {
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    fn below_usize(&mut self, n: usize) -> usize {
        self.below(&BigInt::from(n)).to_usize().unwrap_or(0)
    }
}

/// A `random.Random` object: the twister and the spare normal deviate `gauss` keeps.
pub struct RandomObj {
    state: RefCell<(Twister, Option<f64>)>,
}

thread_local! {
    static RANDOM_TYPE: Rc<TypeObj> = TypeObj::native_class("random", "Random");
}

pub fn random_type() -> Rc<TypeObj> {
    RANDOM_TYPE.with(|t| t.clone())
}

impl RandomObj {
    fn new() -> RandomObj {
        RandomObj { state: RefCell::new((Twister { mt: [0; N], index: N + 1 }, None)) }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Twister) -> T) -> T {
        f(&mut self.state.borrow_mut().0)
    }

    /// `Random.seed(a)` (version 2): an int seeds by its absolute value's 32-bit words, a
    /// str by its UTF-8 bytes followed by their SHA-512, other hashables by their hash, and
    /// `None` by the clock.
    fn seed(&self, a: &Value) -> PyResult<()> {
        let n: BigInt = match a {
            Value::None => {
                let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
                BigInt::from(nanos.as_nanos()) ^ BigInt::from(self as *const _ as usize)
            }
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => to_bigint(a).unwrap_or_default().abs(),
            Value::Str(s) => {
                let mut bytes = s.as_str().as_bytes().to_vec();
                bytes.extend_from_slice(&Sha512::digest(s.as_str().as_bytes()));
                BigInt::from_bytes_be(Sign::Plus, &bytes)
            }
            Value::Float(_) => BigInt::from(hash_key(a)? as u64),
            _ => return type_error("The only supported seed types are: None,\nint, float, str, bytes, and bytearray."),
        };
        let (_, mut key) = n.to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        let mut state = self.state.borrow_mut();
        state.0.init_by_array(&key);
        state.1 = None;
        Ok(())
    }
}

impl Native for RandomObj {
    fn type_obj(&self) -> Rc<TypeObj> {
        random_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(METHODS.iter().find(|(n, _)| *n == name).map(|(n, f)| method(n, "random.Random", *f, this)))
    }
}

/// The methods of `Random`, which are also the module's functions.
const METHODS: [(&str, BuiltinFn); 16] = [
    ("seed", seed),
    ("random", random),
    ("getrandbits", getrandbits),
    ("randrange", randrange),
    ("randint", randint),
    ("choice", choice),
    ("choices", choices),
    ("shuffle", shuffle),
    ("sample", sample),
    ("uniform", uniform),
    ("triangular", triangular),
    ("gauss", gauss),
    ("normalvariate", normalvariate),
    ("expovariate", expovariate),
    ("getstate", getstate),
    ("setstate", setstate),
];

pub fn module(_interp: &mut Interp) -> Value {
    let inst = RandomObj::new();
    let _ = inst.seed(&Value::None);
    let inst = Value::native(inst);
    let mut items: Vec<(&str, Value)> = vec![("Random", Value::Type(random_type()))];
    items.extend(METHODS.iter().map(|(n, f)| (*n, method(n, "random.Random", *f, &inst))));
    items.push(("_inst", inst));
    new_module("random", items)
}

/// `random.Random(seed=None)`.
pub fn new_random(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (a,) = bind1("Random.__init__", &args, "x", Value::None)?;
    let r = RandomObj::new();
    r.seed(&a)?;
    Ok(Value::native(r))
}

// ----- arguments, as random.py's Python signatures report them -----

/// A method of `random.py`'s `Random`: its messages count `self`.
fn bind(qualname: &str, args: &Args, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    bind_python(qualname, args, names, required, true)
}

fn bind1(qualname: &str, args: &Args, name: &str, default: Value) -> PyResult<(Value,)> {
    let mut v = bind(qualname, args, &[name], 0)?;
    Ok((v.remove(0).unwrap_or(default),))
}

fn this(b: &Builtin) -> PyResult<&RandomObj> {
    receiver::<RandomObj>(b)
}

fn float_of(v: &Value) -> PyResult<f64> {
    match crate::runtime::types::ops::to_f64(v)? {
        Some(f) => Ok(f),
        None => type_error(format!("must be real number, not {}", type_name(v))),
    }
}

// ----- the methods -----

fn seed(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (a,) = bind1("Random.seed", &args, "a", Value::None)?;
    this(b)?.seed(&a)?;
    Ok(Value::None)
}

fn random(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos("random", &args, 0, 0)?;
    Ok(Value::Float(this(b)?.with(Twister::random)))
}

fn getrandbits(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos("getrandbits", &args, 1, 1)?;
    let k = index(&args.pos[0])?;
    if k.is_negative() {
        return value_error("number of bits must be non-negative");
    }
    let Some(k) = k.to_u64().filter(|k| *k <= 1 << 40) else {
        return overflow_error("Python int too large to convert to C int");
    };
    crate::runtime::support::limits::reserve(k as u128 / 8)?;
    Ok(Value::bigint(this(b)?.with(|t| t.getrandbits(k))))
}

fn index(v: &Value) -> PyResult<BigInt> {
    match to_bigint(v) {
        Some(i) => Ok(i),
        None => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))),
    }
}

/// `_index` of randrange's arguments in 3.11: an int, or a float equal to one (deprecated),
/// else "non-integer arg N".
fn range_arg(v: &Value, which: usize) -> PyResult<BigInt> {
    match v {
        Value::Float(x) if x.fract() == 0.0 && x.is_finite() => Ok(crate::runtime::support::format::float_to_bigint_trunc(*x).unwrap_or_default()),
        Value::Float(_) => value_error(format!("non-integer arg {which} for randrange()")),
        Value::Str(s) => value_error(format!("invalid literal for int() with base 10: {}", crate::runtime::types::repr::repr_str(s.as_str()))),
        _ => index(v),
    }
}

fn randrange_of(t: &RandomObj, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> PyResult<BigInt> {
    let istart = range_arg(start, 1)?;
    let Some(stop) = stop.filter(|s| !s.is_none()) else {
        if step.is_some() {
            return type_error("Missing a non-None stop argument");
        }
        if istart.is_positive() {
            return Ok(t.with(|t| t.below(&istart)));
        }
        return value_error("empty range for randrange()");
    };
    let istop = range_arg(stop, 2)?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => range_arg(s, 3)?,
        None => BigInt::from(1),
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(&istart + t.with(|t| t.below(&width)));
        }
        return value_error(format!("empty range for randrange() ({istart}, {istop}, {width})"));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return value_error("zero step for randrange()");
    };
    if !n.is_positive() {
        return value_error("empty range for randrange()");
    }
    Ok(istart + istep * t.with(|t| t.below(&n)))
}

fn randrange(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.randrange", &args, &["start", "stop", "step"], 1)?;
    let start = a[0].clone().unwrap_or(Value::None);
    Ok(Value::bigint(randrange_of(this(b)?, &start, a[1].as_ref(), a[2].as_ref())?))
}

fn randint(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.randint", &args, &["a", "b"], 2)?;
    let (lo, hi) = (a[0].clone().unwrap_or(Value::None), a[1].clone().unwrap_or(Value::None));
    let stop = Value::bigint(range_arg(&hi, 2)? + 1);
    Ok(Value::bigint(randrange_of(this(b)?, &lo, Some(&stop), None)?))
}

fn choice(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.choice", &args, &["seq"], 1)?;
    let seq = a[0].clone().unwrap_or(Value::None);
    let n = len_of(&seq)?;
    if n == 0 {
        return index_error("Cannot choose from an empty sequence");
    }
    let i = this(b)?.with(|t| t.below_usize(n));
    getitem(interp, &seq, &Value::Int(i as i64))
}

fn shuffle(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.shuffle", &args, &["x"], 1)?;
    let x = a[0].clone().unwrap_or(Value::None);
    let t = this(b)?;
    for i in (1..len_of(&x)?).rev() {
        let j = t.with(|t| t.below_usize(i + 1));
        let (xi, xj) = (getitem(interp, &x, &Value::Int(i as i64))?, getitem(interp, &x, &Value::Int(j as i64))?);
        setitem(interp, &x, &Value::Int(i as i64), xj)?;
        setitem(interp, &x, &Value::Int(j as i64), xi)?;
    }
    Ok(Value::None)
}

fn sample(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.sample", &args, &["population", "k", "counts"], 2)?;
    if a[2].as_ref().is_some_and(|c| !c.is_none()) {
        return crate::runtime::model::exceptions::unsupported("random.sample(..., counts=)");
    }
    let population = a[0].clone().unwrap_or(Value::None);
    if !matches!(population, Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_)) {
        return type_error("Population must be a sequence.  For dicts or sets, use sorted(d).");
    }
    let n = len_of(&population)?;
    let k = index(a[1].as_ref().unwrap_or(&Value::None))?;
    let Some(k) = k.to_usize().filter(|k| *k <= n) else {
        return value_error("Sample larger than population or is negative");
    };
    let t = this(b)?;
    let mut setsize = 21usize;
    if k > 5 {
        // 4 ** ceil(log(3k, 4)), computed as random.py does, in floats.
        setsize += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = Vec::with_capacity(n);
        for i in 0..n {
            pool.push(getitem(interp, &population, &Value::Int(i as i64))?);
        }
        for i in 0..k {
            let j = t.with(|t| t.below_usize(n - i));
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = t.with(|t| t.below_usize(n));
            while selected.contains(&j) {
                j = t.with(|t| t.below_usize(n));
            }
            selected.insert(j);
            result.push(getitem(interp, &population, &Value::Int(j as i64))?);
        }
    }
    Ok(Value::list(result))
}

fn choices(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let names = ["population", "weights", "cum_weights", "k"];
    if args.pos.len() > 2 {
        return type_error(format!("Random.choices() takes from 2 to 3 positional arguments but {} were given", args.pos.len() + 1));
    }
    let a = bind("Random.choices", &args, &names, 1)?;
    let population = a[0].clone().unwrap_or(Value::None);
    let k = match &a[3] {
        Some(k) => index(k)?.to_i64().unwrap_or(0).max(0) as usize,
        None => 1,
    };
    let t = this(b)?;
    let n = len_of(&population)?;
    let weights = a[1].clone().filter(|w| !w.is_none());
    let cum: Vec<f64> = match (weights, a[2].clone().filter(|w| !w.is_none())) {
        (None, None) => {
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (t.with(Twister::random) * n as f64).floor() as i64;
                out.push(getitem(interp, &population, &Value::Int(i))?);
            }
            return Ok(Value::list(out));
        }
        (Some(_), Some(_)) => return type_error("Cannot specify both weights and cumulative weights"),
        (Some(Value::Int(k)), None) => return type_error(format!("The number of choices must be a keyword argument: k={k}")),
        (Some(w), None) => {
            let mut total = Value::Int(0);
            let mut out = Vec::new();
            let it = crate::runtime::model::iter::make_iter(interp, &w)?;
            while let Some(x) = crate::runtime::model::iter::next(interp, &it)? {
                total = interp.binary_op(crate::syntax::ast::BinOp::Add, &total, &x)?;
                out.push(float_of(&total)?);
            }
            out
        }
        (None, Some(c)) => {
            let it = crate::runtime::model::iter::make_iter(interp, &c)?;
            let mut out = Vec::new();
            while let Some(x) = crate::runtime::model::iter::next(interp, &it)? {
                out.push(float_of(&x)?);
            }
            out
        }
    };
    if cum.len() != n {
        return value_error("The number of weights does not match the population");
    }
    let total = cum.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return value_error("Total of weights must be greater than zero");
    }
    if !total.is_finite() {
        return value_error("Total of weights must be finite");
    }
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = t.with(Twister::random) * total;
        // bisect_right over all but the last bound, as random.py's `bisect(cum_weights, x, 0, hi)`.
        let i = cum[..n - 1].partition_point(|c| *c <= x);
        out.push(getitem(interp, &population, &Value::Int(i as i64))?);
    }
    Ok(Value::list(out))
}

fn uniform(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    use crate::syntax::ast::BinOp;
    let a = bind("Random.uniform", &args, &["a", "b"], 2)?;
    let (lo, hi) = (a[0].clone().unwrap_or(Value::None), a[1].clone().unwrap_or(Value::None));
    let r = Value::Float(this(b)?.with(Twister::random));
    let span = interp.binary_op(BinOp::Sub, &hi, &lo)?;
    let scaled = interp.binary_op(BinOp::Mult, &span, &r)?;
    interp.binary_op(BinOp::Add, &lo, &scaled)
}

fn triangular(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.triangular", &args, &["low", "high", "mode"], 0)?;
    let mut low = a[0].as_ref().map_or(Ok(0.0), float_of)?;
    let mut high = a[1].as_ref().map_or(Ok(1.0), float_of)?;
    let u = this(b)?.with(Twister::random);
    let mut c = match a[2].as_ref().filter(|m| !m.is_none()) {
        None => 0.5,
        Some(mode) => {
            if high == low {
                return Ok(Value::Float(low));
            }
            (float_of(mode)? - low) / (high - low)
        }
    };
    let mut u = u;
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

/// `mu + z * sigma` with Python's operators, as random.py writes it.
fn scale(interp: &mut Interp, z: f64, mu: Option<&Value>, sigma: Option<&Value>) -> PyResult<Value> {
    use crate::syntax::ast::BinOp;
    let spread = interp.binary_op(BinOp::Mult, &Value::Float(z), sigma.unwrap_or(&Value::Float(1.0)))?;
    interp.binary_op(BinOp::Add, mu.unwrap_or(&Value::Float(0.0)), &spread)
}

fn gauss(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.gauss", &args, &["mu", "sigma"], 0)?;
    let z = {
        let mut state = this(b)?.state.borrow_mut();
        match state.1.take() {
            Some(z) => z,
            None => {
                let x2pi = state.0.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - state.0.random()).ln()).sqrt();
                state.1 = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        }
    };
    scale(interp, z, a[0].as_ref(), a[1].as_ref())
}

fn normalvariate(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.normalvariate", &args, &["mu", "sigma"], 0)?;
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let z = this(b)?.with(|t| loop {
        let u1 = t.random();
        let u2 = 1.0 - t.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            break z;
        }
    });
    scale(interp, z, a[0].as_ref(), a[1].as_ref())
}

fn expovariate(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.expovariate", &args, &["lambd"], 1)?;
    let lambd = float_of(a[0].as_ref().unwrap_or(&Value::None))?;
    let u = this(b)?.with(Twister::random);
    if lambd == 0.0 {
        return Err(PyErr::new(&crate::runtime::model::typeobj::types().zero_division_error, "float division by zero"));
    }
    Ok(Value::Float(-(1.0 - u).ln() / lambd))
}

fn getstate(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos("getstate", &args, 0, 0)?;
    let state = this(b)?.state.borrow();
    let mut words: Vec<Value> = state.0.mt.iter().map(|w| Value::Int(*w as i64)).collect();
    words.push(Value::Int(state.0.index as i64));
    Ok(Value::tuple(vec![Value::Int(3), Value::tuple(words), state.1.map_or(Value::None, Value::Float)]))
}

fn setstate(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let a = bind("Random.setstate", &args, &["state"], 1)?;
    let state = a[0].clone().unwrap_or(Value::None);
    let Value::Tuple(parts) = &state else {
        return type_error(format!("cannot unpack non-iterable {} object", type_name(&state)));
    };
    if parts.items.len() != 3 {
        return value_error(format!("not enough values to unpack (expected 3, got {})", parts.items.len()));
    }
    // Version 2 states (Python 2's) hold words of any size, taken modulo 2**32.
    let wrap = match parts.items[0] {
        Value::Int(3) => false,
        Value::Int(2) => true,
        _ => {
            let version = interp.repr(&parts.items[0])?;
            return value_error(format!("state with version {version} passed to Random.setstate() of version 3"));
        }
    };
    let Value::Tuple(words) = &parts.items[1] else {
        return type_error("state vector must be a tuple");
    };
    if words.items.len() != N + 1 {
        return value_error("state vector is the wrong size");
    }
    let mut mt = [0u32; N];
    for (slot, w) in mt.iter_mut().zip(&words.items) {
        let w = index(w)?;
        let w = if wrap { num_integer::Integer::mod_floor(&w, &BigInt::from(1u64 << 32)) } else { w };
        *slot = w.to_u32().map_or_else(|| overflow_error("Python int too large to convert to C unsigned long"), Ok)?;
    }
    let index = to_bigint(&words.items[N]).and_then(|i| i.to_usize()).filter(|i| *i <= N);
    let Some(index) = index else {
        return value_error("invalid state");
    };
    let gauss_next = match &parts.items[2] {
        Value::None => None,
        v => Some(float_of(v)?),
    };
    *this(b)?.state.borrow_mut() = (Twister { mt, index }, gauss_next);
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_sequence_of_mt19937() {
        // The first outputs of init_by_array({0x123, 0x234, 0x345, 0x456}), from the
        // Mersenne Twister authors' mt19937ar.out.
        let mut t = Twister { mt: [0; N], index: N + 1 };
        t.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| t.next_u32()).collect();
        assert_eq!(first, [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
    }
}
