//! 不含税价 and 税额 beside each deal on the Deals tab (issue 21): by the catalogue product's
//! rate, else the profile's default rate (`kam config default_tax_rate`), else none; figures
//! worked out by hand.

use crate::support::ui::*;
use crate::support::*;
use kam::domain::profile::Profile;
use kam::domain::*;
use kam::i18n::Lang;

/// An account with three deals: 技术服务 (in the catalogue at 6 %) for 10,600.00 →
/// 10,000.00 + 600.00; 机柜 (free text) for 11,300.00 → by the default 13 %: 10,000.00 +
/// 1,300.00, or nothing without a default; and 备件 without an amount.
fn session(default_rate: Option<i64>) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    store
        .insert(&mut Product {
            name: "技术服务".into(),
            tax_rate: Some(6),
            ..Default::default()
        })
        .unwrap();
    store
        .set_profile(&Profile {
            default_tax_rate: default_rate,
            ..Default::default()
        })
        .unwrap();
    let mut a = Account {
        code: "T1".into(),
        name: "福州宏达".into(),
        ..Default::default()
    };
    let id = store.insert(&mut a).unwrap();
    for (day, product, amount) in [
        ("2026-11-01", "技术服务", Some("10600")),
        ("2026-11-02", "机柜", Some("11300")),
        ("2026-11-03", "备件", None),
    ] {
        store
            .insert(&mut Deal {
                account_id: id,
                date: Some(date(day)),
                product: product.into(),
                amount: amount.map(money),
                ..Default::default()
            })
            .unwrap();
    }
    let mut s = Session {
        app: kam::app::App::new(store, Lang::Zh).unwrap(),
        dir,
    };
    s.app.open_account(id).unwrap();
    s.keys("3");
    s
}

fn line<'a>(screen: &'a str, product: &str) -> &'a str {
    screen.lines().find(|l| l.contains(product)).unwrap()
}

#[test]
fn each_deal_shows_its_amount_without_tax_and_its_tax() {
    let s = session(Some(13));
    let d = s.app.detail().unwrap();
    let taxes: Vec<Option<(i64, Money, Money, bool)>> = d
        .deal_taxes
        .iter()
        .map(|t| t.map(|t| (t.rate, t.net, t.tax, t.from_catalogue)))
        .collect();
    // The deals newest first, as the tab lists them.
    let by_product = |p: &str| {
        let i = d.dossier.deals.iter().position(|x| x.product == p).unwrap();
        taxes[i]
    };
    assert_eq!(
        by_product("技术服务"),
        Some((6, money("10000"), money("600"), true))
    );
    assert_eq!(
        by_product("机柜"),
        Some((13, money("10000"), money("1300"), false))
    );
    assert_eq!(by_product("备件"), None, "no amount, nothing to split");
    let screen = s.screen(160, 24);
    assert!(
        screen.contains("不含税金额") && screen.contains("税额"),
        "{screen}"
    );
    let l = line(&screen, "技术服务");
    assert!(l.contains("10,000.00") && l.contains("600.00 (6%)"), "{l}");
    let l = line(&screen, "机柜");
    assert!(l.contains("1,300.00 (13%)"), "{l}");
}

#[test]
fn without_a_default_rate_a_free_text_product_shows_no_split() {
    let s = session(None);
    let screen = s.screen(160, 24);
    let l = line(&screen, "机柜");
    assert!(!l.contains('%'), "no rate is guessed: {l}");
    assert!(line(&screen, "技术服务").contains("600.00 (6%)"));
}

#[test]
fn the_default_rate_is_set_with_kam_config_and_refused_when_not_a_number() {
    let db = TempDb::new();
    drop(db.writer());
    let o = kam_db(&db.path, &["config", "default_tax_rate", "13"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kam_db(&db.path, &["config", "default_tax_rate"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "13");
    let o = kam_db(&db.path, &["config", "default_tax_rate", "很多"]);
    assert_one_error_line(&o);
    let o = kam_db(&db.path, &["config", "default_tax_rate"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "13", "unchanged");
}
