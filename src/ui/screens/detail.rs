//! The account detail screen: a header card and one tab per section.

use crate::app::detail::{DetailState, Tab};
use crate::app::App;
use crate::domain::contact::DOSSIER_FIELDS;
use crate::domain::record::FieldSpec;
use crate::domain::visit::format_expenses;
use crate::domain::*;
use crate::i18n::{field_label, t, t_args, Lang};
use crate::ui::{text::truncate, theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Tabs, Wrap};
use ratatui::Frame;
use serde_json::{Map, Value};

/// A stored value as a person reads it: labels for codes, yes/no, grouped money.
pub fn field_text(lang: Lang, spec: &FieldSpec, v: Option<&Value>) -> String {
    match (spec.kind, v) {
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::Choice(set), Some(Value::String(code))) => set.label(lang, code),
        (FieldKind::Bool | FieldKind::YesNo, Some(Value::Bool(b))) => {
            t(lang, if *b { "yes" } else { "no" })
        }
        (FieldKind::Money, Some(Value::String(s))) => Money::parse(s)
            .map(|m| m.grouped())
            .unwrap_or_else(|_| s.clone()),
        (FieldKind::DateTime, Some(Value::String(s))) => {
            s.replace('T', " ").chars().take(16).collect()
        }
        (FieldKind::Json, Some(v)) if spec.key == "expenses" => {
            let lines: Vec<Expense> = serde_json::from_value(v.clone()).unwrap_or_default();
            format_expenses(&lines)
        }
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(v)) => v.to_string(),
    }
}

fn map_of<T: serde::Serialize>(r: &T) -> Map<String, Value> {
    match serde_json::to_value(r) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let [card, tabs, body] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    draw_card(frame, card, app, d);
    let titles: Vec<Line> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| Line::from(format!("{} {}", (i + 1) % 10, app.t(tab.message()))))
        .collect();
    frame.render_widget(
        Tabs::new(titles)
            .select(d.tab.index())
            .highlight_style(theme::selected())
            .divider("│"),
        tabs,
    );
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
                RecordKind::Needs.fields(),
                &map_of(n),
            ),
            None => empty(frame, body, app),
        },
        Tab::Deals => {
            let total: Money = d.dossier.deals.iter().map(|x| x.total()).sum();
            let margin: Money = d.dossier.deals.iter().filter_map(|x| x.margin()).sum();
            let foot = t_args(
                app.lang,
                "deals-total",
                &[
                    ("count", d.dossier.deals.len().into()),
                    ("amount", total.grouped().into()),
                    ("margin", margin.grouped().into()),
                ],
            );
            let [table, footer] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
            draw_records(
                frame,
                table,
                app,
                d,
                &d.dossier.deals,
                &[
                    "date",
                    "order_no",
                    "product",
                    "model",
                    "quantity",
                    "unit_price",
                    "amount",
                    "status",
                    "payment_status",
                ],
            );
            frame.render_widget(Paragraph::new(foot).style(theme::title()), footer);
        }
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

