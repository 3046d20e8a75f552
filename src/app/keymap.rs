//! Keys to actions, per screen and mode. Everything here is shown by `?` (see `help_keys`).

use super::action::Action;
use super::{App, Mode, View};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub fn resolve(app: &App, key: KeyEvent) -> Option<Action> {
    use Action::*;
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Quit);
    }
    if app.is_locked() {
        // Only the passphrase: nothing reaches the screens behind the lock.
        return match key.code {
            KeyCode::Enter => Some(Open),
            KeyCode::Backspace => Some(Backspace),
            KeyCode::Char(c) if !ctrl => Some(Type(c)),
            _ => None,
        };
    }
    match app.mode() {
        Mode::Confirm => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => Some(Yes),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(No),
            _ => None,
        },
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => Some(Back),
            _ => None,
        },
        Mode::Search => match key.code {
            KeyCode::Esc => Some(Back),
            KeyCode::Enter => Some(Open),
            KeyCode::Up => Some(Up),
            KeyCode::Down => Some(Down),
            KeyCode::Char('p') if ctrl => Some(Up),
            KeyCode::Char('n') if ctrl => Some(Down),
            KeyCode::Backspace => Some(Backspace),
            KeyCode::Delete => Some(DeleteChar),
            KeyCode::Left => Some(CursorLeft),
            KeyCode::Right => Some(CursorRight),
            KeyCode::Home => Some(CursorHome),
            KeyCode::End => Some(CursorEnd),
            KeyCode::Char(c) if !ctrl => Some(Type(c)),
            _ => None,
        },
        Mode::Form => {
            let choice = app.form.as_ref().is_some_and(|f| f.picks());
            let spacebar_picks = app
                .form
                .as_ref()
                .is_some_and(|f| f.focused_spec().kind.is_picked());
            match key.code {
                KeyCode::Esc => Some(Back),
                KeyCode::Char('s') if ctrl => Some(Save),
                // Alt-Enter or Ctrl-J: a line break in a several-line field.
                KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) => Some(NewLine),
                KeyCode::Char('j') if ctrl => Some(NewLine),
                KeyCode::Tab | KeyCode::Down | KeyCode::Enter => Some(NextField),
                KeyCode::BackTab | KeyCode::Up => Some(PrevField),
                KeyCode::Left if choice => Some(CycleChoice(false)),
                KeyCode::Right if choice => Some(CycleChoice(true)),
                KeyCode::Char(' ') if spacebar_picks => Some(CycleChoice(true)),
                KeyCode::Left => Some(CursorLeft),
                KeyCode::Right => Some(CursorRight),
                KeyCode::Home => Some(CursorHome),
                KeyCode::End => Some(CursorEnd),
                KeyCode::Backspace => Some(Backspace),
                KeyCode::Delete => Some(DeleteChar),
                KeyCode::Char(c) if !ctrl => Some(Type(c)),
                _ => None,
            }
        }
        Mode::Browse => {
            let common = match key.code {
                KeyCode::Char('/') => Some(OpenSearch),
                KeyCode::Char('S') => Some(OpenNoteSearch),
                KeyCode::Char('?') => Some(Help),
                KeyCode::Up | KeyCode::Char('k') => Some(Up),
                KeyCode::Down | KeyCode::Char('j') => Some(Down),
                KeyCode::PageUp => Some(PageUp),
                KeyCode::PageDown => Some(PageDown),
                KeyCode::Home | KeyCode::Char('g') => Some(Top),
                KeyCode::End | KeyCode::Char('G') => Some(Bottom),
                KeyCode::Char('r') if app.view() != View::Welcome && app.view() != View::Trash => {
                    Some(RecordVisit)
                }
                KeyCode::Char('a') if app.view() != View::Welcome => Some(OpenPlanner),
                KeyCode::Char('s') if app.view() != View::Welcome => Some(OpenReport),
                KeyCode::Char('b') if app.view() != View::Welcome => Some(OpenReminders),
                KeyCode::Char('A') if app.view() != View::Welcome => Some(OpenAnalytics),
                _ => None,
            };
            if common.is_some() {
                return common;
            }
            match app.view() {
                View::Welcome => match key.code {
                    KeyCode::Char('q') => Some(Quit),
                    KeyCode::Char('n') => Some(New),
                    KeyCode::Char('d') => Some(LoadDemo),
                    KeyCode::Char('t') => Some(OpenTrash),
                    KeyCode::Char('i') => Some(Import),
                    _ => None,
                },
                View::List => match key.code {
                    KeyCode::Char('q') => Some(Quit),
                    KeyCode::Esc => Some(ClearFilters),
                    KeyCode::Enter => Some(Open),
                    KeyCode::Char('n') => Some(New),
                    KeyCode::Char('e') => Some(Edit),
                    KeyCode::Char('d') => Some(Delete),
                    KeyCode::Char('o') => Some(NextSort),
                    KeyCode::Char('O') => Some(ReverseSort),
                    KeyCode::Char('f') => Some(EditFilters),
                    KeyCode::Char('F') => Some(ClearFilters),
                    KeyCode::Char('t') => Some(OpenTrash),
                    KeyCode::Char('i') => Some(Import),
                    _ => None,
                },
                View::Detail => match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => Some(Back),
                    KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Some(NextTab),
                    KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Some(PrevTab),
                    KeyCode::Char(c @ '1'..='9') => Some(GoToTab(c as usize - '1' as usize)),
                    KeyCode::Char('0') => Some(GoToTab(9)),
                    KeyCode::Enter | KeyCode::Char('e') => Some(Edit),
                    KeyCode::Char('n') => Some(New),
                    KeyCode::Char('N') => Some(NewPlan),
                    KeyCode::Char('d') => Some(Delete),
                    KeyCode::Char('v') => Some(RevealDossier),
                    KeyCode::Char('p') => Some(EditDossier),
                    KeyCode::Char('x') => Some(ExportAccount),
                    KeyCode::Char('u') => Some(Undo),
                    KeyCode::Char('f') => Some(FieldHistory),
                    KeyCode::Char('M') => Some(MergeAccount),
                    _ => None,
                },
                View::Planner => match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => Some(Back),
                    KeyCode::Enter => Some(Open),
                    KeyCode::Char('t') => Some(PeriodToday),
                    KeyCode::Char('w') => Some(PlannerWeek),
                    KeyCode::Char(']') | KeyCode::Right => Some(NextPeriod),
                    KeyCode::Char('[') | KeyCode::Left => Some(PrevPeriod),
                    KeyCode::Char('R') => Some(PlannerRegional),
                    KeyCode::Char('D') => Some(ChooseDates),
                    KeyCode::Char('x') => Some(PlanDone),
                    KeyCode::Char('c') => Some(PlanCancel),
                    KeyCode::Char('m') | KeyCode::Char('e') => Some(Edit),
                    _ => None,
                },
                View::Report => match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => Some(Back),
                    KeyCode::Enter => Some(Open),
                    KeyCode::Char('t') => Some(PeriodToday),
                    KeyCode::Char(']') | KeyCode::Right => Some(NextPeriod),
                    KeyCode::Char('[') | KeyCode::Left => Some(PrevPeriod),
                    KeyCode::Char('w') => Some(ReportWeekly),
                    KeyCode::Char('D') => Some(ChooseDates),
                    _ => None,
                },
                View::Reminders => match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => Some(Back),
                    KeyCode::Enter => Some(Open),
                    _ => None,
                },
                View::Trash => match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => Some(Back),
                    KeyCode::Enter | KeyCode::Char('r') => Some(Restore),
                    _ => None,
                },
                View::Analytics => match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => Some(Back),
                    KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Some(NextTab),
                    KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Some(PrevTab),
                    KeyCode::Char(c @ '1'..='8') => Some(GoToTab(c as usize - '1' as usize)),
                    KeyCode::Char('p') => Some(AnalyticsPeriodKind),
                    KeyCode::Char(']') => Some(NextPeriod),
                    KeyCode::Char('[') => Some(PrevPeriod),
                    KeyCode::Char('D') => Some(ChooseDates),
                    KeyCode::Char('P') => Some(ToggleGradingMethod),
                    KeyCode::Char('c') => Some(AnalyticsSettings),
                    KeyCode::Enter => Some(Open),
                    KeyCode::Char('e') => Some(Edit),
                    _ => None,
                },
            }
        }
    }
}

