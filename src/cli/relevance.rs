//! `kam bench --relevance`: how often the finder puts the account a rep meant first, and in
//! the first five, on the labelled query set of `tests/fixtures/relevance/`, beside
//! `fzf --filter` given the same accounts as lines of text; by family of query.
//!
//! The book is the demo of [`BOOK_ACCOUNTS`] accounts with seed [`BOOK_SEED`], made afresh
//! in a temporary file (the set's labels name its accounts by code and name). fzf reads one
//! line per account holding everything the finder searches: code, name, short name, every
//! contact's name, every phone as typed and as digits, every e-mail; a second run adds the
//! common-reading pinyin and initials of the names and contacts, as a fzf user could add
//! them to the lines they feed it.

use super::relevance_set::{self, from_tsv, Labelled, FAMILIES};
use crate::demo::generate;
use crate::domain::{Account, Contact};
use crate::search::Finder;
use crate::search_keys::text::phone_digits;
use crate::store::{Access, Store};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const BOOK_ACCOUNTS: usize = 1_000;
pub const BOOK_SEED: u64 = 1;
/// Hits read per query: a rank past this counts as not found.
const DEPTH: usize = 50;

fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relevance")
}

/// Ranks (1-based) of the intended account per query, `None` when not found.
struct Ranks(Vec<Option<usize>>);

impl Ranks {
    fn top(&self, idx: &[usize], k: usize) -> f64 {
        let n = idx
            .iter()
            .filter(|&&i| self.0[i].is_some_and(|r| r <= k))
            .count();
        100.0 * n as f64 / idx.len().max(1) as f64
    }
    fn mrr(&self, idx: &[usize]) -> f64 {
        let s: f64 = idx
            .iter()
            .filter_map(|&i| self.0[i])
            .map(|r| 1.0 / r as f64)
            .sum();
        s / idx.len().max(1) as f64
    }
}

pub fn run(write_set: Option<&Path>) -> Result<()> {
    let path = std::env::temp_dir().join(format!("kam-relevance-{}.db", std::process::id()));
    let result = measure(&path, write_set);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    result
}

fn measure(path: &Path, write_set: Option<&Path>) -> Result<()> {
    let mut store = Store::open(path, Access::Write)?;
    generate(&mut store, BOOK_ACCOUNTS, BOOK_SEED)?;
    let accounts = store.all::<Account>()?;
    let contacts = store.all::<Contact>()?;
    if let Some(out) = write_set {
        let set = relevance_set::generate(&accounts, &contacts, BOOK_SEED);
        std::fs::write(out, relevance_set::to_tsv(&set))
            .with_context(|| format!("writing {}", out.display()))?;
        println!("wrote {} queries to {}", set.len(), out.display());
        return Ok(());
    }
    let mut set: Vec<Labelled> = Vec::new();
    for file in ["generated.tsv", "hand.tsv"] {
        let p = set_dir().join(file);
        let text =
            std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
        set.extend(from_tsv(&text));
    }
    let by_code: HashMap<&str, &Account> = accounts.iter().map(|a| (a.code.as_str(), a)).collect();
    let stale: Vec<&Labelled> = set
        .iter()
        .filter(|l| {
            by_code
                .get(l.code.as_str())
                .is_none_or(|a| a.name != l.name)
        })
        .collect();
    if !stale.is_empty() {
        println!(
            "{} labelled queries name an account this book does not have (the demo changed?), left out: {:?}",
            stale.len(),
            stale.iter().take(5).map(|l| &l.query).collect::<Vec<_>>()
        );
    }
    set.retain(|l| {
        by_code
            .get(l.code.as_str())
            .is_some_and(|a| a.name == l.name)
    });

    let finder = Finder::from_store(&store)?;
    let code_of: HashMap<i64, &str> = accounts.iter().map(|a| (a.id, a.code.as_str())).collect();
    let mut kam_top: Vec<String> = Vec::new();
    let kam = Ranks(
        set.iter()
            .map(|l| {
                let hits = finder.search(&l.query, DEPTH);
                kam_top.push(hits.first().map_or(String::new(), |h| {
                    format!(
                        "{} [{:?} {}]",
                        code_of.get(&h.account_id).unwrap_or(&""),
                        h.kind,
                        h.matched_text.as_deref().unwrap_or("")
                    )
                }));
                hits.iter()
                    .position(|h| code_of.get(&h.account_id) == Some(&l.code.as_str()))
                    .map(|p| p + 1)
            })
            .collect(),
    );
    let plain = fzf_lines(&accounts, &contacts, false);
    let with_pinyin = fzf_lines(&accounts, &contacts, true);
    let fzf = Ranks(fzf_ranks(&set, &plain)?);
    let fzf_py = Ranks(fzf_ranks(&set, &with_pinyin)?);

    println!(
        "relevance on the demo book ({BOOK_ACCOUNTS} accounts, seed {BOOK_SEED}), {} labelled queries; top-1 %, top-5 %, mean reciprocal rank",
        set.len()
    );
    println!(
        "{:<17}{:>5}   {:>23}   {:>23}   {:>23}",
        "family", "n", "kam", "fzf (text)", "fzf (text + pinyin)"
    );
    let row = |name: &str, idx: &[usize]| {
        let cell = |r: &Ranks| {
            format!(
                "{:>6.1} {:>6.1} {:>6.3}",
                r.top(idx, 1),
                r.top(idx, 5),
                r.mrr(idx)
            )
        };
        println!(
            "{name:<17}{:>5}   {:>23}   {:>23}   {:>23}",
            idx.len(),
            cell(&kam),
            cell(&fzf),
            cell(&fzf_py)
        );
    };
    let mut families: Vec<&str> = FAMILIES.to_vec();
    for l in &set {
        if !families.contains(&l.family.as_str()) {
            families.push(&l.family);
        }
    }
    for f in &families {
        let idx: Vec<usize> = (0..set.len()).filter(|&i| set[i].family == *f).collect();
        if !idx.is_empty() {
            row(f, &idx);
        }
    }
    let all: Vec<usize> = (0..set.len()).collect();
    row("all", &all);
    println!("targets: top-1 ≥ 90 %, top-5 ≥ 98 %, kam ahead of fzf (text) on every family");
    let misses: Vec<String> = (0..set.len())
        .filter(|&i| kam.0[i] != Some(1))
        .map(|i| {
            let l = &set[i];
            let code = kam_top[i].split(' ').next().unwrap_or("");
            let top = by_code.get(code).map_or("-".to_string(), |a| {
                format!("{} {}", a.name, &kam_top[i][code.len()..])
            });
            format!(
                "  {:<16} {:<22} wants {} {} ({}); kam rank {}, first: {}",
                l.family,
                l.query,
                l.code,
                l.name,
                l.from,
                kam.0[i].map_or("-".to_string(), |r| r.to_string()),
                top
            )
        })
        .collect();
    println!("not first in kam ({}):", misses.len());
    for m in misses {
        println!("{m}");
    }
    Ok(())
}

