//! A rep whose book is encrypted syncs like any other: `kam sync` reads the book
//! with its passphrase, the team's server receives the records over TLS, the manager's plain
//! book gets them, and the rep's file holds none of the names in clear. Only kam processes
//! touch the encrypted file (the passphrase is one per process).

use super::{Team, BOSS};
use kam::domain::*;

#[test]
fn an_encrypted_rep_book_syncs_and_keeps_its_file_unreadable() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    const PHRASE: &str = "li's long passphrase";
    let li = team.book("li");
    let o = team
        .command("li", &["encrypt"])
        .env("KAM_NEW_PASSPHRASE", PHRASE)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = team.dir.path().join("customers.csv");
    std::fs::write(
        &csv,
        "客户名称,联系人,手机\n青岛密文机械厂,欧阳秘书,13912340000\n",
    )
    .unwrap();
    let o = team
        .command("li", &["import", csv.to_str().unwrap()])
        .env("KAM_PASSPHRASE", PHRASE)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = team
        .command("li", &["sync"])
        .env("KAM_PASSPHRASE", PHRASE)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("sent 2 records"));
    team.sync(BOSS);
    let s = team.open(BOSS);
    let accounts = s.all::<Account>().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].name, "青岛密文机械厂");
    assert_eq!(
        s.all::<Contact>().unwrap()[0].mobile.as_deref(),
        Some("13912340000")
    );
    for suffix in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(format!("{}{suffix}", li.display())) {
            for name in ["青岛密文机械厂", "欧阳秘书", "13912340000"] {
                assert!(
                    !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
                    "{name} in clear in li's file{suffix}"
                );
            }
        }
    }
}
