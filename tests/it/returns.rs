//! Issue 21, returns and claims (退货/索赔): stored per account with history, trash and back,
//! shown under the deals, carried by every export and brought back, in the demo book.

use crate::support::ui::filled;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;

fn sample_return(account_id: i64) -> ReturnClaim {
    ReturnClaim {
        account_id,
        date: Some(date("2026-11-02")),
        kind: Some(ReturnKind::Return),
        product: "服务器机柜".into(),
        quantity: Some(2),
        amount: Some(money("7600.00")),
        reason: Some("到货外观破损".into()),
        status: Some(ReturnStatus::Processing),
        order_no: Some("SO-2026-118".into()),
        ..Default::default()
    }
}

#[test]
fn a_return_is_kept_with_history_and_goes_to_the_trash_and_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000001");
    let id = store.insert(&mut a).unwrap();
    let mut r = sample_return(id);
    store.insert(&mut r).unwrap();
    assert_eq!(store.dossier(id).unwrap().returns, vec![r.clone()]);
    r.status = Some(ReturnStatus::Resolved);
    assert_eq!(store.update(&mut r).unwrap(), 1);
    assert!(store
        .history(id)
        .unwrap()
        .iter()
        .any(|c| c.entity == "returns" && c.field.as_deref() == Some("status")));
    store.delete(RecordKind::ReturnClaim, r.id).unwrap();
    assert!(store.dossier(id).unwrap().returns.is_empty());
    store.restore(RecordKind::ReturnClaim, r.id).unwrap();
    assert_eq!(store.dossier(id).unwrap().returns.len(), 1);
    // A negative quantity is refused in one sentence, nothing added.
    let mut bad = sample_return(id);
    bad.quantity = Some(-1);
    assert!(store.insert(&mut bad).is_err());
    assert_eq!(store.dossier(id).unwrap().returns.len(), 1);
}

#[test]
fn returns_travel_in_json_and_xlsx_and_come_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = store.insert(&mut sample_account("C000001")).unwrap();
    store.insert(&mut sample_return(id)).unwrap();
    drop(store);
    for format in ["json", "xlsx"] {
        let out = db.file(&format!("book.{format}"));
        let o = kam_db(
            &db.path,
            &[
                "--lang",
                "zh",
                "export",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let copy = TempDb::new();
        let o = kam_db(&copy.path, &["import", out.to_str().unwrap()]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let back = Store::open(&copy.path, kam::store::Access::Read)
            .unwrap()
            .all::<ReturnClaim>()
            .unwrap();
        assert_eq!(back.len(), 1, "{format}");
        let mut want = sample_return(back[0].account_id);
        want.id = back[0].id;
        want.created_at = back[0].created_at.clone();
        want.updated_at = back[0].updated_at.clone();
        assert_eq!(back[0], want, "{format}");
    }
}

#[test]
fn r_on_an_account_records_a_return_shown_under_its_deals() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        s.press(KeyCode::Enter).keys("3R");
        // Date (today), kind, then the product and the rest.
        s.keys("\t\t服务器机柜\t2\t7600");
        s.save();
        let all = s.app.store.all::<ReturnClaim>().unwrap();
        assert_eq!(all.len(), 1, "{}", s.status());
        assert_eq!(all[0].amount, Some(money("7600")));
        let screen = s.screen(80, 24);
        insta::assert_snapshot!(format!("returns_deals_tab_{}_80x24", lang.code()), screen);
    }
}

#[test]
fn the_demo_book_holds_returns_in_proportion_to_its_deals() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 300, 7).unwrap();
    let deals = store.all::<Deal>().unwrap().len();
    let returns = store.all::<ReturnClaim>().unwrap();
    assert!(!returns.is_empty());
    // About one deal in thirty-odd, never more than one in ten.
    assert!(returns.len() * 10 < deals, "{} of {deals}", returns.len());
    assert!(returns
        .iter()
        .all(|r| r.order_no.is_some() && r.amount.is_some()));
    // The demo's catalogue names what the demo deals name.
    let products = store.products().unwrap();
    assert_eq!(products.len(), 24);
    let named = store
        .all::<Deal>()
        .unwrap()
        .iter()
        .filter(|d| products.iter().any(|p| p.is_named(&d.product)))
        .count();
    assert_eq!(named, deals);
}
