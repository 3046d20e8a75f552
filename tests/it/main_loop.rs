//! The real main loop (`kam::tui::run`, what `kam` runs in a terminal) on ratatui's test
//! backend, started as the command line starts it, with scripted key events: the background
//! work finishes, the finder opens an account, and `q` ends the loop.

use crate::support::ui::{fill, key, open_store};
use crossterm::event::{Event, KeyCode};
use kam::app::App;
use kam::i18n::Lang;
use kam::tui::{run, Next};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Runs the loop until the app quits or the script is used up. Like the terminal's poll, an
/// event is given only when the loop may wait for one as long as it takes: while background
/// work is under way it is told nothing came (so the script never races the background).
fn run_script(terminal: &mut Terminal<TestBackend>, app: &mut App, script: &mut VecDeque<Event>) {
    let started = Instant::now();
    run(terminal, app, |wait| {
        if let Some(wait) = wait {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the background work never finished"
            );
            std::thread::sleep(wait);
            return Ok(Next::Idle);
        }
        Ok(script.pop_front().map_or(Next::End, Next::Event))
    })
    .unwrap();
}

fn keys(text: &str) -> impl Iterator<Item = Event> + '_ {
    text.chars().map(|c| match c {
        '\n' => key(KeyCode::Enter),
        c => key(KeyCode::Char(c)),
    })
}

#[test]
fn the_main_loop_finds_an_account_by_keys_and_q_ends_it() {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    fill(&mut store);
    // As `kam` starts the interface (cli): the finder, the reminders and the daily backup in
    // the background.
    let mut app = App::new_deferred(store, Lang::En).unwrap();
    app.show_reminders_in_background();
    app.start_daily_backup();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();

    // No key yet: the loop draws until the background work is done.
    run_script(&mut terminal, &mut app, &mut VecDeque::new());
    assert!(!app.is_loading() && !app.is_busy());
    let first = terminal.backend().to_string();
    assert!(first.contains("华为技术"), "the book is shown:\n{first}");

    // The finder: `/`, a name, Enter opens the account.
    let mut script: VecDeque<Event> = keys("/华为\n").collect();
    run_script(&mut terminal, &mut app, &mut script);
    assert!(script.is_empty());
    let detail = terminal.backend().to_string();
    assert!(
        detail.contains("华为技术有限公司") && detail.contains("曾小贤"),
        "the account is open:\n{detail}"
    );
    assert!(!app.quit);

    // `q` goes back from the account, `q` again quits: the loop ends by itself, before the
    // key after it.
    let mut script: VecDeque<Event> = keys("qqn").collect();
    run_script(&mut terminal, &mut app, &mut script);
    assert!(app.quit, "q ended the loop");
    assert_eq!(script.len(), 1, "the loop stopped at the second q");
    assert!(app.form.is_none(), "the `n` after it was never read");
}
