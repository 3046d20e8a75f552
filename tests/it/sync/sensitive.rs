//! The dossier's sensitive items (religion, health, politics: `SENSITIVE_DOSSIER_FIELDS`)
//! stay on the laptop of the rep who wrote them: they are not in the outbox, not in any
//! file of the server (its tables, their TOAST, its WAL), not on the manager's laptop; and a
//! pull of that contact (whose server row lacks them) keeps them on the rep's laptop, through
//! the manager's edit of the same dossier, a merge of the account, and until a forget.

use super::forget::{book_files_holding, contains};
use super::{Team, BOSS};
use kam::domain::*;
use kam::store::sync_stream::Outgoing;

const RELIGION: &str = "虔诚的佛教徒每月初一上香";
const HEALTH: &str = "高血压正在服药三年";
const POLITICS: &str = "区人大代表支持本地党派";
/// In the same server row as the dossier: the searches find what did travel.
const CONTROL: &str = "下次拜访带上新样品目录";

/// Every file of the server's data folder holding `needle` (tables, TOAST, WAL, all).
fn server_files_holding(team: &Team, needle: &str) -> Vec<String> {
    team.cluster.psql("team", "CHECKPOINT");
    let mut found = vec![];
    let mut dirs = vec![team.cluster.data()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if std::fs::read(&p).is_ok_and(|b| contains(&b, needle.as_bytes())) {
                found.push(p.display().to_string());
            }
        }
    }
    found
}

fn the_contact(team: &Team, who: &str) -> Contact {
    team.open(who)
        .all::<Contact>()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "周明")
        .unwrap()
}

