//! A one-line text input that treats text as characters, not bytes: the cursor moves over
//! a double-width Chinese character in one step and backspace removes one character.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl Input {
    pub fn new(text: &str) -> Input {
        Input {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted or input-method text; line breaks become spaces in a one-line field.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c == '\n' || c == '\r' { ' ' } else { c });
        }
    }

    /// Pasted text for a several-line field: line breaks are kept.
    pub fn insert_lines(&mut self, s: &str) {
        for c in s.chars().filter(|c| *c != '\r') {
            self.insert(c);
        }
    }

    /// The text as one screen line: a line break shows as `↵`.
    pub fn display(&self) -> String {
        self.text.replace('\n', "↵")
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn set(&mut self, text: &str) {
        *self = Input::new(text);
    }

    /// Display columns before the cursor (double-width characters count two).
    pub fn cursor_column(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        let at = self.byte_at(self.cursor);
        self.text[..at].replace('\n', "↵").width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_are_one_step_and_two_columns() {
        let mut i = Input::new("张三");
        assert_eq!(i.cursor(), 2);
        assert_eq!(i.cursor_column(), 4);
        i.backspace();
        assert_eq!(i.text(), "张");
        i.left();
        i.insert('小');
        assert_eq!(i.text(), "小张");
        assert_eq!(i.cursor_column(), 2);
        i.insert_str("a\nb");
        assert_eq!(i.text(), "小a b张");
        let mut m = Input::new("");
        m.insert_lines("一\r\n二");
        assert_eq!(m.text(), "一\n二");
        assert_eq!(m.display(), "一↵二");
        assert_eq!(m.cursor_column(), 5);
    }
}