fn draw_card(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let a = &d.dossier.account;
    let lang = app.lang;
    let primary = d
        .dossier
        .contacts
        .iter()
        .find(|c| c.is_primary)
        .or(d.dossier.contacts.first());
    let last = d.dossier.visit_reports.iter().filter_map(|v| v.date).max();
    let next = d
        .dossier
        .visit_plans
        .iter()
        .filter(|p| p.status == Some(PlanStatus::Planned))
        .filter_map(|p| p.planned_at)
        .filter(|p| p.date() >= app.today)
        .min();
    let (complaints, service) = d.open_issues();
    let l = |k: &str| field_label(lang, "accounts", k);
    let opt = |s: Option<String>| s.unwrap_or_else(|| "—".into());
    let lines = vec![
        Line::from(vec![
            Span::styled(a.name.clone(), theme::title()),
            Span::styled(format!("  {}", a.code), theme::dim()),
        ]),
        Line::from(format!(
            "{}: {}  {}: {}  {}: {}  {}: {}  {}: {}",
            l("category"),
            opt(a.category.map(|c| c.label(lang))),
            l("grade"),
            opt(Some(app.grade_shown(a.id, a.grade)).filter(|g| !g.is_empty())),
            l("credit"),
            opt(a.credit.map(|c| c.code().to_string())),
            l("status"),
            opt(a.status.map(|s| s.label(lang))),
            l("owner"),
            opt(a.owner.clone()),
        )),
        Line::from(format!(
            "{}: {}  {}  ·  {}: {}  {}: {}",
            app.t("card-primary-contact"),
            opt(primary.map(|c| c.name.clone())),
            primary.and_then(|c| c.best_phone()).unwrap_or(""),
            app.t("list-last-visit"),
            opt(last.map(|d| d.to_string())),
            app.t("list-next-visit"),
            opt(next.map(|d| d.format("%Y-%m-%d %H:%M").to_string())),
        )),
        Line::from(Span::styled(
            t_args(
                lang,
                "card-open-issues",
                &[
                    ("complaints", complaints.into()),
                    ("service", service.into()),
                ],
            ),
            if complaints + service > 0 {
                theme::warn()
            } else {
                theme::dim()
            },
        )),
    ];
    let lines: Vec<Line> = lines.into_iter().collect();
    frame.render_widget(Paragraph::new(lines).block(Block::bordered()), area);
    draw_sales_sparkline(frame, Block::bordered().inner(area), app, d);
}

/// Twelve months of sales at the right of the card, when the window is wide enough to
/// keep the card's text whole.
fn draw_sales_sparkline(frame: &mut Frame, inner: Rect, app: &App, d: &DetailState) {
    const WIDTH: u16 = 26;
    if inner.width < 100 || inner.height < 2 {
        return;
    }
    let area = Rect {
        x: inner.right() - WIDTH,
        width: WIDTH,
        ..inner
    };
    let sales = d.monthly_sales(app.today);
    let total: Money = sales.iter().copied().sum();
    let [label, line] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(
        Paragraph::new(truncate(
            &format!("{} {}", app.t("an-sales-12m"), total.grouped()),
            WIDTH as usize,
        ))
        .style(theme::dim()),
        label,
    );
    // Two columns a month: twelve single columns read as noise.
    let data: Vec<u64> = sales
        .iter()
        .flat_map(|m| [m.cents().max(0) as u64; 2])
        .collect();
    frame.render_widget(
        ratatui::widgets::Sparkline::default()
            .data(&data)
            .style(theme::key()),
        Rect {
            width: (data.len() as u16).min(line.width),
            ..line
        },
    );
}

fn empty(frame: &mut Frame, area: Rect, app: &App) {
    frame.render_widget(
        Paragraph::new(app.t("detail-empty-tab")).style(theme::dim()),
        area,
    );
}

