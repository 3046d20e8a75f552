//! The team edition in the interface: a book in a team syncs by itself on start (in the
//! background), shows what it received at once, and the status line tells the last sync and
//! the changes waiting; `Y` on a book without a team says so.

use super::{Team, BOSS};
use crate::support::ui::Session;
use kam::app::App;
use kam::domain::*;
use kam::i18n::Lang;
use std::time::{Duration, Instant};

#[test]
fn a_team_book_syncs_on_start_and_shows_the_team_s_accounts_and_its_state() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    {
        let mut s = team.open("li");
        s.insert(&mut Account {
            name: "界面同步测试公司".into(),
            ..Default::default()
        })
        .unwrap();
    }
    team.sync("li");
    let dir = crate::support::tempdir();
    let mut s = Session {
        app: App::new(team.open(BOSS), Lang::En).unwrap(),
        dir,
    };
    let started = Instant::now();
    while !s.status().contains("synced") {
        s.app.tick();
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no sync: {}",
            s.status()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(s.status().contains("1 received"), "{}", s.status());
    let screen = s.screen(120, 30);
    assert!(screen.contains("界面同步测试公司"), "{screen}");
    // A save here waits to be sent, and the status line says so.
    {
        let mut a = s.app.store.all::<Account>().unwrap().pop().unwrap();
        a.city = Some("杭州".into());
        s.app.store.update(&mut a).unwrap();
    }
    s.app.status = None;
    std::thread::sleep(Duration::from_millis(2100));
    s.app.tick();
    let screen = s.screen(120, 30);
    assert!(
        screen.contains("⇅") && screen.contains("1 waiting"),
        "{screen}"
    );
}

#[test]
fn the_sync_key_on_a_book_without_a_team_says_so() {
    let mut s = crate::support::ui::filled(Lang::En);
    s.keys("Y");
    assert!(s.status().contains("not in a team"), "{}", s.status());
    assert!(s.app.team_indicator().is_none());
}
