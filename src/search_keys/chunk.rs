//! Up to 4,096 records (accounts with neighbouring ids) laid out by column, in two byte
//! strings: the keys (ids, masks, the six folded texts) and the tails (summary, contacts as
//! typed). The store keeps the book as ~25 such chunks at 100,000 accounts, so a search reads
//! a few large blobs instead of 100,000 rows, and the finder copies whole columns at once.
//!
//! Keys: `[VERSION][n u32][n ids i64][n headers]` then for each text
//! `[n lengths u32][the texts, each followed by \n]`.
//! Tails: `[n lengths u32][the tails]`.

use super::record::{Record, HEADER_LEN, TEXTS, VERSION};

/// Accounts `chunk << BITS ..` share a chunk.
pub const BITS: u32 = 12;

pub fn chunk_of(account_id: i64) -> i64 {
    account_id >> BITS
}

/// The ids of one chunk.
pub fn id_range(chunk: i64) -> (i64, i64) {
    (chunk << BITS, ((chunk + 1) << BITS) - 1)
}

/// One account's parts, from a record or from a chunk.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    pub id: i64,
    pub header: &'a [u8],
    pub texts: [&'a [u8]; TEXTS],
    pub tail: &'a [u8],
}

impl<'a> From<Record<'a>> for Entry<'a> {
    fn from(r: Record<'a>) -> Entry<'a> {
        Entry {
            id: r.id,
            header: r.header,
            texts: r.texts,
            tail: r.tail,
        }
    }
}

/// How big a chunk's parts are, so that a reader can make room for all chunks at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub accounts: usize,
    /// Bytes of each text column, line breaks included.
    pub texts: [usize; TEXTS],
    pub tails: usize,
}

impl Sizes {
    pub fn encode(&self) -> Vec<u8> {
        std::iter::once(self.accounts)
            .chain(self.texts)
            .chain([self.tails])
            .flat_map(|v| (v as u32).to_le_bytes())
            .collect()
    }

    /// Zero sizes for bytes that are not sizes (they only make room).
    pub fn decode(b: &[u8]) -> Sizes {
        let mut v = b
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")) as usize);
        let mut s = Sizes {
            accounts: v.next().unwrap_or(0),
            ..Sizes::default()
        };
        for t in &mut s.texts {
            *t = v.next().unwrap_or(0);
        }
        s.tails = v.next().unwrap_or(0);
        s
    }

    pub fn add(&mut self, o: &Sizes) {
        self.accounts += o.accounts;
        for (a, b) in self.texts.iter_mut().zip(o.texts) {
            *a += b;
        }
        self.tails += o.tails;
    }
}

/// The sizes, keys and tails of the entries, in the order given.
pub fn build(entries: &[Entry<'_>]) -> (Sizes, Vec<u8>, Vec<u8>) {
    let n = entries.len();
    let text_bytes: usize = entries
        .iter()
        .map(|e| e.texts.iter().map(|t| t.len() + 1).sum::<usize>())
        .sum();
    let mut keys = Vec::with_capacity(5 + n * (8 + HEADER_LEN + TEXTS * 4) + text_bytes);
    keys.push(VERSION);
    keys.extend_from_slice(&(n as u32).to_le_bytes());
    for e in entries {
        keys.extend_from_slice(&e.id.to_le_bytes());
    }
    for e in entries {
        keys.extend_from_slice(e.header);
    }
    for t in 0..TEXTS {
        for e in entries {
            keys.extend_from_slice(&(e.texts[t].len() as u32).to_le_bytes());
        }
        for e in entries {
            keys.extend_from_slice(e.texts[t]);
            keys.push(b'\n');
        }
    }
    let mut tails =
        Vec::with_capacity(4 + n * 4 + entries.iter().map(|e| e.tail.len()).sum::<usize>());
    tails.extend_from_slice(&(n as u32).to_le_bytes());
    for e in entries {
        tails.extend_from_slice(&(e.tail.len() as u32).to_le_bytes());
    }
    for e in entries {
        tails.extend_from_slice(e.tail);
    }
    let mut sizes = Sizes {
        accounts: n,
        tails: entries.iter().map(|e| e.tail.len()).sum(),
        ..Sizes::default()
    };
    for (t, size) in sizes.texts.iter_mut().enumerate() {
        *size = entries.iter().map(|e| e.texts[t].len() + 1).sum();
    }
    (sizes, keys, tails)
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"))
}

/// A chunk's keys, checked once so that every later read is in bounds.
pub struct Keys<'a> {
    pub n: usize,
    ids: &'a [u8],
    headers: &'a [u8],
    /// For each text: the lengths and the bytes (each text followed by `\n`).
    texts: [(&'a [u8], &'a [u8]); TEXTS],
}

impl<'a> Keys<'a> {
    pub fn parse(b: &'a [u8]) -> Option<Keys<'a>> {
        if b.first() != Some(&VERSION) || b.len() < 5 {
            return None;
        }
        let n = u32_at(b, 1) as usize;
        let mut at: usize = 5;
        let mut take = |len: usize| -> Option<&'a [u8]> {
            let s = b.get(at..at.checked_add(len)?)?;
            at += len;
            Some(s)
        };
        let ids = take(n.checked_mul(8)?)?;
        let headers = take(n.checked_mul(HEADER_LEN)?)?;
        let mut texts: [(&[u8], &[u8]); TEXTS] = [(&[], &[]); TEXTS];
        for t in &mut texts {
            let lens = take(n.checked_mul(4)?)?;
            let total: usize = (0..n).map(|i| u32_at(lens, i * 4) as usize + 1).sum();
            let bytes = take(total)?;
            // Every text must end where its length says, at a line break.
            let mut end = 0;
            for i in 0..n {
                end += u32_at(lens, i * 4) as usize;
                if bytes.get(end) != Some(&b'\n') {
                    return None;
                }
                end += 1;
            }
            *t = (lens, bytes);
        }
        (at == b.len()).then_some(Keys {
            n,
            ids,
            headers,
            texts,
        })
    }

