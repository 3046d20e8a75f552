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

/// Found (s8), not fixed: the dossier (and the custom fields' values) is one field to the
/// sync, so two laptops' offline edits of different items of one person's dossier keep only
/// the later edit's whole dossier: the other item is lost everywhere. Per-item clocks need
/// the server's merge to take the items as fields (`dossier.<item>`) and the laptops to
/// tell each item's clock from the history's old and new values; see docs/team.md.
#[test]
#[ignore = "known loss: a dossier is merged whole (docs/team.md, Not built yet)"]
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
