//! A vCard file's content lines as phones write them: folded lines (a leading space or tab)
//! and vCard 2.1's QUOTED-PRINTABLE soft line breaks (`=` at the end) joined, values decoded
//! from their CHARSET (UTF-8, GBK/GB18030, Big5, Shift_JIS …) byte by byte, since one file may
//! mix them. Nothing is guessed silently: bytes that are not text in their charset stay
//! visible as `=XX`.

/// One property of a card: `item1.TEL;TYPE=cell:…` → group `item1`, name `TEL`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Property {
    pub group: Option<String>,
    /// Upper case.
    pub name: String,
    /// Every TYPE value and bare 2.1 parameter, lower case (`cell`, `work`, `pref`, `fax`).
    pub types: Vec<String>,
    /// Other parameters, upper-case name, value as written (`VALUE=uri`, `ENCODING=b`).
    pub params: Vec<(String, String)>,
    /// Decoded text, still with vCard's backslash escapes (structured values split on `;`
    /// before they are unescaped).
    pub raw: String,
    /// The property's own lines as they were in the file.
    pub source: String,
}

impl Property {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_type(&self, t: &str) -> bool {
        self.types.iter().any(|x| x == t)
    }

    /// The value with `\n`, `\,`, `\;`, `\\` and `\:` unescaped.
    pub fn text(&self) -> String {
        unescape(&self.raw)
    }

    /// The parts of a structured value (N, ADR, ORG), each unescaped.
    pub fn parts(&self) -> Vec<String> {
        split_unescaped(&self.raw, ';')
            .into_iter()
            .map(|p| unescape(&p))
            .collect()
    }

    /// Binary content (PHOTO, LOGO, SOUND, KEY in base64) that kam has no place for.
    pub fn is_binary(&self) -> bool {
        let enc = self.param("ENCODING").unwrap_or("").to_ascii_lowercase();
        enc == "b" || enc == "base64" || self.types.iter().any(|t| t == "base64")
    }
}

pub fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    // Windows phones and Outlook write CRLF inside quoted-printable notes.
    out.replace("\r\n", "\n")
}

fn split_unescaped(v: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let last = parts.last_mut().expect("one part");
            last.push(c);
            if let Some(n) = chars.next() {
                last.push(n);
            }
        } else if c == sep {
            parts.push(String::new());
        } else {
            parts.last_mut().expect("one part").push(c);
        }
    }
    parts
}

/// Physical lines without their line ends (CRLF, LF or a lone CR).
fn physical_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = vec![];
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&bytes[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&bytes[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(&bytes[start..]);
    }
    lines
}

fn is_quoted_printable(head: &[u8]) -> bool {
    let h = String::from_utf8_lossy(head).to_ascii_uppercase();
    h.split(';')
        .skip(1)
        .any(|p| p == "QUOTED-PRINTABLE" || p == "ENCODING=QUOTED-PRINTABLE")
}

/// Logical lines: folded lines joined, QP soft breaks joined; each with its source text.
pub fn logical_lines(bytes: &[u8]) -> Vec<(Vec<u8>, String)> {
    let mut out: Vec<(Vec<u8>, String)> = vec![];
    let mut qp_open = false;
    for line in physical_lines(bytes) {
        let source = String::from_utf8_lossy(line).into_owned();
        if let Some((last, src)) = out.last_mut() {
            if qp_open {
                // A soft break: the `=` that ended the previous line is dropped.
                last.pop();
                last.extend_from_slice(line);
                src.push('\n');
                src.push_str(&source);
                qp_open = line.ends_with(b"=");
                continue;
            }
            if let Some(rest) = line.strip_prefix(b" ").or_else(|| line.strip_prefix(b"\t")) {
                last.extend_from_slice(rest);
                src.push('\n');
                src.push_str(&source);
                continue;
            }
        }
        if line.is_empty() {
            qp_open = false;
            continue;
        }
        let head_end = line.iter().position(|b| *b == b':').unwrap_or(line.len());
        qp_open = is_quoted_printable(&line[..head_end]) && line.ends_with(b"=");
        out.push((line.to_vec(), source));
    }
    out
}

