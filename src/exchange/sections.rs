//! The dossier as tables, one per section, with headers and cells in the reader's
//! language: what the CSV, Excel and Markdown exports lay out.

use super::json::Document;
use crate::domain::expenses::format_expenses;
use crate::domain::record::{FieldKind, FieldSpec, RecordKind};
use crate::domain::visit::Expense;
use crate::domain::TaxRates;
use crate::i18n::{field_label, t, Lang};
use serde::Serialize;
use serde_json::{Map, Value};

pub struct Section {
    pub kind: RecordKind,
    /// `accounts`, `contacts` …: file and sheet names.
    pub table: &'static str,
    pub fields: Vec<&'static FieldSpec>,
    /// The team's custom fields (accounts and contacts): a column each, after the record's
    /// own, headed by the field's name in either language.
    pub custom: Vec<String>,
    pub rows: Vec<Map<String, Value>>,
    /// What the deals' worked-out tax columns are split by (`derived.rs`).
    pub rates: TaxRates,
}

impl Section {
    pub fn title(&self, lang: Lang) -> String {
        t(lang, &format!("section-{}", self.table))
    }

    pub fn headers(&self, lang: Lang) -> Vec<String> {
        let mut h = vec![];
        if self.kind.is_owned() {
            h.push(field_label(lang, "accounts", "code"));
        }
        h.extend(
            self.fields
                .iter()
                .map(|f| field_label(lang, self.table, f.key)),
        );
        h.extend(self.custom.iter().cloned());
        h.extend(super::derived::headers(self.kind, lang));
        h.extend(
            stamps(self.kind)
                .iter()
                .map(|f| field_label(lang, self.table, f.key)),
        );
        h
    }

    /// What column `c` of a row holds, for the workbook to write it as: a field's kind, none
    /// for a custom field's (text), or a worked-out column's (they come last).
    pub fn column_kind(&self, c: usize) -> Option<FieldKind> {
        let i = c.checked_sub(usize::from(self.kind.is_owned()))?;
        if let Some(f) = self.fields.get(i) {
            return Some(f.kind);
        }
        let derived = (i - self.fields.len()).checked_sub(self.custom.len())?;
        super::derived::kind_of(self.kind, derived)
    }

    /// The cells of a row as text; the account's code first for every other section.
    pub fn cells(&self, row: &Map<String, Value>, lang: Lang) -> Vec<String> {
        let mut c = vec![];
        if self.kind.is_owned() {
            c.push(
                row.get("_code")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string(),
            );
        }
        c.extend(
            self.fields
                .iter()
                .map(|f| cell_text(f, row.get(f.key), lang)),
        );
        c.extend(custom_cells(&self.custom, row.get("custom")));
        let derived = super::derived::count(self.kind);
        if let Some(Value::Array(cells)) = row.get("_derived") {
            c.extend(cells.iter().map(|v| v.as_str().unwrap_or("").to_string()));
        }
        c.resize(
            c.len().max(self.headers_before_stamps(derived)),
            String::new(),
        );
        c.extend(
            stamps(self.kind)
                .iter()
                .map(|f| cell_text(f, row.get(f.key), lang)),
        );
        c
    }

    /// How many columns come before the times: the code, the fields, the custom fields and
    /// `derived` worked-out ones.
    fn headers_before_stamps(&self, derived: usize) -> usize {
        usize::from(self.kind.is_owned()) + self.fields.len() + self.custom.len() + derived
    }

    /// The section with a column for each custom field `names` and for any other name its
    /// rows fill in (a value whose field was removed still goes out).
    pub fn with_custom(mut self, names: Vec<String>) -> Section {
        let mut names = names;
        for row in &self.rows {
            if let Some(Value::Object(m)) = row.get("custom") {
                for k in m.keys() {
                    if !names.contains(k) {
                        names.push(k.clone());
                    }
                }
            }
        }
        self.custom = names;
        self
    }
}

/// The store's own times and author of a record (填表日期, 最新修定时间, 填表人), the last
/// columns of every section: without them a book moved through a sheet was "filled in" on
/// the day of the import. An import into an empty book keeps them; into a book that holds
/// the record they are never taken from the sheet (`update_book`): the book's own times
/// stand, and a change made by the import is stamped with its time, so a sheet can move them
/// neither backwards nor anywhere else. A record new to the book keeps its row's times.
pub static STAMP_FIELDS: [FieldSpec; 3] = [
    crate::domain::record::field("created_at", FieldKind::DateTime),
    crate::domain::record::field("updated_at", FieldKind::DateTime),
    crate::domain::record::field("created_by", FieldKind::Text),
];

/// The time columns of a kind: who filled a record in is kept for accounts only.
pub fn stamps(kind: RecordKind) -> &'static [FieldSpec] {
    if kind == RecordKind::Account {
        &STAMP_FIELDS
    } else {
        &STAMP_FIELDS[..2]
    }
}

/// The cells of the custom columns `names` from a record's `custom` value.
pub fn custom_cells<'a>(
    names: &'a [String],
    custom: Option<&'a Value>,
) -> impl Iterator<Item = String> + 'a {
    names.iter().map(move |n| {
        custom
            .and_then(|c| c.get(n))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    })
}

