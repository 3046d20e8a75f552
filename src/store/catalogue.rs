//! The product catalogue in the store (商品资料表, issue 21): its schema step, the number a
//! product typed without one takes, and the lists the deal form and the catalogue screen read.
//! Products are records like the others (history, trash, import) but the book's own: the
//! table has no account column.

use super::records::Writer;
use super::rows::{columns, record_from_row, select_sql};
use super::Store;
use crate::domain::{Product, RecordKind};
use crate::i18n::Said;
use anyhow::{bail, Result};
use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value};

/// Schema step: the catalogue. Numbers are unique among live products, case aside, as account
/// codes are; the `uid` is what the team edition would send it by.
pub(crate) fn schema() -> String {
    "CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL, name TEXT NOT NULL, unit TEXT, category TEXT,
        specification TEXT, price INTEGER, tax_rate INTEGER, barcode TEXT, notes TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
        uid TEXT
    );
    CREATE UNIQUE INDEX products_uid ON products(uid);
    CREATE INDEX products_name ON products(name COLLATE NOCASE);"
        .to_string()
}

/// The prefix of numbers the store gives.
const PREFIX: &str = "P";

impl Writer<'_> {
    /// Gives a product typed without a number the next free `P0001`…, and refuses a number
    /// another live product holds.
    pub(crate) fn prepare_product(&self, map: &mut Map<String, Value>) -> Result<()> {
        let own_id = map.get("id").and_then(|v| v.as_i64()).unwrap_or(0);
        let given = map
            .get("number")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_string();
        let number = if given.is_empty() {
            let highest: i64 = self.tx().query_row(
                "SELECT coalesce(max(CAST(substr(number, 2) AS INTEGER)), 0) FROM products
                 WHERE number GLOB 'P[0-9]*'",
                [],
                |r| r.get(0),
            )?;
            format!("{PREFIX}{:04}", highest + 1)
        } else {
            given
        };
        let holder: Option<String> = self
            .tx()
            .prepare_cached(
                "SELECT name FROM products WHERE number = ?1 COLLATE NOCASE AND id != ?2
                   AND deleted_at IS NULL",
            )?
            .query_row(params![number, own_id], |r| r.get(0))
            .optional()?;
        if let Some(name) = holder {
            bail!(Said::new("store-product-number-taken")
                .with("number", number)
                .with("name", name));
        }
        map.insert("number".into(), Value::String(number));
        Ok(())
    }
}

impl Writer<'_> {
    /// The names of the live products, inside a write (the demo's catalogue).
    pub fn product_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .tx()
            .prepare("SELECT name FROM products WHERE deleted_at IS NULL")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }
}

impl Store {
    /// The live products, by number.
    pub fn products(&self) -> Result<Vec<Product>> {
        let kind = RecordKind::Product;
        let cols = columns(kind);
        let sql = format!(
            "{} WHERE deleted_at IS NULL ORDER BY number COLLATE NOCASE, id",
            select_sql(kind)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out = vec![];
        while let Some(row) = rows.next()? {
            out.push(record_from_row(kind, &cols, row)?);
        }
        Ok(out)
    }

    /// The live product a deal's product text names (its name, around spaces, any case).
    pub fn product_named(&self, typed: &str) -> Result<Option<Product>> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        Ok(self.products()?.into_iter().find(|p| p.is_named(typed)))
    }
}
