//! The order of a day's visits that travels least: from home, through every stop, and back
//! home (or, with no home known, the shortest path through the stops). Every order is tried
//! for up to `EXACT_UP_TO` stops — a rep's day — and the nearest stop next, improved by
//! swapping segments (2-opt), beyond that.

use super::{distance_km, Point};

/// Up to this many stops every order is tried (8! = 40,320 orders: well under a millisecond
/// with the distances worked out once).
pub const EXACT_UP_TO: usize = 8;

/// The stops' order (indexes into `stops`).
pub fn best_order(home: Option<Point>, stops: &[Point]) -> Vec<usize> {
    let n = stops.len();
    if n <= 1 {
        return (0..n).collect();
    }
    let d = Distances::new(home, stops);
    if n <= EXACT_UP_TO {
        exact(&d, n)
    } else {
        two_opt(&d, nearest_first(&d, n))
    }
}

/// The kilometres of visiting `stops` in `order` (from home and back when home is known).
pub fn length_km(home: Option<Point>, stops: &[Point], order: &[usize]) -> f64 {
    Distances::new(home, stops).length(order)
}

/// Distances between the stops, and from home (index n) to each.
struct Distances {
    n: usize,
    home: bool,
    km: Vec<f64>,
}

impl Distances {
    fn new(home: Option<Point>, stops: &[Point]) -> Distances {
        let n = stops.len();
        let mut all = stops.to_vec();
        all.extend(home);
        let m = all.len();
        let mut km = vec![0.0; m * m];
        for i in 0..m {
            for j in 0..m {
                km[i * m + j] = distance_km(all[i], all[j]);
            }
        }
        Distances {
            n,
            home: home.is_some(),
            km,
        }
    }

    fn between(&self, a: usize, b: usize) -> f64 {
        let m = self.n + usize::from(self.home);
        self.km[a * m + b]
    }

    fn length(&self, order: &[usize]) -> f64 {
        let inner: f64 = order.windows(2).map(|w| self.between(w[0], w[1])).sum();
        match (self.home, order.first(), order.last()) {
            (true, Some(&first), Some(&last)) => {
                inner + self.between(self.n, first) + self.between(last, self.n)
            }
            _ => inner,
        }
    }
}

/// Every order, in lexicographic order; the first of the shortest is kept, so the answer
/// does not depend on floating-point ties in any other way.
fn exact(d: &Distances, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut best = order.clone();
    let mut best_km = d.length(&order);
    while next_permutation(&mut order) {
        let km = d.length(&order);
        if km < best_km - 1e-9 {
            best_km = km;
            best = order.clone();
        }
    }
    best
}

/// The next order in lexicographic order; false after the last.
fn next_permutation(v: &mut [usize]) -> bool {
    let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else {
        return false;
    };
    let j = (i..v.len()).rev().find(|&j| v[j] > v[i - 1]).unwrap_or(i);
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

/// From home (or the first stop), always the nearest stop not yet visited.
fn nearest_first(d: &Distances, n: usize) -> Vec<usize> {
    let mut left: Vec<usize> = (0..n).collect();
    let mut order = Vec::with_capacity(n);
    let mut at = if d.home { d.n } else { left.remove(0) };
    if !d.home {
        order.push(at);
    }
    while !left.is_empty() {
        let (k, _) = left
            .iter()
            .enumerate()
            .min_by(|a, b| d.between(at, *a.1).total_cmp(&d.between(at, *b.1)))
            .expect("stops are left");
        at = left.remove(k);
        order.push(at);
    }
    order
}

/// Reverses a segment of the order whenever that shortens it, until none does.
fn two_opt(d: &Distances, mut order: Vec<usize>) -> Vec<usize> {
    let mut best = d.length(&order);
    let mut improved = true;
    while improved {
        improved = false;
        for i in 0..order.len() - 1 {
            for j in i + 1..order.len() {
                order[i..=j].reverse();
                let km = d.length(&order);
                if km < best - 1e-9 {
                    best = km;
                    improved = true;
                } else {
                    order[i..=j].reverse();
                }
            }
        }
    }
    order
}
