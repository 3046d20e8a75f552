//! One row of a sheet (or one card) as an account and a contact: each cell through the
//! field's own parser, typed phones and e-mails to the right field (further ones to the
//! contact's notes, with their type), one-cell Chinese addresses split into 省/市/区,
//! year-less birthdays kept as a note, `Name` read as the company's or the person's. A row
//! with a problem is not half read: it comes back as the reasons it is set aside.

use super::problems::Reason;
use crate::domain::parse::parse_field;
use crate::domain::record::FieldSpec;
use crate::domain::{Account, Contact, Record};
use crate::exchange::headers::Target;
use crate::exchange::identity::append_note;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A row read: the account's values, its contact's, and whether the customer is a person
/// named without a company.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub account: Map<String, Value>,
    pub contact: Map<String, Value>,
    pub private: bool,
}

/// The columns of a file and what each means.
pub struct Columns<'a> {
    pub headers: &'a [String],
    pub targets: Vec<Target>,
    /// Whether a person named without a company is a customer of their own: in address books
    /// and contact exports (Outlook's Company, Google's Organization) an empty company means a
    /// private person; in a customer list (客户名称, Account Name) an empty name is a gap
    /// (often a merged cell saved as CSV), and the row is set aside rather than guessed.
    pub people_first: bool,
}

