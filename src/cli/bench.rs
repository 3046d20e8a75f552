//! `kam bench`: the performance targets of a big book, measured on this machine.
//!
//! Generates (once, fixed seed) a book of 100,000 demo accounts topped up with copies of its
//! communication log to 1,000,000 notes, then measures and prints p50/p99 of each target:
//! account search per keystroke (to results, and to a drawn 120×40 frame), note search,
//! a durable visit save, start-up to the first frame, `kam search` as a whole process, and
//! peak memory. Child processes of this same binary measure what needs a fresh process.
//!
//! Built only with the `bench` feature (`cargo run --release --features bench -- bench`):
//! a tool for whoever measures, with ratatui's test backend, kept out of the shipped binary.

use crate::app::{Action, App};
use crate::demo::generate;
use crate::domain::{Communication, VisitReport};
use crate::i18n::Lang;
use crate::store::{Access, Store};
use anyhow::{Context, Result};
use pinyin::ToPinyin;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// `kam bench`: measures on the book at `--db`, making it first when it is not there;
/// `--start-only` is the child that measures one start.
pub fn command(cx: &super::Invocation, args: &super::BenchArgs) -> Result<()> {
    if args.start_only {
        return start_only(&cx.path);
    }
    if args.relevance {
        return super::relevance::run(args.write_set.as_deref());
    }
    let size = Size {
        accounts: args.accounts,
        notes: args.notes,
        seed: args.seed,
    };
    if args.keystrokes_only {
        prepare(&cx.path, &size)?;
        let mut app = App::new(Store::open(&cx.path, Access::Write)?, Lang::Zh)?;
        let mut pick = Pick(size.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        keystrokes(&mut app, &mut pick)?;
        return Ok(());
    }
    run(&cx.path, &size)
}

/// The targets' book.
pub struct Size {
    pub accounts: usize,
    pub notes: usize,
    pub seed: u64,
}

/// xorshift64*: the sample of queries depends only on the seed.
struct Pick(u64);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p99 and max of some timings, in ms.
fn stats(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort_unstable();
    let at = |q: f64| ms(times[((times.len() as f64 - 1.0) * q).round() as usize]);
    (at(0.5), at(0.99), at(1.0))
}

fn line(what: &str, times: &mut [Duration], target: &str) {
    let (p50, p99, max) = stats(times);
    println!(
        "{what:<44} n={:<5} p50 {p50:>7.2} ms  p99 {p99:>7.2} ms  max {max:>7.2} ms   target: {target}",
        times.len()
    );
}

/// Peak resident memory of this process (Linux), in MB.
pub fn peak_mb() -> Option<f64> {
    status_mb("VmHWM:")
}

/// Resident memory of this process now (Linux), in MB.
pub fn resident_mb() -> Option<f64> {
    status_mb("VmRSS:")
}

fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Makes the book at `path` unless it is there.
fn prepare(path: &Path, size: &Size) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut store = Store::open(path, Access::Write)?;
    let t = Instant::now();
    let s = generate(&mut store, size.accounts, size.seed)?;
    eprintln!(
        "bench: {} demo accounts, {} contacts, {} other records in {:.0} s",
        s.accounts,
        s.contacts,
        s.records,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let have = note_count(&store)?;
    let log = store.all::<Communication>()?;
    let mut pick = Pick(size.seed | 1);
    let mut missing = size.notes.saturating_sub(have);
    while missing > 0 && !log.is_empty() {
        let n = missing.min(20_000);
        let mut batch: Vec<Communication> = (0..n)
            .map(|_| {
                let mut c = log[pick.below(log.len())].clone();
                c.id = 0;
                c.account_id = log[pick.below(log.len())].account_id;
                c.at =
                    c.at.map(|at| at - chrono::Duration::days(pick.below(700) as i64));
                c
            })
            .collect();
        missing -= n;
        store.write(|w| {
            w.insert_many(&mut batch)?;
            if missing == 0 {
                w.optimize_note_index()?;
            }
            Ok(())
        })?;
    }
    eprintln!(
        "bench: topped up to {} notes in {:.0} s",
        note_count(&store)?,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn note_count(store: &Store) -> Result<usize> {
    Ok(store.note_stats()?.notes)
}

/// What a salesperson types to find an account: names, their starts, initials, codes,
/// contacts, phone fragments; each typed one character at a time.
fn account_queries(app: &App, pick: &mut Pick, n: usize) -> Vec<String> {
    let f = &app.finder;
    let mut out = Vec::with_capacity(n);
    while out.len() < n && !f.is_empty() {
        let a = f.summary(pick.below(f.len())).to_summary(None);
        let q = match out.len() % 7 {
            0 => a.name.clone(),
            1 => a.name.chars().take(2).collect(),
            2 => a
                .name
                .as_str()
                .to_pinyin()
                .flatten()
                .map(|p| p.first_letter())
                .take(4)
                .collect::<String>(),
            3 => a.code.to_lowercase(),
            4 => a.primary_contact.clone().unwrap_or_default(),
            5 => a
                .primary_phone
                .as_deref()
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_digit)
                .skip(3)
                .take(4)
                .collect(),
            _ => a
                .name
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase()
                .chars()
                .take(5)
                .collect(),
        };
        if !q.trim().is_empty() {
            out.push(q);
        }
    }
    out
}

/// Pieces of stored notes, 1 to 6 characters of Chinese and 1 to 8 letters of English, and
/// a few that find nothing.
fn note_queries(store: &Store, pick: &mut Pick, n: usize) -> Result<Vec<String>> {
    let mut texts: Vec<String> = store
        .all::<VisitReport>()?
        .into_iter()
        .filter_map(|v| v.summary)
        .collect();
    texts.truncate(50_000);
    let mut out = vec!["不存在的词".to_string(), "zebra".to_string(), "x".into()];
    while out.len() < n && !texts.is_empty() {
        let t = &texts[pick.below(texts.len())];
        let chars: Vec<char> = t.chars().collect();
        let start = pick.below(chars.len());
        let q: String = if chars[start].is_ascii_alphabetic() {
            let word: String = chars[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            word.chars().take(1 + pick.below(8)).collect()
        } else {
            chars[start..]
                .iter()
                .take_while(|c| !c.is_ascii() && c.is_alphanumeric())
                .take(1 + pick.below(6))
                .collect()
        };
        if !q.is_empty() {
            out.push(q);
        }
    }
    Ok(out)
}

fn child(args: &[&str]) -> Result<(Duration, String, String)> {
    let exe = std::env::current_exe()?;
    let t = Instant::now();
    let o = Command::new(exe)
        .args(args)
        .env("KAM_REPORT_PEAK", "1")
        .output()
        .context("running kam in a child process")?;
    Ok((
        t.elapsed(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    ))
}

/// The `peak memory: N MB` line a child prints.
fn child_peak(stderr: &str) -> f64 {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|v| v.trim_end_matches(" MB").parse().ok())
        .unwrap_or(f64::NAN)
}

/// In a fresh process, as `kam` starts (`cli::interface::run`, the same calls): open, start
/// the reminders and the start checks (integrity and the daily backup) in the background,
/// draw the first frame while the finder is built, then run the loop's background ticks until
/// everything is in; prints the times and the peak resident memory after each part (the peak
/// of the whole process comes from `main`).
pub fn start_only(path: &Path) -> Result<()> {
    let t = Instant::now();
    let store = Store::open(path, Access::Write)?;
    let mut app = App::start_deferred(store, Lang::Zh)?;
    app.start_daily_backup();
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| crate::ui::draw(f, &app))?;
    println!("first frame: {:.2} ms", ms(t.elapsed()));
    let peak = || peak_mb().unwrap_or(f64::NAN);
    println!("peak at first frame: {:.1} MB", peak());
    let mut finder_ready = false;
    while app.is_busy() {
        std::thread::sleep(Duration::from_millis(2));
        if app.tick() {
            term.draw(|f| crate::ui::draw(f, &app))?;
        }
        if !finder_ready && !app.is_loading() {
            finder_ready = true;
            println!("finder ready: {:.2} ms", ms(t.elapsed()));
            println!("peak with the finder and grades: {:.1} MB", peak());
        }
    }
    term.draw(|f| crate::ui::draw(f, &app))?;
    println!("all ready: {:.2} ms", ms(t.elapsed()));
    println!(
        "peak with the reminders and start checks too: {:.1} MB",
        peak()
    );
    println!("resident: {:.1} MB", resident_mb().unwrap_or(f64::NAN));
    let [masks, texts, tails] = app.finder.heap_bytes();
    println!(
        "finder: masks {:.1} MB, texts {:.1} MB, summaries and contacts {:.1} MB",
        masks as f64 / 1e6,
        texts as f64 / 1e6,
        tails as f64 / 1e6
    );
    Ok(())
}

/// A `name: N ms` line a child prints.
fn child_ms(stdout: &str, name: &str) -> Option<Duration> {
    let v: f64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))?
        .trim_end_matches(" ms")
        .parse()
        .ok()?;
    Some(Duration::from_secs_f64(v / 1000.0))
}

