//! kam's own CSV folder and Excel workbook read back: one section per file or sheet (accounts,
//! contacts, deals …), the other sections joined to their account by its code in the first
//! column, headers and values in either language as the export wrote them. The result is an
//! export document, restored into an empty book like a JSON export, so that export → (edit in
//! Excel) → import → export gives the same sections.

use super::json::{Coded, Document, ExportAccount, FORMAT};
use super::sections::sections;
use super::table::{csv_rows, own_workbook_rows, sheet_names, Rows};
use crate::domain::parse::parse_field;
use crate::domain::record::{FieldKind, FieldSpec, RecordKind};
use crate::i18n::{field_label, t, Lang, Said};
use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// The section a sheet's name is, in either language ("Contacts", "联系人").
fn section_of_title(title: &str) -> Option<RecordKind> {
    sections(&Document::default()).into_iter().find_map(|s| {
        Lang::ALL
            .iter()
            .any(|l| {
                let full = t(*l, &format!("section-{}", s.table));
                let shown: String = full
                    .chars()
                    .filter(|c| !"[]:*?/\\".contains(*c))
                    .take(31)
                    .collect();
                shown == title.trim()
            })
            .then_some(s.kind)
    })
}

/// Whether a workbook is a kam export: the accounts and more sheets, every one a section, as
/// `kam export --format xlsx` writes them (in any order: a person drags a sheet to the front,
/// and read as a plain sheet of accounts the first one would have made contacts companies). Not "all the sections of today": a
/// workbook written by an earlier kam lacks the sheets added since (contracts, relations,
/// the catalogue …), and read as a plain sheet of accounts it lost every other sheet.
pub fn is_export_workbook(bytes: &[u8]) -> bool {
    let Ok(names) = sheet_names(bytes) else {
        return false;
    };
    // The attachments' list (issue 22) is kam's own too, read by no section.
    let kinds: Vec<Option<RecordKind>> = names
        .iter()
        .filter(|n| {
            !super::attachment_table::is_sheet_name(n)
                && !super::custom_field_table::is_sheet_name(n)
                && !super::plan_table::is_sheet_name(n)
        })
        .map(|n| section_of_title(n))
        .collect();
    kinds.len() >= 2
        && kinds.contains(&Some(RecordKind::Account))
        && kinds.iter().all(Option::is_some)
}

/// Whether a folder is a kam CSV export (it holds accounts.csv).
pub fn is_export_folder(dir: &Path) -> bool {
    dir.is_dir() && dir.join("accounts.csv").is_file()
}

/// An export as read: each section with its kind, its file or sheet name, its rows; and the
/// custom fields its list defines.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub sections: Vec<(RecordKind, String, Rows)>,
    pub custom_fields: Vec<crate::domain::CustomField>,
    /// How many attachments the export's list names (their files are not in a sheet).
    pub attachments_listed: usize,
    /// The accounts' plans: (row, account code, plan).
    pub plans: Vec<(usize, String, crate::domain::AccountPlan)>,
}

pub fn read_folder(dir: &Path) -> Result<Document> {
    document(found_in_folder(dir)?)
}

pub fn read_workbook(bytes: &[u8]) -> Result<Document> {
    document(found_in_workbook(bytes)?)
}

/// The sections of a kam CSV folder, unread.
pub fn found_in_folder(dir: &Path) -> Result<Found> {
    let mut found = Found::default();
    for s in sections(&Document::default()) {
        let path = dir.join(format!("{}.csv", s.table));
        if path.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| Said::cannot_read(&path, &e))?;
            let rows = csv_rows(&bytes).with_context(|| path.display().to_string())?;
            found
                .sections
                .push((s.kind, format!("{}.csv", s.table), rows));
        }
    }
    let name = super::custom_field_table::CSV_NAME;
    let path = dir.join(name);
    if path.is_file() {
        let bytes = std::fs::read(&path).map_err(|e| Said::cannot_read(&path, &e))?;
        let rows = csv_rows(&bytes).with_context(|| path.display().to_string())?;
        found.custom_fields = super::custom_field_table::read(&rows, name)?;
    }
    let path = dir.join(super::attachment_table::CSV_NAME);
    if path.is_file() {
        let bytes = std::fs::read(&path).map_err(|e| Said::cannot_read(&path, &e))?;
        found.attachments_listed = filled_rows(&csv_rows(&bytes)?);
    }
    let name = super::plan_table::CSV_NAME;
    let path = dir.join(name);
    if path.is_file() {
        let bytes = std::fs::read(&path).map_err(|e| Said::cannot_read(&path, &e))?;
        let rows = csv_rows(&bytes).with_context(|| path.display().to_string())?;
        found.plans = super::plan_table::read(&rows, name)?;
    }
    Ok(found)
}

