//! Attachments in a team (issue 22): a 20 MB file goes to the server in 1 MiB chunks (never
//! one value), comes whole to the manager and not to a rep who may not see its account; its
//! trip to the trash travels; forgetting the person takes it off the server (a byte search of
//! the server's table files) and off every laptop.

use super::forget::{book_files_holding, contains};
use super::{Team, BOSS};
use kam::domain::*;
use kam::store::AttachTo;

/// 20 MB, the most a book keeps, each 1 MiB chunk marked so a byte search finds any of them;
/// the rest varies so nothing compresses it away.
fn scan(marker: &str) -> Vec<u8> {
    let mut b = Vec::with_capacity(attachment::MAX_BYTES as usize);
    let mut x: u32 = 2_463_534_242;
    while b.len() < attachment::MAX_BYTES as usize {
        if b.len() % (64 * 1024) == 0 {
            b.extend_from_slice(marker.as_bytes());
        }
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b.push(x as u8);
    }
    b.truncate(attachment::MAX_BYTES as usize);
    b
}

#[test]
fn a_20_mb_scan_travels_in_chunks_to_who_may_see_it_and_forget_erases_it_everywhere() {
    let Some(team) = Team::start(&["li", "wang"]) else {
        return;
    };
    const MARK: &str = "OUYANG-CARD-BYTES;";
    let bytes = scan(MARK);
    let person = {
        let mut s = team.open("li");
        let mut a = Account {
            name: "远东贸易有限公司".into(),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
        let mut c = Contact {
            account_id: a.id,
            name: "欧阳娜娜".into(),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
        s.attach(
            AttachTo {
                account_id: a.id,
                contact_id: Some(c.id),
                ..Default::default()
            },
            "名片-欧阳娜娜.bin",
            &bytes,
        )
        .unwrap();
        c.name.clone()
    };
    let started = std::time::Instant::now();
    team.sync("li");
    eprintln!("li's sync with a 20 MB file: {:?}", started.elapsed());
    let chunks = team.cluster.psql(
        "team",
        "SELECT count(*), max(length(bytes)) FROM kam.attachment_chunks",
    );
    assert_eq!(chunks.trim(), "20|1048576");
    let started = std::time::Instant::now();
    team.sync(BOSS);
    eprintln!("the manager's pull of it: {:?}", started.elapsed());
    team.sync("wang");

    let boss = team.open(BOSS);
    let all = boss.all_attachments().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(boss.attachment_bytes(all[0].id).unwrap(), bytes);
    let on: Contact = boss.get(all[0].contact_id.unwrap()).unwrap().unwrap();
    assert_eq!(on.name, person, "on the same person");
    drop(boss);
    assert!(
        team.open("wang").all_attachments().unwrap().is_empty(),
        "not wang's account"
    );
    for table in ["kam.attachments", "kam.attachment_chunks"] {
        let o = team.cluster.psql_as(
            "wang",
            &super::password_of("wang"),
            "verify-full",
            &format!("SELECT count(*) FROM {table}"),
        );
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "0", "{table}");
    }

    // The manager moves it to the trash; li's laptop follows, and a second sync sends
    // nothing again.
    {
        let mut s = team.open(BOSS);
        let id = s.all_attachments().unwrap()[0].id;
        s.delete_attachment(id).unwrap();
    }
    team.sync(BOSS);
    team.sync("li");
    let li = team.open("li");
    assert!(li.all_attachments().unwrap().is_empty());
    assert_eq!(li.attachments_in_trash().unwrap().len(), 1);
    assert!(li.attachments_to_push().unwrap().is_empty());
    drop(li);

    // Forgotten on li's laptop: gone from the server's files and every laptop.
    team.cluster.psql("team", "CHECKPOINT");
    let files = chunk_files(&team);
    assert!(
        files
            .iter()
            .any(|f| contains(&std::fs::read(f).unwrap(), MARK.as_bytes())),
        "the bytes are on the server before the forget"
    );
    let o = team.kam("li", &["forget", &person]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    team.sync("li");
    team.sync(BOSS);
    let left = team.cluster.psql(
        "team",
        "SELECT (SELECT count(*) FROM kam.attachments) + (SELECT count(*) FROM kam.attachment_chunks)",
    );
    assert_eq!(left.trim(), "0");
    team.cluster.psql("team", "CHECKPOINT");
    for f in chunk_files(&team) {
        assert!(
            !contains(&std::fs::read(&f).unwrap(), MARK.as_bytes()),
            "{} holds the file",
            f.display()
        );
    }
    for who in ["li", BOSS, "wang"] {
        assert!(
            team.open(who).attachments_in_trash().unwrap().is_empty(),
            "{who}"
        );
        let found = book_files_holding(&team.book(who), MARK);
        assert!(found.is_empty(), "{who}: {found:?}");
    }
}

/// The files of the server's attachment tables and their TOAST tables.
fn chunk_files(team: &Team) -> Vec<std::path::PathBuf> {
    let mut files = vec![];
    for t in ["kam.attachments", "kam.attachment_chunks"] {
        files.extend(team.cluster.table_files(t));
        let toast = team.cluster.psql(
            "team",
            &format!("SELECT reltoastrelid::regclass FROM pg_class WHERE oid = '{t}'::regclass"),
        );
        if !toast.trim().is_empty() && toast.trim() != "-" {
            files.extend(team.cluster.table_files(toast.trim()));
        }
    }
    files
}
