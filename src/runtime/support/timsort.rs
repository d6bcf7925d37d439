//! CPython's `listsort` (timsort with powersort merging), generic over the items and over the
//! error a comparison may raise, so that the order and the comparisons made match CPython's.

/// `a < b`, which may fail (a Python comparison raises).
type Lt<'f, T, E> = dyn FnMut(&T, &T) -> Result<bool, E> + 'f;

/// CPython's `listsort`: natural runs extended to `minrun` by binary insertion, merged with
/// the run-stack invariants and galloping.
pub fn timsort<T: Clone, E>(v: &mut [T], lt: &mut Lt<T, E>) -> Result<(), E> {
    let n = v.len();
    let minrun = compute_minrun(n);
    let mut ms = MergeState {
        runs: Vec::new(),
        min_gallop: MIN_GALLOP,
    };
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let (mut run, descending) = count_run(&v[lo..], lt)?;
        if descending {
            v[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            binary_sort(&mut v[lo..lo + force], run, lt)?;
            run = force;
        }
        ms.found_new_run(v, run, n, lt)?;
        ms.runs.push((lo, run, 0));
        lo += run;
        remaining -= run;
    }
    ms.force_collapse(v, lt)?;
    Ok(())
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

fn count_run<T, E>(v: &[T], lt: &mut Lt<T, E>) -> Result<(usize, bool), E> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(&v[1], &v[0])? {
        while n < v.len() && lt(&v[n], &v[n - 1])? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < v.len() && !lt(&v[n], &v[n - 1])? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// Sorts `v` whose first `start` items are already sorted.
fn binary_sort<T: Clone, E>(v: &mut [T], start: usize, lt: &mut Lt<T, E>) -> Result<(), E> {
    let mut start = start.max(1);
    while start < v.len() {
        let pivot = v[start].clone();
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(&pivot, &v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v[l..=start].rotate_right(1);
        start += 1;
    }
    Ok(())
}

const MIN_GALLOP: usize = 7;

/// `powerloop`: the depth of the boundary between two adjacent runs in the merge tree.
fn power_of(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

struct MergeState {
    /// Pending runs: start, length, power.
    runs: Vec<(usize, usize, u32)>,
    min_gallop: usize,
}

/// Where `key` belongs in sorted `a`, starting the search at `hint`: the leftmost position
/// (`gallop_left`, `right == false`) or the rightmost (`gallop_right`).
fn gallop<T, E>(key: &T, a: &[T], hint: usize, right: bool, lt: &mut Lt<T, E>) -> Result<usize, E> {
    let n = a.len() as isize;
    let hint = hint as isize;
    // "key belongs to the right of a[i]": for gallop_left, a[i] < key; for gallop_right,
    // not key < a[i].
    let go_right = |i: isize, lt: &mut Lt<T, E>| -> Result<bool, E> {
        if right {
            Ok(!lt(key, &a[i as usize])?)
        } else {
            lt(&a[i as usize], key)
        }
    };
    let mut lastofs: isize = 0;
    let mut ofs: isize = 1;
    if go_right(hint, lt)? {
        let maxofs = n - hint;
        while ofs < maxofs {
            if go_right(hint + ofs, lt)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lastofs += hint;
        ofs += hint;
    } else {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if go_right(hint - ofs, lt)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if go_right(m, lt)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

impl MergeState {
    /// Powersort's merge strategy (CPython 3.11): merge the runs on the stack whose power
    /// exceeds the new boundary's.
    fn found_new_run<T: Clone, E>(
        &mut self,
        v: &mut [T],
        n2: usize,
        total: usize,
        lt: &mut Lt<T, E>,
    ) -> Result<(), E> {
        if let Some(&(s1, n1, _)) = self.runs.last() {
            let power = power_of(s1, n1, n2, total);
            while self.runs.len() > 1 && self.runs[self.runs.len() - 2].2 > power {
                let i = self.runs.len() - 2;
                self.merge_at(v, i, lt)?;
            }
            let last = self.runs.len() - 1;
            self.runs[last].2 = power;
        }
        Ok(())
    }

    fn force_collapse<T: Clone, E>(&mut self, v: &mut [T], lt: &mut Lt<T, E>) -> Result<(), E> {
        while self.runs.len() > 1 {
            let mut n = self.runs.len() - 2;
            if n > 0 && self.runs[n - 1].1 < self.runs[n + 1].1 {
                n -= 1;
            }
            self.merge_at(v, n, lt)?;
        }
        Ok(())
    }

    fn merge_at<T: Clone, E>(&mut self, v: &mut [T], i: usize, lt: &mut Lt<T, E>) -> Result<(), E> {
        let (base_a, mut na, _) = self.runs[i];
        let (base_b, mut nb, _) = self.runs[i + 1];
        self.runs[i].1 = na + nb;
        self.runs.remove(i + 1);
        // Where does b[0] go in a? Elements of a before that are already in place.
        let k = gallop(&v[base_b], &v[base_a..base_a + na], 0, true, lt)?;
        let base_a = base_a + k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        // Where does a[-1] go in b? Elements of b after that are already in place.
        nb = gallop(
            &v[base_a + na - 1],
            &v[base_b..base_b + nb],
            nb - 1,
            false,
            lt,
        )?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(v, base_a, na, nb, lt)
        } else {
            self.merge_hi(v, base_a, na, nb, lt)
        }
    }

    /// Merges `v[a..a+na]` and the run right after it, `na <= nb`, copying the first run
    /// out. On an error the slots still hold a permutation of the items.
    fn merge_lo<T: Clone, E>(
        &mut self,
        v: &mut [T],
        base: usize,
        na: usize,
        nb: usize,
        lt: &mut Lt<T, E>,
    ) -> Result<(), E> {
        let tmp: Vec<T> = v[base..base + na].to_vec();
        let mut pa = 0; // index into tmp
        let mut pb = base + na; // index into v
        let end_b = base + na + nb;
        let mut dest = base;
        let mut na = na;
        let mut nb = nb;
        let result = (|| -> Result<(), E> {
            v[dest] = v[pb].clone();
            dest += 1;
            pb += 1;
            nb -= 1;
            if nb == 0 {
                return Ok(());
            }
            if na == 1 {
                return Ok(());
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                // Straightforward merge until one run appears to win consistently.
                loop {
                    if lt(&v[pb], &tmp[pa])? {
                        v[dest] = v[pb].clone();
                        dest += 1;
                        pb += 1;
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 0 {
                            return Ok(());
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        v[dest] = tmp[pa].clone();
                        dest += 1;
                        pa += 1;
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 1 {
                            return Ok(());
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                // Galloping.
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    let k = gallop(&v[pb], &tmp[pa..pa + na], 0, true, lt)?;
                    acount = k;
                    if k > 0 {
                        v[dest..dest + k].clone_from_slice(&tmp[pa..pa + k]);
                        dest += k;
                        pa += k;
                        na -= k;
                        if na == 1 {
                            return Ok(());
                        }
                        if na == 0 {
                            return Ok(());
                        }
                    }
                    v[dest] = v[pb].clone();
                    dest += 1;
                    pb += 1;
                    nb -= 1;
                    if nb == 0 {
                        return Ok(());
                    }
                    let k = gallop(&tmp[pa], &v[pb..pb + nb], 0, false, lt)?;
                    bcount = k;
                    if k > 0 {
                        for j in 0..k {
                            v[dest + j] = v[pb + j].clone();
                        }
                        dest += k;
                        pb += k;
                        nb -= k;
                        if nb == 0 {
                            return Ok(());
                        }
                    }
                    v[dest] = tmp[pa].clone();
                    dest += 1;
                    pa += 1;
                    na -= 1;
                    if na == 1 {
                        return Ok(());
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        })();
        // Succeed or fail: what is left of `a` goes after what is left of `b` when `a` has
        // one item (it belongs at the end), else before the rest of `b`.
        if result.is_ok() && na == 1 && nb > 0 {
            for j in 0..nb {
                v[dest + j] = v[pb + j].clone();
            }
            v[dest + nb] = tmp[pa].clone();
        } else if na > 0 {
            // CPython copies the rest of `a` into the hole before the rest of `b`.
            v[dest..dest + na].clone_from_slice(&tmp[pa..pa + na]);
        }
        debug_assert!(pb <= end_b);
        result
    }

    /// Merges `v[base..base+na]` and the following `nb` items, `na > nb`, copying the
    /// second run out and filling from the right.
    fn merge_hi<T: Clone, E>(
        &mut self,
        v: &mut [T],
        base: usize,
        na: usize,
        nb: usize,
        lt: &mut Lt<T, E>,
    ) -> Result<(), E> {
        let base_b = base + na;
        let tmp: Vec<T> = v[base_b..base_b + nb].to_vec();
        // Indices one past the last live item (as counts) to avoid underflow.
        let mut pa = base + na; // v[base..pa] is what remains of a
        let mut pb = nb; // tmp[..pb] is what remains of b
        let mut dest = base + na + nb; // v[dest..] is filled
        let mut na = na;
        let mut nb = nb;
        let result = (|| -> Result<(), E> {
            dest -= 1;
            pa -= 1;
            v[dest] = v[pa].clone();
            na -= 1;
            if na == 0 {
                return Ok(());
            }
            if nb == 1 {
                return Ok(());
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                loop {
                    if lt(&tmp[pb - 1], &v[pa - 1])? {
                        dest -= 1;
                        pa -= 1;
                        v[dest] = v[pa].clone();
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 0 {
                            return Ok(());
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        dest -= 1;
                        pb -= 1;
                        v[dest] = tmp[pb].clone();
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 1 {
                            return Ok(());
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    // How many of a's tail are greater than b's last item.
                    let k = gallop(&tmp[pb - 1], &v[base..base + na], na - 1, true, lt)?;
                    let k = na - k;
                    acount = k;
                    if k > 0 {
                        for j in (0..k).rev() {
                            v[dest - k + j] = v[pa - k + j].clone();
                        }
                        dest -= k;
                        pa -= k;
                        na -= k;
                        if na == 0 {
                            return Ok(());
                        }
                    }
                    dest -= 1;
                    pb -= 1;
                    v[dest] = tmp[pb].clone();
                    nb -= 1;
                    if nb == 1 {
                        return Ok(());
                    }
                    let k = gallop(&v[pa - 1], &tmp[..nb], nb - 1, false, lt)?;
                    let k = nb - k;
                    bcount = k;
                    if k > 0 {
                        dest -= k;
                        pb -= k;
                        v[dest..dest + k].clone_from_slice(&tmp[pb..pb + k]);
                        nb -= k;
                        if nb == 1 {
                            return Ok(());
                        }
                        if nb == 0 {
                            return Ok(());
                        }
                    }
                    dest -= 1;
                    pa -= 1;
                    v[dest] = v[pa].clone();
                    na -= 1;
                    if na == 0 {
                        return Ok(());
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        })();
        if result.is_ok() && nb == 1 && na > 0 {
            // b's last item goes before the rest of a, which moves right by one.
            for j in (0..na).rev() {
                v[dest - na + j] = v[pa - na + j].clone();
            }
            let _ = pa;
            v[dest - na - 1] = tmp[0].clone();
        } else if nb > 0 {
            v[dest - nb..dest].clone_from_slice(&tmp[..nb]);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: u128 = (1 << 61) - 1;

    /// The inputs `sortgold.py` sorted with CPython 3.11.
    fn make(case: u64, n: u64) -> Vec<(u64, usize)> {
        let mut x = case * 7919 + n;
        (0..n)
            .map(|i| {
                x = (x * 1103515245 + 12345) % (1 << 31);
                let v = match case % 5 {
                    0 => x % 1000,
                    1 => x % 10,
                    2 => i + u64::from(x.is_multiple_of(7)) * (x % 50),
                    3 => (n - i) / 3 + x % 3,
                    _ => (i % 37) * 3 + x % 2,
                };
                (v, i as usize)
            })
            .collect()
    }

    /// The comparisons CPython's sort makes (as pairs of original positions) and the order
    /// it leaves, hashed; `limit` comparisons succeed before one raises.
    fn run(vals: &[(u64, usize)], limit: i64) -> (usize, u128) {
        let mut v = vals.to_vec();
        let mut log: Vec<(usize, usize)> = Vec::new();
        let _ = timsort(&mut v, &mut |a: &(u64, usize), b: &(u64, usize)| {
            if log.len() as i64 == limit {
                return Err(());
            }
            log.push((a.1, b.1));
            Ok(a.0 < b.0)
        });
        let mut h: u128 = 0;
        for (a, b) in &log {
            h = (h * 1000003 + (*a as u128) * 65536 + *b as u128) % M;
        }
        for it in &v {
            h = (h * 1000003 + it.1 as u128) % M;
        }
        (log.len(), h)
    }

    #[test]
    fn sort_matches_cpython_comparison_for_comparison() {
        let golden: &[(u64, u64, i64, usize, u128)] = &[
            (0, 5, -1, 8, 917018247425571603),
            (0, 5, 2, 2, 2072532257164746428),
            (0, 5, 5, 5, 471103101116905510),
            (0, 5, 6, 6, 1522477860069191807),
            (1, 40, -1, 164, 997021963781395609),
            (1, 40, 54, 54, 436287067105557063),
            (1, 40, 83, 83, 2143616961814953173),
            (1, 40, 162, 162, 1959322510439134916),
            (2, 64, -1, 244, 1584679639519229963),
            (2, 64, 81, 81, 416240393388642718),
            (2, 64, 123, 123, 1322927340401692605),
            (2, 64, 242, 242, 730929783347983297),
            (3, 65, -1, 274, 1020585235195984496),
            (3, 65, 91, 91, 572152053329187),
            (3, 65, 138, 138, 1214742041207219078),
            (3, 65, 272, 272, 43426594484296133),
            (4, 100, -1, 369, 1768516920481268240),
            (4, 100, 123, 123, 1203171091764755088),
            (4, 100, 185, 185, 1794914732064119859),
            (4, 100, 367, 367, 1486155812171553177),
            (5, 200, -1, 1256, 251349601051349884),
            (5, 200, 418, 418, 1943448819085076610),
            (5, 200, 629, 629, 1914336442719402726),
            (5, 200, 1254, 1254, 141296207581359648),
            (6, 1000, -1, 6787, 2021488902741914918),
            (6, 1000, 2262, 2262, 1452822028603636709),
            (6, 1000, 3394, 3394, 786779072974265160),
            (6, 1000, 6785, 6785, 458975239924271209),
            (7, 1000, -1, 5063, 1482630266164849351),
            (7, 1000, 1687, 1687, 699634702772039601),
            (7, 1000, 2532, 2532, 1636606250090409034),
            (7, 1000, 5061, 5061, 1217168401251053599),
            (8, 3000, -1, 14723, 1834087330632881015),
            (8, 3000, 4907, 4907, 1026432839069412114),
            (8, 3000, 7362, 7362, 1441098262212747660),
            (8, 3000, 14721, 14721, 119159590864587093),
            (9, 777, -1, 5870, 967626726547702699),
            (9, 777, 1956, 1956, 1417522815445736966),
            (9, 777, 2936, 2936, 1649128257998052296),
            (9, 777, 5868, 5868, 425775461521459770),
            (10, 5000, -1, 54985, 1007774805242950205),
            (10, 5000, 18328, 18328, 1365951401624390334),
            (10, 5000, 27493, 27493, 313032307969941336),
            (10, 5000, 54983, 54983, 1385274888610888841),
            (11, 2048, -1, 14303, 368516648130954886),
            (11, 2048, 4767, 4767, 991103216207780002),
            (11, 2048, 7152, 7152, 1872263168540239475),
            (11, 2048, 14301, 14301, 2059821547971972143),
            (12, 129, -1, 521, 902354082612283852),
            (12, 129, 173, 173, 674805017244393468),
            (12, 129, 261, 261, 530503569893179809),
            (12, 129, 519, 519, 508632317141595162),
            (13, 4000, -1, 20754, 1417188330792900595),
            (13, 4000, 6918, 6918, 698200825451295947),
            (13, 4000, 10378, 10378, 2152428540369996129),
            (13, 4000, 20752, 20752, 439008289347775865),
            (14, 1500, -1, 12073, 949042196330475422),
            (14, 1500, 4024, 4024, 960939080913512975),
            (14, 1500, 6037, 6037, 575400276761182023),
            (14, 1500, 12071, 12071, 14772862685659544),
        ];
        for &(case, n, limit, count, hash) in golden {
            let vals = make(case, n);
            assert_eq!(
                run(&vals, limit),
                (count, hash),
                "case {case}, n {n}, limit {limit}"
            );
        }
    }
}