/// The sections of a kam workbook, unread.
pub fn found_in_workbook(bytes: &[u8]) -> Result<Found> {
    let mut found = Found::default();
    for name in sheet_names(bytes)? {
        if let Some(kind) = section_of_title(&name) {
            let (_, rows) = own_workbook_rows(bytes, Some(&name))?;
            found.sections.push((kind, name, rows));
        } else if super::custom_field_table::is_sheet_name(&name) {
            let (_, rows) = own_workbook_rows(bytes, Some(&name))?;
            found.custom_fields = super::custom_field_table::read(&rows, &name)?;
        } else if super::attachment_table::is_sheet_name(&name) {
            found.attachments_listed = filled_rows(&own_workbook_rows(bytes, Some(&name))?.1);
        } else if super::plan_table::is_sheet_name(&name) {
            let (_, rows) = own_workbook_rows(bytes, Some(&name))?;
            found.plans = super::plan_table::read(&rows, &name)?;
        }
    }
    Ok(found)
}

/// The rows under the header that hold anything.
fn filled_rows(rows: &Rows) -> usize {
    rows.iter()
        .skip(1)
        .filter(|(_, c)| c.iter().any(|v| !v.trim().is_empty()))
        .count()
}

/// One row of a section as the values its columns hold (a column the sheet does not have is
/// no key: it changes nothing), with the account code it belongs to.
#[derive(Debug, Clone)]
pub struct SheetRecord {
    pub kind: RecordKind,
    pub sheet: String,
    pub row: usize,
    pub code: String,
    pub values: Map<String, Value>,
}

/// Every row of every section, accounts first, read by its field's own parser.
pub fn sheet_records(found: &Found) -> Result<Vec<SheetRecord>> {
    let mut out = vec![];
    let mut ordered: Vec<&(RecordKind, String, Rows)> = found.sections.iter().collect();
    ordered.sort_by_key(|(k, ..)| *k != RecordKind::Account);
    for (kind, name, rows) in ordered {
        let headers = rows.first().map(|r| r.1.clone()).unwrap_or_default();
        for (row, cells) in rows.iter().skip(1) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let (code, values) = record_map(*kind, name, &headers, cells, *row)?;
            out.push(SheetRecord {
                kind: *kind,
                sheet: name.clone(),
                row: *row,
                code,
                values,
            });
        }
    }
    Ok(out)
}

/// The field each header names, in either language; the code of the account first.
fn columns(kind: RecordKind, headers: &[String]) -> Vec<Option<&'static FieldSpec>> {
    let section = sections(&Document::default())
        .into_iter()
        .find(|s| s.kind == kind)
        .expect("every kind has a section");
    let stamps = super::sections::stamps(kind);
    headers
        .iter()
        .map(|h| {
            section
                .fields
                .iter()
                .copied()
                .chain(stamps.iter())
                .find(|f| {
                    Lang::ALL
                        .iter()
                        .any(|l| field_label(*l, section.table, f.key) == h.trim())
                })
        })
        .collect()
}

/// Which column holds the code of the account a section's row belongs to: the one headed
/// 客户编号 / Code in either language, wherever a person moved it; else the first, as kam
/// writes it, unless that one is headed by a field (the code column was deleted: no code).
fn code_column(kind: RecordKind, headers: &[String]) -> Option<usize> {
    if !kind.is_owned() {
        return None;
    }
    let named = headers.iter().position(|h| {
        Lang::ALL
            .iter()
            .any(|l| field_label(*l, "accounts", "code") == h.trim())
    });
    named.or_else(|| {
        let first_is_field = columns(kind, &headers[..headers.len().min(1)])
            .first()
            .is_some_and(Option::is_some);
        (!headers.is_empty() && !first_is_field).then_some(0)
    })
}

/// Whether a section's extra columns are custom fields.
fn takes_custom(kind: RecordKind) -> bool {
    crate::domain::custom_field::CUSTOM_KINDS.contains(&kind)
}

/// The custom fields of an export: those its list defines (type and choices), then, as text
/// fields, those only a column of the accounts' or contacts' sheet names (a workbook made
/// before the list, or a column added in Excel); the importing book's own definition of the
/// same name, if any, wins (`merge_custom_fields`).
fn custom_fields_of(found: &Found) -> Vec<crate::domain::CustomField> {
    let mut out: Vec<crate::domain::CustomField> = found.custom_fields.clone();
    for (kind, _, rows) in found.sections.iter().filter(|(k, ..)| takes_custom(*k)) {
        let headers = rows.first().map(|r| r.1.clone()).unwrap_or_default();
        let specs = columns(*kind, &headers);
        for (i, h) in headers.iter().enumerate() {
            let is_code = Some(i) == code_column(*kind, &headers);
            let h = h.trim();
            if is_code || h.is_empty() || specs.get(i).copied().flatten().is_some() {
                continue;
            }
            let known = out
                .iter()
                .any(|f| f.kind == kind.table() && f.name.to_lowercase() == h.to_lowercase());
            if !known {
                out.push(crate::domain::CustomField {
                    kind: kind.table().to_string(),
                    name: h.to_string(),
                    ty: crate::domain::CustomType::Text,
                    choices: vec![],
                });
            }
        }
    }
    out
}

