//! The point a rep sets by hand on an account (issue 23: `kam place CODE LAT LON`, or the
//! form's two fields): one schema step giving the account two columns. They are the account's
//! fields, written, kept in history, exported and synced as every other; `geo` prefers them
//! to the point of the account's 省/市/区.

/// Schema step: two nullable columns (degrees, WGS 84), so books written before read as "not
/// set".
pub(crate) fn schema() -> String {
    "ALTER TABLE accounts ADD COLUMN place_lat REAL;\n\
     ALTER TABLE accounts ADD COLUMN place_lon REAL;\n"
        .to_string()
}
