//! What a key means. Keys resolve to these (see `keymap`); `App::update` applies them.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    Help,
    // Moving
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextTab,
    PrevTab,
    GoToTab(usize),
    // Acting on the selection
    Open,
    New,
    /// A visit plan on the detail screen's Visits tab (`n` there records a visit).
    NewPlan,
    /// A payment received (回款), for the deal or contract selected if any (`m`).
    NewPayment,
    /// A return or claim (退货/索赔) of the account (`R`).
    NewReturn,
    /// A contract (合同) of the account (`c`).
    NewContract,
    /// An entertainment application (客户招待申请, `E`), a gift request (礼品申请, `L`), a
    /// competitor (竞争对手, `C`): on the Relations tab.
    NewEntertainment,
    NewGift,
    NewCompetitor,
    /// The account's people at a market event (市场活动参与, `V`), on the Relations tab.
    NewEventAttendance,
    Edit,
    Delete,
    RevealDossier,
    /// The brief before a visit (the account's next, or the planned visit selected).
    OpenBrief,
    /// The product catalogue (`C`).
    OpenCatalogue,
    /// Targets and work plans (`T`).
    OpenTargets,
    /// The team's custom fields (`X` on the list).
    OpenCustomFields,
    /// The week kam proposes (from the planner), and accepting all its proposals.
    OpenWeekPlan,
    /// Places on a map: the day's route (planner) or the accounts shown (list).
    OpenMap,
    AcceptAll,
    EditDossier,
    /// The account's attachments (`F`), and one saved out of the book (`w` there).
    OpenAttachments,
    SaveAttachment,
    // The list
    NextSort,
    ReverseSort,
    EditFilters,
    ClearFilters,
    OpenTrash,
    /// The last import taken back as a whole (`I`).
    UndoImport,
    /// The rep's own profile (`,`).
    EditProfile,
    Restore,
    LoadDemo,
    /// The quick visit record (`r` from anywhere).
    RecordVisit,
    /// The visit planner (agenda).
    OpenPlanner,
    PeriodToday,
    PlannerWeek,
    NextPeriod,
    PrevPeriod,
    PlannerRegional,
    /// Choose the dates shown (planner, report).
    ChooseDates,
    /// Whose reports the report screens show: the whole book or one rep of the team.
    ChooseRep,
    /// Mark the selected plan done: opens its visit record.
    PlanDone,
    PlanCancel,
    /// Undo the account's last change.
    Undo,
    /// The History tab: one field's changes only, or all again.
    FieldHistory,
    /// Import a file (its dry run first).
    Import,
    /// Export the open account (Markdown and JSON).
    ExportAccount,
    /// Merge a duplicate into the open account.
    MergeAccount,
    /// The daily visit report screen.
    OpenReport,
    /// Between the day's report and the week's summary.
    ReportWeekly,
    /// The report shown as Markdown into exports/ (`x`) or to the clipboard (`y`).
    ExportReport,
    /// A planned visit moved to another time (`m`).
    Reschedule,
    CopyReport,
    /// The reminders dashboard.
    OpenReminders,
    /// The analytics screen (grading, top 10, regions, funnel …).
    OpenAnalytics,
    /// Month → quarter → year of the analytics period.
    AnalyticsPeriodKind,
    /// Percentile bands ↔ Pareto ABC.
    ToggleGradingMethod,
    /// The grading bands or evaluation weights of the analytics tab shown.
    AnalyticsSettings,
    // Search
    OpenSearch,
    /// Search the text of visit reports, service records, feedback and communications.
    OpenNoteSearch,
    /// Sync with the team's server now (a book in a team).
    SyncTeam,
    // Text entry (search line and forms)
    Type(char),
    Paste(String),
    /// A line break in a several-line field.
    NewLine,
    Backspace,
    DeleteChar,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    NextField,
    PrevField,
    CycleChoice(bool),
    Save,
    // Dialogs
    Yes,
    No,
}