fn record_map(
    kind: RecordKind,
    name: &str,
    headers: &[String],
    cells: &[String],
    row: usize,
) -> Result<(String, Map<String, Value>)> {
    let specs = columns(kind, headers);
    let code_at = code_column(kind, headers);
    let mut code = String::new();
    let mut map = Map::new();
    for (i, cell) in cells.iter().enumerate() {
        let value = cell.trim();
        if Some(i) == code_at {
            code = value.to_string();
            continue;
        }
        let Some(spec) = specs.get(i).copied().flatten() else {
            // A column no field of kam's is a custom field's, by its header (issue 22).
            let header = headers.get(i).map(|h| h.trim()).unwrap_or("");
            if takes_custom(kind) && !header.is_empty() && !value.is_empty() {
                let custom = map
                    .entry("custom")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(c) = custom {
                    c.insert(header.to_string(), Value::String(value.to_string()));
                }
            }
            continue;
        };
        let parsed = if is_stamp(spec) {
            parse_stamp(spec, value)
        } else if let Some(day) = excel_day(spec, value) {
            Ok(Value::String(day.to_string()))
        } else if spec.kind == FieldKind::LongText && !value.is_empty() {
            // A long text as written: its first line's indentation, its last line break.
            Ok(Value::String(cell.clone()))
        } else {
            parse_field(spec, value)
        };
        let v = parsed.map_err(|p| {
            Said::new("import-export-cell")
                .with("section", name)
                .with("row", row)
                .with("column", headers.get(i).map(String::as_str).unwrap_or(""))
                .with("problem", p.to_string())
        })?;
        if spec.kind == FieldKind::Json && v.as_array().is_some_and(|a| a.is_empty()) {
            continue;
        }
        map.insert(spec.key.to_string(), v);
    }
    if kind == RecordKind::Account {
        code = map
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
    }
    // The book's own lists (the catalogue) belong to no account: no code to ask for.
    if code.is_empty() && kind.is_owned() {
        bail!(Said::new("import-export-no-code")
            .with("section", name)
            .with("row", row));
    }
    Ok((code, map))
}

/// A date a spreadsheet turned into its day number (a date column set to "General" in
/// Excel or WPS, then saved): in a date column of kam's own sheet a bare whole number is
/// nothing else. Excel counts from 1900-01-01 as day 1 and, as Lotus 1-2-3 did, has a
/// 29 February 1900 (day 60), which is refused as the day it is not.
fn excel_day(spec: &FieldSpec, value: &str) -> Option<chrono::NaiveDate> {
    if spec.kind != FieldKind::Date
        || value.is_empty()
        || !value.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let n: i64 = value.parse().ok()?;
    let start = chrono::NaiveDate::from_ymd_opt(1899, 12, 31)?;
    match n {
        1..=59 => start.checked_add_signed(chrono::Duration::days(n)),
        61..=2_958_465 => start.checked_add_signed(chrono::Duration::days(n - 1)),
        _ => None,
    }
}

/// A time column (no record's own field has these keys).
fn is_stamp(spec: &FieldSpec) -> bool {
    super::sections::STAMP_FIELDS
        .iter()
        .any(|s| s.key == spec.key)
}

/// A record's time as the store keeps it (`2024-03-01T09:15:30`), read only from what a
/// sheet shows of one: the export's `2024-03-01 09:15:30`, the ISO form, or what a spreadsheet
/// that made it a date cell writes back (no seconds, or a day alone). Words such as "today"
/// are a person's input, not a record's time: refused, never read as the import's day. An
/// empty cell is no time (the store stamps the record as it stores it).
fn parse_stamp(spec: &FieldSpec, text: &str) -> Result<Value, crate::domain::validate::Problem> {
    if spec.kind != FieldKind::DateTime || text.is_empty() {
        return parse_field(spec, text);
    }
    let t = text.replace('T', " ");
    let read = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(&t, f).ok())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        });
    match read {
        Some(at) => Ok(Value::String(at.format("%Y-%m-%dT%H:%M:%S").to_string())),
        None => Err(crate::domain::validate::Problem::DateTime(text.to_string())),
    }
}