/// Label: value lines of the non-empty fields, in two columns when wide enough.
fn draw_fields(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    table: &str,
    specs: &[FieldSpec],
    map: &Map<String, Value>,
) {
    let pairs: Vec<(String, String)> = specs
        .iter()
        .map(|s| {
            (
                field_label(app.lang, table, s.key),
                field_text(app.lang, s, map.get(s.key)),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let columns = if area.width >= 100 { 2 } else { 1 };
    let per = pairs.len().div_ceil(columns);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(area);
    for (c, chunk) in pairs.chunks(per.max(1)).enumerate() {
        let w = areas[c].width as usize;
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(k, v)| {
                let k = truncate(k, 16);
                let pad = 17usize.saturating_sub(crate::ui::text::width(&k));
                Line::from(vec![
                    Span::styled(format!("{k}{}", " ".repeat(pad)), theme::header()),
                    Span::raw(truncate(v, w.saturating_sub(18))),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), areas[c]);
    }
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
    let mut specs: Vec<FieldSpec> = RecordKind::Account.fields().to_vec();
    specs.retain(|s| s.key != "cooperating_since");
    specs.push(crate::domain::record::field(
        "cooperating_since",
        FieldKind::Text,
    ));
    for k in ["created_at", "updated_at", "created_by"] {
        specs.push(crate::domain::record::field(k, FieldKind::DateTime));
    }
    draw_fields(frame, area, app, "accounts", &specs, &map);
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
    if records.is_empty() {
        return empty(frame, area, app);
    }
    let table = R::KIND.table();
    let specs: Vec<FieldSpec> = keys
        .iter()
        .filter_map(|k| R::fields().iter().find(|s| s.key == *k).copied())
        .collect();
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let m = map_of(r);
            specs
                .iter()
                .map(|s| field_text(app.lang, s, m.get(s.key)))
                .collect()
        })
        .collect();
    let headers: Vec<String> = specs
        .iter()
        .map(|s| field_label(app.lang, table, s.key))
        .collect();
    draw_table(frame, area, &headers, rows, d.selected[d.tab.index()]);
}

fn draw_table(
    frame: &mut Frame,
    area: Rect,
    headers: &[String],
    rows: Vec<Vec<String>>,
    selected: usize,
) {
    // Each column as wide as its widest cell, capped, long text columns filling the rest.
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| crate::ui::text::width(h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(crate::ui::text::width(c).min(40));
        }
    }
    let constraints: Vec<Constraint> = widths
        .iter()
        .map(|w| {
            if *w >= 24 {
                Constraint::Fill(1)
            } else {
                Constraint::Length(*w as u16)
            }
        })
        .collect();
    let col = Layout::horizontal(constraints.clone())
        .spacing(1)
        .split(area);
    let header = Row::new(
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| Cell::from(truncate(h, col[i.min(n - 1)].width as usize))),
    )
    .style(theme::header());
    let height = area.height.saturating_sub(1) as usize;
    let offset = selected.saturating_sub(height.saturating_sub(1));
    let body = rows.into_iter().skip(offset).take(height).map(|r| {
        Row::new(
            r.into_iter()
                .enumerate()
                .map(|(i, c)| Cell::from(truncate(&c, col[i].width as usize))),
        )
    });
    let table = Table::new(body, constraints)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(selected.saturating_sub(offset)));
    frame.render_stateful_widget(table, area, &mut state);
}

fn draw_contacts(frame: &mut Frame, area: Rect, app: &App, d: &DetailState) {
    let contacts = &d.dossier.contacts;
    if contacts.is_empty() {
        return empty(frame, area, app);
    }
    let height = (contacts.len() as u16 + 1).min(area.height / 2).max(3);
    let [table, dossier] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(area);
    draw_records(
        frame,
        table,
        app,
        d,
        contacts,
        &[
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
        ],
    );
    let selected = d.selected_item().map(|(_, id)| id);
    let contact = contacts.iter().find(|c| Some(c.id) == selected);
    let block = Block::bordered().title(format!(" {} ", app.t("field-dossier")));
    let inner = block.inner(dossier);
    frame.render_widget(block, dossier);
    match contact {
        Some(c) if d.revealed == Some(c.id) => match &c.dossier {
            Some(p) => draw_fields(frame, inner, app, "dossier", DOSSIER_FIELDS, &map_of(p)),
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
    draw_table(frame, area, &headers, rows, d.selected[d.tab.index()]);
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
            vec![
                c.at.replace('T', " "),
                c.actor.clone(),
                app.t(&format!("op-{}", c.op.code())),
                app.t(&format!("section-{}", c.entity)),
                field,
                shown_value(app, hidden, &c.old_value),
                shown_value(app, hidden, &c.new_value),
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
    draw_table(frame, area, &headers, rows, d.selected[d.tab.index()]);
}

/// A value of the history as shown: hidden ones (a personal dossier's) as a placeholder.
fn shown_value(app: &App, hidden: bool, value: &Option<String>) -> String {
    match value {
        Some(_) if hidden => app.t("history-personal-hidden"),
        v => v.clone().unwrap_or_default(),
    }
}
