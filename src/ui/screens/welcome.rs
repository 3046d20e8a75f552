//! The welcome of an empty book: what kam is and the first keys.

use crate::app::App;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let lines = vec![
        Line::from(Span::styled(app.t("welcome-title"), theme::title())),
        Line::from(""),
        Line::from(app.t("welcome-body")),
        Line::from(""),
        Line::from(vec![
            Span::styled("  n  ", theme::key()),
            Span::raw(app.t("welcome-new")),
        ]),
        Line::from(vec![
            Span::styled("  d  ", theme::key()),
            Span::raw(app.t("welcome-demo")),
        ]),
        Line::from(vec![
            Span::styled("  i  ", theme::key()),
            Span::raw(app.t("welcome-import-key")),
        ]),
        Line::from(vec![
            Span::styled("  t  ", theme::key()),
            Span::raw(app.t("help-trash")),
        ]),
        Line::from(vec![
            Span::styled("  ?  ", theme::key()),
            Span::raw(app.t("help-help")),
        ]),
        Line::from(vec![
            Span::styled("  q  ", theme::key()),
            Span::raw(app.t("help-quit")),
        ]),
        Line::from(""),
        Line::from(Span::styled(app.t("welcome-import"), theme::dim())),
    ];
    let inner = crate::ui::popup::centered(area, 70, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(Block::bordered().title(" kam ")),
        inner,
    );
}