pub fn run(path: &Path, size: &Size) -> Result<()> {
    prepare(path, size)?;
    let db = path
        .to_str()
        .context("the bench database path is not UTF-8")?;
    let mut pick = Pick(size.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    println!("kam bench on {db} (release build expected; see README \"Performance\")");

    // Start-up in fresh processes, the file in the OS cache after the first.
    let (mut starts, mut ready, mut all, mut walls) = (vec![], vec![], vec![], vec![]);
    let mut app_peak = 0f64;
    for i in 0..6 {
        let (wall, out, err) = child(&["--db", db, "bench", "--start-only"])?;
        if i == 0 {
            continue; // brings the file into the OS cache
        }
        starts.extend(child_ms(&out, "first frame"));
        ready.extend(child_ms(&out, "finder ready"));
        all.extend(child_ms(&out, "all ready"));
        walls.push(wall);
        app_peak = app_peak.max(child_peak(&err));
    }
    line("start: open to first frame", &mut starts, "≤ 50 ms");
    line(
        "start: open to finder ready (background)",
        &mut ready,
        "(not a target)",
    );
    line(
        "start: open to reminders and checks in",
        &mut all,
        "(not a target)",
    );
    line(
        "start: whole process, until all is in",
        &mut walls,
        "(not a target)",
    );

    let t = Instant::now();
    let store = Store::open(path, Access::Write)?;
    let mut app = App::new(store, Lang::Zh)?;
    let load = t.elapsed();
    let stats_row = app.store.note_stats()?;
    println!(
        "book: {} accounts, {} notes; app loaded in {:.0} ms",
        app.finder.len(),
        stats_row.notes,
        ms(load)
    );

    let queries = keystrokes(&mut app, &mut pick)?;

    // Note search.
    let nq = note_queries(&app.store, &mut pick, 300)?;
    let mut times = vec![];
    let mut slowest = vec![];
    for q in &nq {
        let t = Instant::now();
        let hits = app.store.search_notes(q, None, 50)?;
        times.push(t.elapsed());
        slowest.push((t.elapsed(), q.clone(), hits.len()));
    }
    line(
        "note search, first 50 newest hits",
        &mut times,
        "p99 ≤ 20 ms",
    );
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let shown: Vec<String> = slowest
        .iter()
        .take(6)
        .map(|(t, q, n)| format!("{q:?} {:.1} ms ({n} hits)", ms(*t)))
        .collect();
    println!("  slowest: {}", shown.join(", "));
    println!(
        "note index on disk {:.1} MB for {:.1} MB of note text ({:.2}×)   target: ≤ 1×",
        stats_row.index_bytes as f64 / 1e6,
        stats_row.text_bytes as f64 / 1e6,
        stats_row.index_bytes as f64 / stats_row.text_bytes.max(1) as f64
    );

    // Durable saves of a visit record.
    let ids: Vec<i64> = (0..app.finder.len())
        .map(|i| app.finder.summary(i).id)
        .collect();
    let mut times = vec![];
    for i in 0..200 {
        let mut r = VisitReport {
            account_id: ids[pick.below(ids.len())],
            date: Some(app.today),
            summary: Some(format!("基准测试拜访记录 {i}：介绍新产品，客户有兴趣。")),
            ..Default::default()
        };
        let t = Instant::now();
        app.store.insert(&mut r)?;
        times.push(t.elapsed());
    }
    line("durable save of a visit record", &mut times, "p50 ≤ 5 ms");
    drop(app);

    // `kam search` as a whole process.
    let mut times = vec![];
    let mut peak = 0f64;
    for q in queries.iter().take(20) {
        let (wall, _, err) = child(&["--db", db, "search", q])?;
        times.push(wall);
        peak = peak.max(child_peak(&err));
    }
    line(
        "`kam search` whole process",
        &mut times,
        "≤ ½ of fzf --filter (scripts/search-vs-fzf.sh)",
    );
    println!(
        "peak memory: kam search {peak:.0} MB, app with the whole book {app_peak:.0} MB, this bench {:.0} MB   target: ≤ 80 MB",
        peak_mb().unwrap_or(f64::NAN)
    );
    Ok(())
}

/// Account search, one keystroke at a time, then the frame; gives back the queries typed.
fn keystrokes(app: &mut App, pick: &mut Pick) -> Result<Vec<String>> {
    let queries = account_queries(app, pick, 200);
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    let (mut to_results, mut to_frame, mut cpu) = (vec![], vec![], vec![]);
    let mut slowest: Vec<(Duration, String)> = vec![];
    for q in &queries {
        app.update(Action::OpenSearch);
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let c0 = thread_cpu();
            let t = Instant::now();
            app.update(Action::Type(c));
            let wall = t.elapsed();
            to_results.push(wall);
            let used = c0.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
            cpu.extend(used);
            // The slowest by CPU time where known: the wall time also holds waits for a core.
            slowest.push((used.unwrap_or(wall), typed.clone()));
            term.draw(|f| crate::ui::draw(f, app))?;
            to_frame.push(t.elapsed());
        }
        app.update(Action::Back);
    }
    line(
        "account search per keystroke, to results",
        &mut to_results,
        "p50 ≤ 3 ms, p99 ≤ 10 ms",
    );
    if !cpu.is_empty() {
        line(
            "… CPU time of this thread (load-independent)",
            &mut cpu,
            "(what the same keys cost on an idle core)",
        );
    }
    line(
        "account search per keystroke, to frame drawn",
        &mut to_frame,
        "p99 ≤ 16 ms",
    );
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let worst: Vec<String> = slowest
        .iter()
        .take(8)
        .map(|(d, q)| format!("{q:?} {:.1} ms", ms(*d)))
        .collect();
    println!("  slowest keystrokes (CPU time): {}", worst.join(", "));
    Ok(queries)
}

/// CPU time this thread has used: on a machine shared with other work, a keystroke's wall
/// time counts the time it waited for a core, its CPU time does not.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the pointer it is given.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    ok.then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn thread_cpu() -> Option<Duration> {
    None
}