fn typed<T: serde::de::DeserializeOwned>(
    mut map: Map<String, Value>,
    id: i64,
    account: i64,
) -> Result<T> {
    map.insert("id".into(), Value::from(id));
    map.insert("account_id".into(), Value::from(account));
    Ok(serde_json::from_value(Value::Object(map))?)
}

/// The sections read into one export document; ids in the order of the rows.
pub fn document(found: Found) -> Result<Document> {
    let mut doc = Document {
        format: FORMAT.to_string(),
        version: 1,
        custom_fields: custom_fields_of(&found),
        ..Default::default()
    };
    let Some((_, name, accounts)) = found
        .sections
        .iter()
        .find(|(k, ..)| *k == RecordKind::Account)
    else {
        bail!(Said::new("import-export-no-accounts"));
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let headers = accounts.first().map(|r| r.1.clone()).unwrap_or_default();
    for (row, cells) in accounts.iter().skip(1) {
        // A blank line left in the sheet is no account (the other sections pass them too).
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (code, map) = record_map(RecordKind::Account, name, &headers, cells, *row)?;
        let id = doc.accounts.len() as i64 + 1;
        ids.insert(code.to_uppercase(), doc.accounts.len());
        let mut map = map;
        map.insert("id".into(), Value::from(id));
        doc.accounts.push(ExportAccount {
            account: serde_json::from_value(Value::Object(map))?,
            ..Default::default()
        });
    }
    for (kind, name, rows) in &found.sections {
        if *kind == RecordKind::Account {
            continue;
        }
        let headers = rows.first().map(|r| r.1.clone()).unwrap_or_default();
        // Numbered as kam wrote them: a blank line left in the sheet moves no record's id.
        let filled = rows
            .iter()
            .skip(1)
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
        for (n, (row, cells)) in filled.enumerate() {
            let (code, map) = record_map(*kind, name, &headers, cells, *row)?;
            if *kind == RecordKind::Product {
                doc.products.push(typed(map, n as i64 + 1, 0)?);
                continue;
            }
            if *kind == RecordKind::Target {
                doc.targets.push(typed(map, n as i64 + 1, 0)?);
                continue;
            }
            let Some(&i) = ids.get(&code.to_uppercase()) else {
                bail!(Said::new("import-export-unknown-code")
                    .with("section", name.as_str())
                    .with("row", *row)
                    .with("code", code));
            };
            let (id, account) = (n as i64 + 1, i as i64 + 1);
            let a = &mut doc.accounts[i];
            match kind {
                RecordKind::Contact => a.contacts.push(typed(map, id, account)?),
                RecordKind::Deal => a.deals.push(typed(map, id, account)?),
                RecordKind::Opportunity => a.opportunities.push(typed(map, id, account)?),
                RecordKind::Needs => a.needs = Some(typed(map, id, account)?),
                RecordKind::ServiceRecord => a.service_records.push(typed(map, id, account)?),
                RecordKind::Feedback => a.feedback.push(typed(map, id, account)?),
                RecordKind::Communication => a.communications.push(typed(map, id, account)?),
                RecordKind::Contract => a.contracts.push(typed(map, id, account)?),
                RecordKind::Payment => a.payments.push(typed(map, id, account)?),
                RecordKind::Entertainment => a.entertainments.push(typed(map, id, account)?),
                RecordKind::Gift => a.gifts.push(typed(map, id, account)?),
                RecordKind::Competitor => a.competitors.push(typed(map, id, account)?),
                RecordKind::EventAttendance => a.event_attendances.push(typed(map, id, account)?),
                RecordKind::ReturnClaim => a.returns.push(typed(map, id, account)?),
                RecordKind::VisitPlan => doc.visit_plans.push(Coded {
                    code: code.clone(),
                    record: typed(map, id, account)?,
                }),
                RecordKind::VisitReport => doc.visit_reports.push(Coded {
                    code: code.clone(),
                    record: typed(map, id, account)?,
                }),
                RecordKind::Account | RecordKind::Product | RecordKind::Target => {}
            }
        }
    }
    // Each plan to its account, by code; a plan of a code no account has is named.
    let file = super::plan_table::CSV_NAME;
    for (row, code, plan) in &found.plans {
        let Some(&i) = ids.get(&code.to_uppercase()) else {
            bail!(Said::new("import-export-unknown-code")
                .with("section", file)
                .with("row", *row)
                .with("code", code.as_str()));
        };
        doc.accounts[i].plan = Some(crate::domain::AccountPlan {
            account_id: i as i64 + 1,
            ..plan.clone()
        });
    }
    Ok(doc)
}
