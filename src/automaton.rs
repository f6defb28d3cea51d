//! A compact Aho-Corasick automaton that is built once, at `masthead build`, and stored in the bundle.
//!
//! Why not build an automaton at load: the service worker must be answering within its cold-start
//! budget, and building one over ~4,800 names cost 20–40 ms in WebAssembly (6–16 ms natively). Stored as
//! flat arrays it decodes in about a millisecond, and dropping the general-purpose crate saved ~25 KB of
//! gzipped WebAssembly. It only has to do what the scanner needs: every (overlapping) occurrence of
//! every pattern, byte-wise and case-sensitive.
//!
//! Layout: states in breadth-first order (so every failure link points to a smaller id, which `check`
//! verifies), a dense 256-entry table for the root, sparse sorted transitions for the other states,
//! and for each state the ids of all patterns that end there, including those inherited through
//! failure links.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Automaton {
    root: Vec<u32>,
    trans_start: Vec<u32>,
    trans_bytes: Vec<u8>,
    trans_next: Vec<u32>,
    fail: Vec<u32>,
    out_start: Vec<u32>,
    out: Vec<u32>,
    pattern_len: Vec<u32>,
}

/// One occurrence: pattern id and byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl Automaton {
    /// Builds the automaton. Empty patterns are ignored (they would match everywhere).
    pub fn build<P: AsRef<[u8]>>(patterns: &[P]) -> Automaton {
        // 1. A trie with sorted sparse edges.
        let mut edges: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut outputs: Vec<Vec<u32>> = vec![Vec::new()];
        for (pid, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            if p.is_empty() {
                continue;
            }
            let mut s = 0usize;
            for &b in p {
                s = match edges[s].binary_search_by_key(&b, |e| e.0) {
                    Ok(i) => edges[s][i].1 as usize,
                    Err(i) => {
                        let t = edges.len() as u32;
                        edges[s].insert(i, (b, t));
                        edges.push(Vec::new());
                        outputs.push(Vec::new());
                        t as usize
                    }
                };
            }
            outputs[s].push(pid as u32);
        }
        // 2. Breadth-first order, failure links, inherited outputs.
        let n = edges.len();
        let mut order = Vec::with_capacity(n);
        let mut fail = vec![0u32; n];
        let mut queue = VecDeque::from([0usize]);
        while let Some(s) = queue.pop_front() {
            order.push(s);
            for &(b, t) in &edges[s] {
                let t = t as usize;
                if s != 0 {
                    let mut f = fail[s] as usize;
                    fail[t] = loop {
                        if let Ok(i) = edges[f].binary_search_by_key(&b, |e| e.0) {
                            break edges[f][i].1;
                        }
                        if f == 0 {
                            break 0;
                        }
                        f = fail[f] as usize;
                    };
                    let inherited = outputs[fail[t] as usize].clone();
                    outputs[t].extend(inherited);
                }
                queue.push_back(t);
            }
        }
        // 3. Renumber in breadth-first order and flatten.
        let mut new_id = vec![0u32; n];
        for (i, &s) in order.iter().enumerate() {
            new_id[s] = i as u32;
        }
        let mut a = Automaton {
            root: vec![0; 256],
            pattern_len: patterns.iter().map(|p| p.as_ref().len() as u32).collect(),
            ..Automaton::default()
        };
        for &(b, t) in &edges[0] {
            a.root[b as usize] = new_id[t as usize];
        }
        for &s in &order {
            a.trans_start.push(a.trans_bytes.len() as u32);
            for &(b, t) in &edges[s] {
                a.trans_bytes.push(b);
                a.trans_next.push(new_id[t as usize]);
            }
            a.fail.push(new_id[fail[s] as usize]);
            a.out_start.push(a.out.len() as u32);
            let mut outs = outputs[s].clone();
            outs.sort_unstable();
            outs.dedup();
            a.out.extend(outs);
        }
        a.trans_start.push(a.trans_bytes.len() as u32);
        a.out_start.push(a.out.len() as u32);
        a
    }

    /// Structural checks for an automaton read from a bundle, so that searching it cannot panic or
    /// loop: every index in range, ranges ordered, failure links pointing to smaller ids.
    pub fn check(&self) -> Result<(), String> {
        let n = self.fail.len();
        let ok = self.root.len() == 256
            && self.trans_start.len() == n + 1
            && self.out_start.len() == n + 1
            && self.trans_bytes.len() == self.trans_next.len()
            && self.trans_start.windows(2).all(|w| w[0] <= w[1])
            && self.out_start.windows(2).all(|w| w[0] <= w[1])
            && self.trans_start.last().is_some_and(|&e| e as usize == self.trans_bytes.len())
            && self.out_start.last().is_some_and(|&e| e as usize == self.out.len())
            && self.root.iter().chain(&self.trans_next).all(|&t| (t as usize) < n.max(1))
            && self.fail.iter().enumerate().all(|(s, &f)| s == 0 && f == 0 || (f as usize) < s)
            && self.out.iter().all(|&p| (p as usize) < self.pattern_len.len());
        if ok {
            Ok(())
        } else {
            Err("the text automaton is malformed".into())
        }
    }

    /// How many patterns the automaton was built from (hits carry ids below this).
    pub fn pattern_count(&self) -> usize {
        self.pattern_len.len()
    }

    fn next(&self, s: usize, b: u8) -> Option<usize> {
        let (lo, hi) = (self.trans_start[s] as usize, self.trans_start[s + 1] as usize);
        let bytes = &self.trans_bytes[lo..hi];
        // Most states have one or two edges: a linear scan beats a binary search there.
        bytes.iter().position(|&x| x == b).map(|i| self.trans_next[lo + i] as usize)
    }

    /// Every occurrence of every pattern, overlapping, in order of end position. The automaton must
    /// have passed `check` (or have been built here).
    pub fn find_overlapping(&self, haystack: &[u8], mut emit: impl FnMut(Hit)) {
        if self.fail.is_empty() {
            return;
        }
        let mut s = 0usize;
        for (i, &b) in haystack.iter().enumerate() {
            s = loop {
                if s == 0 {
                    break self.root[b as usize] as usize;
                }
                if let Some(t) = self.next(s, b) {
                    break t;
                }
                s = self.fail[s] as usize;
            };
            let (lo, hi) = (self.out_start[s] as usize, self.out_start[s + 1] as usize);
            for &p in &self.out[lo..hi] {
                let len = self.pattern_len[p as usize] as usize;
                if len <= i + 1 {
                    emit(Hit { pattern: p as usize, start: i + 1 - len, end: i + 1 });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(patterns: &[Vec<u8>], hay: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        for (p, pat) in patterns.iter().enumerate() {
            if pat.is_empty() || pat.len() > hay.len() {
                continue;
            }
            for s in 0..=hay.len() - pat.len() {
                if &hay[s..s + pat.len()] == pat.as_slice() {
                    v.push((p, s, s + pat.len()));
                }
            }
        }
        v.sort();
        v
    }

    fn found(a: &Automaton, hay: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        a.find_overlapping(hay, |h| v.push((h.pattern, h.start, h.end)));
        v.sort();
        v
    }

    #[test]
    fn classic_example() {
        let pats: Vec<Vec<u8>> = ["he", "she", "his", "hers"].iter().map(|s| s.as_bytes().to_vec()).collect();
        let a = Automaton::build(&pats);
        a.check().unwrap();
        assert_eq!(found(&a, b"ushers"), naive(&pats, b"ushers"));
        assert_eq!(found(&a, b"ushers").len(), 3);
    }

    #[test]
    fn utf8_and_duplicates() {
        let pats: Vec<Vec<u8>> = ["环球时报", "环球", "Global Times", "Global", "Global"].iter().map(|s| s.as_bytes().to_vec()).collect();
        let a = Automaton::build(&pats);
        let hay = "据环球时报报道 Global Times".as_bytes();
        assert_eq!(found(&a, hay), naive(&pats, hay));
    }

    proptest! {
        #[test]
        fn matches_naive_search(
            pats in prop::collection::vec(prop::collection::vec(0u8..4, 0..5), 1..12),
            hay in prop::collection::vec(0u8..4, 0..64),
        ) {
            let a = Automaton::build(&pats);
            prop_assert!(a.check().is_ok());
            prop_assert_eq!(found(&a, &hay), naive(&pats, &hay));
        }
    }
}
