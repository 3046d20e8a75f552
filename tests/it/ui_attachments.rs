//! Attachments in the interface (issue 22): `F` on an account lists its files (or a person's
//! or visit's), `n` attaches one by its path (refused in one sentence when it is missing, a
//! folder or too large), Enter writes it owner-only to a private temporary folder for the
//! system's viewer, `w` saves it and never over a file already there, `d` moves it to the
//! trash, from which it comes back; each step is in the account's history.

use crate::support::ui::{filled, Session};
use crate::support::*;
use crossterm::event::KeyCode;
use kam::app::View;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::AttachTo;

fn png(fill: &str) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    while b.len() < 3_000 {
        b.extend_from_slice(fill.as_bytes());
    }
    b
}

fn open_hw(s: &mut Session) -> i64 {
    let id = s.app.store.account_by_code("C000001").unwrap().unwrap().id;
    s.app.open_account(id).unwrap();
    id
}

/// Types a path into the open dialog (its suggestion cleared first) and saves it.
fn give_path(s: &mut Session, path: &std::path::Path) {
    for _ in 0..300 {
        s.press(KeyCode::Backspace);
    }
    s.keys(path.to_str().unwrap()).save();
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_file_is_attached_opened_saved_deleted_and_restored_from_the_screen() {
    let mut s = filled(Lang::En);
    let account = open_hw(&mut s);
    s.keys("F");
    assert_eq!(s.app.view(), View::Attachments);
    assert!(s.app.attachments().unwrap().items.is_empty());

    // Refused, each in one sentence, the dialog still open and nothing stored.
    let folder = s.dir.path().join("scans");
    std::fs::create_dir(&folder).unwrap();
    let big = s.dir.path().join("film.mp4");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(attachment::MAX_BYTES + 1)
        .unwrap();
    s.keys("n");
    for (path, words) in [
        (s.dir.path().join("nowhere.pdf"), "there is no file at"),
        (folder.clone(), "is a folder"),
        (big.clone(), "larger than 20 MB"),
    ] {
        give_path(&mut s, &path);
        let status = s.status();
        assert!(status.contains(words), "{status}");
        assert!(!status.contains('\n'), "{status}");
        assert!(
            s.app.dialog.is_some(),
            "the dialog stays open to fix the path"
        );
    }
    assert!(s.app.store.attachments(account).unwrap().is_empty());

    let card = s.dir.path().join("名片.png");
    let bytes = png("card-of-zeng;");
    std::fs::write(&card, &bytes).unwrap();
    give_path(&mut s, &card);
    assert!(s.app.dialog.is_none(), "{}", s.status());
    assert!(s.status().contains("名片.png"), "{}", s.status());
    let listed = &s.app.attachments().unwrap().items;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].attachment.mime, "image/png");

    // Opened: a private copy for the viewer, or where it is when there is no viewer.
    s.press(KeyCode::Enter);
    let opened = match s.app.take_to_open() {
        Some((_, file)) => file,
        None => {
            let status = s.status();
            let at = status.split("the file is at ").nth(1).expect(&status);
            std::path::PathBuf::from(at.trim())
        }
    };
    assert_eq!(std::fs::read(&opened).unwrap(), bytes);
    #[cfg(unix)]
    {
        assert_eq!(mode(&opened), 0o600);
        assert_eq!(mode(opened.parent().unwrap()), 0o700);
    }
    std::fs::remove_file(&opened).unwrap();
    let _ = std::fs::remove_dir(opened.parent().unwrap());

    // Saved: where asked, owner-only; never over a file already there.
    let out = s.dir.path().join("out.png");
    s.keys("w");
    give_path(&mut s, &out);
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);
    std::fs::write(&out, b"edited since").unwrap();
    s.keys("w");
    give_path(&mut s, &out);
    assert!(s.status().contains("does not write over"), "{}", s.status());
    assert_eq!(std::fs::read(&out).unwrap(), b"edited since");
    s.press(KeyCode::Esc).keys("y");
    assert!(s.app.dialog.is_none());

    // Deleted: gone from the screen, in the trash, and back from it.
    s.keys("d");
    assert!(s.app.attachments().unwrap().items.is_empty());
    assert!(s.status().contains("trash"), "{}", s.status());
    let trash = s.app.store.attachments_in_trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].title, "名片.png");
    s.press(KeyCode::Esc);
    assert_eq!(s.app.view(), View::Detail);
    let history = &s.app.detail().unwrap().history;
    assert_eq!(history[0].entity, "attachments");
    assert_eq!(history[0].old_value.as_deref(), Some("名片.png"));
    assert!(history
        .iter()
        .any(|c| c.entity == "attachments" && c.new_value.as_deref() == Some("名片.png")));

    s.press(KeyCode::Esc);
    s.keys("t");
    assert_eq!(s.app.view(), View::Trash);
    let row = s
        .app
        .trash()
        .unwrap()
        .items
        .iter()
        .position(|t| t.is_attachment())
        .unwrap();
    for _ in 0..row {
        s.keys("j");
    }
    s.press(KeyCode::Enter);
    assert_eq!(s.app.store.attachments(account).unwrap().len(), 1);
    assert!(s.app.store.attachments_in_trash().unwrap().is_empty());

    // u on the account undoes the restore (to the trash again), then the delete.
    s.app.open_account(account).unwrap();
    s.keys("u").keys("y");
    assert!(s.app.store.attachments(account).unwrap().is_empty());
    s.keys("u").keys("y");
    assert_eq!(s.app.store.attachments(account).unwrap().len(), 1);
}

