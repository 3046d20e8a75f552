//! Stored text on its way to a terminal. A name imported from a hostile file can carry an
//! escape sequence (OSC 52 sets the clipboard, OSC 8 makes a link, CSI recolours or moves the
//! cursor), a C1 control that some terminals obey like ESC, a carriage return that overwrites
//! the line, or a bidi override / zero-width character that reorders or hides letters and
//! disguises a name. The data stays as it was imported; only what is shown is made safe, here,
//! for the command line, the files kam writes for people, and the interface alike.
//!
//! Each such character is shown by a visible mark (`\e`, `\x07`, `\r`, `<U+202E>` …) rather
//! than dropped, so a disguised name looks disguised. It is the lowest layer beside the domain:
//! plain text in, plain text out.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for a character that must never reach a terminal as it is: C0 controls (newline and
/// TAB included: the caller decides whether its format keeps them), DEL, C1 controls, bidi
/// embeddings, overrides, isolates and marks, zero-width and invisible formatting characters,
/// the line and paragraph separators, and the invisible tag characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi: Arabic letter mark, LRM/RLM, embeddings and overrides, isolates
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // zero width: space, non-joiner, joiner, word joiner and invisible operators, BOM
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}'
        | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}'
        // invisible letters and marks that pass for nothing or for a space: soft hyphen,
        // combining grapheme joiner, Hangul fillers, Khmer inherent vowels, the braille
        // blank, musical formatting (a hostile review disguised names with them)
        | '\u{ad}' | '\u{34f}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{2800}' | '\u{3164}' | '\u{ffa0}' | '\u{1d173}'..='\u{1d17a}')
}

/// The visible stand-in for an unsafe character, for writers with escaping of their own.
pub fn mark(c: char, out: &mut String) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\0' => out.push_str("\\0"),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// Whether `s` may hold an unsafe character (never false when it does), read byte by byte
/// from the UTF-8 encodings of the ranges in [`is_unsafe`]: every line kam prints passes
/// here, and decoding each character first made a 17 MB report 40% slower. `lines`: newline
/// and TAB are not counted (the caller keeps them).
fn may_hold_unsafe(s: &str, lines: bool) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte of `x` that is zero, exactly (no borrow between bytes).
    let zero = |x: u64| !(((x & LOW) + LOW) | x | LOW);
    let kept = if lines { b'\n' } else { 0xff };
    let kept_too = if lines { b'\t' } else { 0xff };
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time while they are plain ASCII (0x20–0x7e, and newline and TAB
        // when kept): the word tricks of "Bit Twiddling Hacks", exact per byte.
        if let Some(word) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
            let below_space = !((w & LOW) + ONES * 0x60) & HIGH;
            let allowed = zero(w ^ (ONES * kept as u64)) | zero(w ^ (ONES * kept_too as u64));
            let bad = (w & HIGH) | (below_space & !allowed) | zero(w ^ (ONES * 0x7f));
            if bad == 0 {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let hit = match c {
            b'\n' | b'\t' => !lines,
            0..=0x1f | 0x7f => true,
            0x20..=0x7e => false,
            // U+0080–U+009F, U+00AD
            0xc2 => matches!(at(i + 1), 0x80..=0x9f | 0xad),
            // U+034F
            0xcd => at(i + 1) == 0x8f,
            // U+061C
            0xd8 => at(i + 1) == 0x9c,
            // U+180E; U+115F, U+1160; U+17B4, U+17B5
            0xe1 => matches!(
                (at(i + 1), at(i + 2)),
                (0xa0, 0x8e) | (0x85, 0x9f) | (0x85, 0xa0) | (0x9e, 0xb4) | (0x9e, 0xb5)
            ),
            // U+200B–U+200F, U+2028–U+202E; U+2060–U+2069; U+2800
            0xe2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x8b..=0x8f | 0xa8..=0xae),
                0x81 => matches!(at(i + 2), 0xa0..=0xa4 | 0xa6..=0xa9),
                0xa0 => at(i + 2) == 0x80,
                _ => false,
            },
            // U+3164
            0xe3 => at(i + 1) == 0x85 && at(i + 2) == 0xa4,
            // U+FEFF; U+FFF9–U+FFFB; U+FFA0
            0xef => matches!(
                (at(i + 1), at(i + 2)),
                (0xbb, 0xbf) | (0xbf, 0xb9..=0xbb) | (0xbe, 0xa0)
            ),
            // U+1D173–U+1D17A
            0xf0 => at(i + 1) == 0x9d && at(i + 2) == 0x85 && matches!(at(i + 3), 0xb3..=0xba),
            // U+E0000–U+E007F
            0xf3 => at(i + 1) == 0xa0 && matches!(at(i + 2), 0x80 | 0x81),
            _ => false,
        };
        if hit {
            return true;
        }
        // `s` is UTF-8: a lead byte says how long its character is.
        i += match c {
            0xf0.. => 4,
            0xe0.. => 3,
            0xc0.. => 2,
            _ => 1,
        };
    }
    false
}

