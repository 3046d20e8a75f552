//! The analytics screen: a tab per analysis, charts where a person would rather look than
//! read (grades, regions, the funnel, monthly sales), and the tables under them. Tables draw
//! only their visible rows, so 100,000 accounts cost no more than ten.

use crate::app::analytics::{AnalyticsState, AnalyticsTab};
use crate::app::shown::{self, pad, GradingRule, PeriodKind, Sheet};
use crate::app::App;
use crate::domain::Money;
use crate::i18n::Lang;
use crate::ui::tabs::TabTitle;
use crate::ui::text::truncate;
use crate::ui::theme;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    let [top, tabs, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let kind = match a.kind {
        PeriodKind::Month => "an-period-month",
        PeriodKind::Quarter => "an-period-quarter",
        PeriodKind::Year => "an-period-year",
        PeriodKind::Custom => "an-period-custom",
    };
    let mut head = vec![
        Span::styled(format!(" {} ", app.t("an-screen-title")), theme::title()),
        Span::raw(format!("{} ({})", a.period.label(), app.t(kind))),
    ];
    if a.tab == AnalyticsTab::Grading {
        let method = match a.rule {
            GradingRule::Percentile { .. } => "an-method-percentile",
            GradingRule::Pareto { .. } => "an-method-pareto",
        };
        head.push(Span::styled(
            format!(" · {} {}", app.t(method), a.rule.bands_text()),
            theme::warn(),
        ));
    }
    // A manager's analyses of one rep say whose they are (app/report_rep.rs).
    if let Some(rep) = a.rep.as_deref() {
        head.push(Span::styled(
            format!(
                " · {}",
                crate::i18n::t_args(
                    app.lang,
                    "reports-of-rep",
                    &[("rep", rep.to_string().into())]
                )
            ),
            theme::warn(),
        ));
    }
    head.push(Span::styled(
        format!("  {}", app.t("an-hint")),
        theme::dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(head)), top);
    let titles: Vec<TabTitle> = AnalyticsTab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| TabTitle {
            key: (i + 1).to_string(),
            full: app.t(t.message()),
            short: app.t(&format!("{}-short", t.message())),
        })
        .collect();
    crate::ui::tabs::draw(frame, tabs, &titles, a.tab.index());
    match a.tab {
        AnalyticsTab::Grading => draw_grading(frame, body, app, a),
        AnalyticsTab::Top10 => draw_top10(frame, body, app, a),
        AnalyticsTab::Regions => draw_regions(frame, body, app, a),
        AnalyticsTab::Pivot => {
            let (rows, sel) = window(body, a.selected());
            draw_sheet(frame, body, &a.pivot.sheet(app.lang, rows), sel);
        }
        AnalyticsTab::Funnel => draw_funnel(frame, body, app, a),
        AnalyticsTab::Evaluation => draw_evaluation(frame, body, app, a),
        AnalyticsTab::Problems => {
            if a.evaluation.problems.is_empty() {
                return empty(frame, body, app);
            }
            let (rows, sel) = window(body, a.selected());
            draw_sheet(
                frame,
                body,
                &a.evaluation.problems_sheet(app.lang, rows),
                sel,
            );
        }
        AnalyticsTab::Monthly => draw_monthly(frame, body, app, a),
        AnalyticsTab::Scorecard => match &a.scorecard {
            Some(s) => draw_sheet(frame, body, &s.sheets(app.lang)[0], None),
            None => empty(frame, body, app),
        },
        AnalyticsTab::Returns | AnalyticsTab::Purchases | AnalyticsTab::Satisfaction => {
            draw_cycles(frame, body, app, a)
        }
        AnalyticsTab::Gifts => match a.gifts.as_ref().map(|g| g.sheets(app.lang)) {
            Some(sheets) if a.row_count() > 0 => draw_window(frame, body, sheets, a.selected()),
            _ => empty(frame, body, app),
        },
        AnalyticsTab::Events => match a.events.as_ref().map(|e| e.sheets(app.lang)) {
            Some(sheets) if a.row_count() > 0 => draw_window(frame, body, sheets, a.selected()),
            _ => empty(frame, body, app),
        },
    }
}

