//! Attachments (issue 22): a business card's photo or a signed quotation kept inside the book's
//! file — `kam attach`, `kam attachments [--save DIR]`, a size limit said in one sentence with
//! nothing stored, and `kam forget` taking the bytes out of the file.

use crate::support::*;
use kam::domain::*;
use kam::store::{Access, Store};

/// A PNG's first bytes, then a text found nowhere else, long enough to fill overflow pages.
fn card_bytes(secret: &str) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    while b.len() < 12_000 {
        b.extend_from_slice(secret.as_bytes());
    }
    b
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The book's file and its WAL, as bytes.
fn file_bytes(db: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    if let Ok(wal) = std::fs::read(db.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn book() -> (TempDb, i64) {
    let db = TempDb::new();
    let mut s = db.writer();
    let id = fill(&mut s);
    drop(s);
    (db, id)
}

#[test]
fn a_card_is_attached_listed_and_saved_back_whole() {
    let (db, _) = book();
    let card = db.file("名片 张三.png");
    let bytes = card_bytes("card-of-zhang-san;");
    std::fs::write(&card, &bytes).unwrap();
    let o = kam_db(&db.path, &["attach", "C000777", card.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("名片 张三.png"), "{}", stdout(&o));

    let listed = stdout(&kam_db(&db.path, &["attachments", "C000777"]));
    assert!(
        listed.contains("名片 张三.png") && listed.contains("image/png"),
        "{listed}"
    );
    assert!(listed.contains("11.7 KB"), "{listed}");

    let out = db.file("saved");
    let o = kam_db(
        &db.path,
        &["attachments", "C000777", "--save", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("名片 张三.png")).unwrap(), bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("名片 张三.png"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Saving again never overwrites: the first copy, edited since, stays as it is.
    std::fs::write(out.join("名片 张三.png"), b"edited").unwrap();
    let o = kam_db(
        &db.path,
        &["attachments", "C000777", "--save", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("名片 张三.png")).unwrap(), b"edited");
    assert_eq!(std::fs::read(out.join("名片 张三 (2).png")).unwrap(), bytes);
}

#[test]
fn a_file_over_the_limit_is_refused_in_one_sentence_and_nothing_is_stored() {
    let (db, _) = book();
    let big = db.file("video.mp4");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(attachment::MAX_BYTES + 1).unwrap();
    drop(f);
    for (lang, words) in [("en", "larger than 20 MB"), ("zh", "超过 20 MB")] {
        let o = kam_db(
            &db.path,
            &["--lang", lang, "attach", "C000777", big.to_str().unwrap()],
        );
        let line = assert_one_error_line(&o);
        assert!(line.contains(words) && line.contains("video.mp4"), "{line}");
    }
    let store = Store::open(&db.path, Access::Read).unwrap();
    assert!(store.all_attachments().unwrap().is_empty());
}

#[test]
fn a_visit_of_another_account_is_refused() {
    let (db, _) = book();
    let mut s = db.writer();
    let mut other = sample_account("C000900");
    other.name = "另一家公司".into();
    other.registration_no = None;
    let other_id = s.insert(&mut other).unwrap();
    let visit = s.insert(&mut sample_report(other_id)).unwrap();
    drop(s);
    let file = db.file("报价单.pdf");
    std::fs::write(&file, b"%PDF-1.7 quotation").unwrap();
    let line = assert_one_error_line(&kam_db(
        &db.path,
        &[
            "attach",
            "C000777",
            file.to_str().unwrap(),
            "--visit",
            &visit.to_string(),
        ],
    ));
    assert!(line.contains(&format!("visit {visit}")), "{line}");
    let o = kam_db(
        &db.path,
        &[
            "attach",
            "C000900",
            file.to_str().unwrap(),
            "--visit",
            &visit.to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open(&db.path, Access::Read).unwrap();
    let all = store.all_attachments().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].visit_id, Some(visit));
    assert_eq!(all[0].mime, "application/pdf");
}

#[test]
fn forgetting_the_account_takes_its_attachments_out_of_the_file() {
    let (db, _) = book();
    let mut s = db.writer();
    let mut other = sample_account("C000900");
    other.name = "留下的客户".into();
    other.registration_no = None;
    s.insert(&mut other).unwrap();
    drop(s);
    let gone = db.file("quote.png");
    std::fs::write(&gone, card_bytes("GONE-secret-quotation;")).unwrap();
    let kept = db.file("kept.png");
    std::fs::write(&kept, card_bytes("KEPT-other-quotation;")).unwrap();
    for (code, f) in [("C000777", &gone), ("C000900", &kept)] {
        let o = kam_db(&db.path, &["attach", code, f.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(contains(&file_bytes(&db.path), b"GONE-secret-quotation;"));

    let o = kam_db(&db.path, &["forget", "C000777"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = file_bytes(&db.path);
    assert!(
        !contains(&bytes, b"GONE-secret-quotation;"),
        "the forgotten account's attachment is still in the file"
    );
    assert!(contains(&bytes, b"KEPT-other-quotation;"));
    let store = Store::open(&db.path, Access::Read).unwrap();
    let all = store.all_attachments().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "kept.png");
}

#[test]
fn forgetting_a_person_takes_their_card_out_of_the_file() {
    let (db, id) = book();
    let store = Store::open(&db.path, Access::Read).unwrap();
    let zhang = store
        .all::<Contact>()
        .unwrap()
        .into_iter()
        .find(|c| c.account_id == id)
        .unwrap();
    drop(store);
    let card = db.file("card.png");
    std::fs::write(&card, card_bytes("ZHANG-private-card;")).unwrap();
    let quote = db.file("quote.pdf");
    std::fs::write(&quote, b"%PDF-1.7 the account's own quotation").unwrap();
    let o = kam_db(
        &db.path,
        &[
            "attach",
            "C000777",
            card.to_str().unwrap(),
            "--contact",
            &zhang.id.to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kam_db(&db.path, &["attach", "C000777", quote.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = kam_db(&db.path, &["forget", &format!("C000777:{}", zhang.name)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!contains(&file_bytes(&db.path), b"ZHANG-private-card;"));
    let listed = stdout(&kam_db(&db.path, &["attachments", "C000777"]));
    assert!(
        listed.contains("quote.pdf") && !listed.contains("card.png"),
        "{listed}"
    );
}

#[test]
fn the_history_never_holds_the_bytes() {
    let (db, _) = book();
    let card = db.file("card.png");
    std::fs::write(&card, card_bytes("IN-HISTORY?;")).unwrap();
    assert!(
        kam_db(&db.path, &["attach", "C000777", card.to_str().unwrap()])
            .status
            .success()
    );
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM history WHERE old_value LIKE '%IN-HISTORY?%'
             OR new_value LIKE '%IN-HISTORY?%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}

/// One file is the whole book: encrypting it hides the attachment's bytes too, a backup
/// carries them, and they come back whole with the passphrase.
#[test]
fn the_bytes_are_encrypted_and_backed_up_with_the_book() {
    let (db, _) = book();
    let card = db.file("card.png");
    let bytes = card_bytes("ENCRYPT-me-card;");
    std::fs::write(&card, &bytes).unwrap();
    assert!(
        kam_db(&db.path, &["attach", "C000777", card.to_str().unwrap()])
            .status
            .success()
    );
    let on = |book: &std::path::Path, pass: Option<&str>, new: Option<&str>, args: &[&str]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kam"));
        c.arg("--db").arg(book).args(args);
        c.env_remove("KAM_PASSPHRASE")
            .env_remove("KAM_NEW_PASSPHRASE")
            .env_remove("KAM_DB");
        if let Some(p) = pass {
            c.env("KAM_PASSPHRASE", p);
        }
        if let Some(n) = new {
            c.env("KAM_NEW_PASSPHRASE", n);
        }
        c.output().unwrap()
    };
    let with = |pass, new, args: &[&str]| on(&db.path, pass, new, args);
    let o = with(None, Some("correct horse"), &["encrypt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!contains(&file_bytes(&db.path), b"ENCRYPT-me-card;"));
    let backup = db.file("backup.db");
    let o = with(
        Some("correct horse"),
        None,
        &["backup", backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!contains(
        &std::fs::read(&backup).unwrap(),
        b"ENCRYPT-me-card;"
    ));
    let out = db.file("out");
    let o = on(
        &backup,
        Some("correct horse"),
        None,
        &["attachments", "C000777", "--save", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("card.png")).unwrap(), bytes);
}

/// A JSON export carries the files only when asked, as base64, and an empty book restored
/// from it holds them byte for byte, on the same account and visit.
#[test]
fn a_json_export_with_its_attachments_restores_them_whole() {
    let (db, id) = book();
    let store = Store::open(&db.path, Access::Read).unwrap();
    let visit = store.all::<VisitReport>().unwrap()[0].id;
    assert_eq!(store.all::<VisitReport>().unwrap()[0].account_id, id);
    drop(store);
    let card = db.file("card.png");
    let bytes = card_bytes("EXPORT-me-card;");
    std::fs::write(&card, &bytes).unwrap();
    let o = kam_db(
        &db.path,
        &[
            "attach",
            "C000777",
            card.to_str().unwrap(),
            "--visit",
            &visit.to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // Without asking: listed, the bytes left out.
    let plain: serde_json::Value =
        serde_json::from_str(&stdout(&kam_db(&db.path, &["export"]))).unwrap();
    assert_eq!(plain["attachments"][0]["name"], "card.png");
    assert!(
        plain["attachments"][0].get("data").is_none(),
        "not without asking"
    );
    let line = assert_one_error_line(&kam_db(
        &db.path,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            db.file("csv").to_str().unwrap(),
            "--include-attachments",
        ],
    ));
    assert!(line.contains("--format json"), "{line}");

    let json = db.file("book.json");
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--include-attachments",
            "--out",
            json.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let a = &doc["attachments"][0];
    assert_eq!(a["code"], "C000777");
    assert_eq!(a["name"], "card.png");
    assert_eq!(a["size"], bytes.len() as i64);

    let copy = db.file("copy.db");
    let o = kam_db(&copy, &["import", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open(&copy, Access::Read).unwrap();
    let all = store.all_attachments().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].visit_id, Some(visit));
    assert_eq!(store.attachment_bytes(all[0].id).unwrap(), bytes);
}
