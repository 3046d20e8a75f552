//! The schema step of the relationship side's second part (issue 22): approval detail on
//! entertainment and gifts (审批人, 审批日期), the book's own market events (市场活动表,
//! store/market_events.rs) and custom fields (store/custom_fields.rs), as one step so an
//! empty book's upgrade writes its WAL once.

/// Schema step.
pub(crate) fn schema() -> String {
    [
        "ALTER TABLE entertainments ADD COLUMN approver TEXT;
         ALTER TABLE entertainments ADD COLUMN approved_on TEXT;
         ALTER TABLE gifts ADD COLUMN approver TEXT;
         ALTER TABLE gifts ADD COLUMN approved_on TEXT;",
        super::custom_fields::SCHEMA,
    ]
    .join("\n")
}