/// The keys of a screen for the help overlay: (keys, message id of what they do).
pub fn help_keys(view: View) -> Vec<(&'static str, &'static str)> {
    let mut keys = vec![
        ("/", "help-search"),
        ("S", "help-note-search"),
        ("r", "help-record-visit"),
        ("a", "help-planner"),
        ("s", "help-report"),
        ("b", "help-reminders"),
        ("A", "help-analytics"),
        ("?", "help-help"),
        ("j k ↑ ↓", "help-move"),
        ("g G", "help-top-bottom"),
    ];
    keys.extend(match view {
        View::Welcome => vec![
            ("n", "help-new-account"),
            ("d", "help-load-demo"),
            ("i", "help-import"),
            ("t", "help-trash"),
            ("q", "help-quit"),
        ],
        View::List => vec![
            ("Enter", "help-open"),
            ("n", "help-new-account"),
            ("e", "help-edit"),
            ("d", "help-delete"),
            ("o O", "help-sort"),
            ("f F", "help-filter"),
            ("i", "help-import"),
            ("t", "help-trash"),
            ("q", "help-quit"),
        ],
        View::Detail => vec![
            ("Tab ⇧Tab 1-0", "help-tabs"),
            ("n", "help-new-item"),
            ("N", "help-new-plan"),
            ("e Enter", "help-edit-item"),
            ("d", "help-delete-item"),
            ("v", "help-reveal"),
            ("p", "help-edit-dossier"),
            ("u", "help-undo"),
            ("f Enter", "help-field-history"),
            ("x", "help-export"),
            ("M", "help-merge"),
            ("Esc", "help-back"),
        ],
        View::Trash => vec![("Enter r", "help-restore"), ("Esc", "help-back")],
        View::Report => vec![
            ("t", "help-report-today"),
            ("[ ] ← →", "help-report-move"),
            ("w", "help-report-weekly"),
            ("D", "help-report-date"),
            ("Enter", "help-open"),
            ("Esc", "help-back"),
        ],
        View::Reminders => vec![("Enter", "help-open"), ("Esc", "help-back")],
        View::Analytics => vec![
            ("Tab ⇧Tab 1-8", "help-an-tabs"),
            ("p D", "help-an-period"),
            ("[ ]", "help-an-move"),
            ("P", "help-an-pareto"),
            ("c", "help-an-settings"),
            ("e", "help-an-plan"),
            ("Enter", "help-open"),
            ("Esc", "help-back"),
        ],
        View::Planner => vec![
            ("t w", "help-planner-period"),
            ("[ ] ← →", "help-planner-move"),
            ("D", "help-planner-range"),
            ("R", "help-planner-regional"),
            ("x", "help-plan-done"),
            ("c", "help-plan-cancel"),
            ("m e", "help-plan-move"),
            ("Enter", "help-open"),
            ("Esc", "help-back"),
        ],
    });
    keys.extend([
        ("Ctrl-S", "help-form-save"),
        ("Tab ⇧Tab", "help-form-fields"),
        ("← → Space", "help-form-choice"),
        ("Alt-Enter Ctrl-J", "help-form-newline"),
        ("Esc", "help-form-cancel"),
    ]);
    keys
}
