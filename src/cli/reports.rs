//! `kam report …`: the daily and weekly visit reports and the key-account analyses, each in
//! the format asked for, to standard output or to an owner-only file. Every report goes
//! through one printer, so a format means the same thing for each.

use super::{Invocation, ReportFormat, ReportKind};
use crate::analytics::{self, Analysis, GradingRule, Period, Settings};
use crate::exchange::write_private;
use crate::i18n::Lang;
use crate::store::Store;
use crate::text_safety::Guard;
use crate::visits::{DailyReport, WeeklySummary};
use anyhow::{anyhow, bail, Result};
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::Path;

/// A report as the command line prints it.
trait Printed: serde::Serialize {
    fn write_text(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()>;
    fn markdown(&self, lang: Lang) -> String;
    /// The Excel workbook; none for a report that has no sheet layout.
    fn workbook(&self, lang: Lang) -> Option<Result<Vec<u8>>>;
}

impl Printed for DailyReport {
    fn write_text(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.to_text(lang).as_bytes())
    }
    fn markdown(&self, lang: Lang) -> String {
        self.to_markdown(lang)
    }
    fn workbook(&self, lang: Lang) -> Option<Result<Vec<u8>>> {
        Some(self.to_xlsx(lang))
    }
}

impl Printed for WeeklySummary {
    fn write_text(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.to_text(lang).as_bytes())
    }
    fn markdown(&self, lang: Lang) -> String {
        self.to_markdown(lang)
    }
    fn workbook(&self, _: Lang) -> Option<Result<Vec<u8>>> {
        None
    }
}

impl Printed for analytics::Report {
    fn write_text(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        analytics::Report::write_text(self, lang, out)
    }
    fn markdown(&self, lang: Lang) -> String {
        self.to_markdown(lang)
    }
    fn workbook(&self, lang: Lang) -> Option<Result<Vec<u8>>> {
        Some(self.to_xlsx(lang))
    }
}

/// Runs `kam report KIND`.
pub(super) fn run(cx: &Invocation, kind: &ReportKind, out: &mut dyn Write) -> Result<()> {
    let mut store = cx.read()?;
    let lang = cx.lang;
    // Targets name their rep themselves: a single-rep book's `--rep` picks by that name.
    let own_targets = matches!(kind, ReportKind::Targets(_)) && store.team_reps()?.is_empty();
    if let Some(rep) = rep_of(kind).filter(|_| !own_targets) {
        narrow(&mut store, rep, lang)?;
    }
    let store = &store;
    let today = store.now().date();
    match kind {
        ReportKind::Daily {
            date,
            format,
            out: file,
            ..
        } => {
            let r = crate::visits::daily_report(store, parse_date(date.as_deref(), today)?)?;
            print(&r, *format, file.as_deref(), lang, out)
        }
        ReportKind::Weekly {
            date,
            format,
            out: file,
            ..
        } => {
            let r = crate::visits::weekly_summary(store, parse_date(date.as_deref(), today)?)?;
            print(&r, *format, file.as_deref(), lang, out)
        }
        analysis => analysis_report(store, analysis, today, lang, out),
    }
}

/// The `--rep` of any report.
fn rep_of(kind: &ReportKind) -> Option<&str> {
    match kind {
        ReportKind::Daily { rep, .. } | ReportKind::Weekly { rep, .. } => rep.as_deref(),
        ReportKind::Grading { common, .. }
        | ReportKind::Top10 { common }
        | ReportKind::Regions { common }
        | ReportKind::Pivot { common }
        | ReportKind::Funnel { common }
        | ReportKind::Scorecard { common }
        | ReportKind::Gifts { common }
        | ReportKind::Events { common, .. }
        | ReportKind::Evaluation { common, .. }
        | ReportKind::Returns { common }
        | ReportKind::Purchases { common }
        | ReportKind::Satisfaction { common }
        | ReportKind::Targets(common) => common.rep.as_deref(),
    }
}

/// The book narrowed to one rep's accounts, or one sentence: a book without a team, or a
/// rep the team does not have (as the last sync brought them).
fn narrow(store: &mut Store, rep: &str, lang: Lang) -> Result<()> {
    let reps = store.team_reps()?;
    if reps.is_empty() {
        bail!(crate::i18n::t(lang, "cli-rep-no-team"));
    }
    if !reps.iter().any(|r| r == rep) {
        bail!(crate::i18n::t_args(
            lang,
            "cli-rep-unknown",
            &[("rep", rep.into()), ("reps", reps.join(", ").into())]
        ));
    }
    store.narrow_to_rep(rep)
}

