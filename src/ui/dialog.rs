//! The confirm dialog and the help overlay.

use super::{text, theme};
use crate::app::keymap::help_keys;
use crate::app::{App, Confirm};
use crate::i18n::t_args;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, c: &Confirm) {
    if let Confirm::Import(check) = c {
        return draw_import(frame, area, app, check);
    }
    let question = match c {
        Confirm::Import(_) => String::new(),
        Confirm::RestoreValue(c) => t_args(
            app.lang,
            "confirm-restore-value",
            &[
                (
                    "field",
                    crate::i18n::field_label(app.lang, &c.entity, c.field.as_deref().unwrap_or(""))
                        .into(),
                ),
                (
                    "value",
                    c.old_value
                        .clone()
                        .unwrap_or_else(|| app.t("history-empty-value"))
                        .into(),
                ),
            ],
        ),
        Confirm::Undo(group) => {
            let what = group
                .iter()
                .map(|c| match &c.field {
                    Some(f) => crate::i18n::field_label(app.lang, &c.entity, f),
                    None => format!(
                        "{} {}: {}",
                        app.t(&format!("op-{}", c.op.code())),
                        app.t(&format!("section-{}", c.entity)),
                        c.new_value
                            .clone()
                            .or(c.old_value.clone())
                            .unwrap_or_default()
                    ),
                })
                .collect::<Vec<_>>()
                .join(", ");
            t_args(
                app.lang,
                "confirm-undo",
                &[
                    ("what", what.into()),
                    (
                        "at",
                        group
                            .first()
                            .map(|c| c.at.replace('T', " "))
                            .unwrap_or_default()
                            .into(),
                    ),
                ],
            )
        }
        Confirm::Merge {
            keep_name,
            drop_name,
            ..
        } => t_args(
            app.lang,
            "merge-confirm",
            &[
                ("keep", keep_name.clone().into()),
                ("drop", drop_name.clone().into()),
            ],
        ),
        Confirm::Delete { title, .. } => t_args(
            app.lang,
            "confirm-delete",
            &[("title", title.clone().into())],
        ),
        Confirm::DiscardForm => app.t("confirm-discard"),
        Confirm::PlainExport => app.t("confirm-plain-export"),
        Confirm::UndoImport => app.t("confirm-undo-import"),
        Confirm::AddProduct { name, .. } => t_args(
            app.lang,
            "confirm-add-product",
            &[("name", name.clone().into())],
        ),
        Confirm::CancelPlan { title, .. } => t_args(
            app.lang,
            "confirm-cancel-plan",
            &[("title", title.clone().into())],
        ),
    };
    // As tall as the question wrapped at the popup's width, so the keys under it stay in
    // sight (a merge question takes three lines at 60 columns).
    let inner_w = area.width.min(60).saturating_sub(2) as usize;
    let rows = text::wrap(&question, inner_w).len() as u16;
    let popup = super::popup::centered(area, 60, rows + 4);
    frame.render_widget(super::popup::Popup, popup);
    let lines = vec![
        Line::from(question),
        Line::from(""),
        Line::from(vec![
            Span::styled(" y ", theme::key()),
            Span::raw(app.t("confirm-yes")),
            Span::raw("   "),
            Span::styled(" n/Esc ", theme::key()),
            Span::raw(app.t("confirm-no")),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(format!(" {} ", app.t("confirm-title")))
                .border_style(theme::warn()),
        ),
        popup,
    );
}

/// The dry run of an import, or the problems of a file that cannot go in.
fn draw_import(frame: &mut Frame, area: Rect, app: &App, check: &crate::app::dialogs::ImportCheck) {
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        check.file.display().to_string(),
        theme::header(),
    ))];
    let style = if check.ok {
        theme::ok()
    } else {
        theme::error()
    };
    lines.extend(check.lines.iter().map(|l| Line::styled(l.clone(), style)));
    lines.push(Line::from(""));
    lines.push(if check.ok {
        Line::from(vec![
            Span::styled(" y ", theme::key()),
            Span::raw(app.t("import-go")),
            Span::raw("   "),
            Span::styled(" n/Esc ", theme::key()),
            Span::raw(app.t("confirm-no")),
        ])
    } else {
        Line::from(vec![
            Span::styled(" Esc ", theme::key()),
            Span::raw(app.t("import-close")),
        ])
    });
    // Long problems wrap: count the rows they take at the dialog's inner width.
    let inner = area.width.min(76).saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let popup = super::popup::centered(area, 76, rows as u16 + 2);
    frame.render_widget(super::popup::Popup, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {} ", app.t("import-title")))
                .border_style(if check.ok { theme::ok() } else { theme::warn() }),
        ),
        popup,
    );
}

/// The keys of the screen, one a line, long ones wrapped under their text; on a short
/// window it scrolls with the selected line (j k), as every list does.
pub fn draw_help(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let keys = help_keys(app.view());
    let popup_w = area.width.min(76);
    let inner_w = popup_w.saturating_sub(2) as usize;
    // A long key (Alt-Enter Ctrl-J) takes a line of its own rather than a wide column.
    let key_w = keys
        .iter()
        .map(|(k, _)| text::width(k))
        .filter(|w| *w <= 12)
        .max()
        .unwrap_or(4)
        + 2;
    let text_w = inner_w.saturating_sub(key_w + 1).max(8);
    let mut lines: Vec<Line> = vec![];
    let mut selected_at = (0, 1);
    for (i, (k, id)) in keys.iter().enumerate() {
        let style = if i == selected {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        let start = lines.len();
        let mut parts = text::wrap(&app.t(id), text_w);
        if text::width(k) >= key_w {
            lines.push(Line::from(Span::styled(k.to_string(), theme::key())));
        } else if let Some(first) = parts.first_mut() {
            let first = std::mem::take(first);
            lines.push(Line::from(vec![
                Span::styled(format!("{k:<key_w$}"), theme::key()),
                Span::styled(first, style),
            ]));
            parts.remove(0);
        }
        for part in parts {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(key_w)),
                Span::styled(part, style),
            ]));
        }
        if i == selected {
            selected_at = (start, lines.len() - start);
        }
    }
    let popup = super::popup::centered(area, popup_w, lines.len() as u16 + 2);
    frame.render_widget(super::popup::Popup, popup);
    let block = Block::bordered().title(format!(" {} ", app.t("help-title")));
    let inner = block.inner(popup);
    let height = inner.height as usize;
    let (at, len) = selected_at;
    let offset = super::scroll::offset(at, len, height);
    let total = lines.len();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((offset as u16, 0)),
        popup,
    );
    super::scroll::bar(frame, inner, total, height, offset);
}
