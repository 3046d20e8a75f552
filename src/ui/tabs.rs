//! A bar of tabs that never loses one off its right edge (issue 16: at 80×24 the Visits and
//! History tabs fell off): the full names when they fit, else closer together, else short
//! names, else the short names around the current tab with ‹ › where others are out of view.
//! The number before each name is the key that opens the tab.

use super::{text, theme};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// One tab: its key, and its name in full and short.
pub struct TabTitle {
    pub key: String,
    pub full: String,
    pub short: String,
}

/// The tabs of a bar as drawn: which names, how far apart, and which tabs are in view.
struct Fit<'a> {
    names: Vec<&'a str>,
    /// Blanks around each name (the roomy look of the widest bar).
    pad: usize,
    from: usize,
    to: usize,
}

impl Fit<'_> {
    fn width(&self) -> usize {
        let tabs: usize = (self.from..self.to)
            .map(|i| text::width(self.names[i]) + 2 * self.pad)
            .sum();
        let marks = 2 * usize::from(self.from > 0) + 2 * usize::from(self.to < self.names.len());
        tabs + (self.to - self.from).saturating_sub(1) + marks
    }
}

pub fn draw(frame: &mut Frame, area: Rect, tabs: &[TabTitle], selected: usize) {
    let line = bar(tabs, selected, area.width as usize);
    frame.render_widget(Paragraph::new(line), area);
}

fn bar(tabs: &[TabTitle], selected: usize, width: usize) -> Line<'static> {
    let n = tabs.len();
    let selected = selected.min(n.saturating_sub(1));
    let full: Vec<String> = tabs
        .iter()
        .map(|t| format!("{} {}", t.key, t.full).trim_start().to_string())
        .collect();
    let short: Vec<String> = tabs
        .iter()
        .map(|t| format!("{} {}", t.key, t.short).trim_start().to_string())
        .collect();
    fn whole(names: &[String], pad: usize) -> Fit<'_> {
        Fit {
            names: names.iter().map(String::as_str).collect(),
            pad,
            from: 0,
            to: names.len(),
        }
    }
    let fit = [whole(&full, 1), whole(&full, 0), whole(&short, 0)]
        .into_iter()
        .find(|f| f.width() <= width)
        .unwrap_or_else(|| around(whole(&short, 0), selected, width));
    let mut spans = vec![];
    if fit.from > 0 {
        spans.push(Span::styled("‹ ", theme::dim()));
    }
    for i in fit.from..fit.to {
        if i > fit.from {
            spans.push(Span::styled("│", theme::dim()));
        }
        let pad = " ".repeat(fit.pad);
        let name = format!("{pad}{}{pad}", fit.names[i]);
        spans.push(if i == selected {
            Span::styled(name, theme::selected())
        } else {
            Span::raw(name)
        });
    }
    if fit.to < n {
        spans.push(Span::styled(" ›", theme::dim()));
    }
    Line::from(spans)
}

/// As many tabs as fit around the selected one: one more on the right, then on the left.
fn around(mut fit: Fit, selected: usize, width: usize) -> Fit {
    fit.from = selected;
    fit.to = selected + 1;
    loop {
        let mut grown = false;
        for right in [true, false] {
            let (from, to) = (fit.from, fit.to);
            if right && fit.to < fit.names.len() {
                fit.to += 1;
            } else if !right && fit.from > 0 {
                fit.from -= 1;
            } else {
                continue;
            }
            if fit.width() <= width {
                grown = true;
            } else {
                (fit.from, fit.to) = (from, to);
            }
        }
        if !grown {
            return fit;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tabs(names: &[(&str, &str)]) -> Vec<TabTitle> {
        names
            .iter()
            .enumerate()
            .map(|(i, (full, short))| TabTitle {
                key: ((i + 1) % 10).to_string(),
                full: full.to_string(),
                short: short.to_string(),
            })
            .collect()
    }

    fn shown(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn every_tab_is_shown_when_short_names_fit() {
        let t = tabs(&[
            ("Overview", "Info"),
            ("Opportunities", "Opps"),
            ("History", "Hist."),
        ]);
        assert_eq!(
            shown(&bar(&t, 0, 80)),
            " 1 Overview │ 2 Opportunities │ 3 History "
        );
        assert_eq!(
            shown(&bar(&t, 0, 36)),
            "1 Overview│2 Opportunities│3 History"
        );
        assert_eq!(shown(&bar(&t, 2, 24)), "1 Info│2 Opps│3 Hist.");
    }

    #[test]
    fn the_current_tab_stays_in_view_when_not_all_fit() {
        let names = [("a", "aaaa"); 10];
        let t = tabs(&names);
        for selected in 0..10 {
            let line = shown(&bar(&t, selected, 30));
            assert!(text::width(&line) <= 30, "{line}");
            let key = format!("{} aaaa", (selected + 1) % 10);
            assert!(line.contains(&key), "{selected}: {line}");
        }
        assert!(shown(&bar(&t, 9, 30)).starts_with("‹ "));
        assert!(shown(&bar(&t, 0, 30)).ends_with(" ›"));
    }
}