/// `r` in `format`, to `file` or `out`. Text and JSON are written as they are made: at
/// 100,000 accounts an analysis is 25–50 MB of either.
fn print(
    r: &impl Printed,
    format: ReportFormat,
    file: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    // Each format passes its guard once, behind the buffer: the report writes millions of
    // small pieces, the guard sees 64 KB at a time.
    let mut stream = |json: bool, write: &dyn Fn(&mut dyn Write) -> io::Result<()>| -> Result<()> {
        let through = |w: &mut dyn Write| -> Result<()> {
            let safe = if json { Guard::json(w) } else { Guard::text(w) };
            let mut w = io::BufWriter::with_capacity(1 << 16, safe);
            // Kept an io::Error, so that a closed pipe (`| head`) is recognised as one.
            write(&mut w)?;
            w.flush()?;
            Ok(w.into_inner().map_err(|e| e.into_error())?.flush()?)
        };
        match file {
            Some(f) => write_private(f, |w| through(w)),
            None => through(&mut *out),
        }
    };
    match format {
        // Text for people, shown safely in a file too (it is read with `cat`).
        ReportFormat::Text => stream(false, &|w| r.write_text(lang, w))?,
        ReportFormat::Markdown => {
            let md = r.markdown(lang);
            stream(false, &|w| w.write_all(md.as_bytes()))?
        }
        ReportFormat::Json => stream(true, &|w| {
            serde_json::to_writer_pretty(&mut *w, r)?;
            w.write_all(b"\n")
        })?,
        ReportFormat::Xlsx => {
            let Some(book) = r.workbook(lang) else {
                bail!(crate::i18n::t(lang, "cli-report-no-workbook"));
            };
            let Some(file) = file else {
                bail!(crate::i18n::t(lang, "cli-xlsx-needs-file"));
            };
            let book = book?;
            write_private(file, |w| Ok(w.write_all(&book)?))?;
        }
    }
    Ok(out.flush()?)
}

/// One of the key-account analyses, with the stored settings or this run's flags.
fn analysis_report(
    store: &Store,
    kind: &ReportKind,
    today: NaiveDate,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    // What the book keeps (set on the analytics screen); a flag overrides it for this run.
    let mut settings = Settings::load(store)?;
    let (analysis, common) = match kind {
        ReportKind::Grading {
            common,
            pareto,
            bands,
        } => {
            let stored = settings.grading;
            settings.grading = match (*pareto, bands.is_empty()) {
                (false, true) => stored,
                (true, true) if stored.is_pareto() => stored,
                _ => GradingRule::with_bands(*pareto, bands).map_err(|e| anyhow!(e))?,
            };
            (Analysis::Grading, common)
        }
        ReportKind::Top10 { common } => (Analysis::Top10, common),
        ReportKind::Regions { common } => (Analysis::Regions, common),
        ReportKind::Pivot { common } => (Analysis::Pivot, common),
        ReportKind::Funnel { common } => (Analysis::Funnel, common),
        ReportKind::Scorecard { common } => (Analysis::Scorecard, common),
        ReportKind::Gifts { common } => (Analysis::Gifts, common),
        ReportKind::Events { common, days } => {
            if !(1..=3650).contains(days) {
                bail!(crate::i18n::t(lang, "cli-events-days"));
            }
            let period = analysis_period(common.from.as_deref(), common.to.as_deref(), today)?;
            let r = analytics::report::events(store, period, *days)?;
            return print(&r, common.format, common.out.as_deref(), lang, out);
        }
        ReportKind::Evaluation { common, weights } => {
            if let Some(w) = weights {
                settings.weights = settings.weights.with(w).map_err(|e| anyhow!(e))?;
            }
            (Analysis::Evaluation, common)
        }
        ReportKind::Returns { common } => (Analysis::Returns, common),
        ReportKind::Targets(common) => {
            let period = analysis_period(common.from.as_deref(), common.to.as_deref(), today)?;
            let rep = store.narrowed_to().or(common.rep.as_deref());
            let r = analytics::Report::Targets(analytics::targets(store, Some(period), rep)?);
            return print(&r, common.format, common.out.as_deref(), lang, out);
        }
        ReportKind::Purchases { common } => (Analysis::Purchases, common),
        ReportKind::Satisfaction { common } => (Analysis::Satisfaction, common),
        ReportKind::Daily { .. } | ReportKind::Weekly { .. } => bail!("not an analysis"),
    };
    let period = analysis_period(common.from.as_deref(), common.to.as_deref(), today)?;
    // The process ends after this report: freeing 100,000 rows one by one only delays it.
    let r = std::mem::ManuallyDrop::new(analytics::report(store, analysis, period, &settings)?);
    print(&*r, common.format, common.out.as_deref(), lang, out)
}

/// `--from`/`--to`: either may be left out; with neither, the calendar year of today.
fn analysis_period(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<Period> {
    let from = from.map(|f| parse_date(Some(f), today)).transpose()?;
    let to = to.map(|t| parse_date(Some(t), today)).transpose()?;
    Ok(match (from, to) {
        (None, None) => Period::year_of(today),
        (Some(f), None) => Period::new(f, Period::year_of(f).to),
        (None, Some(t)) => Period::new(Period::year_of(t).from, t),
        (Some(f), Some(t)) => {
            if t < f {
                return Err(crate::i18n::Said::new("cli-to-before-from")
                    .with("to", t.to_string())
                    .with("from", f.to_string())
                    .into());
            }
            Period::new(f, t)
        }
    })
}

/// A `--date` value, or today when none is given.
fn parse_date(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match text {
        None => Ok(today),
        // The parser of forms and imports: 2026-11-23, 11-23, 昨天, yesterday, 上周五 …
        Some(t) => crate::domain::when::parse_date_on(t, today).map_err(anyhow::Error::new),
    }
}
