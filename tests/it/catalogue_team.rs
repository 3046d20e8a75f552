//! A rep's book in a team (not the manager's): the product catalogue and the targets are the
//! manager's, and the server refuses a rep's change to them (server steps 7 and 9). So the
//! deal form does not offer to add a product the catalogue lacks, and the catalogue and
//! targets screens open no form to add, edit or delete: one sentence instead, in the rep's
//! language, and nothing written. A manager's book, and a solo one, are asked as before.

use crate::support::ui::{filled, Session};
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;

/// The filled book joined to a team as `login` (no server needed: what the join and the
/// last sync told the book is enough), one product in its catalogue.
fn team_book(lang: Lang, login: &str, manager: bool) -> Session {
    let mut s = filled(lang);
    s.app
        .store
        .join_team("postgres://x@localhost/team", login, "pw", None, "C2-")
        .unwrap();
    s.app.store.keep_own_role(login, manager).unwrap();
    s.app
        .store
        .insert(&mut Product {
            name: "工业路由器".into(),
            price: Some(money("2260.00")),
            ..Default::default()
        })
        .unwrap();
    s
}

fn history_rows(s: &Session) -> i64 {
    rusqlite::Connection::open(s.dir.path().join("kam.db"))
        .unwrap()
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_reps_deal_with_a_product_the_catalogue_lacks_is_saved_and_told_not_offered() {
    for (lang, said) in [
        (Lang::En, "which is the manager's"),
        (Lang::Zh, "商品资料属于经理"),
    ] {
        let mut s = team_book(lang, "li", false);
        s.press(KeyCode::Enter).keys("3");
        s.keys("n\t\t防爆交换机\t\t\t380");
        s.save();
        assert!(
            s.app
                .store
                .all::<Deal>()
                .unwrap()
                .iter()
                .any(|d| d.product == "防爆交换机"),
            "the deal is saved: {}",
            s.status()
        );
        assert!(s.app.confirm().is_none(), "no question about the catalogue");
        assert!(s.status().contains(said), "{}", s.status());
        assert!(s.status().contains("防爆交换机"), "{}", s.status());
        assert_eq!(s.app.store.products().unwrap().len(), 1, "nothing added");
    }
    // The manager's book is asked as before.
    let mut s = team_book(Lang::En, "boss", true);
    s.press(KeyCode::Enter).keys("3");
    s.keys("n\t\t防爆交换机\t\t\t380");
    s.save();
    assert!(s.app.confirm().is_some(), "{}", s.status());
}

#[test]
fn a_reps_catalogue_and_targets_screens_open_no_form_and_write_nothing() {
    for (lang, catalogue, targets) in [
        (
            Lang::En,
            "The product catalogue is the manager's",
            "The targets are the manager's",
        ),
        (Lang::Zh, "商品资料属于经理", "目标属于经理"),
    ] {
        let mut s = team_book(lang, "li", false);
        let before = history_rows(&s);
        s.keys("K");
        for key in ["n", "e", "d"] {
            s.keys(key);
            assert!(s.app.form.is_none(), "{key}: no form");
            assert!(s.app.confirm().is_none(), "{key}: no question");
            assert!(s.status().contains(catalogue), "{key}: {}", s.status());
            // One sentence, drawn whole at 80 columns in the status line.
            assert!(s.screen(80, 24).contains(catalogue), "{}", s.screen(80, 24));
        }
        s.press(KeyCode::Enter);
        assert!(s.app.form.is_none(), "Enter: no form");
        s.press(KeyCode::Esc).keys("T").keys("n");
        assert!(s.app.form.is_none(), "targets: no form");
        assert!(s.status().contains(targets), "{}", s.status());
        assert_eq!(s.app.store.products().unwrap().len(), 1);
        assert_eq!(history_rows(&s), before, "nothing written");
    }
    // The manager's book opens the form.
    let mut s = team_book(Lang::En, "boss", true);
    s.keys("Kn");
    assert!(s.app.form.is_some(), "{}", s.status());
}

/// A rep moving their solo book into a team: `kam import` of its export into the rep's
/// (empty) team book restores the accounts, not the catalogue and targets (the manager's,
/// which the server would refuse): one sentence says so, in the rep's language, and no
/// product or target is written. The same file into a solo book restores them.
#[test]
fn a_reps_import_leaves_the_managers_catalogue_and_targets_out_and_says_so() {
    let dir = tempdir();
    let solo = dir.path().join("solo.db");
    {
        let mut s = kam::store::Store::open(&solo, kam::store::Access::Write).unwrap();
        let mut a = Account {
            name: "华东机械有限公司".into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        s.insert(&mut Product {
            name: "李的样品".into(),
            ..Default::default()
        })
        .unwrap();
    }
    let file = dir.path().join("solo.json");
    let o = kam(&[
        "--db",
        solo.to_str().unwrap(),
        "export",
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (lang, said) in [
        ("en", "the product catalogue is the manager's"),
        ("zh", "商品资料属于经理"),
    ] {
        let team = dir.path().join(format!("li-{lang}.db"));
        {
            let mut s = kam::store::Store::open(&team, kam::store::Access::Write).unwrap();
            s.join_team("postgres://li@localhost/team", "li", "pw", None, "C2-")
                .unwrap();
            s.keep_own_role("li", false).unwrap();
        }
        let o = kam(&[
            "--lang",
            lang,
            "--db",
            team.to_str().unwrap(),
            "import",
            file.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(said), "{out}");
        let s = kam::store::Store::open(&team, kam::store::Access::Read).unwrap();
        assert_eq!(s.all::<Account>().unwrap().len(), 1, "{out}");
        assert!(s.products().unwrap().is_empty(), "{out}");
    }
}
