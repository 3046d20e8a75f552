//! Issue 22: what a rep adds to the dossier travels to the team: an account's and a person's
//! tags, and the Mackay items of a personal dossier (kept in the contact's row).

use super::*;

#[test]
fn tags_and_the_whole_dossier_made_by_a_rep_reach_the_manager() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let (account_id, contact_id) = {
        let mut s = team.open("li");
        let mut a = account("华南展会客户");
        a.tags = Some("展会, vip".into());
        a.dealer_exclusive = Some(true);
        a.dealer_price_level = Some(PriceLevel::Fair);
        a.relationship_outlook = Some("明年独家".into());
        s.insert(&mut a).unwrap();
        let mut c = Contact::new("周明");
        c.account_id = a.id;
        c.tags = Some("校友".into());
        c.dossier = Some(PersonalDossier {
            degree: Some("硕士".into()),
            cares_most_about: Some(FutureConcern::Company),
            ..Default::default()
        });
        s.insert(&mut c).unwrap();
        (a.id, c.id)
    };
    team.sync("li");
    team.sync(BOSS);
    let boss = team.open(BOSS);
    let a = boss
        .all::<Account>()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "华南展会客户")
        .unwrap();
    assert_eq!(a.tags.as_deref(), Some("展会, vip"));
    assert_eq!(a.dealer_exclusive, Some(true));
    assert_eq!(a.dealer_price_level, Some(PriceLevel::Fair));
    assert_eq!(a.relationship_outlook.as_deref(), Some("明年独家"));
    assert!(boss.accounts_tagged("VIP").unwrap().contains(&a.id));
    let c = boss.all::<Contact>().unwrap().remove(0);
    assert_eq!(c.tags.as_deref(), Some("校友"));
    let d = c.dossier.unwrap();
    assert_eq!(d.degree.as_deref(), Some("硕士"));
    assert_eq!(d.cares_most_about, Some(FutureConcern::Company));
    drop(boss);
    // A tag taken off by the rep is taken off on the manager's laptop too.
    {
        let mut s = team.open("li");
        let mut a: Account = s.get(account_id).unwrap().unwrap();
        a.tags = kam::domain::tags::with(a.tags.as_deref(), "vip", true);
        s.update(&mut a).unwrap();
        let mut c: Contact = s.get(contact_id).unwrap().unwrap();
        c.tags = None;
        s.update(&mut c).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let boss = team.open(BOSS);
    let a = boss
        .all::<Account>()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "华南展会客户")
        .unwrap();
    assert_eq!(a.tags.as_deref(), Some("展会"));
    assert_eq!(boss.all::<Contact>().unwrap()[0].tags, None);
}

/// Found in s8 (the dossier was one field to the sync: the later edit's whole dossier won
/// and the other laptop's item was lost everywhere): each item travels as a field of its
/// own (store/sync_items.rs), so edits of different items on two laptops both survive, and
/// the custom values of two fields likewise.
#[test]
fn two_laptops_edits_of_different_dossier_items_both_survive() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    {
        let mut s = team.open("li");
        let mut a = account("华南展会客户");
        s.insert(&mut a).unwrap();
        let mut c = Contact::new("周明");
        c.account_id = a.id;
        c.dossier = Some(PersonalDossier::default());
        s.insert(&mut c).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let edit = |who: &str, f: &dyn Fn(&mut PersonalDossier)| {
        let mut s = team.open(who);
        let mut c = s.all::<Contact>().unwrap().remove(0);
        f(c.dossier.get_or_insert_with(Default::default));
        s.update(&mut c).unwrap();
    };
    edit("li", &|d| d.hobbies = Some("钓鱼".into()));
    edit(BOSS, &|d| d.degree = Some("硕士".into()));
    for who in ["li", BOSS, "li"] {
        team.sync(who);
    }
    for who in ["li", BOSS] {
        let d = team.open(who).all::<Contact>().unwrap()[0]
            .dossier
            .clone()
            .unwrap();
        assert_eq!(d.hobbies.as_deref(), Some("钓鱼"), "{who}");
        assert_eq!(d.degree.as_deref(), Some("硕士"), "{who}");
    }
}

#[test]
fn two_laptops_edits_of_different_custom_fields_both_survive() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    for name in ["预算级别", "采购周期"] {
        let o = team.kam(BOSS, &["fields", "add", "account", name]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    team.sync(BOSS);
    team.sync("li");
    {
        let mut s = team.open("li");
        s.insert(&mut account("华东机械有限公司")).unwrap();
    }
    team.sync("li");
    team.sync(BOSS);
    let edit = |who: &str, field: &str, value: &str| {
        let mut s = team.open(who);
        let mut a = s.all::<Account>().unwrap().remove(0);
        a.custom
            .get_or_insert_with(Default::default)
            .insert(field.to_string(), value.to_string());
        s.update(&mut a).unwrap();
    };
    edit("li", "预算级别", "高");
    edit(BOSS, "采购周期", "季度");
    for who in ["li", BOSS, "li"] {
        team.sync(who);
    }
    for who in ["li", BOSS] {
        let custom = team.open(who).all::<Account>().unwrap()[0]
            .custom
            .clone()
            .unwrap();
        assert_eq!(
            custom.get("预算级别").map(String::as_str),
            Some("高"),
            "{who}"
        );
        assert_eq!(
            custom.get("采购周期").map(String::as_str),
            Some("季度"),
            "{who}"
        );
    }
    assert_eq!(records_of(&team.book("li")), records_of(&team.book(BOSS)));
}