/// A report's first sheet as the command line makes it, the rows the body has room for
/// around the selection (its total row last, as in the sheet).
fn draw_window(frame: &mut Frame, body: Rect, mut sheets: Vec<Sheet>, selected: usize) {
    let mut sheet = sheets.remove(0);
    let (rows, sel) = window(body, selected);
    sheet.rows = std::mem::take(&mut sheet.rows)
        .into_iter()
        .skip(rows.start)
        .take(rows.len())
        .collect();
    draw_sheet(frame, body, &sheet, sel);
}

/// The rows a table of `area` shows around `selected`, and the selection within them.
fn window(area: Rect, selected: usize) -> (std::ops::Range<usize>, Option<usize>) {
    let height = area.height.saturating_sub(1).max(1) as usize;
    let offset = selected.saturating_sub(height - 1);
    (offset..offset + height, Some(selected - offset))
}

fn empty(frame: &mut Frame, area: Rect, app: &App) {
    frame.render_widget(Paragraph::new(app.t("an-empty")).style(theme::dim()), area);
}

/// A sheet as a table: numbers right-aligned, widths by display columns (Chinese is two).
fn draw_sheet(frame: &mut Frame, area: Rect, sheet: &Sheet, selected: Option<usize>) {
    let mut widths: Vec<usize> = sheet.widths().into_iter().map(|w| w.min(30)).collect();
    let numeric = sheet.numeric();
    // Long names give way first (down to 16 columns, cut with an ellipsis), so that the
    // columns after them (the score, the recommendation) stay on the screen.
    let needed = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while needed(&widths) > area.width as usize {
        let widest = (0..widths.len())
            .filter(|&i| !numeric.get(i).copied().unwrap_or(false) && widths[i] > 16)
            .max_by_key(|&i| widths[i]);
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    // Columns that still do not fit are left out whole rather than squeezed: a squeezed
    // amount loses its last digits and reads as another number.
    let mut used = 0;
    let fits = widths
        .iter()
        .enumerate()
        .take_while(|(i, w)| {
            used += *w + if *i == 0 { 0 } else { 2 };
            *i == 0 || used <= area.width as usize
        })
        .count();
    widths.truncate(fits);
    // Room left over goes back to the columns cut to 30 (a problem customer's list of
    // problems, long names), in order.
    let full = sheet.widths();
    let mut spare = (area.width as usize).saturating_sub(needed(&widths));
    for (w, f) in widths.iter_mut().zip(&full) {
        let more = f.saturating_sub(*w).min(spare);
        *w += more;
        spare -= more;
    }
    let cell = |text: &str, i: usize| pad(&truncate(text, widths[i]), widths[i], numeric[i]);
    let header = Row::new(
        sheet
            .columns
            .iter()
            .take(fits)
            .enumerate()
            .map(|(i, c)| cell(c, i))
            .collect::<Vec<_>>(),
    )
    .style(theme::header());
    let rows = sheet.rows.iter().map(|r| {
        Row::new(
            r.iter()
                .take(fits)
                .enumerate()
                .map(|(i, v)| cell(&v.show(), i))
                .collect::<Vec<_>>(),
        )
    });
    let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w as u16)))
        .header(header)
        .column_spacing(2)
        .row_highlight_style(theme::selected());
    let selected = selected.filter(|s| *s < sheet.rows.len());
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}

fn bar(label: String, value: u64, text: String) -> Bar<'static> {
    Bar::default()
        .label(Line::from(label))
        .value(value)
        .text_value(text)
}

fn chart<'a>(title: String, bars: Vec<Bar<'a>>) -> BarChart<'a> {
    BarChart::default()
        .block(Block::bordered().title(format!(" {title} ")))
        .data(BarGroup::default().bars(&bars))
        .bar_style(theme::key())
        .value_style(theme::selected())
}