fn qp_decode(v: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'=' {
            if let (Some(h), Some(l)) = (
                v.get(i + 1).copied().and_then(hex),
                v.get(i + 2).copied().and_then(hex),
            ) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
    out
}

/// Bytes as text in `charset`. UTF-8 that is not valid keeps its bad bytes visible as `=XX`;
/// text in no charset is read as UTF-8, else GB18030 (what Chinese phones write).
fn to_text(bytes: &[u8], charset: Option<&str>) -> String {
    let label = charset.map(|c| c.trim().to_ascii_lowercase());
    let encoding = match label.as_deref() {
        None | Some("utf-8") | Some("utf8") => None,
        Some("gbk") | Some("gb2312") | Some("gb18030") | Some("cp936") => {
            Some(encoding_rs::GB18030)
        }
        Some(other) => encoding_rs::Encoding::for_label(other.as_bytes()),
    };
    match encoding {
        // A card that names a legacy charset but holds UTF-8 (OpenHarmony's tests write
        // `CHARSET=SHIFT_JIS` over UTF-8 text): read in the named charset it is garbled, while
        // text in GBK, Big5 or Shift_JIS is almost never valid UTF-8 by chance.
        Some(_) if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        Some(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
        None if charset.is_none() && std::str::from_utf8(bytes).is_err() => {
            let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if bad {
                utf8_keeping_bad_bytes(bytes)
            } else {
                text.into_owned()
            }
        }
        None => utf8_keeping_bad_bytes(bytes),
    }
}

fn utf8_keeping_bad_bytes(mut bytes: &[u8]) -> String {
    let mut out = String::new();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or(""));
                let n = e.error_len().unwrap_or(rest.len()).max(1);
                for b in &rest[..n] {
                    out.push_str(&format!("={b:02X}"));
                }
                bytes = &rest[n..];
            }
        }
    }
}

/// A logical line as a property; `None` for a line without `:`.
pub fn property(line: &[u8], source: String) -> Option<Property> {
    // The value starts after the first `:` outside a quoted parameter value.
    let mut quoted = false;
    let colon = line.iter().position(|b| {
        if *b == b'"' {
            quoted = !quoted;
        }
        *b == b':' && !quoted
    })?;
    let head = String::from_utf8_lossy(&line[..colon]).into_owned();
    let value = &line[colon + 1..];
    let mut pieces = head.split(';');
    let full_name = pieces.next().unwrap_or("").trim();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((g, n)) => (Some(g.to_string()), n.to_ascii_uppercase()),
        None => (None, full_name.to_ascii_uppercase()),
    };
    let mut p = Property {
        group,
        name,
        source,
        ..Default::default()
    };
    for piece in pieces {
        match piece.split_once('=') {
            Some((k, v)) if k.eq_ignore_ascii_case("type") => {
                for t in v.trim_matches('"').split(',') {
                    p.types.push(t.trim().to_ascii_lowercase());
                }
            }
            Some((k, v)) => p.params.push((
                k.trim().to_ascii_uppercase(),
                v.trim_matches('"').to_string(),
            )),
            None => p.types.push(piece.trim().to_ascii_lowercase()),
        }
    }
    let qp = p.types.iter().any(|t| t == "quoted-printable")
        || p.param("ENCODING")
            .is_some_and(|e| e.eq_ignore_ascii_case("quoted-printable"));
    let bytes = if qp { qp_decode(value) } else { value.to_vec() };
    p.raw = to_text(&bytes, p.param("CHARSET"));
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(text: &[u8]) -> Vec<Property> {
        logical_lines(text)
            .into_iter()
            .filter_map(|(l, s)| property(&l, s))
            .collect()
    }

    #[test]
    fn quoted_printable_with_soft_breaks_and_charsets_is_decoded() {
        let p = props(b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=99=BD;=E7=92=90;;;\r\n");
        assert_eq!(p[0].parts()[..2], ["白".to_string(), "璐".to_string()]);
        let p = props(
            b"FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=E6=9B=BE=E5=\r\n=B0=8F\r\nTEL:1\r\n",
        );
        assert_eq!(p[0].text(), "曾小");
        assert_eq!(p[1].name, "TEL");
        let p = props(b"N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=BA=FA\r\n");
        assert_eq!(p[0].text(), "胡");
        let p = props(b"N;CHARSET=BIG5;ENCODING=QUOTED-PRINTABLE:=B3=AF\r\n");
        assert_eq!(p[0].text(), "陳");
        let p = props(b"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=80\r\n");
        assert_eq!(p[0].text(), "Ñ=80", "a bad byte stays visible");
    }

    #[test]
    fn folded_lines_and_quoted_parameters_are_joined_and_read() {
        let p = props(
            b"NOTE:one\r\n  two\r\nTEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418;ext=1\r\n",
        );
        assert_eq!(p[0].text(), "one two");
        assert_eq!(p[1].types, ["work", "voice"]);
        assert_eq!(p[1].raw, "tel:+1-418;ext=1");
        let p = props(b"item1.TEL;CELL;PREF:123\n");
        assert_eq!(p[0].group.as_deref(), Some("item1"));
        assert!(p[0].has_type("cell") && p[0].has_type("pref"));
    }
}
