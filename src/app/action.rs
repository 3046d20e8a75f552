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
    Edit,
    Delete,
    RevealDossier,
    EditDossier,
    // The list
    NextSort,
    ReverseSort,
    EditFilters,
    ClearFilters,
    OpenTrash,
    Restore,
    LoadDemo,
    /// The quick visit record (`r` from anywhere).
    RecordVisit,
    /// The visit planner (agenda).
    OpenPlanner,
    PlannerToday,
    PlannerWeek,
    PlannerNext,
    PlannerPrev,
    PlannerRegional,
    PlannerRange,
    /// Mark the selected plan done: opens its visit record.
    PlanDone,
    PlanCancel,
    /// The analytics screen (grading, top 10, regions, funnel …).
    OpenAnalytics,
    /// Month → quarter → year of the analytics period.
    AnalyticsPeriodKind,
    /// Percentile bands ↔ Pareto ABC.
    ToggleGradingMethod,
    // Search
    OpenSearch,
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
