//! Where a popup goes and how it clears what is under it: every dialog, form, finder and
//! question over a screen is drawn through these.

use ratatui::layout::Rect;

/// A rectangle of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears the area of a popup, and the halves of wide (Chinese) characters cut by its left
/// and right edges: a character two columns wide left just outside the left edge would
/// cover the popup's border on a real terminal (and its orphaned right half, just outside
/// the right edge, would never be redrawn).
pub(crate) struct Popup;

impl ratatui::widgets::Widget for Popup {
    fn render(self, area: Rect, buf: &mut ratatui::buffer::Buffer) {
        use unicode_width::UnicodeWidthStr;
        ratatui::widgets::Clear.render(area, buf);
        let bounds = buf.area;
        for y in area.top()..area.bottom() {
            if area.left() > bounds.left() {
                if let Some(c) = buf.cell_mut((area.left() - 1, y)) {
                    if c.symbol().width() > 1 {
                        c.set_symbol(" ");
                    }
                }
            }
            if area.right() < bounds.right() {
                if let Some(c) = buf.cell_mut((area.right(), y)) {
                    if c.symbol().is_empty() {
                        c.set_symbol(" ");
                    }
                }
            }
        }
    }
}