fn shown(s: &str, lines: bool, keep: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    if !may_hold_unsafe(s, lines) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_unsafe(c) || keep(c, chars.peek().copied()) {
            out.push(c);
        } else {
            mark(c, &mut out);
        }
    }
    Cow::Owned(out)
}

/// One value in a one-line record (a tab-separated row, a table cell, a status line): every
/// unsafe character shown, TAB and newline too, so columns stay columns and rows stay rows.
pub fn cell(s: &str) -> Cow<'_, str> {
    shown(s, false, |_, _| false)
}

/// Text that may run over lines (a report, a Markdown dossier): newline and TAB kept, a CR
/// kept only as part of CRLF (alone it returns to the line's start and overwrites it), every
/// other unsafe character shown.
pub fn text(s: &str) -> Cow<'_, str> {
    shown(s, true, |c, next| {
        c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'))
    })
}

/// A JSON text with every unsafe character that serde_json leaves raw (C1, bidi, zero width:
/// it escapes only C0) written as a `\u` escape. Outside strings JSON is ASCII, so every such
/// character is inside a string and the escape is the same JSON: programs read the value
/// exactly as stored, and a person who prints it to a terminal is not attacked by it.
fn json_escaped(s: &str) -> Cow<'_, str> {
    // serde_json writes C0 controls as escapes already; what is left is found byte by byte.
    if !may_hold_unsafe(s, true) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) && !c.is_ascii_whitespace() {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pretty JSON of `value` and a newline to `out`, with the unsafe characters escaped (see
/// [`json_escaped`]).
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let mut guard = Guard::json(out);
    // The serializer writes a piece per quote, key and indent: gathered first, the guard
    // checks 64 KB at a time (a 1 GB export spent 40% of its time checking pieces).
    let mut pieces = io::BufWriter::with_capacity(1 << 16, &mut guard);
    serde_json::to_writer_pretty(&mut pieces, value).map_err(io::Error::from)?;
    pieces.write_all(b"\n")?;
    pieces.flush()?;
    drop(pieces);
    guard.flush()
}

#[derive(Clone, Copy)]
enum Mode {
    Text,
    Json,
}

/// A writer that passes everything through [`text`] (or the JSON escaping) on its way out:
/// the last line of defence for a stream such as standard output, whatever printed into it.
/// Bytes are held back only while a UTF-8 sequence or a CR (which may start a CRLF) is cut
/// by a write's end; [`Write::flush`] and dropping write them.
pub struct Guard<W: Write> {
    inner: W,
    held: Vec<u8>,
    mode: Mode,
}

impl<W: Write> Guard<W> {
    pub fn text(inner: W) -> Guard<W> {
        Guard {
            inner,
            held: Vec::new(),
            mode: Mode::Text,
        }
    }

    pub fn json(inner: W) -> Guard<W> {
        Guard {
            inner,
            held: Vec::new(),
            mode: Mode::Json,
        }
    }

    fn pass(&mut self, s: &str) -> io::Result<()> {
        let safe = match self.mode {
            Mode::Text => text(s),
            Mode::Json => json_escaped(s),
        };
        self.inner.write_all(safe.as_bytes())
    }

    /// Writes out all held bytes that can be decided; with `end`, all of them.
    fn drain(&mut self, end: bool) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        let (ready, rest) = match std::str::from_utf8(&held) {
            Ok(s) => (s, &[][..]),
            Err(e) => {
                let (ok, rest) = held.split_at(e.valid_up_to());
                // SAFETY of the unwrap: the prefix is valid by construction.
                (std::str::from_utf8(ok).unwrap_or_default(), rest)
            }
        };
        // A CR at the end may be the first half of CRLF: wait for the next byte.
        let (ready, cr) = match ready.strip_suffix('\r') {
            Some(r) if !end && rest.is_empty() => (r, true),
            _ => (ready, false),
        };
        self.pass(ready)?;
        if end {
            if !rest.is_empty() {
                self.pass(&String::from_utf8_lossy(rest))?;
            }
        } else if rest.len() >= 4
            || std::str::from_utf8(rest).is_err_and(|e| e.error_len().is_some())
        {
            // Not the start of a sequence cut short: bad bytes, shown as U+FFFD.
            self.pass(&String::from_utf8_lossy(rest))?;
        } else {
            if cr {
                self.held.push(b'\r');
            }
            self.held.extend_from_slice(rest);
        }
        Ok(())
    }
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // The common case, whole characters with nothing held back, is passed on without a
        // copy: reports write millions of small pieces through here.
        if self.held.is_empty() && buf.last() != Some(&b'\r') {
            if let Ok(s) = std::str::from_utf8(buf) {
                self.pass(s)?;
                return Ok(buf.len());
            }
        }
        self.held.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guard<W> {
    fn drop(&mut self) {
        let _ = self.drain(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_shown_not_emitted() {
        let evil = "a\x1b]52;c;SGVsbG8=\x07\x1b[31m\u{9b}b\u{202e}c\u{200b}\r\0\t\nd";
        assert_eq!(
            cell(evil),
            r"a\e]52;c;SGVsbG8=\x07\e[31m<U+009B>b<U+202E>c<U+200B>\r\0\t\nd"
        );
        assert_eq!(
            text(evil),
            "a\\e]52;c;SGVsbG8=\\x07\\e[31m<U+009B>b<U+202E>c<U+200B>\\r\\0\t\nd"
        );
        assert_eq!(text("x\r\ny"), "x\r\ny");
        assert_eq!(cell("深圳市腾讯"), "深圳市腾讯");
        assert!(matches!(cell("plain"), Cow::Borrowed(_)));
        assert_eq!(cell("\u{7f}\u{e0041}"), r"\x7f<U+E0041>");
    }

    /// The byte scan misses no unsafe character: every character, alone and between others.
    #[test]
    fn the_byte_scan_finds_every_unsafe_character() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            let between = format!("名{c}x");
            for lines in [false, true] {
                let counted = is_unsafe(c) && !(lines && (c == '\n' || c == '\t'));
                if counted {
                    assert!(may_hold_unsafe(&alone, lines), "{:04X}", c as u32);
                    assert!(may_hold_unsafe(&between, lines), "{:04X}", c as u32);
                } else {
                    assert!(!may_hold_unsafe(&alone, lines), "{:04X}", c as u32);
                }
            }
        }
    }

    /// … and inside longer plain text, at every place in a word of eight bytes.
    #[test]
    fn the_byte_scan_finds_them_amid_plain_text() {
        let chars = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| (c as u32) < 0x3100 || is_unsafe(c) || (c as u32) >= 0xfff0);
        for c in chars {
            for at in 0..9 {
                let s = format!("{}{c}{}", &"abcdefghij"[..at], "klmnopqrstuvwxyz");
                let counted = is_unsafe(c) && c != '\n' && c != '\t';
                assert_eq!(
                    may_hold_unsafe(&s, true),
                    counted,
                    "{:04X} at {at}",
                    c as u32
                );
            }
        }
    }

    /// Invisible letters that pass for nothing or a space are shown (hostile review).
    #[test]
    fn invisible_fillers_are_shown() {
        for c in [
            '\u{ad}',
            '\u{34f}',
            '\u{115f}',
            '\u{3164}',
            '\u{2800}',
            '\u{1d173}',
        ] {
            let name = format!("王{c}五");
            assert_eq!(cell(&name), format!("王<U+{:04X}>五", c as u32));
        }
    }

    #[test]
    fn the_guard_decides_across_cut_writes() {
        let mut out = Vec::new();
        {
            let mut g = Guard::text(&mut out);
            let bytes = "名\r\n字\r\u{202e}\x1b".as_bytes();
            for b in bytes {
                g.write_all(std::slice::from_ref(b)).unwrap();
            }
            g.write_all(b"\r").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "名\r\n字\\r<U+202E>\\e\\r");
    }

    #[test]
    fn json_keeps_the_value_and_escapes_the_rest() {
        let value = serde_json::json!({ "name": "a\u{9b}\u{202e}\u{e0041}\x1b\nb" });
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text}");
        assert!(
            text.contains(r"\u009b\u202e\udb40\udc41\u001b\nb"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
