//! The accounts' plans (销售目标, 重点原因, 对策, 客户服务部经理建议, 总经理建议) as a list in the
//! CSV and Excel exports, one row per account that has one, joined by the account's code.
//! JSON carries each plan inside its account; the sheets had no place for them, and a book
//! moved through a workbook lost every plan unsaid. Read back into an empty book each plan
//! goes to its account; into a book that holds the account it is saved as a form would save
//! it (a history row per changed value), a row of a code the book lacks is named.

use super::sections::cell_text;
use super::table::Rows;
use crate::domain::parse::parse_field;
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::domain::{Account, AccountPlan};
use crate::i18n::{field_label, t, Lang, Said};
use crate::store::Store;
use anyhow::Result;
use serde_json::{Map, Value};

/// The CSV file's name.
pub const CSV_NAME: &str = "account_plans.csv";

/// The plan's values, in the order of the plan's form.
pub const FIELDS: [FieldSpec; 5] = [
    field("target", FieldKind::Money),
    field("reason", FieldKind::Text),
    field("measures", FieldKind::LongText),
    field("service_manager_advice", FieldKind::LongText),
    field("general_manager_advice", FieldKind::LongText),
];

/// The columns, in `lang`: the account's code, then the plan's values.
pub fn headers(lang: Lang) -> Vec<String> {
    std::iter::once(field_label(lang, "accounts", "code"))
        .chain(
            FIELDS
                .iter()
                .map(|f| field_label(lang, "account_plans", f.key)),
        )
        .collect()
}

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> String {
    t(lang, "section-account_plans")
}

/// Whether a sheet is this list, in either language.
pub fn is_sheet_name(name: &str) -> bool {
    Lang::ALL.iter().any(|l| sheet_name(*l) == name.trim())
}

fn cells(code: &str, plan: &AccountPlan, lang: Lang) -> Vec<String> {
    let values = serde_json::to_value(plan).unwrap_or_default();
    std::iter::once(code.to_string())
        .chain(FIELDS.iter().map(|f| cell_text(f, values.get(f.key), lang)))
        .collect()
}

/// The rows of a whole document (the exports' reference, `tables.rs`).
pub fn rows_of(doc: &super::json::Document, lang: Lang) -> Vec<Vec<String>> {
    doc.accounts
        .iter()
        .filter_map(|a| Some(cells(&a.account.code, a.plan.as_ref()?, lang)))
        .collect()
}

/// The rows of the live accounts of an export's scope (`code`: one account, any case), by
/// the accounts' ids as every section.
pub fn rows(store: &Store, code: Option<&str>, lang: Lang) -> Result<Vec<Vec<String>>> {
    let mut plans: Vec<AccountPlan> = store.account_plans()?.into_values().collect();
    plans.sort_by_key(|p| p.account_id);
    let mut out = vec![];
    for plan in plans.iter().filter(|p| !p.is_empty()) {
        let Some(account) = store.list::<Account>(plan.account_id)?.pop() else {
            continue;
        };
        if code.is_none_or(|c| c.eq_ignore_ascii_case(&account.code)) {
            out.push(cells(&account.code, plan, lang));
        }
    }
    Ok(out)
}

/// Each row's (row number, account code, plan), read by the plan form's own parsers, columns found by
/// their headers in either language; a blank row passes, a bad value is refused in one
/// sentence naming its row and column.
pub fn read(rows: &Rows, file: &str) -> Result<Vec<(usize, String, AccountPlan)>> {
    let Some((_, header)) = rows.first() else {
        return Ok(vec![]);
    };
    let named = |h: &str, f: &dyn Fn(Lang) -> String| Lang::ALL.iter().any(|l| f(*l) == h.trim());
    let code_at = header
        .iter()
        .position(|h| named(h, &|l| field_label(l, "accounts", "code")));
    let mut out = vec![];
    for (row, cells) in rows.iter().skip(1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let code = code_at
            .and_then(|i| cells.get(i))
            .map_or("", |c| c.trim())
            .to_string();
        if code.is_empty() {
            anyhow::bail!(Said::new("import-export-no-code")
                .with("section", file)
                .with("row", *row));
        }
        let mut map = Map::new();
        for (i, h) in header.iter().enumerate() {
            let Some(spec) = FIELDS
                .iter()
                .find(|f| named(h, &|l| field_label(l, "account_plans", f.key)))
            else {
                continue;
            };
            let cell = cells.get(i).map_or("", String::as_str);
            let v = if spec.kind == FieldKind::LongText && !cell.trim().is_empty() {
                Value::String(cell.to_string())
            } else {
                parse_field(spec, cell).map_err(|p| {
                    Said::new("import-export-cell")
                        .with("section", file)
                        .with("row", *row)
                        .with("column", h.as_str())
                        .with("problem", p.to_string())
                })?
            };
            if !v.is_null() {
                map.insert(spec.key.to_string(), v);
            }
        }
        out.push((*row, code, serde_json::from_value(Value::Object(map))?));
    }
    Ok(out)
}

/// The list's sheet, after the sections, when an account has a plan.
pub fn write_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    rows: &[Vec<String>],
    lang: Lang,
) -> Result<()> {
    super::list_sheet::write(book, &sheet_name(lang), &headers(lang), rows, 18.0, None)
}

/// The list as a CSV file's bytes (UTF-8 with a byte-order mark, as every export's file).
pub fn csv_bytes(rows: &[Vec<String>], lang: Lang) -> Result<Vec<u8>> {
    super::list_sheet::csv_bytes(&headers(lang), rows)
}
