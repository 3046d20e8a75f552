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
        Confirm::CancelPlan { title, .. } => t_args(
            app.lang,
            "confirm-cancel-plan",
            &[("title", title.clone().into())],
        ),
    };
    let popup = super::popup::centered(area, 60, 6);
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

pub fn draw_help(frame: &mut Frame, area: Rect, app: &App) {
    let mut keys = help_keys(app.view());
    // On a short window the form keys step aside: every form shows them in its own footer.
    if keys.len() + 2 > area.height as usize {
        keys.retain(|(_, id)| !id.starts_with("help-form-"));
    }
    let popup = super::popup::centered(area, 64, keys.len() as u16 + 2);
    frame.render_widget(super::popup::Popup, popup);
    let key_w = keys.iter().map(|(k, _)| text::width(k)).max().unwrap_or(4) + 2;
    let lines: Vec<Line> = keys
        .iter()
        .map(|(k, id)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_w$}"), theme::key()),
                Span::raw(app.t(id)),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(format!(" {} ", app.t("help-title")))),
        popup,
    );
}