/// A horizontal bar chart whose figures stand in the label column, left of the bars, in
/// columns aligned by display width (names left, figures right): written over a bar
/// shorter than themselves, the figures came out garbled on a real terminal.
fn labelled_bars(
    frame: &mut Frame,
    area: Rect,
    title: String,
    rows: Vec<(String, Vec<String>, u64)>,
) {
    let columns = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let name_w = rows
        .iter()
        .map(|r| crate::ui::text::width(&r.0))
        .max()
        .unwrap_or(0);
    let fig_w: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .map(|r| r.1.get(i).map_or(0, |f| crate::ui::text::width(f)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let bars: Vec<Bar> = rows
        .into_iter()
        .map(|(name, figures, value)| {
            let mut label = pad(&name, name_w, false);
            for (f, w) in figures.iter().zip(&fig_w) {
                label.push_str("  ");
                label.push_str(&pad(f, *w, true));
            }
            Bar::default()
                .label(Line::from(label))
                .value(value)
                .text_value(String::new())
        })
        .collect();
    frame.render_widget(
        chart(title, bars)
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0),
        area,
    );
}

fn draw_grading(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    let g = &a.grading;
    let [upper, lower] = Layout::vertical([Constraint::Length(9), Constraint::Min(3)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Length(40), Constraint::Min(20)]).areas(upper);
    let bars = g
        .grades
        .iter()
        .map(|c| {
            bar(
                c.grade.code().into(),
                c.accounts as u64,
                c.accounts.to_string(),
            )
        })
        .collect();
    frame.render_widget(
        chart(app.t("an-col-accounts"), bars)
            .bar_width(5)
            .bar_gap(2),
        left,
    );
    draw_sheet(
        frame,
        right.inner(ratatui::layout::Margin::new(1, 1)),
        &g.summary_sheet(app.lang),
        None,
    );
    let (rows, sel) = window(lower, a.selected());
    draw_sheet(frame, lower, &g.accounts_sheet(app.lang, rows), sel);
}

fn draw_top10(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    if a.key.key_accounts.is_empty() {
        return empty(frame, area, app);
    }
    let side = a.key.side_by_side(app.lang);
    let [upper, gap, lower] = Layout::vertical([
        Constraint::Length(side.rows.len() as u16 + 1),
        Constraint::Length(1),
        Constraint::Min(2),
    ])
    .areas(area);
    draw_sheet(frame, upper, &side, None);
    frame.render_widget(
        Paragraph::new(a.key.plans_sheet(app.lang, 0..0).name).style(theme::title()),
        gap,
    );
    let (rows, sel) = window(lower, a.selected());
    draw_sheet(frame, lower, &a.key.plans_sheet(app.lang, rows), sel);
}

fn draw_regions(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    if a.regions.rows.is_empty() {
        return empty(frame, area, app);
    }
    let provinces: Vec<_> = a.regions.provinces().collect();
    let shown = provinces.len().min(8);
    let [upper, lower] =
        Layout::vertical([Constraint::Length(shown as u16 + 2), Constraint::Min(3)]).areas(area);
    let none = app.t("an-no-region");
    let rows = provinces
        .iter()
        .take(shown)
        .map(|r| {
            let name = if r.province.is_empty() {
                none.clone()
            } else {
                truncate(&r.province, 12)
            };
            (
                name,
                vec![r.accounts.to_string(), r.sales.grouped()],
                r.sales.cents().max(0) as u64,
            )
        })
        .collect();
    labelled_bars(frame, upper, app.t("an-col-sales"), rows);
    let sheet = a.regions.sheets(app.lang).remove(0);
    let (rows, sel) = window(lower, a.selected());
    let mut visible = sheet.clone();
    visible.rows = shown::window(&sheet.rows, rows).to_vec();
    draw_sheet(frame, lower, &visible, sel);
}

fn draw_funnel(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    let f = &a.funnel;
    let [upper, lower] = Layout::vertical([
        Constraint::Length(f.stages.len() as u16 + 2),
        Constraint::Min(3),
    ])
    .areas(area);
    let rows = f
        .stages
        .iter()
        .map(|s| {
            (
                s.stage.label(app.lang),
                vec![s.count.to_string(), s.expected.grouped()],
                s.count as u64,
            )
        })
        .collect();
    labelled_bars(frame, upper, app.t("an-funnel"), rows);
    let sheets = f.sheets(app.lang);
    // The measures (weighted forecast, win rate) keep their room, up to half the width; the
    // stages' table leaves out its last columns first on a narrow window.
    let need = |sheet: &Sheet| {
        let w = sheet.widths();
        w.iter().map(|x| x.min(&30)).sum::<usize>() + 2 * w.len().saturating_sub(1)
    };
    let right_w = (need(&sheets[1]) as u16).min(lower.width / 2);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w)])
        .spacing(2)
        .areas(lower);
    draw_sheet(frame, left, &sheets[0], None);
    draw_sheet(frame, right, &sheets[1], None);
}