    pub fn id(&self, i: usize) -> i64 {
        i64::from_le_bytes(self.ids[i * 8..i * 8 + 8].try_into().expect("8 bytes"))
    }

    pub fn header(&self, i: usize) -> &'a [u8] {
        &self.headers[i * HEADER_LEN..(i + 1) * HEADER_LEN]
    }

    /// The lengths of text `t` of every account, and all of them, each followed by `\n`.
    pub fn column(&self, t: usize) -> (impl Iterator<Item = usize> + 'a, &'a [u8]) {
        let (lens, bytes) = self.texts[t];
        (
            lens.chunks_exact(4)
                .map(|l| u32::from_le_bytes(l.try_into().expect("4 bytes")) as usize),
            bytes,
        )
    }
}

/// A chunk's tails, checked once.
pub struct Tails<'a> {
    lens: &'a [u8],
    bytes: &'a [u8],
}

impl<'a> Tails<'a> {
    pub fn parse(b: &'a [u8], n: usize) -> Option<Tails<'a>> {
        if b.len() < 4 || u32_at(b, 0) as usize != n {
            return None;
        }
        let lens = b.get(4..4 + n.checked_mul(4)?)?;
        let bytes = &b[4 + n * 4..];
        let total: usize = (0..n).map(|i| u32_at(lens, i * 4) as usize).sum();
        (total == bytes.len()).then_some(Tails { lens, bytes })
    }

    /// Every tail, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let mut at = 0;
        let bytes = self.bytes;
        self.lens.chunks_exact(4).map(move |l| {
            let len = u32::from_le_bytes(l.try_into().expect("4 bytes")) as usize;
            let s = &bytes[at..at + len];
            at += len;
            s
        })
    }
}

/// Every entry of a chunk (for rewriting it with some entries replaced).
pub fn entries<'a>(keys: &Keys<'a>, tails: &Tails<'a>) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry<'a>> = (0..keys.n)
        .map(|i| Entry {
            id: keys.id(i),
            header: keys.header(i),
            texts: [&[]; TEXTS],
            tail: &[],
        })
        .collect();
    for t in 0..TEXTS {
        let (lens, bytes) = keys.column(t);
        let mut at = 0;
        for (e, len) in out.iter_mut().zip(lens) {
            e.texts[t] = &bytes[at..at + len];
            at += len + 1;
        }
    }
    for (e, tail) in out.iter_mut().zip(tails.iter()) {
        e.tail = tail;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search_keys::{encode, AccountSummary, ContactKey};

    fn record(id: i64, name: &str) -> Vec<u8> {
        let a = AccountSummary {
            id,
            code: format!("C{id:06}"),
            name: name.into(),
            ..AccountSummary::default()
        };
        let c = ContactKey {
            account_id: id,
            name: "王五".into(),
            phones: vec!["138 0000 0000".into()],
            email: None,
            title: None,
            custom: vec![],
        };
        encode(&a, &[c])
    }

    #[test]
    fn a_chunk_gives_back_every_entry() {
        let recs: Vec<Vec<u8>> = [(1, "甲公司"), (2, "Beta"), (4095, "")]
            .iter()
            .map(|(id, n)| record(*id, n))
            .collect();
        let entries: Vec<Entry<'_>> = recs
            .iter()
            .map(|r| Record::parse(r).unwrap().into())
            .collect();
        let (sizes, k, t) = build(&entries);
        assert_eq!(Sizes::decode(&sizes.encode()), sizes);
        assert_eq!(sizes.accounts, 3);
        assert_eq!(sizes.tails, t.len() - 4 - 3 * 4);
        let keys = Keys::parse(&k).unwrap();
        let tails = Tails::parse(&t, keys.n).unwrap();
        let back = super::entries(&keys, &tails);
        assert_eq!(back.len(), 3);
        for (a, b) in entries.iter().zip(&back) {
            assert_eq!(
                (a.id, a.header, a.texts, a.tail),
                (b.id, b.header, b.texts, b.tail)
            );
        }
        assert_eq!(chunk_of(4095), 0);
        assert_eq!(chunk_of(4096), 1);
        assert_eq!(id_range(1), (4096, 8191));
    }

    #[test]
    fn damaged_chunks_are_refused() {
        let r = record(1, "甲");
        let (_, k, t) = build(&[Record::parse(&r).unwrap().into()]);
        assert!(Keys::parse(&k[..k.len() - 1]).is_none());
        let mut bad = k.clone();
        let last = bad.len() - 1;
        bad[last] = b'x';
        assert!(
            Keys::parse(&bad).is_none(),
            "a text must end at a line break"
        );
        assert!(Tails::parse(&t, 2).is_none());
        assert!(Tails::parse(&t[..t.len() - 1], 1).is_none());
    }
}
