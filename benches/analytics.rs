//! Speed of the key-account analyses on a large book.
//!
//! `KAM_BENCH_DB=/tmp/big/kam.db cargo bench --bench analytics` measures an existing database
//! (e.g. one filled by `kam demo --accounts 100000`); without it, a 20,000-account demo is
//! generated in a temporary directory first. For each report it times the computation (SQL
//! and analysis) and each rendering, five runs, and prints the median; then the analytics
//! screen: opening it, the first visit of each tab (which computes it) and drawing each tab
//! at 120×40.

use kam::analytics::{report, Analysis, Period, Settings};
use kam::app::{Action, App};
use kam::i18n::Lang;
use kam::store::{Access, Store};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let _dir;
    let path = match std::env::var_os("KAM_BENCH_DB") {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            _dir = tempfile::tempdir().expect("a temporary directory");
            let p = _dir.path().join("kam.db");
            let mut s = Store::open(&p, Access::Write).expect("a new database");
            let t = Instant::now();
            kam::demo::generate(&mut s, 20_000, 1).expect("demo data");
            eprintln!(
                "generated 20,000 accounts in {:.1} s",
                t.elapsed().as_secs_f64()
            );
            p
        }
    };
    let store = Store::open(&path, Access::Read).expect("the database opens");
    let today = store.now().date();
    let year = Period::year_of(today);
    let h = store.health().expect("counts");
    for (table, live, _) in &h.counts {
        if ["accounts", "deals", "opportunities"].contains(&table.as_str()) {
            println!("{table:>14}: {live}");
        }
    }
    println!("period {}", year.label());
    println!(
        "{:<12} {:>11} {:>11} {:>11} {:>11} {:>11}",
        "report", "compute", "text", "markdown", "json", "xlsx"
    );
    let settings = Settings::default();
    for analysis in [
        Analysis::Grading,
        Analysis::Top10,
        Analysis::Regions,
        Analysis::Pivot,
        Analysis::Funnel,
        Analysis::Evaluation,
    ] {
        let compute = median(|| {
            report(&store, analysis, year, &settings).expect("report");
        });
        let r = report(&store, analysis, year, &settings).expect("report");
        let text = median(|| {
            std::hint::black_box(r.to_text(Lang::Zh));
        });
        let md = median(|| {
            std::hint::black_box(r.to_markdown(Lang::Zh));
        });
        let json = median(|| {
            std::hint::black_box(serde_json::to_string(&r).expect("json"));
        });
        let xlsx = median(|| {
            std::hint::black_box(r.to_xlsx(Lang::Zh).expect("xlsx"));
        });
        println!(
            "{:<12} {} {} {} {} {}",
            analysis.code(),
            ms(compute),
            ms(text),
            ms(md),
            ms(json),
            ms(xlsx)
        );
    }

    drop(store);
    let store = Store::open(&path, Access::Write).expect("the database opens");
    let t = Instant::now();
    let mut app = App::new(store, Lang::Zh).expect("the app starts");
    println!("app start (finder + computed grades): {}", ms(t.elapsed()));
    let t = Instant::now();
    app.update(Action::OpenAnalytics);
    println!(
        "open the analytics screen (book, grading, top 10, regions): {}",
        ms(t.elapsed())
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    for tab in 0..8 {
        let t = Instant::now();
        app.update(Action::GoToTab(tab));
        println!(
            "first visit of tab {} (computes it): {}",
            tab + 1,
            ms(t.elapsed())
        );
        let d = median(|| {
            terminal.draw(|f| kam::ui::draw(f, &app)).expect("drawn");
        });
        println!("draw tab {}: {}", tab + 1, ms(d));
    }
    app.update(Action::GoToTab(0));
    app.update(Action::Bottom);
    let d = median(|| {
        terminal.draw(|f| kam::ui::draw(f, &app)).expect("drawn");
    });
    println!("draw grading at the last account: {}", ms(d));
    let t = Instant::now();
    app.update(Action::AnalyticsPeriodKind);
    println!(
        "change period (month, on the grading tab): {}",
        ms(t.elapsed())
    );
}
