//! The dealer profile (经销商档案) and the relationship analysis (关系表: 公关现状与前景分析) in
//! the store (issue 22): one schema step giving the account its columns. They are the
//! account's fields, written, kept in history, exported and synced as every other.

/// Schema step: seven nullable columns, so books written before read as "not filled".
pub(crate) fn schema() -> String {
    [
        "dealer_brands TEXT",
        "dealer_stores TEXT",
        "dealer_sales_area TEXT",
        "dealer_price_level TEXT",
        "dealer_exclusive INTEGER",
        "relationship_status TEXT",
        "relationship_outlook TEXT",
    ]
    .iter()
    .map(|c| format!("ALTER TABLE accounts ADD COLUMN {c};\n"))
    .collect()
}
