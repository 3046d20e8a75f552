//! The confirm dialog and the help overlay.

use super::{text, theme};
use crate::app::keymap::help_keys;
use crate::app::{App, Confirm};
use crate::i18n::t_args;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, c: &Confirm) {
    let question = match c {
        Confirm::Delete { title, .. } => t_args(
            app.lang,
            "confirm-delete",
            &[("title", title.clone().into())],
        ),
        Confirm::DiscardForm => app.t("confirm-discard"),
        Confirm::CancelPlan { title, .. } => t_args(
            app.lang,
            "confirm-cancel-plan",
            &[("title", title.clone().into())],
        ),
    };
    let popup = super::centered(area, 60, 6);
    frame.render_widget(Clear, popup);
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

pub fn draw_help(frame: &mut Frame, area: Rect, app: &App) {
    let mut keys = help_keys(app.view);
    // On a short window the form keys step aside: every form shows them in its own footer.
    if keys.len() + 2 > area.height as usize {
        keys.retain(|(_, id)| !id.starts_with("help-form-"));
    }
    let popup = super::centered(area, 64, keys.len() as u16 + 2);
    frame.render_widget(Clear, popup);
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
