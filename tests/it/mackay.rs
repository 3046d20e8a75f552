//! The whole Mackay 66 dossier (issue 22): the items the first dossier lacked are kept, go
//! along in a JSON export when asked for and come back on import; the sensitive ones
//! (religion, health, political activity; PIPL Art. 28, GDPR Art. 9) leave kam only when
//! asked for besides, and `kam forget` of the person leaves none of their bytes in the file.

use crate::support::*;
use kam::domain::*;

const SENSITIVE: [&str; 3] = ["信仰佛教", "患有糖尿病", "区人大代表"];

#[test]
fn sensitive_items_leave_only_when_asked_for_besides_the_dossier() {
    let db = TempDb::new();
    let mut s = db.writer();
    fill(&mut s);
    drop(s);
    let plain = stdout(&kam_db(&db.path, &["export"]));
    assert!(!plain.contains("工学硕士"), "no dossier by default");
    let personal = stdout(&kam_db(&db.path, &["export", "--include-personal"]));
    assert!(
        personal.contains("\"degree\": \"工学硕士\"")
            && personal.contains("\"cares_most_about\": \"own\"")
            && personal.contains("\"children_custody\": true"),
        "the new items go along with the dossier"
    );
    for secret in SENSITIVE {
        assert!(
            !personal.contains(secret),
            "{secret} left without being asked"
        );
    }
    let whole = stdout(&kam_db(
        &db.path,
        &["export", "--include-personal", "--include-sensitive"],
    ));
    for secret in SENSITIVE {
        assert!(whole.contains(secret), "{secret} asked for");
    }
    // Sensitive items without the dossier they belong to: refused, nothing written.
    let o = kam_db(&db.path, &["export", "--include-sensitive"]);
    assert!(!o.status.success() && o.stdout.is_empty(), "{}", stderr(&o));
}

#[test]
fn the_whole_dossier_round_trips_through_a_json_export() {
    let db = TempDb::new();
    let mut s = db.writer();
    fill(&mut s);
    drop(s);
    let both = ["--include-personal", "--include-sensitive"];
    let first = db.file("first.json");
    let mut args = vec!["export", "--out", first.to_str().unwrap()];
    args.extend(both);
    assert!(kam_db(&db.path, &args).status.success());
    let copy = TempDb::new();
    let o = kam_db(&copy.path, &["import", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = copy.writer();
    let contact = s.all::<Contact>().unwrap().remove(0);
    assert_eq!(contact.dossier, Some(sample_dossier()), "every item back");
    drop(s);
    let second = copy.file("second.json");
    let mut args = vec!["export", "--out", second.to_str().unwrap()];
    args.extend(both);
    assert!(kam_db(&copy.path, &args).status.success());
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap()
    );
}

fn in_file(db: &std::path::Path, needle: &str) -> bool {
    let mut bytes = std::fs::read(db).unwrap();
    if let Ok(wal) = std::fs::read(db.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn forgetting_a_person_leaves_no_byte_of_their_sensitive_items() {
    let db = TempDb::new();
    let mut s = db.writer();
    let mut a = Account::new("戊公司");
    s.insert(&mut a).unwrap();
    let mut c = Contact {
        account_id: a.id,
        name: "钱机密".into(),
        dossier: Some(sample_dossier()),
        ..Default::default()
    };
    s.insert(&mut c).unwrap();
    // An edit: the history holds the old dossier as well as the new one.
    let mut d = sample_dossier();
    d.religion = Some("改信基督教".into());
    c.dossier = Some(d);
    s.update(&mut c).unwrap();
    drop(s);
    assert!(in_file(&db.path, "信仰佛教") || in_file(&db.path, "改信基督教"));
    let o = kam_db(&db.path, &["forget", &format!("{}:钱机密", a.code)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for secret in SENSITIVE
        .iter()
        .chain(&["改信基督教", "工学硕士", "只喝铁观音"])
    {
        assert!(!in_file(&db.path, secret), "{secret} still in the file");
    }
}

#[test]
fn a_choice_in_the_dossier_history_reads_as_its_label() {
    let [fields, old, new] = kam::app::dossier_change::dossier_change(
        kam::i18n::Lang::Zh,
        Some(r#"{"cares_most_about":"company"}"#),
        Some(r#"{"cares_most_about":"own","degree":"博士"}"#),
    );
    assert_eq!(fields, "最关切、学位");
    assert_eq!(old, "最关切: 公司前途; 学位: —");
    assert_eq!(new, "最关切: 个人前途; 学位: 博士");
}
