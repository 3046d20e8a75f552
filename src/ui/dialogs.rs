//! Dialogs (app/dialogs/): drawn as their fields under their title, like a record form.

use super::form::{draw_fields, Shown};
use crate::app::dialogs::Dialog;
use crate::app::App;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, dialog: &Dialog) {
    let around = Shown {
        title: &app.t(dialog.title()),
        table: dialog.label_table(),
        warning: None,
        code_automatic: false,
    };
    draw_fields(frame, area, app, &around, dialog.editor());
}
