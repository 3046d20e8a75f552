//! Every key, in one table: (scope, keys → actions, help). `resolve` finds a key's action in
//! it and the `?` help reads its lines from it, so a key cannot work without being shown
//! or be shown without working; the tests below refuse a key bound twice in one scope.

use super::action::Action;
use super::{App, Mode, View};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The lock screen: only the passphrase.
    Locked,
    Confirm,
    Help,
    /// The account finder and the notes search: a line of text and its hits.
    Search,
    Form,
    /// A form whose focused field is a choice: ← → pick its value.
    FormChoice,
    /// A form whose focused field is picked from a list: Space picks too.
    FormPicked,
    /// The field list of the import's mapping: typed letters filter it.
    Pick,
    /// The screens listed, when no overlay or form is open.
    On(&'static [View]),
}

/// A key with the modifiers it needs; a key without any also answers with modifiers held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// One line of the help and the keys behind it. An empty label keeps a line out of the help
/// (page keys, text editing); its keys still say what they do by their help text.
pub struct Row {
    pub scope: Scope,
    pub label: &'static str,
    /// The message id of what the keys do.
    pub help: &'static str,
    pub keys: &'static [(Key, Action)],
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

const fn row(
    scope: Scope,
    label: &'static str,
    help: &'static str,
    keys: &'static [(Key, Action)],
) -> Row {
    Row {
        scope,
        label,
        help,
        keys,
    }
}

use Action::*;
use KeyCode::{BackTab, Backspace as BackspaceKey, Delete as DeleteKey, Down as DownKey};
use KeyCode::{End, Enter, Esc, Home, Left, PageDown as PageDownKey, PageUp as PageUpKey};
use KeyCode::{Right, Tab, Up as UpKey};

const ALL: &[View] = &[
    View::Welcome,
    View::List,
    View::Detail,
    View::Trash,
    View::Planner,
    View::Report,
    View::Reminders,
    View::Analytics,
    View::ImportMap,
    View::Brief,
    View::WeekPlan,
    View::Catalogue,
    View::Map,
    View::Targets,
    View::Attachments,
    View::CustomFields,
];
/// Every screen but the welcome of an empty book.
const AWAY: &[View] = &[
    View::List,
    View::Detail,
    View::Trash,
    View::Planner,
    View::Report,
    View::Reminders,
    View::Analytics,
    View::Brief,
    View::Catalogue,
    View::Targets,
];
/// Where `r` records a visit (in the trash it restores).
const VISITING: &[View] = &[
    View::List,
    View::Detail,
    View::Planner,
    View::Report,
    View::Reminders,
    View::Analytics,
];
const WELCOME: &[View] = &[View::Welcome];
const LIST: &[View] = &[View::List];
const DETAIL: &[View] = &[View::Detail];
const TRASH: &[View] = &[View::Trash];
const REPORT: &[View] = &[View::Report];
const REMINDERS: &[View] = &[View::Reminders];
const ANALYTICS: &[View] = &[View::Analytics];
const PLANNER: &[View] = &[View::Planner];
const IMPORT_MAP: &[View] = &[View::ImportMap];
const BRIEF: &[View] = &[View::Brief];
const WEEK_PLAN: &[View] = &[View::WeekPlan];
const CATALOGUE: &[View] = &[View::Catalogue];
const TARGETS: &[View] = &[View::Targets];
const MAP: &[View] = &[View::Map];
const ATTACHMENTS: &[View] = &[View::Attachments];
const CUSTOM_FIELDS: &[View] = &[View::CustomFields];

/// The table, in the order the help shows it: the keys of every screen, the screen's own,
/// then the form's.
#[rustfmt::skip]
pub static KEYS: &[Row] = &[
    row(Scope::Locked, "Enter", "locked-hint", &[(key(Enter), Open), (key(BackspaceKey), Backspace)]),
    row(Scope::Confirm, "y Enter", "confirm-yes", &[(ch('y'), Yes), (ch('Y'), Yes), (key(Enter), Yes)]),
    row(Scope::Confirm, "n Esc", "confirm-no", &[(ch('n'), No), (ch('N'), No), (key(Esc), No)]),
    row(Scope::Help, "Esc", "help-back", &[
        (key(Esc), Back), (ch('?'), Back), (ch('q'), Back), (key(Enter), Back),
    ]),
    // The help scrolls with the keys that move on every screen; any other key closes it.
    row(Scope::Help, "", "help-move", &[
        (ch('j'), Down), (ch('k'), Up), (key(UpKey), Up), (key(DownKey), Down),
        (key(PageUpKey), PageUp), (key(PageDownKey), PageDown), (ch('g'), Top), (ch('G'), Bottom),
        (key(Home), Top), (key(End), Bottom),
    ]),
    row(Scope::Search, "Esc", "help-back", &[(key(Esc), Back)]),
    row(Scope::Search, "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::Search, "↑ ↓", "help-move", &[
        (key(UpKey), Up), (key(DownKey), Down), (ctrl('p'), Up), (ctrl('n'), Down),
    ]),
    row(Scope::Search, "", "help-text-edit", &[
        (key(BackspaceKey), Backspace), (key(DeleteKey), DeleteChar), (key(Left), CursorLeft),
        (key(Right), CursorRight), (key(Home), CursorHome), (key(End), CursorEnd),
    ]),
    // Every screen.
    row(Scope::On(ALL), "/", "help-search", &[(ch('/'), OpenSearch)]),
    row(Scope::On(ALL), "S", "help-note-search", &[(ch('S'), OpenNoteSearch)]),
    row(Scope::On(ALL), "Y", "help-sync", &[(ch('Y'), SyncTeam)]),
    row(Scope::On(VISITING), "r", "help-record-visit", &[(ch('r'), RecordVisit)]),
    row(Scope::On(AWAY), "a", "help-planner", &[(ch('a'), OpenPlanner)]),
    row(Scope::On(AWAY), "s", "help-report", &[(ch('s'), OpenReport)]),
    row(Scope::On(AWAY), "b", "help-reminders", &[(ch('b'), OpenReminders)]),
    row(Scope::On(AWAY), "A", "help-analytics", &[(ch('A'), OpenAnalytics)]),
    row(Scope::On(AWAY), "K", "help-catalogue", &[(ch('K'), OpenCatalogue)]),
    row(Scope::On(AWAY), "T", "help-targets", &[(ch('T'), OpenTargets)]),
    row(Scope::On(ALL), "?", "help-help", &[(ch('?'), Help)]),
    row(Scope::On(ALL), "j k ↑ ↓", "help-move", &[
        (ch('j'), Down), (ch('k'), Up), (key(UpKey), Up), (key(DownKey), Down),
        (key(PageUpKey), PageUp), (key(PageDownKey), PageDown),
    ]),
    row(Scope::On(ALL), "g G", "help-top-bottom", &[
        (ch('g'), Top), (ch('G'), Bottom), (key(Home), Top), (key(End), Bottom),
    ]),
    // The welcome of an empty book.
    row(Scope::On(WELCOME), "n", "help-new-account", &[(ch('n'), New)]),
    row(Scope::On(WELCOME), "d", "help-load-demo", &[(ch('d'), LoadDemo)]),
    row(Scope::On(WELCOME), "i", "help-import", &[(ch('i'), Import)]),
    row(Scope::On(WELCOME), "t", "help-trash", &[(ch('t'), OpenTrash)]),
    row(Scope::On(WELCOME), ",", "help-profile", &[(ch(','), EditProfile)]),
    row(Scope::On(WELCOME), "q", "help-quit", &[(ch('q'), Quit)]),
    // The account list.
    row(Scope::On(LIST), "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::On(LIST), "n", "help-new-account", &[(ch('n'), New)]),
    row(Scope::On(LIST), "e", "help-edit", &[(ch('e'), Edit)]),
    row(Scope::On(LIST), "d", "help-delete", &[(ch('d'), Delete)]),
    row(Scope::On(LIST), "o O", "help-sort", &[(ch('o'), NextSort), (ch('O'), ReverseSort)]),
    row(Scope::On(LIST), "f F", "help-filter", &[
        (ch('f'), EditFilters), (ch('F'), ClearFilters), (key(Esc), ClearFilters),
    ]),
    row(Scope::On(LIST), "i", "help-import", &[(ch('i'), Import)]),
    row(Scope::On(LIST), "I", "help-undo-import", &[(ch('I'), UndoImport)]),
    row(Scope::On(LIST), "t", "help-trash", &[(ch('t'), OpenTrash)]),
    row(Scope::On(LIST), "M", "help-map-accounts", &[(ch('M'), OpenMap)]),
    row(Scope::On(LIST), "X", "help-custom-fields", &[(ch('X'), OpenCustomFields)]),
    row(Scope::On(LIST), ",", "help-profile", &[(ch(','), EditProfile)]),
    row(Scope::On(LIST), "q", "help-quit", &[(ch('q'), Quit)]),
    // An account's detail.
    row(Scope::On(DETAIL), "Tab ⇧Tab 1-0", "help-tabs", &[
        (key(Tab), NextTab), (key(Right), NextTab), (ch('l'), NextTab), (key(BackTab), PrevTab),
        (key(Left), PrevTab), (ch('h'), PrevTab), (ch('1'), GoToTab(0)), (ch('2'), GoToTab(1)),
        (ch('3'), GoToTab(2)), (ch('4'), GoToTab(3)), (ch('5'), GoToTab(4)), (ch('6'), GoToTab(5)),
        (ch('7'), GoToTab(6)), (ch('8'), GoToTab(7)), (ch('9'), GoToTab(8)), (ch('0'), GoToTab(9)),
    ]),
    row(Scope::On(DETAIL), "n", "help-new-item", &[(ch('n'), New)]),
    row(Scope::On(DETAIL), "N", "help-new-plan", &[(ch('N'), NewPlan)]),
    row(Scope::On(DETAIL), "m", "help-new-payment", &[(ch('m'), NewPayment)]),
    row(Scope::On(DETAIL), "c", "help-new-contract", &[(ch('c'), NewContract)]),
    row(Scope::On(DETAIL), "E", "help-new-entertainment", &[(ch('E'), NewEntertainment)]),
    row(Scope::On(DETAIL), "L", "help-new-gift", &[(ch('L'), NewGift)]),
    row(Scope::On(DETAIL), "C", "help-new-competitor", &[(ch('C'), NewCompetitor)]),
    row(Scope::On(DETAIL), "V", "help-new-event", &[(ch('V'), NewEventAttendance)]),
    row(Scope::On(DETAIL), "R", "help-new-return", &[(ch('R'), NewReturn)]),
    row(Scope::On(DETAIL), "e Enter", "help-edit-item", &[(ch('e'), Edit), (key(Enter), Edit)]),
    row(Scope::On(DETAIL), "d", "help-delete-item", &[(ch('d'), Delete)]),
    row(Scope::On(DETAIL), "v", "help-reveal", &[(ch('v'), RevealDossier)]),
    row(Scope::On(DETAIL), "B", "help-brief", &[(ch('B'), OpenBrief)]),
    row(Scope::On(DETAIL), "p", "help-edit-dossier", &[(ch('p'), EditDossier)]),
    row(Scope::On(DETAIL), "u", "help-undo", &[(ch('u'), Undo)]),
    // On the History tab Enter (bound above) puts an earlier value back.
    row(Scope::On(DETAIL), "f Enter", "help-field-history", &[(ch('f'), FieldHistory)]),
    row(Scope::On(DETAIL), "x", "help-export", &[(ch('x'), ExportAccount)]),
    row(Scope::On(DETAIL), "M", "help-merge", &[(ch('M'), MergeAccount)]),
    row(Scope::On(DETAIL), "F", "help-attachments", &[(ch('F'), OpenAttachments)]),
    row(Scope::On(DETAIL), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The trash.
    row(Scope::On(TRASH), "Enter r", "help-restore", &[(key(Enter), Restore), (ch('r'), Restore)]),
    row(Scope::On(TRASH), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The daily visit report.
    row(Scope::On(REPORT), "t", "help-report-today", &[(ch('t'), PeriodToday)]),
    row(Scope::On(REPORT), "[ ] ← →", "help-report-move", &[
        (ch(']'), NextPeriod), (key(Right), NextPeriod), (ch('['), PrevPeriod),
        (key(Left), PrevPeriod),
    ]),
    row(Scope::On(REPORT), "w", "help-report-weekly", &[(ch('w'), ReportWeekly)]),
    row(Scope::On(REPORT), "D", "help-report-date", &[(ch('D'), ChooseDates)]),
    row(Scope::On(REPORT), "R", "help-choose-rep", &[(ch('R'), ChooseRep)]),
    row(Scope::On(REPORT), "x", "help-report-export", &[(ch('x'), ExportReport)]),
    row(Scope::On(REPORT), "y", "help-report-copy", &[(ch('y'), CopyReport)]),
    row(Scope::On(REPORT), "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::On(REPORT), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The reminders dashboard.
    row(Scope::On(REMINDERS), "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::On(REMINDERS), "N", "help-remind-plan", &[(ch('N'), NewPlan)]),
    row(Scope::On(REMINDERS), "B", "help-remind-brief", &[(ch('B'), OpenBrief)]),
    row(Scope::On(REMINDERS), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // Analytics.
    row(Scope::On(ANALYTICS), "Tab ⇧Tab 1-0", "help-an-tabs", &[
        (key(Tab), NextTab), (key(Right), NextTab), (ch('l'), NextTab), (key(BackTab), PrevTab),
        (key(Left), PrevTab), (ch('h'), PrevTab), (ch('1'), GoToTab(0)), (ch('2'), GoToTab(1)),
        (ch('3'), GoToTab(2)), (ch('4'), GoToTab(3)), (ch('5'), GoToTab(4)), (ch('6'), GoToTab(5)),
        (ch('7'), GoToTab(6)), (ch('8'), GoToTab(7)), (ch('9'), GoToTab(8)), (ch('0'), GoToTab(9)),
    ]),
    row(Scope::On(ANALYTICS), "p D", "help-an-period", &[
        (ch('p'), AnalyticsPeriodKind), (ch('D'), ChooseDates),
    ]),
    row(Scope::On(ANALYTICS), "[ ]", "help-an-move", &[(ch(']'), NextPeriod), (ch('['), PrevPeriod)]),
    row(Scope::On(ANALYTICS), "P", "help-an-pareto", &[(ch('P'), ToggleGradingMethod)]),
    row(Scope::On(ANALYTICS), "R", "help-choose-rep", &[(ch('R'), ChooseRep)]),
    row(Scope::On(ANALYTICS), "c", "help-an-settings", &[(ch('c'), AnalyticsSettings)]),
    row(Scope::On(ANALYTICS), "e", "help-an-plan", &[(ch('e'), Edit)]),
    row(Scope::On(ANALYTICS), "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::On(ANALYTICS), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The visit planner.
    row(Scope::On(PLANNER), "t w", "help-planner-period", &[(ch('t'), PeriodToday), (ch('w'), PlannerWeek)]),
    row(Scope::On(PLANNER), "[ ] ← →", "help-planner-move", &[
        (ch(']'), NextPeriod), (key(Right), NextPeriod), (ch('['), PrevPeriod),
        (key(Left), PrevPeriod),
    ]),
    row(Scope::On(PLANNER), "D", "help-planner-range", &[(ch('D'), ChooseDates)]),
    row(Scope::On(PLANNER), "R", "help-planner-regional", &[(ch('R'), PlannerRegional)]),
    row(Scope::On(PLANNER), "x", "help-plan-done", &[(ch('x'), PlanDone)]),
    row(Scope::On(PLANNER), "c", "help-plan-cancel", &[(ch('c'), PlanCancel)]),
    row(Scope::On(PLANNER), "m", "help-plan-move", &[(ch('m'), Reschedule)]),
    row(Scope::On(PLANNER), "e", "help-plan-edit", &[(ch('e'), Edit)]),
    row(Scope::On(PLANNER), "B", "help-brief-plan", &[(ch('B'), OpenBrief)]),
    row(Scope::On(PLANNER), "P", "help-week-plan", &[(ch('P'), OpenWeekPlan)]),
    row(Scope::On(PLANNER), "M", "help-map-route", &[(ch('M'), OpenMap)]),
    row(Scope::On(PLANNER), "X", "help-planner-export-day", &[(ch('X'), ExportReport)]),
    row(Scope::On(PLANNER), "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::On(PLANNER), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The week kam proposes.
    row(Scope::On(WEEK_PLAN), "Enter", "help-week-plan-accept", &[(key(Enter), Open), (ch('y'), Open)]),
    row(Scope::On(WEEK_PLAN), "m", "help-week-plan-move", &[(ch('m'), Reschedule)]),
    row(Scope::On(WEEK_PLAN), "d", "help-week-plan-drop", &[(ch('d'), Delete), (ch('x'), Delete)]),
    row(Scope::On(WEEK_PLAN), "A", "help-week-plan-all", &[(ch('A'), AcceptAll)]),
    row(Scope::On(WEEK_PLAN), "[ ]", "help-week-plan-weeks", &[(ch(']'), NextPeriod), (ch('['), PrevPeriod)]),
    row(Scope::On(WEEK_PLAN), "c", "help-week-plan-cadence", &[(ch('c'), AnalyticsSettings)]),
    row(Scope::On(WEEK_PLAN), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // Targets and work plans.
    row(Scope::On(TARGETS), "n", "help-new-target", &[(ch('n'), New)]),
    row(Scope::On(TARGETS), "e Enter", "help-edit-target", &[(ch('e'), Edit), (key(Enter), Edit)]),
    row(Scope::On(TARGETS), "d", "help-delete-target", &[(ch('d'), Delete)]),
    row(Scope::On(TARGETS), "[ ]", "help-targets-years", &[(ch(']'), NextPeriod), (ch('['), PrevPeriod)]),
    row(Scope::On(TARGETS), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The product catalogue.
    row(Scope::On(CATALOGUE), "n", "help-new-product", &[(ch('n'), New)]),
    row(Scope::On(CATALOGUE), "e Enter", "help-edit-product", &[(ch('e'), Edit), (key(Enter), Edit)]),
    row(Scope::On(CATALOGUE), "d", "help-delete-product", &[(ch('d'), Delete)]),
    row(Scope::On(CATALOGUE), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // An account's attachments.
    row(Scope::On(ATTACHMENTS), "n", "help-attachment-add", &[(ch('n'), New)]),
    row(Scope::On(ATTACHMENTS), "Enter o", "help-attachment-open", &[(key(Enter), Open), (ch('o'), Open)]),
    row(Scope::On(ATTACHMENTS), "w", "help-attachment-save", &[(ch('w'), SaveAttachment)]),
    row(Scope::On(ATTACHMENTS), "d", "help-attachment-delete", &[(ch('d'), Delete)]),
    row(Scope::On(ATTACHMENTS), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The team's custom fields.
    row(Scope::On(CUSTOM_FIELDS), "n", "help-new-custom-field", &[(ch('n'), New)]),
    row(Scope::On(CUSTOM_FIELDS), "d", "help-remove-custom-field", &[(ch('d'), Delete)]),
    row(Scope::On(CUSTOM_FIELDS), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // Places on a map.
    row(Scope::On(MAP), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // The brief before a visit.
    row(Scope::On(BRIEF), "v", "help-brief-personal", &[(ch('v'), RevealDossier)]),
    row(Scope::On(BRIEF), "x", "help-brief-export", &[(ch('x'), ExportReport)]),
    row(Scope::On(BRIEF), "y", "help-brief-copy", &[(ch('y'), CopyReport)]),
    row(Scope::On(BRIEF), "Enter", "help-open", &[(key(Enter), Open)]),
    row(Scope::On(BRIEF), "Esc", "help-back", &[(key(Esc), Back), (ch('q'), Back)]),
    // Which column becomes which field, before an import.
    row(Scope::On(IMPORT_MAP), "← → h l", "help-map-field", &[
        (key(Left), CycleChoice(false)), (key(Right), CycleChoice(true)),
        (ch('h'), CycleChoice(false)), (ch('l'), CycleChoice(true)),
    ]),
    row(Scope::On(IMPORT_MAP), "x", "help-map-ignore", &[(ch('x'), Delete), (key(DeleteKey), Delete)]),
    row(Scope::On(IMPORT_MAP), "u", "help-map-reset", &[(ch('u'), Undo)]),
    row(Scope::On(IMPORT_MAP), "e", "help-map-pick", &[(ch('e'), Edit)]),
    row(Scope::Pick, "Enter", "help-map-picked", &[(key(Enter), Open)]),
    row(Scope::Pick, "Esc", "help-back", &[(key(Esc), Back)]),
    row(Scope::Pick, "↑ ↓", "help-move", &[
        (key(UpKey), Up), (key(DownKey), Down), (ctrl('p'), Up), (ctrl('n'), Down),
    ]),
    row(Scope::Pick, "", "help-text-edit", &[(key(BackspaceKey), Backspace)]),
    row(Scope::On(IMPORT_MAP), "Enter y", "help-map-go", &[(key(Enter), Open), (ch('y'), Yes)]),
    row(Scope::On(IMPORT_MAP), "Esc", "help-map-cancel", &[(key(Esc), Back), (ch('q'), Back)]),
    // Forms, shown under every screen's keys.
    row(Scope::Form, "Ctrl-S", "help-form-save", &[(ctrl('s'), Save)]),
    row(Scope::Form, "Tab ⇧Tab", "help-form-fields", &[
        (key(Tab), NextField), (key(DownKey), NextField), (key(Enter), NextField),
        (key(BackTab), PrevField), (key(UpKey), PrevField),
    ]),
    row(Scope::FormChoice, "← → Space", "help-form-choice", &[
        (key(Left), CycleChoice(false)), (key(Right), CycleChoice(true)),
    ]),
    row(Scope::FormPicked, "", "help-form-choice", &[(ch(' '), CycleChoice(true))]),
    row(Scope::Form, "Alt-Enter Ctrl-J", "help-form-newline", &[(alt(Enter), NewLine), (ctrl('j'), NewLine)]),
    row(Scope::Form, "Esc", "help-form-cancel", &[(key(Esc), Back)]),
    row(Scope::Form, "", "help-text-edit", &[
        (key(Left), CursorLeft), (key(Right), CursorRight), (key(Home), CursorHome),
        (key(End), CursorEnd), (key(BackspaceKey), Backspace), (key(DeleteKey), DeleteChar),
    ]),
];

impl Scope {
    fn holds(self, scope: Scope, view: View) -> bool {
        match (self, scope) {
            (Scope::On(views), Scope::On(_)) => views.contains(&view),
            (a, b) => a == b,
        }
    }

    /// Where any other character is typed.
    fn types(self) -> bool {
        matches!(
            self,
            Scope::Locked | Scope::Search | Scope::Form | Scope::Pick
        )
    }
}

/// The scopes that take a key now, the most particular first.
fn scopes(app: &App) -> Vec<Scope> {
    if app.is_locked() {
        return vec![Scope::Locked];
    }
    match app.mode() {
        Mode::Confirm => vec![Scope::Confirm],
        Mode::Help => vec![Scope::Help],
        Mode::Search => vec![Scope::Search],
        Mode::Form => {
            let form = app.editing();
            let mut s = vec![];
            if form.is_some_and(|f| f.focused_spec().kind.is_picked()) {
                s.push(Scope::FormPicked);
            }
            if form.is_some_and(|f| f.picks()) {
                s.push(Scope::FormChoice);
            }
            s.push(Scope::Form);
            s
        }
        Mode::Browse if app.picking() => vec![Scope::Pick],
        Mode::Browse => vec![Scope::On(&[])],
    }
}

/// The action of a key in one scope: a binding with modifiers first, then one without.
fn find(scope: Scope, view: View, event: &KeyEvent) -> Option<Action> {
    let bindings = || {
        KEYS.iter()
            .filter(move |r| r.scope.holds(scope, view))
            .flat_map(|r| r.keys.iter())
            .filter(|(k, _)| k.code == event.code && event.modifiers.contains(k.mods))
    };
    bindings()
        .find(|(k, _)| !k.mods.is_empty())
        .or_else(|| bindings().next())
        .map(|(_, a)| a.clone())
}

pub fn resolve(app: &App, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && event.code == KeyCode::Char('c') {
        return Some(Quit);
    }
    let view = app.view();
    for scope in scopes(app) {
        if let Some(action) = find(scope, view, &event) {
            return Some(action);
        }
        if let (true, KeyCode::Char(c), false) = (scope.types(), event.code, ctrl) {
            return Some(Type(c));
        }
    }
    None
}

/// The help of a screen: (keys, message id of what they do), its keys then the form's.
pub fn help_keys(view: View) -> Vec<(&'static str, &'static str)> {
    let screen = KEYS
        .iter()
        .filter(|r| matches!(r.scope, Scope::On(views) if views.contains(&view)));
    let form = KEYS
        .iter()
        .filter(|r| matches!(r.scope, Scope::Form | Scope::FormChoice));
    screen
        .chain(form)
        .filter(|r| !r.label.is_empty())
        .map(|r| (r.label, r.help))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{has, Lang};

    /// Every scope a key can be looked up in, each screen on its own.
    fn all_scopes() -> Vec<(Scope, View)> {
        let mut s: Vec<(Scope, View)> = [
            Scope::Locked,
            Scope::Confirm,
            Scope::Help,
            Scope::Search,
            Scope::Form,
            Scope::FormChoice,
            Scope::FormPicked,
            Scope::Pick,
        ]
        .into_iter()
        .map(|scope| (scope, View::List))
        .collect();
        s.extend(ALL.iter().map(|v| (Scope::On(&[]), *v)));
        s
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (scope, view) in all_scopes() {
            let mut seen: Vec<Key> = vec![];
            for row in KEYS.iter().filter(|r| r.scope.holds(scope, view)) {
                for (k, _) in row.keys {
                    assert!(
                        !seen.contains(k),
                        "{k:?} is bound twice in {scope:?} on {view:?}"
                    );
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_binding_has_help_text_in_both_languages() {
        for row in KEYS {
            assert!(!row.keys.is_empty(), "{} binds no key", row.help);
            for lang in [Lang::En, Lang::Zh] {
                assert!(has(lang, row.help), "{} has no text in {lang:?}", row.help);
            }
        }
    }

    #[test]
    fn every_screen_shows_its_keys_and_the_forms() {
        for view in ALL {
            let help = help_keys(*view);
            assert!(help.contains(&("?", "help-help")), "{view:?}");
            assert!(help.contains(&("Ctrl-S", "help-form-save")), "{view:?}");
        }
    }
}