#[test]
fn sensitive_dossier_items_never_leave_the_laptop_and_a_pull_keeps_them() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    let (account_id, contact_id) = {
        let mut s = team.open("li");
        let mut a = super::account("华南精密制造");
        s.insert(&mut a).unwrap();
        let mut c = Contact::new("周明");
        c.account_id = a.id;
        c.notes = Some(CONTROL.into());
        c.dossier = Some(PersonalDossier {
            degree: Some("硕士".into()),
            religion: Some(RELIGION.into()),
            health: Some(HEALTH.into()),
            political_activity: Some(POLITICS.into()),
            ..Default::default()
        });
        s.insert(&mut c).unwrap();
        (a.id, c.id)
    };
    // Not in the outbox.
    {
        let s = team.open("li");
        let mut sent = String::new();
        s.outbox_each(false, |o| {
            if let Outgoing::Record(r) = o {
                sent.push_str(&serde_json::Value::Object(r.values).to_string());
            }
            Ok(())
        })
        .unwrap();
        assert!(sent.contains("硕士"), "the dossier itself travels: {sent}");
        for item in [RELIGION, HEALTH, POLITICS] {
            assert!(!sent.contains(item), "{item} in the outbox: {sent}");
        }
    }
    team.sync("li");
    team.sync(BOSS);
    team.sync("li");
    let d = the_contact(&team, BOSS).dossier.unwrap();
    assert_eq!(d.degree.as_deref(), Some("硕士"), "the rest travels");
    assert_eq!(
        (d.religion, d.health, d.political_activity),
        (None, None, None)
    );
    // The manager edits the same dossier and the person: li's pull keeps li's items.
    {
        let mut s = team.open(BOSS);
        let mut c = s
            .all::<Contact>()
            .unwrap()
            .into_iter()
            .find(|c| c.name == "周明")
            .unwrap();
        c.title = Some("总工程师".into());
        c.dossier.as_mut().unwrap().hobbies = Some("钓鱼".into());
        s.update(&mut c).unwrap();
    }
    team.sync(BOSS);
    team.sync("li");
    let c = the_contact(&team, "li");
    assert_eq!(c.title.as_deref(), Some("总工程师"));
    let d = c.dossier.unwrap();
    assert_eq!(
        d.hobbies.as_deref(),
        Some("钓鱼"),
        "the manager's edit arrived"
    );
    assert_eq!(d.religion.as_deref(), Some(RELIGION), "li's items kept");
    assert_eq!(d.health.as_deref(), Some(HEALTH));
    assert_eq!(d.political_activity.as_deref(), Some(POLITICS));
    // li edits only a sensitive item, then the manager empties the dossier: li keeps theirs.
    {
        let mut s = team.open("li");
        let mut c: Contact = s.get(contact_id).unwrap().unwrap();
        c.dossier.as_mut().unwrap().health = Some(format!("{HEALTH}，已好转"));
        s.update(&mut c).unwrap();
    }
    team.sync("li");
    {
        let mut s = team.open(BOSS);
        let mut c = s
            .all::<Contact>()
            .unwrap()
            .into_iter()
            .find(|c| c.name == "周明")
            .unwrap();
        c.dossier = None;
        s.update(&mut c).unwrap();
    }
    team.sync(BOSS);
    team.sync("li");
    let d = the_contact(&team, "li").dossier.unwrap();
    assert_eq!(d.hobbies, None, "the manager emptied what they see");
    assert_eq!(d.religion.as_deref(), Some(RELIGION));
    assert_eq!(
        d.health.as_deref(),
        Some(format!("{HEALTH}，已好转").as_str())
    );
    // A merge of li's account into another moves the person with the items.
    let keep = {
        let mut s = team.open("li");
        let mut b = super::account("华南精密制造集团");
        s.insert(&mut b).unwrap();
        b.id
    };
    let code = |id: i64| team.open("li").get::<Account>(id).unwrap().unwrap().code;
    let o = team.kam("li", &["merge", &code(keep), &code(account_id)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync("li");
    team.sync(BOSS);
    team.sync("li");
    let c = the_contact(&team, "li");
    assert_eq!(c.account_id, keep);
    assert_eq!(c.dossier.unwrap().religion.as_deref(), Some(RELIGION));
    // The dump holds every value uncompressed (a table file may hold it compressed).
    let dump = team.cluster.dump();
    assert!(
        contains(&dump, CONTROL.as_bytes()),
        "the dump holds what did travel"
    );
    assert!(!book_files_holding(&team.book(BOSS), CONTROL).is_empty());
    for item in [RELIGION, HEALTH, POLITICS] {
        assert!(
            !contains(&dump, item.as_bytes()),
            "{item} in the server's dump"
        );
        let on_server = server_files_holding(&team, item);
        assert!(on_server.is_empty(), "{item} on the server: {on_server:?}");
        let at_boss = book_files_holding(&team.book(BOSS), item);
        assert!(
            at_boss.is_empty(),
            "{item} on the manager's laptop: {at_boss:?}"
        );
    }
    // A forget on li's laptop still erases the person, items and all.
    let o = team.kam("li", &["forget", "周明"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync("li");
    team.sync(BOSS);
    for who in ["li", BOSS] {
        assert!(team.open(who).all::<Contact>().unwrap().is_empty(), "{who}");
    }
    for item in [RELIGION, HEALTH, POLITICS] {
        let at_li = book_files_holding(&team.book("li"), item);
        assert!(at_li.is_empty(), "{item} left on li's laptop: {at_li:?}");
    }
}

/// A team whose server holds sensitive items that an earlier kam sent: the server's step 10
/// (applied by the manager's `kam team init` after upgrading) empties them in place and
/// rewrites the tables, so no byte of them is left on the server, while the rep's laptop,
/// which wrote them, keeps them through the next syncs.
#[test]
fn sensitive_items_an_earlier_kam_sent_are_erased_from_the_server_by_its_upgrade() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    {
        let mut s = team.open("li");
        let mut a = super::account("华南精密制造");
        s.insert(&mut a).unwrap();
        let mut c = Contact::new("周明");
        c.account_id = a.id;
        c.notes = Some(CONTROL.into());
        c.dossier = Some(PersonalDossier {
            degree: Some("硕士".into()),
            religion: Some(RELIGION.into()),
            ..Default::default()
        });
        s.insert(&mut c).unwrap();
    }
    team.sync("li");
    // As an earlier kam sent it: the whole dossier, religion included, and once refused.
    let dossier: String = rusqlite::Connection::open(team.book("li"))
        .unwrap()
        .query_row("SELECT dossier FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert!(dossier.contains(RELIGION));
    let quoted = serde_json::Value::String(dossier)
        .to_string()
        .replace('\'', "''");
    team.cluster.psql(
        "team",
        &format!(
            "UPDATE kam.records SET vals = jsonb_set(vals, '{{dossier}}', '{quoted}'::jsonb)
              WHERE entity = 'contacts';
             INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
                  SELECT 'li', 'x', entity, uid, 'account not yours', vals FROM kam.records
                   WHERE entity = 'contacts';
             DELETE FROM kam.migrations WHERE version >= 10;"
        ),
    );
    assert!(contains(&team.cluster.dump(), RELIGION.as_bytes()));
    let o = team.kam(
        BOSS,
        &[
            "team",
            "init",
            "--server",
            &team.cluster.url(BOSS),
            "--ca",
            team.cluster.ca().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dump = team.cluster.dump();
    assert!(contains(&dump, CONTROL.as_bytes()));
    assert!(contains(&dump, "硕士".as_bytes()));
    assert!(!contains(&dump, RELIGION.as_bytes()), "left in the dump");
    let on_server = server_files_holding(&team, RELIGION);
    assert!(on_server.is_empty(), "{on_server:?}");
    // The text keeps the form a laptop writes: the item null where it stood.
    let kept = team.cluster.psql(
        "team",
        "SELECT vals->>'dossier' FROM kam.records WHERE entity = 'contacts'",
    );
    assert!(kept.contains(r#""religion":null"#), "{kept}");
    for who in [BOSS, "li", BOSS, "li"] {
        team.sync(who);
    }
    let d = the_contact(&team, "li").dossier.unwrap();
    assert_eq!(d.religion.as_deref(), Some(RELIGION), "li keeps li's item");
    assert!(book_files_holding(&team.book(BOSS), RELIGION).is_empty());
}