#[test]
fn on_a_person_the_screen_shows_and_adds_their_files_only() {
    let mut s = filled(Lang::En);
    let account = open_hw(&mut s);
    let zeng = s.app.detail().unwrap().dossier.contacts[0].clone();
    s.app
        .store
        .attach(
            AttachTo {
                account_id: account,
                ..Default::default()
            },
            "报价单.pdf",
            b"%PDF-1.7 quotation",
        )
        .unwrap();
    s.keys("2");
    assert_eq!(
        s.app.detail().unwrap().selected_item(),
        Some((RecordKind::Contact, zeng.id))
    );
    s.keys("F");
    assert!(
        s.app.attachments().unwrap().items.is_empty(),
        "not the account's"
    );
    let card = s.dir.path().join("card.png");
    std::fs::write(&card, png("zeng;")).unwrap();
    s.keys("n");
    give_path(&mut s, &card);
    let all = s.app.store.attachments(account).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].contact_id, Some(zeng.id));
    let listed = &s.app.attachments().unwrap().items;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].of, zeng.name);
}

#[test]
fn an_attachment_is_restored_only_with_its_account_and_forget_leaves_no_name_in_history() {
    let db = TempDb::new();
    let mut s = db.writer();
    let id = fill(&mut s);
    let person = s.all::<Contact>().unwrap()[0].clone();
    let a = s
        .attach(
            AttachTo {
                account_id: id,
                contact_id: Some(person.id),
                ..Default::default()
            },
            "ZHANG-card-name.png",
            &png("x;"),
        )
        .unwrap();
    s.delete_attachment(a.id).unwrap();
    let e = s.delete_attachment(a.id).unwrap_err().to_string();
    assert!(e.contains("trash"), "{e}");
    s.delete(RecordKind::Account, id).unwrap();
    assert!(
        s.restore_attachment(a.id).is_err(),
        "its account is in the trash"
    );
    s.restore(RecordKind::Account, id).unwrap();
    s.restore_attachment(a.id).unwrap();
    assert_eq!(s.attachments(id).unwrap().len(), 1);
    let ops: Vec<String> = s
        .history(id)
        .unwrap()
        .into_iter()
        .filter(|c| c.entity == "attachments")
        .map(|c| c.op.code().to_string())
        .collect();
    assert_eq!(ops, ["restore", "delete", "insert"]);

    s.write(|w| w.forget_contact(person.id)).unwrap();
    drop(s);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM history WHERE old_value LIKE '%ZHANG-card%'
              OR new_value LIKE '%ZHANG-card%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0, "the file's name went with the person");
}

#[test]
fn the_attachments_screen_at_80x24() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        let account = open_hw(&mut s);
        s.keys("F");
        insta::assert_snapshot!(
            format!("attachments_empty_{}_80x24", lang.code()),
            s.screen(80, 24)
        );
        let zeng = s.app.detail().unwrap().dossier.contacts[0].id;
        for (name, bytes, contact) in [
            ("报价单-2026-11.pdf", b"%PDF-1.7 signed".to_vec(), None),
            ("名片 曾小贤.png", png("card;"), Some(zeng)),
        ] {
            s.app
                .store
                .attach(
                    AttachTo {
                        account_id: account,
                        contact_id: contact,
                        ..Default::default()
                    },
                    name,
                    &bytes,
                )
                .unwrap();
        }
        s.press(KeyCode::Esc);
        s.keys("F");
        insta::assert_snapshot!(
            format!("attachments_{}_80x24", lang.code()),
            s.screen(80, 24)
        );
    }
}
