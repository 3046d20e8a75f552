//! The dealer profile (经销商档案) and relationship analysis (关系表: 公关现状与前景分析) of an
//! account (issue 22): shares that add up to more than the whole are refused with one
//! sentence; a sheet with the seed's Chinese headers imports them; the overview shows them
//! only when filled. (The CSV, workbook and JSON round trips hold the sample's profile.)

use crate::support::ui::filled;
use crate::support::*;
use crossterm::event::KeyCode;
use kam::domain::*;
use kam::i18n::Lang;

#[test]
fn shares_over_the_whole_are_refused_in_one_sentence_and_nothing_is_saved() {
    let mut a = sample_account("C000001");
    a.dealer_brands = Some("本公司 70%, 竞品 40%".into());
    let e = a.validate().unwrap_err();
    assert_eq!(
        e.0[0].problem.message(Lang::Zh),
        "各项占比合计 110%，超过了 100%",
        "{e:?}"
    );
    let db = TempDb::new();
    let mut s = db.writer();
    assert!(s.insert(&mut a).is_err());
    assert!(s.all::<Account>().unwrap().is_empty());
}

#[test]
fn a_sheet_with_the_seeds_headers_imports_the_dealer_profile() {
    let db = TempDb::new();
    let csv = db.file("dealers.csv");
    std::fs::write(
        &csv,
        "客户名称,进货对象(品牌占比),销售范围,销售价格,专营,公关现状,前景分析\n\
         华联商贸,本公司 50% 竞品 50%,本地,略高,是,关系稳定,有望独家\n",
    )
    .unwrap();
    let o = kam_db(&db.path, &["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a = db.writer().all::<Account>().unwrap().remove(0);
    assert_eq!(a.dealer_brands.as_deref(), Some("本公司 50% 竞品 50%"));
    assert_eq!(a.dealer_sales_area, Some(SalesArea::Local));
    assert_eq!(a.dealer_price_level, Some(PriceLevel::SlightlyHigh));
    assert_eq!(a.dealer_exclusive, Some(true));
    assert_eq!(a.relationship_status.as_deref(), Some("关系稳定"));
    assert_eq!(a.relationship_outlook.as_deref(), Some("有望独家"));
}

#[test]
fn the_overview_shows_a_dealers_profile_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = filled(lang);
        let id = s.app.store.account_by_code("C000001").unwrap().unwrap().id;
        let mut a: Account = s.app.store.get(id).unwrap().unwrap();
        a.dealer_brands = Some("华为 60%, 其他 40%".into());
        a.dealer_sales_area = Some(SalesArea::Both);
        a.dealer_price_level = Some(PriceLevel::Fair);
        a.dealer_exclusive = Some(false);
        a.relationship_status = Some("高层关系稳定".into());
        a.relationship_outlook = Some("明年争取独家".into());
        s.app.store.update(&mut a).unwrap();
        s.press(KeyCode::Enter);
        let screen = s.screen(80, 24);
        insta::assert_snapshot!(format!("dealer_overview_{}_80x24", lang.code()), screen);
    }
}
