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

/// What the finder's summaries leave out of where an account is: its district and the point
/// set by hand. The list's map reads it once when it opens, for the accounts that have either.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FinerPlace {
    pub district: Option<String>,
    pub point: (Option<f64>, Option<f64>),
}

impl super::Store {
    /// Each live account's district and point set by hand, where it has one or the other.
    pub fn finer_places(&self) -> anyhow::Result<std::collections::HashMap<i64, FinerPlace>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, district, place_lat, place_lon FROM accounts
              WHERE deleted_at IS NULL
                AND (district IS NOT NULL OR place_lat IS NOT NULL OR place_lon IS NOT NULL)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                FinerPlace {
                    district: r.get(1)?,
                    point: (r.get(2)?, r.get(3)?),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
