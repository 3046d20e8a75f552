//! Issue 21, the product catalogue (商品资料表): products are the book's own records, numbered
//! by the book, with history and trash; every whole-book export carries them and brings them
//! back; a deal's product is picked from them by pinyin, and a product typed that the
//! catalogue lacks is offered to it; the catalogue screen shows 不含税价 and 税额.

use crate::support::ui::{filled, Session};
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;

fn router() -> Product {
    Product {
        name: "工业路由器".into(),
        unit: Some("台".into()),
        category: Some("工业自动化设备".into()),
        specification: Some("KR-2000".into()),
        price: Some(money("2260.00")),
        tax_rate: Some(13),
        ..Default::default()
    }
}

fn service() -> Product {
    Product {
        name: "年度维保服务".into(),
        unit: Some("项".into()),
        price: Some(money("10600.00")),
        tax_rate: Some(6),
        ..Default::default()
    }
}

#[test]
fn products_are_numbered_by_the_book_kept_with_history_and_go_to_the_trash_and_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = router();
    store.insert(&mut a).unwrap();
    let mut b = service();
    store.insert(&mut b).unwrap();
    assert_eq!((a.number.as_str(), b.number.as_str()), ("P0001", "P0002"));
    // A number another product holds is refused, in one sentence; nothing is added.
    let mut twin = Product {
        number: "p0001".into(),
        name: "别的".into(),
        ..Default::default()
    };
    let e = store.insert(&mut twin).unwrap_err().to_string();
    assert!(e.contains("P0001") || e.contains("p0001"), "{e}");
    assert_eq!(store.products().unwrap().len(), 2);
    // Edited: a history row for the field changed.
    a.price = Some(money("2373.00"));
    assert_eq!(store.update(&mut a).unwrap(), 1);
    let h = store.record_history(RecordKind::Product, a.id).unwrap();
    assert!(
        h.iter().any(|c| c.field.as_deref() == Some("price")),
        "{h:?}"
    );
    // Trash and back.
    store.delete(RecordKind::Product, a.id).unwrap();
    assert_eq!(store.products().unwrap().len(), 1);
    assert!(store
        .trash()
        .unwrap()
        .iter()
        .any(|t| t.kind == RecordKind::Product && t.id == a.id));
    store.restore(RecordKind::Product, a.id).unwrap();
    let names: Vec<String> = store
        .products()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["工业路由器", "年度维保服务"]);
    assert_eq!(
        store.product_named(" 工业路由器 ").unwrap().map(|p| p.id),
        Some(a.id)
    );
}

#[test]
fn the_catalogue_travels_in_json_csv_and_xlsx_and_comes_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    store.insert(&mut sample_account("C000001")).unwrap();
    store.insert(&mut router()).unwrap();
    store.insert(&mut service()).unwrap();
    let want = store.products().unwrap();
    drop(store);
    for format in ["json", "csv", "xlsx"] {
        let out = db.file(&format!("book-{format}"));
        let out = if format == "csv" {
            out
        } else {
            out.with_extension(format)
        };
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
            .products()
            .unwrap();
        let strip = |ps: &[Product]| -> Vec<Product> {
            ps.iter()
                .map(|p| Product {
                    id: 0,
                    created_at: None,
                    updated_at: None,
                    ..p.clone()
                })
                .collect()
        };
        assert_eq!(strip(&back), strip(&want), "{format}");
    }
    // One account's export holds what is its own: not the book's catalogue.
    let one = db.file("one.json");
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--format",
            "json",
            "--account",
            "C000001",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&one).unwrap();
    assert!(
        text.contains("C000001") && !text.contains("工业路由器"),
        "{text}"
    );
}

/// The filled book with the catalogue's two products, on the first account's deals tab.
fn deals_tab(lang: Lang) -> Session {
    let mut s = filled(lang);
    s.app.store.insert(&mut router()).unwrap();
    s.app.store.insert(&mut service()).unwrap();
    s.press(KeyCode::Enter).keys("3");
    s
}

#[test]
fn a_deal_picks_its_product_by_pinyin_initials() {
    let mut s = deals_tab(Lang::En);
    let deals = s.app.store.all::<Deal>().unwrap().len();
    // Date, order number, then the product: gylyq are 工业路由器's initials.
    s.keys("n\t\tgylyq").press(KeyCode::Right);
    let screen = s.screen(80, 24);
    assert!(screen.contains("工业路由器"), "{screen}");
    s.save();
    let all = s.app.store.all::<Deal>().unwrap();
    assert_eq!(all.len(), deals + 1, "{}", s.status());
    assert_eq!(all.last().unwrap().product, "工业路由器");
    // A product of the catalogue asks nothing.
    assert!(s.app.confirm().is_none());
}

#[test]
fn a_product_typed_that_the_catalogue_lacks_is_offered_to_it() {
    let mut s = deals_tab(Lang::Zh);
    s.keys("n\t\t防爆交换机\t\t\t380");
    s.save();
    assert!(
        s.app
            .store
            .all::<Deal>()
            .unwrap()
            .iter()
            .any(|d| d.product == "防爆交换机"),
        "the deal is saved with its free text: {}",
        s.status()
    );
    let screen = s.screen(80, 24);
    assert!(screen.contains("不在商品资料表中"), "{screen}");
    s.keys("y");
    let added = s.app.store.product_named("防爆交换机").unwrap().unwrap();
    assert_eq!(added.number, "P0003");
    assert_eq!(added.price, Some(money("380")));
    // No: the deal stays, the catalogue does not grow.
    s.keys("n\t\t另一种商品");
    s.save();
    s.keys("n");
    assert!(s.app.store.product_named("另一种商品").unwrap().is_none());
    assert_eq!(s.app.store.products().unwrap().len(), 3);
}

#[test]
fn the_catalogue_screen_shows_prices_without_tax_and_the_tax() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        // Empty first.
        s.keys("K");
        let empty = s.screen(80, 24);
        insta::assert_snapshot!(format!("catalogue_empty_{}_80x24", lang.code()), empty);
        s.app.store.insert(&mut router()).unwrap();
        s.app.store.insert(&mut service()).unwrap();
        s.press(KeyCode::Esc).keys("K");
        let screen = s.screen(80, 24);
        // ¥2,260.00 at 13 %: 2,000.00 without tax, 260.00 tax; ¥10,600.00 at 6 %: 10,000.00
        // and 600.00.
        for shown in ["2000.00", "260.00", "10000.00", "600.00"] {
            assert!(screen.contains(shown), "{shown}\n{screen}");
        }
        insta::assert_snapshot!(format!("catalogue_{}_80x24", lang.code()), screen);
        // n adds one, numbered by the book.
        s.keys("n\t传感器套件");
        s.save();
        assert!(s.screen(80, 24).contains("P0003"), "{}", s.status());
        // d moves the selected one to the trash.
        s.keys("dy");
        assert_eq!(s.app.store.products().unwrap().len(), 2);
    }
}