fn spec_of(fields: &'static [FieldSpec], key: &str) -> Option<&'static FieldSpec> {
    fields.iter().find(|f| f.key == key)
}

pub fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

/// A mainland mobile number: 11 digits starting 13–19, with or without +86.
pub fn is_mobile(phone: &str) -> bool {
    let phone = phone.trim();
    if phone.starts_with('+') && !phone.starts_with("+86") {
        return false;
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("86")
        .filter(|d| d.len() == 11)
        .unwrap_or(&digits);
    digits.len() == 11
        && digits.starts_with('1')
        && !digits.starts_with("10")
        && !digits.starts_with("11")
        && !digits.starts_with("12")
}

/// A one-line field's text from a cell that Excel wrapped with line breaks (昌吉回族⏎自治州,
/// …现代创意媒体⏎学院): the lines joined, without a space between Chinese characters.
fn one_line(v: &str) -> String {
    let mut out = String::new();
    for line in v.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // Han characters, kana and full-width forms: no space between words.
        let cjk = |c: Option<char>| {
            c.is_some_and(|c| {
                matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
            })
        };
        let between_chinese = cjk(out.chars().last()) && cjk(line.chars().next());
        if !out.is_empty() && !between_chinese {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// `--04-22`, `--0422`: a birthday whose year nobody wrote (Google, phones).
fn year_less(v: &str) -> Option<String> {
    let md: String = v
        .strip_prefix("--")?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    (md.len() == 4).then(|| format!("--{}-{}", &md[..2], &md[2..]))
}

/// `3/10/1922` as Outlook and US Excel write dates (month first); `0/0/00` is Outlook's
/// "no date".
fn us_date(v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split('/').collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let n = |s: &str| s.trim().parse::<u32>().ok();
    let d = chrono::NaiveDate::from_ymd_opt(n(parts[2])? as i32, n(parts[0])?, n(parts[1])?)?;
    Some(d.to_string())
}

/// Whether `Company Type`/`Is a company` says company (true) or person (false).
fn says_company(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "company" | "1" | "true" | "yes" | "是" | "公司" | "企业" | "单位" => Some(true),
        "individual" | "person" | "0" | "false" | "no" | "否" | "个人" => Some(false),
        _ => None,
    }
}

/// The header of a column, or its number when it has none.
pub fn column_name(headers: &[String], i: usize) -> String {
    match headers.get(i).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => h.to_string(),
        _ => format!("{}", i + 1),
    }
}

/// "Phone 1 - Value" → "Phone 1": the label of a typed value in a note.
fn stem_label(header: &str) -> String {
    let h = header.trim();
    for end in [" - Value", " - value", " Value", "-Value"] {
        if let Some(s) = h.strip_suffix(end) {
            return s.trim().to_string();
        }
    }
    h.to_string()
}

/// What a row is being built from: the values, where each came from (to name a column in a
/// complaint), and the notes of each record.
struct Building<'c> {
    cols: &'c Columns<'c>,
    account: Map<String, Value>,
    contact: Map<String, Value>,
    source: HashMap<(bool, &'static str), usize>,
    account_notes: Vec<String>,
    contact_notes: Vec<String>,
    reasons: Vec<Reason>,
}

impl Building<'_> {
    fn column(&self, i: usize) -> String {
        column_name(self.cols.headers, i)
    }

    /// Sets a field once; a different second value (two columns for one field) is kept in
    /// the record's notes under its column's name, never dropped.
    fn put(&mut self, is_account: bool, key: &'static str, value: Value, i: usize) {
        let map = if is_account {
            &mut self.account
        } else {
            &mut self.contact
        };
        match map.get(key) {
            None | Some(Value::Null) => {
                map.insert(key.to_string(), value);
                self.source.insert((is_account, key), i);
            }
            Some(known) if *known == value => {}
            Some(_) => {
                let shown = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                let line = format!("{}: {shown}", self.column(i));
                if is_account {
                    self.account_notes.push(line);
                } else {
                    self.contact_notes.push(line);
                }
            }
        }
    }

    /// One cell through its field's parser; a problem names the column.
    fn field(&mut self, is_account: bool, key: &'static str, value: &str, i: usize) {
        let fields = if is_account {
            Account::fields()
        } else {
            Contact::fields()
        };
        let Some(spec) = spec_of(fields, key) else {
            return;
        };
        if !is_account && key == "birthday" {
            if let Some(md) = year_less(value) {
                self.contact_notes.push(format!("birthday: {md}"));
                return;
            }
        }
        let value = match spec.kind {
            crate::domain::record::FieldKind::Date => us_date(value).unwrap_or(value.to_string()),
            crate::domain::record::FieldKind::Text => one_line(value),
            _ => value.to_string(),
        };
        match parse_field(spec, &value) {
            Ok(v) if key == "notes" => {
                let notes = if is_account {
                    &mut self.account_notes
                } else {
                    &mut self.contact_notes
                };
                notes.extend(v.as_str().map(str::to_string));
            }
            Ok(v) => self.put(is_account, key, v, i),
            // A sheet's own industry words (科技, IT, Electronics) are kept beside the
            // standard classification rather than setting the row aside.
            Err(_) if is_account && key == "industry" => {
                self.put(true, "industry_note", Value::String(value), i)
            }
            Err(problem) => self.reasons.push(Reason::Field {
                column: self.column(i),
                problem,
            }),
        }
    }

    fn address(&mut self, value: &str, i: usize) {
        let a = crate::exchange::address::split(value);
        for (key, v) in [
            ("province", a.province),
            ("city", a.city),
            ("district", a.district),
        ] {
            if let Some(v) = v {
                self.put(true, key, Value::String(v), i);
            }
        }
        if !a.street.is_empty() {
            self.put(true, "street", Value::String(a.street), i);
        }
    }

    /// A phone of a typed column, by what its type (or header) says: mobile, home, office; a
    /// fax, a pager or a second number of a kind goes to the notes with its label.
    fn phone(&mut self, label: &str, kind: &str, value: &str, i: usize) {
        // Without a type column the header is the type (Outlook's "Pager", "Home Fax").
        let k = if kind.trim().is_empty() { label } else { kind }.to_lowercase();
        let slot = if ["fax", "pager", "传真", "寻呼"]
            .iter()
            .any(|w| k.contains(w))
        {
            None
        } else if ["mobile", "cell", "手机", "移动"]
            .iter()
            .any(|w| k.contains(w))
        {
            Some("mobile")
        } else if ["home", "家", "住宅"].iter().any(|w| k.contains(w)) {
            Some("home_phone")
        } else if kind.trim().is_empty() && is_mobile(value) {
            Some("mobile")
        } else {
            Some("office_phone")
        };
        match slot {
            Some(key) if !self.contact.contains_key(key) => self.field(false, key, value, i),
            _ => self.note_typed(label, kind, value),
        }
    }

    fn email(&mut self, label: &str, kind: &str, value: &str, i: usize) {
        if self.contact.contains_key("email") {
            self.note_typed(label, kind, value);
        } else {
            self.field(false, "email", value, i);
        }
    }

    fn note_typed(&mut self, label: &str, kind: &str, value: &str) {
        let kind = kind.trim().trim_start_matches("* ").trim();
        self.contact_notes.push(if kind.is_empty() {
            format!("{label}: {value}")
        } else {
            format!("{label} {kind}: {value}")
        });
    }
}

/// Reads one row. `Err` holds every reason the row is set aside.
pub fn read(cols: &Columns, cells: &[String]) -> Result<Row, Vec<Reason>> {
    read_with(cols, cells, true)
}

/// Reads a row again that [`read`] took: the same row, without checking the records' rules
/// a second time (they were a third of reading a row, which an import does twice).
pub fn read_again(cols: &Columns, cells: &[String]) -> Result<Row, Vec<Reason>> {
    read_with(cols, cells, false)
}

fn read_with(cols: &Columns, cells: &[String], check: bool) -> Result<Row, Vec<Reason>> {
    let width = cols.headers.len();
    let extra = cells
        .iter()
        .skip(width)
        .filter(|c| !c.trim().is_empty())
        .count();
    if extra > 0 {
        let values = cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |p| p + 1);
        return Err(vec![Reason::Ragged {
            values,
            columns: width,
        }]);
    }
    let mut b = Building {
        cols,
        account: Map::new(),
        contact: Map::new(),
        source: HashMap::new(),
        account_notes: vec![],
        contact_notes: vec![],
        reasons: vec![],
    };
    let (mut first, mut last, mut name) = (String::new(), String::new(), String::new());
    let (mut person_company, mut is_company, mut street_more) = (String::new(), None, vec![]);
    let cell = |i: usize| -> &str {
        let v = cells.get(i).map(|c| c.trim()).unwrap_or("");
        // Outlook writes "no date" as 0/0/00.
        if v == "0/0/00" {
            ""
        } else {
            v
        }
    };
    let kind_of = |j: usize| -> String {
        cols.targets
            .iter()
            .position(|t| *t == Target::TypeOf(j))
            .map(|k| cell(k).to_string())
            .unwrap_or_default()
    };
    for (i, target) in cols.targets.iter().enumerate() {
        let value = cell(i);
        if value.is_empty() {
            continue;
        }
        match *target {
            Target::Account(k) => b.field(true, k, value, i),
            // 联系电话 columns hold mobiles as often as desk phones.
            Target::Contact("office_phone")
                if is_mobile(value) && !b.contact.contains_key("mobile") =>
            {
                b.field(false, "mobile", value, i)
            }
            Target::Contact(k) => b.field(false, k, value, i),
            Target::FirstName => first = one_line(value),
            Target::LastName => last = one_line(value),
            Target::Name => name = one_line(value),
            Target::PersonCompany => person_company = one_line(value),
            Target::IsCompany => match says_company(value) {
                Some(c) => is_company = Some(c),
                None => b.account_notes.push(format!("{}: {value}", b.column(i))),
            },
            Target::Address => b.address(value, i),
            Target::StreetMore => street_more.push(value.to_string()),
            Target::Phone | Target::Email => {
                let label = stem_label(&cols.headers[i]);
                let kind = kind_of(i);
                // Google joins several values of one kind with " ::: ".
                for v in value.split(":::").map(str::trim).filter(|v| !v.is_empty()) {
                    if *target == Target::Phone {
                        b.phone(&label, &kind, v, i);
                    } else {
                        b.email(&label, &kind, v, i);
                    }
                }
            }
            // A type is read with its value column.
            Target::TypeOf(_) | Target::RowNumber => {}
            Target::Unknown => {
                let kind = kind_of(i);
                let line = if kind.is_empty() {
                    format!("{}: {value}", b.column(i))
                } else {
                    format!(
                        "{} {}: {value}",
                        stem_label(&cols.headers[i]),
                        kind.trim_start_matches("* ")
                    )
                };
                b.account_notes.push(line);
            }
        }
    }
    if !street_more.is_empty() {
        let mut street = text(&b.account, "street");
        for s in street_more {
            if !street.is_empty() {
                street.push_str(", ");
            }
            street.push_str(&s);
        }
        b.account.insert("street".into(), Value::String(street));
    }
    // `Name` is the company's when the row says so, else a person's (of the company named in
    // another column, or a private customer).
    if !name.is_empty() {
        if is_company == Some(true) {
            let i = cols
                .targets
                .iter()
                .position(|t| *t == Target::Name)
                .unwrap_or(0);
            b.put(true, "name", Value::String(name), i);
        } else if !b.contact.contains_key("name") {
            b.contact.insert("name".into(), Value::String(name));
        }
    }
    if !person_company.is_empty() {
        let i = cols
            .targets
            .iter()
            .position(|t| *t == Target::PersonCompany)
            .unwrap_or(0);
        b.put(true, "name", Value::String(person_company), i);
    }
    if !b.contact.contains_key("name") {
        let joined = if first.chars().chain(last.chars()).any(|c| !c.is_ascii()) {
            format!("{last}{first}")
        } else {
            format!("{first} {last}").trim().to_string()
        };
        if !joined.is_empty() {
            b.contact.insert("name".into(), Value::String(joined));
        }
    }
    let mut private = false;
    if text(&b.account, "name").is_empty() {
        let person = text(&b.contact, "name");
        if !person.is_empty() && !cols.people_first {
            b.reasons.push(Reason::NoAccount { person });
        } else if person.is_empty() {
            let holds = ["email", "mobile", "office_phone", "home_phone"]
                .iter()
                .map(|k| text(&b.contact, k))
                .find(|v| !v.is_empty());
            b.reasons.push(Reason::NoName { holds });
        } else {
            // A person without a company is a customer of their own.
            b.account.insert("name".into(), Value::String(person));
            b.account
                .entry("customer_type")
                .or_insert(Value::String("person".into()));
            private = true;
        }
    }
    // A city alone (所在地: 乌鲁木齐市) names its province, so the region analysis counts it.
    if text(&b.account, "province").is_empty() {
        if let Some(p) = crate::exchange::address::province_of(&text(&b.account, "city")) {
            b.account.insert("province".into(), Value::String(p.into()));
        }
    }
    let notes = append_note(&text(&b.account, "notes"), &b.account_notes.join("\n"));
    if !notes.is_empty() {
        b.account.insert("notes".into(), Value::String(notes));
    }
    let notes = append_note(&text(&b.contact, "notes"), &b.contact_notes.join("\n"));
    if !notes.is_empty() {
        b.contact.insert("notes".into(), Value::String(notes));
    }
    if check && b.reasons.is_empty() {
        check_rules(&mut b);
    }
    if !b.reasons.is_empty() {
        return Err(b.reasons);
    }
    Ok(Row {
        account: b.account,
        contact: b.contact,
        private,
    })
}

/// The records' own rules (credit code check digit, e-mail, phone …), named by column.
fn check_rules(b: &mut Building) {
    let account = check::<Account>(&b.account);
    let contact = if b.contact.is_empty() {
        Ok(())
    } else {
        check::<Contact>(&super::records::with_name(&b.contact))
    };
    for (is_account, result) in [(true, account), (false, contact)] {
        if let Err(invalid) = result {
            for e in invalid.0 {
                let column = b
                    .source
                    .get(&(is_account, e.field))
                    .map(|i| b.column(*i))
                    .unwrap_or_else(|| e.field.replace('_', " "));
                b.reasons.push(Reason::Field {
                    column,
                    problem: e.problem,
                });
            }
        }
    }
}

fn check<R: Record + serde::de::DeserializeOwned>(
    map: &Map<String, Value>,
) -> Result<(), crate::domain::Invalid> {
    match serde_json::from_value::<R>(Value::Object(map.clone())) {
        Ok(r) => r.validate(),
        Err(_) => Ok(()),
    }
}
