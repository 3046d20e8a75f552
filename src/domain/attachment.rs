//! Attachments (附件): a photo of a business card, a signed quotation, a PDF, kept inside the
//! book's own file so that one file is the whole book — encrypted, backed up and erased by
//! `forget` with it. This file holds what an attachment is and the rules on it; the bytes
//! live in the store.

/// The largest file kam keeps: 20 MB. A book is read whole by backups and syncs; a scanned
/// contract fits well under this, a video does not belong in a customer file.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// One attachment as listed: everything but its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub uid: String,
    pub account_id: i64,
    /// The visit it belongs to, when it was attached to one.
    pub visit_id: Option<i64>,
    /// The person it is about (a business card), when it belongs to one.
    pub contact_id: Option<i64>,
    /// The file's name as it was attached (no folder).
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub added_at: String,
}

/// The media type of a file, from its first bytes when they say, else from its name's
/// extension; `application/octet-stream` when neither does.
pub fn guess_mime(name: &str, bytes: &[u8]) -> &'static str {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
    ];
    for (magic, mime) in MAGIC {
        if bytes.starts_with(magic) {
            return mime;
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return "image/webp";
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The name a file is kept under: its last path part, without characters that would lead
/// out of a folder when it is saved again.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "attachment".to_string()
    } else {
        cleaned
    }
}

/// `name`, or `name (2).ext`, `name (3).ext` … the first that `taken` says is free: saving
/// never overwrites a file.
pub fn free_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|candidate| !taken(candidate))
        .expect("some number is free")
}

/// A size as people read it: `812 B`, `11.7 KB`, `4.1 MB`.
pub fn size_text(bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b < 1024.0 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.1} MB", b / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes_before_the_name() {
        for (name, bytes, mime) in [
            ("scan.bin", &b"%PDF-1.7 ..."[..], "application/pdf"),
            ("card.jpg", b"\x89PNG\r\n\x1a\n....", "image/png"),
            ("名片.JPG", b"not a jpeg", "image/jpeg"),
            ("报价单.docx", b"PK\x03\x04", DOCX),
            ("noext", b"hello", "application/octet-stream"),
        ] {
            assert_eq!(guess_mime(name, bytes), mime, "{name}");
        }
    }
    const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(812), "812 B");
        assert_eq!(size_text(12_000), "11.7 KB");
        assert_eq!(size_text(20 * 1024 * 1024), "20.0 MB");
    }

    #[test]
    fn names_keep_no_folder() {
        assert_eq!(clean_name("/home/li/报价单.pdf"), "报价单.pdf");
        assert_eq!(clean_name("..\\..\\x.png"), "x.png");
        assert_eq!(clean_name(".."), "attachment");
        assert_eq!(clean_name("a\u{1b}b.txt"), "ab.txt");
    }

    #[test]
    fn saving_again_picks_a_free_name() {
        let taken = ["card.png", "card (2).png", "README"];
        let t = |n: &str| taken.contains(&n);
        assert_eq!(free_name("new.png", t), "new.png");
        assert_eq!(free_name("card.png", t), "card (3).png");
        assert_eq!(free_name("README", t), "README (2)");
    }
}