fn draw_evaluation(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    let e = &a.evaluation;
    if e.accounts.is_empty() {
        return empty(frame, area, app);
    }
    let [upper, lower] = Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(area);
    let rows = e
        .recommendations
        .iter()
        .map(|r| {
            (
                r.recommendation.label(app.lang),
                vec![r.accounts.to_string()],
                r.accounts as u64,
            )
        })
        .collect();
    labelled_bars(frame, upper, app.t("an-recommendations"), rows);
    let (rows, sel) = window(lower, a.selected());
    draw_sheet(frame, lower, &e.accounts_sheet(app.lang, rows), sel);
}

fn month_bars(months: &[(String, Money)], lang: Lang) -> Vec<Bar<'static>> {
    months
        .iter()
        .map(|(m, v)| {
            bar(
                m.get(5..).unwrap_or(m).to_string(),
                v.cents().max(0) as u64,
                v.compact(lang),
            )
        })
        .collect()
}

fn draw_monthly(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    if a.monthly.iter().all(|(_, v)| v.cents() == 0) && a.account_monthly.is_none() {
        return empty(frame, area, app);
    }
    let areas: Vec<Rect> = if a.account_monthly.is_some() {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)])
            .split(area)
            .to_vec()
    } else {
        vec![area]
    };
    let n = a.monthly.len().max(1) as u16;
    let width = (area.width.saturating_sub(2) / n)
        .saturating_sub(1)
        .clamp(1, 9);
    frame.render_widget(
        chart(app.t("an-monthly-all"), month_bars(&a.monthly, app.lang))
            .bar_width(width)
            .bar_gap(1),
        areas[0],
    );
    if let Some((name, months)) = &a.account_monthly {
        frame.render_widget(
            chart(name.clone(), month_bars(months, app.lang))
                .bar_width(width)
                .bar_gap(1),
            areas[1],
        );
    }
}

/// The tabs of issue 21 (returns, purchase cycles, satisfaction): each the command line's
/// report, its short table (products, the summary, the months) over the accounts, of which
/// only the visible rows are made.
fn draw_cycles(frame: &mut Frame, area: Rect, app: &App, a: &AnalyticsState) {
    let lang = app.lang;
    match a.tab {
        AnalyticsTab::Returns => match &a.returns {
            Some(r) if !r.accounts.is_empty() || !r.products.is_empty() => split(
                frame,
                area,
                &r.products_sheet(lang),
                |rows| r.accounts_sheet(lang, rows),
                a.selected(),
            ),
            _ => empty(frame, area, app),
        },
        AnalyticsTab::Purchases => match &a.purchases {
            Some(p) if !p.accounts.is_empty() => split(
                frame,
                area,
                &p.summary_sheet(lang),
                |rows| p.accounts_sheet(lang, rows),
                a.selected(),
            ),
            _ => empty(frame, area, app),
        },
        AnalyticsTab::Satisfaction => match &a.satisfaction {
            Some(s) if !s.accounts.is_empty() => split(
                frame,
                area,
                &s.trend_sheet(lang),
                |rows| s.accounts_sheet(lang, rows),
                a.selected(),
            ),
            _ => empty(frame, area, app),
        },
        _ => {}
    }
}

/// `top` in full (up to half the height), a blank line, then the accounts around `selected`.
fn split<'s>(
    frame: &mut Frame,
    area: Rect,
    top: &Sheet,
    accounts: impl Fn(std::ops::Range<usize>) -> Sheet<'s>,
    selected: usize,
) {
    let top_height = (top.rows.len() as u16 + 1).min(area.height / 2);
    let [upper, _, lower] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    draw_sheet(frame, upper, top, None);
    let (rows, sel) = window(lower, selected);
    draw_sheet(frame, lower, &accounts(rows), sel);
}
