//! Showing what is longer than the window: the first line shown follows the selection (so
//! drawing needs no state of its own), and a bar at the right edge says there is more.

use super::theme;
use ratatui::layout::Rect;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

/// The first line to show of a window `height` lines tall so that the `len` lines of the
/// selection starting at line `at` are in view (its top, when it is taller than the window).
pub fn offset(at: usize, len: usize, height: usize) -> usize {
    (at + len).saturating_sub(height).min(at)
}

/// A bar at the right edge of `area` when `total` lines are more than the `shown` ones.
pub fn bar(frame: &mut Frame, area: Rect, total: usize, shown: usize, offset: usize) {
    if total <= shown {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(shown))
        .position(offset)
        .viewport_content_length(shown);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme::dim()),
        area,
        &mut state,
    );
}

#[cfg(test)]
mod tests {
    use super::offset;

    #[test]
    fn the_selection_stays_in_view() {
        assert_eq!(offset(0, 1, 10), 0);
        assert_eq!(offset(9, 1, 10), 0);
        assert_eq!(offset(10, 1, 10), 1);
        assert_eq!(offset(10, 3, 10), 3);
        // Taller than the window: its first line at the top.
        assert_eq!(offset(10, 30, 10), 10);
    }
}