/// One line per account, code first, as fzf reads them.
fn fzf_lines(accounts: &[Account], contacts: &[Contact], pinyin: bool) -> String {
    let mut by_account: HashMap<i64, Vec<&Contact>> = HashMap::new();
    for c in contacts {
        by_account.entry(c.account_id).or_default().push(c);
    }
    let mut out = String::new();
    for a in accounts {
        let mut parts: Vec<String> = vec![a.code.clone(), a.name.clone()];
        parts.extend(a.short_name.clone());
        let cs = by_account.get(&a.id).map_or(&[][..], Vec::as_slice);
        for c in cs {
            parts.push(c.name.clone());
            for p in [&c.mobile, &c.office_phone, &c.home_phone]
                .into_iter()
                .flatten()
            {
                parts.push(p.clone());
                parts.push(phone_digits(p));
            }
            parts.extend(c.email.clone());
        }
        if pinyin {
            let names = [Some(a.name.as_str()), a.short_name.as_deref()]
                .into_iter()
                .flatten()
                .chain(cs.iter().map(|c| c.name.as_str()));
            for n in names {
                let han: String = n.chars().filter(|c| !c.is_ascii()).collect();
                if let Some((w, i)) = relevance_set::pinyin_of(&han, false) {
                    parts.push(w);
                    parts.push(i);
                }
            }
        }
        let line = parts.join(" ").replace(['\n', '\t'], " ");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// fzf's rank of each query's account, over `lines`.
fn fzf_ranks(set: &[Labelled], lines: &str) -> Result<Vec<Option<usize>>> {
    let mut out = Vec::with_capacity(set.len());
    for l in set {
        let mut child = Command::new("fzf")
            .arg("--filter")
            .arg(&l.query)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("running fzf (install it: apt-get install fzf)")?;
        child
            .stdin
            .take()
            .context("fzf's input")?
            .write_all(lines.as_bytes())?;
        let o = child.wait_with_output()?;
        let text = String::from_utf8_lossy(&o.stdout);
        let rank = text
            .lines()
            .take(DEPTH)
            .position(|line| line.split(' ').next() == Some(l.code.as_str()))
            .map(|p| p + 1);
        out.push(rank);
    }
    Ok(out)
}