/// A value as a person reads it: labels for codes, exact money, dates as stored.
pub fn cell_text(spec: &FieldSpec, v: Option<&Value>, lang: Lang) -> String {
    match (spec.kind, v) {
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::Choice(set), Some(Value::String(code))) => set.label(lang, code),
        (FieldKind::Bool | FieldKind::YesNo, Some(Value::Bool(b))) => {
            t(lang, if *b { "yes" } else { "no" })
        }
        (FieldKind::Json, Some(v)) if spec.is_expense_lines() => {
            let lines: Vec<Expense> = serde_json::from_value(v.clone()).unwrap_or_default();
            format_expenses(&lines)
        }
        (FieldKind::DateTime, Some(Value::String(s))) => s.replace('T', " "),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(v)) => v.to_string(),
    }
}

/// A record as a table's row: its fields by key, and its account's code as `_code`.
fn row_of<T: Serialize>(code: &str, record: &T) -> Option<Map<String, Value>> {
    match serde_json::to_value(record) {
        Ok(Value::Object(mut m)) => {
            m.insert("_code".into(), Value::String(code.to_string()));
            Some(m)
        }
        _ => None,
    }
}

fn rows_of<T: Serialize>(code: &str, items: &[T]) -> Vec<Map<String, Value>> {
    items.iter().filter_map(|r| row_of(code, r)).collect()
}

/// The sections of every export, in their order (files, sheets): every record kind, in the
/// domain's order, then the book's own lists (the product catalogue).
pub const KINDS: [RecordKind; RecordKind::ALL.len() + RecordKind::BOOK.len()] = {
    let mut k = [RecordKind::Product; RecordKind::ALL.len() + RecordKind::BOOK.len()];
    let mut i = 0;
    while i < RecordKind::ALL.len() {
        k[i] = RecordKind::ALL[i];
        i += 1;
    }
    let mut j = 0;
    while j < RecordKind::BOOK.len() {
        k[i + j] = RecordKind::BOOK[j];
        j += 1;
    }
    k
};

/// The section of one kind, its rows still to come.
pub fn section_of(kind: RecordKind) -> Section {
    let fields = kind
        .fields()
        .iter()
        .filter(|f| f.kind != FieldKind::Json || f.is_expense_lines())
        .collect();
    Section {
        kind,
        table: kind.table(),
        fields,
        custom: vec![],
        rows: vec![],
        rates: TaxRates::default(),
    }
}

/// Every section of a document, the deals' tax worked out by no rate (the layout only).
pub fn sections(doc: &Document) -> Vec<Section> {
    sections_with(doc, &TaxRates::default())
}

/// Every section of a document, each deal's tax split by `rates`. A contact's personal
/// dossier is not a column: it stays out of tables (the JSON export holds it).
pub fn sections_with(doc: &Document, rates: &TaxRates) -> Vec<Section> {
    KINDS
        .into_iter()
        .map(|kind| {
            let mut rows = vec![];
            for a in &doc.accounts {
                let code = a.account.code.as_str();
                match kind {
                    RecordKind::Account => {
                        rows.extend(rows_of(code, std::slice::from_ref(&a.account)))
                    }
                    RecordKind::Contact => rows.extend(rows_of(code, &a.contacts)),
                    RecordKind::Deal => {
                        for d in &a.deals {
                            rows.extend(row_of(code, d).map(|mut m| {
                                let cells = super::derived::cells_of(rates, d);
                                m.insert("_derived".into(), cells.into());
                                m
                            }))
                        }
                    }
                    RecordKind::Opportunity => rows.extend(rows_of(code, &a.opportunities)),
                    RecordKind::Needs => rows.extend(rows_of(code, a.needs.as_slice())),
                    RecordKind::ServiceRecord => rows.extend(rows_of(code, &a.service_records)),
                    RecordKind::Feedback => rows.extend(rows_of(code, &a.feedback)),
                    RecordKind::Communication => rows.extend(rows_of(code, &a.communications)),
                    RecordKind::Contract => rows.extend(rows_of(code, &a.contracts)),
                    RecordKind::Payment => rows.extend(rows_of(code, &a.payments)),
                    RecordKind::Entertainment => rows.extend(rows_of(code, &a.entertainments)),
                    RecordKind::Gift => rows.extend(rows_of(code, &a.gifts)),
                    RecordKind::Competitor => rows.extend(rows_of(code, &a.competitors)),
                    RecordKind::EventAttendance => rows.extend(rows_of(code, &a.event_attendances)),
                    RecordKind::ReturnClaim => rows.extend(rows_of(code, &a.returns)),
                    _ => {}
                }
            }
            match kind {
                RecordKind::VisitPlan => {
                    for p in &doc.visit_plans {
                        rows.extend(rows_of(&p.code, std::slice::from_ref(&p.record)));
                    }
                }
                RecordKind::VisitReport => {
                    for p in &doc.visit_reports {
                        rows.extend(rows_of(&p.code, std::slice::from_ref(&p.record)));
                    }
                }
                RecordKind::Product => rows.extend(rows_of("", &doc.products)),
                RecordKind::Target => rows.extend(rows_of("", &doc.targets)),
                _ => {}
            }
            let names = doc
                .custom_fields
                .iter()
                .filter(|f| f.kind == kind.table())
                .map(|f| f.name.clone())
                .collect();
            Section {
                rows,
                rates: rates.clone(),
                ..section_of(kind)
            }
            .with_custom(names)
        })
        .collect()
}
