//! The account detail screen: a header card and one tab per section.

pub use super::record_table::field_text;
use super::record_table::{draw_records_selected, draw_table_selected, empty};
use crate::app::detail::{map_of, with_values, DetailState, Tab};
use crate::app::App;
use crate::domain::contact::DOSSIER_FIELDS;
use crate::domain::record::FieldSpec;
use crate::domain::*;
use crate::i18n::{field_label, t_args};
use crate::ui::columns::Give;
use crate::ui::tabs::TabTitle;
use crate::ui::text::{truncate, width, wrap};
use crate::ui::{scroll, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;
use serde_json::{Map, Value};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let window = frame.area().height;
    let card_lines = super::card::lines(app, d, area.width, window);
    let frame_h = super::card::block(window)
        .inner(Rect::new(0, 0, 10, 10))
        .height;
    let [card, tabs, body] = Layout::vertical([
        Constraint::Length(card_lines.len() as u16 + 10 - frame_h),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    super::card::draw(frame, card, app, d, card_lines);
    let titles: Vec<TabTitle> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| TabTitle {
            // Keys 1–9 and 0 open the first ten; the others by Tab and ←/→.
            key: if i < 10 {
                ((i + 1) % 10).to_string()
            } else {
                String::new()
            },
            full: app.t(tab.message()),
            short: app.t(&format!("{}-short", tab.message())),
        })
        .collect();
    crate::ui::tabs::draw(frame, tabs, &titles, d.tab.index());
    match d.tab {
        Tab::Overview => draw_overview(frame, body, app, d),
        Tab::Contacts => draw_contacts(frame, body, app, d),
        Tab::History => draw_history(frame, body, app, d),
        Tab::Visits => draw_visits(frame, body, app, d),
        Tab::Needs => match &d.dossier.needs {
            Some(n) => draw_fields(
                frame,
                body,
                app,
                "needs",
                &d.field_lines(Tab::Needs),
                &map_of(n),
                Some(d.selected[Tab::Needs.index()]),
            ),
            None => empty(frame, body, app),
        },
        Tab::Deals => super::deals::draw(frame, body, app, d),
        Tab::Relations => super::relations::draw(frame, body, app, d),
        Tab::Opportunities => draw_records(
            frame,
            body,
            app,
            d,
            &d.dossier.opportunities,
            &[
                "title",
                "stage",
                "expected_amount",
                "expected_close",
                "probability",
                "owner",
                "next_step",
            ],
        ),
        Tab::Service => draw_records(
            frame,
            body,
            app,
            d,
            &d.dossier.service_records,
            &[
                "date",
                "kind",
                "request",
                "product",
                "status",
                "handled_by",
                "satisfaction",
            ],
        ),
        Tab::Feedback => draw_records(
            frame,
            body,
            app,
            d,
            &d.dossier.feedback,
            &["date", "kind", "rating", "content", "status", "handled_by"],
        ),
        Tab::Communications => draw_records(
            frame,
            body,
            app,
            d,
            &d.dossier.communications,
            &[
                "at",
                "channel",
                "contacts",
                "content",
                "result",
                "next_step",
            ],
        ),
    }
}

/// Label: value lines of fields, in two columns when wide enough. The selected line (of a
/// tab that scrolls) shows its whole value over as many lines as it takes and is always in
/// view; the rest are cut at the window's edge.
fn draw_fields(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    table: &str,
    specs: &[FieldSpec],
    map: &Map<String, Value>,
    selected: Option<usize>,
) {
    let pairs: Vec<(String, String)> = specs
        .iter()
        .map(|s| {
            (
                field_label(app.lang, table, s.key),
                field_text(app.lang, s, map.get(s.key)),
            )
        })
        .collect();
    if pairs.is_empty() || area.height == 0 {
        return;
    }
    let columns = if area.width >= 100 { 2 } else { 1 };
    let per = pairs.len().div_ceil(columns);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(area);
    let widest = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let label_w = widest.min(20).min(area.width as usize / 3);
    let height = area.height as usize;
    // Each column's lines, and where the selected field's lines are.
    let mut drawn: Vec<Vec<Line>> = vec![];
    let mut shown_at = None;
    for (c, chunk) in pairs.chunks(per.max(1)).enumerate() {
        let value_w = (areas[c].width as usize).saturating_sub(label_w + 2);
        let mut lines: Vec<Line> = vec![];
        for (row, (k, v)) in chunk.iter().enumerate() {
            let k = truncate(k, label_w);
            let label = format!("{k}{} ", " ".repeat(label_w - width(&k)));
            if selected == Some(c * per + row) {
                let parts = wrap(v, value_w);
                shown_at = Some((lines.len(), parts.len()));
                for (i, part) in parts.into_iter().enumerate() {
                    let label = if i == 0 {
                        label.clone()
                    } else {
                        " ".repeat(label_w + 1)
                    };
                    lines.push(Line::from(vec![
                        Span::styled(label, theme::key()),
                        Span::styled(part, theme::selected()),
                    ]));
                }
            } else {
                lines.push(Line::from(vec![
                    Span::styled(label, theme::header()),
                    Span::raw(truncate(v, value_w)),
                ]));
            }
        }
        drawn.push(lines);
    }
    let longest = drawn.iter().map(Vec::len).max().unwrap_or(0);
    let offset = shown_at.map_or(0, |(at, len)| scroll::offset(at, len, height));
    for (c, lines) in drawn.into_iter().enumerate() {
        frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), areas[c]);
    }
    scroll::bar(frame, area, longest, height, offset);
}

