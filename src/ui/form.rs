//! Record forms, and the fields of every form and dialog: one line per field, its label, its
//! value and, when wrong, why.

use super::{text, theme};
use crate::app::fields::FieldEditor;
use crate::app::form::{label_table, Form, FormTarget};
use crate::app::App;
use crate::domain::FieldKind;
use crate::i18n::{field_label, t};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

fn title(app: &App, form: &Form) -> String {
    match form.target {
        FormTarget::New { kind, .. } => format!(
            "{} · {}",
            app.t("form-new"),
            app.t(&format!("section-{}", kind.table()))
        ),
        FormTarget::Edit { kind, .. } => format!(
            "{} · {}",
            app.t("form-edit"),
            app.t(&format!("section-{}", kind.table()))
        ),
        FormTarget::Dossier { .. } => app.t("field-dossier"),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, form: &Form) {
    // A new record's code is given by the book when left empty.
    let code_automatic = matches!(form.target, FormTarget::New { .. });
    let around = Shown {
        title: &title(app, form),
        table: label_table(form.target),
        warning: form.warning.as_deref(),
        code_automatic,
    };
    draw_fields(frame, area, app, &around, form);
}

/// What a form or a dialog shows around its fields.
pub(super) struct Shown<'a> {
    pub title: &'a str,
    /// The label-table of the fields' labels.
    pub table: &'a str,
    /// A line above the fields.
    pub warning: Option<&'a str>,
    /// An empty `code` field says it is given automatically.
    pub code_automatic: bool,
}

/// A field's label: the one given with it (a custom field's name), else the message files'.
fn label_of(app: &App, table: &str, form: &FieldEditor, key: &str) -> String {
    match form.labels.get(key) {
        Some(label) => label.clone(),
        None => field_label(app.lang, table, key),
    }
}

pub(super) fn draw_fields(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    around: &Shown,
    form: &FieldEditor,
) {
    let popup = super::popup::centered(area, 100, area.height);
    frame.render_widget(super::popup::Popup, popup);
    let block = Block::bordered()
        .title(format!(" {} ", around.title))
        .title_style(theme::title());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let warn_h = u16::from(around.warning.is_some());
    let [warning, fields_area, hint] = Layout::vertical([
        Constraint::Length(warn_h),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    if let Some(w) = around.warning {
        frame.render_widget(
            Paragraph::new(text::truncate(w, warning.width as usize)).style(theme::warn()),
            warning,
        );
    }
    let table = around.table;
    let label_w = form
        .fields
        .iter()
        .map(|f| text::width(&label_of(app, table, form, f.key)) + if f.required { 2 } else { 0 })
        .max()
        .unwrap_or(10)
        .min(24);
    let height = fields_area.height as usize;
    let offset = form.focus.saturating_sub(height.saturating_sub(1));
    super::scroll::bar(frame, fields_area, form.fields.len(), height, offset);
    let value_w = (fields_area.width as usize).saturating_sub(label_w + 2);
    for (row, i) in (offset..form.fields.len()).take(height).enumerate() {
        let spec = form.fields[i];
        let focused = i == form.focus;
        let mut label = label_of(app, table, form, spec.key);
        if spec.required {
            label.push_str(" *");
        }
        let label = text::truncate(&label, label_w);
        let pad = label_w - text::width(&label);
        let raw = form.inputs[i].text();
        let shown = match spec.kind {
            // The label of the interface's language only: a code is for files, not people.
            FieldKind::Choice(set) => match set.resolve(raw) {
                Some(code) => format!("‹ {} ›", set.label(app.lang, code)),
                None if raw.is_empty() => "‹ — ›".to_string(),
                None => raw.to_string(),
            },
            FieldKind::Bool => format!("[{}]", if raw.is_empty() { " " } else { "x" }),
            FieldKind::YesNo => match crate::domain::parse::yes_no(raw) {
                Some(Some(b)) => format!("‹ {} ›", t(app.lang, if b { "yes" } else { "no" })),
                Some(None) => format!("‹ {} ›", t(app.lang, "not-known")),
                None => raw.to_string(),
            },
            _ => form.inputs[i].display(),
        };
        // An account's code, a product's number (商品编号): given by the book when left empty.
        let numbered = spec.key == "code" || (table == "products" && spec.key == "number");
        let placeholder = raw.is_empty() && numbered && around.code_automatic;
        let mut spans = vec![
            Span::styled(
                format!("{label}{} ", " ".repeat(pad)),
                if focused {
                    theme::key()
                } else {
                    theme::header()
                },
            ),
            if placeholder {
                Span::styled(app.t("form-code-automatic"), theme::dim())
            } else {
                Span::styled(
                    text::truncate(&shown, value_w),
                    if focused {
                        theme::selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                )
            },
        ];
        let room = value_w.saturating_sub(text::width(&shown) + 2);
        if let Some(err) = &form.errors[i] {
            spans.push(Span::styled(
                format!("  {}", text::truncate(err, room)),
                theme::error(),
            ));
        } else if let Some(reading) = form.reading(i, app.lang) {
            // What the text will be read as (明天 → 2026-12-02 周三, 唐总 → 唐帆).
            spans.push(Span::styled(
                text::truncate(&format!("  → {reading}"), room),
                theme::dim(),
            ));
        }
        let y = fields_area.y + row as u16;
        frame.render_widget(
            Paragraph::new(Line::from(spans)),
            Rect {
                y,
                height: 1,
                ..fields_area
            },
        );
        let typed = !spec.kind.is_picked();
        if focused && typed && app.overlay.is_none() {
            let col = form.inputs[i].cursor_column().min(value_w);
            let x = fields_area.x + (label_w + 1 + col) as u16;
            frame.set_cursor_position(Position::new(
                x.min(fields_area.right().saturating_sub(1)),
                y,
            ));
        }
    }
    let hint_text = match form.focused_spec().kind {
        FieldKind::Bool | FieldKind::YesNo => t(app.lang, "form-hint-yes-no"),
        k if k.is_picked() => t(app.lang, "form-hint-choice"),
        FieldKind::Date => t(app.lang, "form-hint-date"),
        FieldKind::Json => t(app.lang, "form-hint-expenses"),
        _ => t(app.lang, "form-hint"),
    };
    frame.render_widget(
        Paragraph::new(text::truncate(&hint_text, hint.width as usize)).style(theme::dim()),
        hint,
    );
}