fn draw_overview(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let mut map = map_of(&d.dossier.account);
    if let Some(since) = d.dossier.account.years_cooperating(app.today) {
        map.insert(
            "cooperating_since".into(),
            Value::String(format!(
                "{} ({})",
                d.dossier
                    .account
                    .cooperating_since
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                t_args(app.lang, "years", &[("n", (since as i64).into())])
            )),
        );
    }
    let specs = d.field_lines(Tab::Overview);
    let selected = d.selected[Tab::Overview.index()];
    draw_fields(frame, area, app, "accounts", &specs, &map, Some(selected));
}

/// A table of records with the given field columns.
fn draw_records<R: Record>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    d: &DetailState,
    records: &[R],
    keys: &[&str],
) {
    draw_records_selected(
        frame,
        area,
        app,
        records,
        keys,
        Some(d.selected[d.tab.index()]),
    )
}

fn draw_table(
    frame: &mut Frame,
    area: Rect,
    headers: &[String],
    rows: Vec<Vec<String>>,
    gives: &[Give],
    selected: usize,
) {
    draw_table_selected(frame, area, headers, rows, gives, Some(selected))
}

fn draw_contacts(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let contacts = &d.dossier.contacts;
    if contacts.is_empty() {
        return empty(frame, area, app);
    }
    let height = (contacts.len() as u16 + 1).min(area.height / 2).max(3);
    let selected = d.selected_item().map(|(_, id)| id);
    let contact = contacts.iter().find(|c| Some(c.id) == selected);
    // The selected person's custom fields (issue 22), on a line of their own when any.
    let custom = super::card::custom_facts(contact.and_then(|c| c.custom.as_ref())).join("  ");
    let custom_h = u16::from(!custom.is_empty());
    let [table, custom_line, dossier] = Layout::vertical([
        Constraint::Length(height),
        Constraint::Length(custom_h),
        Constraint::Min(1),
    ])
    .areas(area);
    if custom_h > 0 {
        frame.render_widget(
            Paragraph::new(crate::ui::text::truncate(
                &custom,
                custom_line.width as usize,
            )),
            custom_line,
        );
    }
    let mut columns = vec![
        "name",
        "title",
        "department",
        "role",
        "mobile",
        "office_phone",
        "email",
        "wechat",
        "birthday",
        "is_primary",
    ];
    // The people's tags when any has some: an empty column would push others off.
    if contacts.iter().any(|c| c.tags.is_some()) {
        columns.push("tags");
    }
    draw_records(frame, table, app, d, contacts, &columns);
    // How much of the Mackay dossier is known tells a rep what to ask next; the count
    // reveals no value, so it shows while the dossier is hidden too.
    let known = contact.and_then(|c| c.dossier.as_ref()).map(|p| {
        let (known, all) = p.completion();
        t_args(
            app.lang,
            "dossier-completion",
            &[("known", known.into()), ("all", all.into())],
        )
    });
    let title = match known {
        Some(k) => format!(" {} · {k} ", app.t("field-dossier")),
        None => format!(" {} ", app.t("field-dossier")),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(dossier);
    frame.render_widget(block, dossier);
    match contact {
        Some(c) if d.revealed == Some(c.id) => match &c.dossier {
            Some(p) => {
                let map = map_of(p);
                let specs = with_values(DOSSIER_FIELDS, &map);
                draw_fields(frame, inner, app, "dossier", &specs, &map, None)
            }
            None => frame.render_widget(
                Paragraph::new(app.t("dossier-none")).style(theme::dim()),
                inner,
            ),
        },
        _ => frame.render_widget(
            Paragraph::new(app.t("dossier-hidden"))
                .style(theme::dim())
                .wrap(Wrap { trim: true }),
            inner,
        ),
    }
}

fn draw_visits(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let lang = app.lang;
    let mut rows: Vec<Vec<String>> = d
        .dossier
        .visit_plans
        .iter()
        .map(|p| {
            vec![
                app.t("visit-plan"),
                p.planned_at
                    .map(|x| x.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default(),
                p.contact.clone().unwrap_or_default(),
                p.purpose.clone().unwrap_or_default(),
                p.place.clone().unwrap_or_default(),
                p.status.map(|s| s.label(lang)).unwrap_or_default(),
            ]
        })
        .collect();
    rows.extend(d.dossier.visit_reports.iter().map(|v| {
        vec![
            app.t("visit-record"),
            v.date.map(|x| x.to_string()).unwrap_or_default(),
            v.person_met.clone().unwrap_or_default(),
            v.purpose
                .map(|p| format!("{} {}", p.code(), p.label(lang)))
                .unwrap_or_default(),
            v.summary.clone().unwrap_or_default(),
            v.outcome
                .map(|o| format!("{} {}", o.code(), o.label(lang)))
                .unwrap_or_default(),
        ]
    }));
    if rows.is_empty() {
        return empty(frame, area, app);
    }
    let headers = [
        "visit-kind",
        "visit-when",
        "visit-who",
        "field-purpose",
        "visit-what",
        "visit-result",
    ]
    .map(|k| app.t(k));
    let gives = [
        Give::Shrink,
        Give::Keep,
        Give::Shrink,
        Give::Shrink,
        Give::Shrink,
        Give::Shrink,
    ];
    draw_table(
        frame,
        area,
        &headers,
        rows,
        &gives,
        d.selected[d.tab.index()],
    );
}

fn draw_history(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    if d.history.is_empty() {
        return empty(frame, area, app);
    }
    let rows: Vec<Vec<String>> = d
        .shown_history()
        .into_iter()
        .map(|c| {
            // A personal dossier's values stay hidden until `v` reveals that person's.
            let hidden = c.is_personal() && d.revealed != Some(c.row_id);
            let field = match (&c.field, c.kind()) {
                (Some(f), Some(kind)) => field_label(app.lang, kind.table(), f),
                // Rows beside the records (an account's plan) are named by their table.
                (Some(f), None) => field_label(app.lang, &c.entity, f),
                _ => String::new(),
            };
            // Revealed, a dossier change reads as the fields it changed, not as JSON.
            let [field, old, new] = if c.is_personal() && !hidden {
                crate::app::dossier_change::dossier_change(
                    app.lang,
                    c.old_value.as_deref(),
                    c.new_value.as_deref(),
                )
            } else {
                [
                    field,
                    shown_value(app, hidden, &c.old_value),
                    shown_value(app, hidden, &c.new_value),
                ]
            };
            vec![
                c.at.replace('T', " "),
                c.actor.clone(),
                app.t(&format!("op-{}", c.op.code())),
                app.t(&format!("section-{}", c.entity)),
                field,
                old,
                new,
            ]
        })
        .collect();
    let headers = [
        "history-at",
        "history-who",
        "history-op",
        "history-section",
        "history-field",
        "history-old",
        "history-new",
    ]
    .map(|k| app.t(k));
    let mut gives = [Give::Shrink; 7];
    gives[0] = Give::Keep;
    draw_table(
        frame,
        area,
        &headers,
        rows,
        &gives,
        d.selected[d.tab.index()],
    );
}

/// A value of the history as shown: hidden ones (a personal dossier's) as a placeholder.
fn shown_value(app: &App, hidden: bool, value: &Option<String>) -> String {
    match value {
        Some(_) if hidden => app.t("history-personal-hidden"),
        v => v.clone().unwrap_or_default(),
    }
}
