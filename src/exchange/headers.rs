//! Which field a column header means, in Chinese or English, with the synonyms of real
//! sheets (客户名称/公司名称/Company/Account Name …) and CRM exports ("Contact: Phone",
//! "Person - Name", "Organization 1 - Name", "E-mail 2 - Value"); the synonyms themselves
//! are `synonyms.rs`.

use super::synonyms::{ACCOUNT, CONTACT};
use crate::domain::{Account, Contact, Record};
use crate::i18n::{field_label, Lang, Said};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Account(&'static str),
    Contact(&'static str),
    /// A contact's given name, joined with the family name (Salesforce, Outlook, phones).
    FirstName,
    LastName,
    /// 序号 / No.: the sheet's own row numbers, not data.
    RowNumber,
    /// Nothing: the values go to the account's notes.
    Unknown,
    /// `Name` alone: the account's name, or a person's where the file names people's
    /// companies in another column (Odoo, Google) or the row says it is an individual.
    Name,
    /// The company a person works for (Google's `Organization 1 - Name`, Odoo's `Related
    /// Company`): the account of the row's contact.
    PersonCompany,
    /// Odoo's `Company Type` / `Is a company`: whether the row is a company or a person.
    IsCompany,
    /// One address in one cell (地址, Address): split into 省/市/区 and the street.
    Address,
    /// A second street line (Street2, 地址2), joined to the street.
    StreetMore,
    /// `Phone 1 - Value`, `E-mail 2 - Value` … with a type given in its `… - Type` column.
    Phone,
    Email,
    /// The `… - Type`/`… - Label` column of the value column at this index.
    TypeOf(usize),
}

/// Lower case, without spaces, punctuation or a trailing "(…)" explanation.
pub fn normalise(header: &str) -> String {
    let h = crate::domain::validate::normalize_width(header).to_lowercase();
    let h = match h.find(['(', '（']) {
        Some(i) if i > 0 => h[..i].to_string(),
        _ => h,
    };
    h.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn find(table: &[(&'static str, &[&str])], h: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(key, _)| *key)
}

/// The field's own key or label in either language ("registration_no", "统一社会信用代码").
/// The labels are normalised once per table: a sheet of 10,000 columns asks 10,000 times, and
/// formatting every label for each took minutes.
fn by_label<R: Record>(table: &str, h: &str) -> Option<&'static str> {
    type Labels = HashMap<String, &'static str>;
    static ACCOUNTS: OnceLock<Labels> = OnceLock::new();
    static CONTACTS: OnceLock<Labels> = OnceLock::new();
    let build = || {
        let mut m = Labels::new();
        for key in R::KIND.fields().iter().map(|f| f.key) {
            // The first field with a name wins, as the search in field order did.
            for name in [
                normalise(key),
                normalise(&field_label(Lang::Zh, table, key)),
                normalise(&field_label(Lang::En, table, key)),
            ] {
                m.entry(name).or_insert(key);
            }
        }
        m
    };
    let labels = match table {
        "accounts" => ACCOUNTS.get_or_init(build),
        "contacts" => CONTACTS.get_or_init(build),
        _ => return build().get(h).copied(),
    };
    labels.get(h).copied()
}

/// Headers whose meaning is not one field: addresses to split, typed phone and e-mail
/// columns, the ambiguous `Name`, and a person's company.
fn special(h: &str, hint: Option<bool>) -> Option<Target> {
    const ADDRESS: [&str; 14] = [
        "地址",
        "详细地址",
        "通讯地址",
        "公司地址",
        "单位地址",
        "联系地址",
        "办公地址",
        "所在地址",
        "address",
        "address1formatted",
        "fulladdress",
        "mailingaddress",
        "addressformatted",
        // Outlook's "Business Address" (a person's home address is theirs, not the company's).
        "businessaddress",
    ];
    let typed = |prefix: &str| -> Option<bool> {
        // "phone1value" → value, "phone1type"/"phone1label" → type.
        let rest = h.strip_prefix(prefix)?;
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        (digits.len() < rest.len()).then_some(())?;
        match digits {
            "value" => Some(true),
            "type" | "label" => Some(false),
            _ => None,
        }
    };
    if hint == Some(true) {
        return match h {
            "name" | "accountname" | "companyname" | "organizationname" => {
                Some(Target::Account("name"))
            }
            _ if ADDRESS.contains(&h) => Some(Target::Address),
            _ => None,
        };
    }
    if hint == Some(false) {
        return match h {
            "name" | "fullname" => Some(Target::Contact("name")),
            _ => None,
        };
    }
    match h {
        "name" | "名称" => return Some(Target::Name),
        "organization1name" | "organizationname" | "relatedcompany" | "parentcompany"
        | "companyname" | "associatedcompany" | "所属公司" | "所属客户" | "所属单位" => {
            return Some(Target::PersonCompany)
        }
        "companytype" | "isacompany" | "iscompany" | "客户性质类型" => {
            return Some(Target::IsCompany)
        }
        "street2" | "street3" | "addressline2" | "address2" | "地址2" | "businessstreet2"
        | "businessstreet3" => return Some(Target::StreetMore),
        _ => {}
    }
    if ADDRESS.contains(&h) {
        return Some(Target::Address);
    }
    // Outlook's further e-mails and phones: kept with the contact, typed by their header.
    match h {
        "email2address" | "email3address" | "email2" | "email3" | "otheremail" => {
            return Some(Target::Email)
        }
        "homephone2" | "businessphone2" | "otherphone" | "carphone" | "pager" | "businessfax"
        | "homefax" | "otherfax" | "companymainphone" | "callback" | "radiophone"
        | "assistantsphone" | "ttytddphone" | "isdn" | "telex" | "fax" | "传真" => {
            return Some(Target::Phone)
        }
        _ => {}
    }
    for (prefix, value) in [("phone", Target::Phone), ("email", Target::Email)] {
        match typed(prefix) {
            Some(true) => return Some(value),
            // Paired with its value column by `pair_types`.
            Some(false) => return Some(Target::TypeOf(usize::MAX)),
            None => {}
        }
    }
    if h.ends_with("type") || h.ends_with("label") {
        let stem = h.trim_end_matches("type").trim_end_matches("label");
        if stem.ends_with(|c: char| c.is_ascii_digit()) {
            return Some(Target::TypeOf(usize::MAX));
        }
    }
    None
}

/// The stem of a typed column: "Phone 1 - Value" and "Phone 1 - Type" both give "phone1".
pub fn typed_stem(header: &str) -> Option<String> {
    let h = normalise(header);
    for end in ["value", "type", "label"] {
        if let Some(stem) = h.strip_suffix(end) {
            if stem.ends_with(|c: char| c.is_ascii_digit()) {
                return Some(stem.to_string());
            }
        }
    }
    None
}

/// What every column of a file means: each header recognised (or as `--map` says), then
/// the choices that need the whole header row: a `… - Type` column paired with its value
/// column, Outlook's `Title` (Mr./Ms.) beside its `Job Title`, and whether `Name` is a
/// company's or a person's.
pub fn resolve(headers: &[String], overrides: &[(String, Target)]) -> Vec<Target> {
    let mut targets: Vec<Target> = headers
        .iter()
        .map(|h| {
            overrides
                .iter()
                .find(|(o, _)| o.trim() == h.trim())
                .map(|(_, t)| *t)
                .unwrap_or_else(|| recognise(h))
        })
        .collect();
    // Typed columns: "E-mail 2 - Type" describes "E-mail 2 - Value"; any other typed pair
    // (websites, custom fields) keeps both in the notes, as one line.
    for i in 0..targets.len() {
        if targets[i] != Target::TypeOf(usize::MAX) {
            continue;
        }
        let stem = typed_stem(&headers[i]);
        let value = headers
            .iter()
            .enumerate()
            .position(|(j, h)| j != i && typed_stem(h) == stem && normalise(h).ends_with("value"));
        targets[i] = match value {
            Some(j) => Target::TypeOf(j),
            None => Target::Unknown,
        };
    }
    // Outlook's "Business State" is the state of its "Business City"; kam's own export has a
    // "Business state" (经营状况) column of its own.
    if headers.iter().any(|h| normalise(h) == "businesscity") {
        for (h, t) in headers.iter().zip(targets.iter_mut()) {
            if normalise(h) == "businessstate"
                && overrides.iter().all(|(o, _)| o.trim() != h.trim())
            {
                *t = Target::Account("province");
            }
        }
    }
    let has_job_title = headers.iter().any(|h| normalise(h) == "jobtitle");
    for (h, t) in headers.iter().zip(targets.iter_mut()) {
        if has_job_title
            && normalise(h) == "title"
            && overrides.iter().all(|(o, _)| o.trim() != h.trim())
        {
            *t = Target::Unknown;
        }
    }
    let names_people = targets.iter().any(|t| {
        matches!(
            t,
            Target::FirstName | Target::LastName | Target::PersonCompany | Target::IsCompany
        )
    });
    let has_account_name = targets.contains(&Target::Account("name"));
    if !names_people {
        for t in targets.iter_mut() {
            if *t == Target::Name {
                *t = if has_account_name {
                    Target::Contact("name")
                } else {
                    Target::Account("name")
                };
            }
        }
    }
    targets
}

/// What a header means. A "Account: …" or "Contact: …" prefix (Salesforce reports) says
/// which record the rest names.
pub fn recognise(header: &str) -> Target {
    let raw = header.trim();
    // A label with an explanation in brackets (电话(宅), kam's own export) is matched whole
    // first: `normalise` drops the brackets, and 电话 alone is the office phone.
    if raw.contains(['(', '（']) {
        for lang in [Lang::Zh, Lang::En] {
            let exact = |table: &str, fields: &'static [crate::domain::record::FieldSpec]| {
                fields
                    .iter()
                    .map(|f| f.key)
                    .find(|k| field_label(lang, table, k) == raw)
            };
            if let Some(k) = exact("accounts", Account::fields()) {
                return Target::Account(k);
            }
            if let Some(k) = exact("contacts", Contact::fields()) {
                return Target::Contact(k);
            }
        }
    }
    let (hint, rest) = match raw.split_once(':').or_else(|| raw.split_once('：')) {
        Some((p, r)) => match normalise(p).as_str() {
            "account" | "客户" | "公司" => (Some(true), r),
            "contact" | "联系人" => (Some(false), r),
            _ => (None, raw),
        },
        None => (None, raw),
    };
    // Pipedrive writes "Person - Name", "Organization - Name".
    let (hint, rest) = match (hint, rest.split_once(" - ")) {
        (None, Some((p, r))) => match normalise(p).as_str() {
            "organization" | "organisation" | "company" => (Some(true), r),
            "person" => (Some(false), r),
            _ => (None, rest),
        },
        _ => (hint, rest),
    };
    let h = normalise(rest);
    if h.is_empty() {
        return Target::Unknown;
    }
    if let Some(t) = special(&h, hint) {
        return t;
    }
    if hint.is_none() && ["序号", "no", "number", "行号", "编号"].contains(&h.as_str()) {
        return Target::RowNumber;
    }
    if hint != Some(true) {
        match h.as_str() {
            "firstname" | "givenname" | "名" => return Target::FirstName,
            "lastname" | "surname" | "familyname" | "姓" => return Target::LastName,
            _ => {}
        }
    }
    let account = || find(ACCOUNT, &h).or_else(|| by_label::<Account>("accounts", &h));
    let contact = || find(CONTACT, &h).or_else(|| by_label::<Contact>("contacts", &h));
    match hint {
        Some(true) if h == "name" || h == "accountname" => Target::Account("name"),
        Some(true) => account().map_or(Target::Unknown, Target::Account),
        Some(false) => contact().map_or(Target::Unknown, Target::Contact),
        // Without a prefix, a contact word wins only where the account has no such field
        // (电话, 邮箱); 名称-like words are the account's.
        None => match (find(ACCOUNT, &h), find(CONTACT, &h)) {
            (Some(a), _) => Target::Account(a),
            (None, Some(c)) => Target::Contact(c),
            (None, None) => account()
                .map(Target::Account)
                .or_else(|| contact().map(Target::Contact))
                .unwrap_or(Target::Unknown),
        },
    }
}

/// `--map "客户=name,手机=contact.mobile,编号=-"`: the header, then an account field, a
/// `contact.` field, `contact.first_name`/`contact.last_name`, or `-` to skip the column.
pub fn parse_map(spec: &str) -> anyhow::Result<Vec<(String, Target)>> {
    let mut out = vec![];
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((header, field)) = part.rsplit_once('=') else {
            anyhow::bail!(Said::new("import-map-form").with("part", part));
        };
        let field = field.trim();
        let target = if field == "-" {
            Target::RowNumber
        } else if field == "address" {
            Target::Address
        } else if let Some(c) = field.strip_prefix("contact.") {
            match c {
                "first_name" => Target::FirstName,
                "last_name" => Target::LastName,
                _ => Contact::fields()
                    .iter()
                    .find(|f| f.key == c && f.key != "dossier")
                    .map(|f| Target::Contact(f.key))
                    .ok_or_else(|| {
                        Said::new("import-map-no-contact-field")
                            .with("part", part)
                            .with("field", c)
                    })?,
            }
        } else {
            Account::fields()
                .iter()
                .find(|f| f.key == field)
                .map(|f| Target::Account(f.key))
                .ok_or_else(|| {
                    Said::new("import-map-no-account-field")
                        .with("part", part)
                        .with("field", field)
                })?
        };
        out.push((header.trim().to_string(), target));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headers of real exports, and what each means (issue 15).
    #[test]
    fn crm_and_template_headers_name_their_fields() {
        let cases: &[(&str, Target)] = &[
            ("客户名称", Target::Account("name")),
            ("单位名称", Target::Account("name")),
            ("公司名称", Target::Account("name")),
            ("Account Name", Target::Account("name")),
            ("Organization - Name", Target::Account("name")),
            ("Account: Account Name", Target::Account("name")),
            ("Company Name", Target::PersonCompany),
            ("Organization 1 - Name", Target::PersonCompany),
            ("Related Company", Target::PersonCompany),
            ("Company Type", Target::IsCompany),
            ("Name", Target::Name),
            ("Person - Name", Target::Contact("name")),
            ("First Name", Target::FirstName),
            ("Family Name", Target::LastName),
            ("手机", Target::Contact("mobile")),
            ("移动电话", Target::Contact("mobile")),
            ("Mobile Phone Number", Target::Contact("mobile")),
            ("座机", Target::Contact("office_phone")),
            ("办公电话", Target::Contact("office_phone")),
            ("微信", Target::Contact("wechat")),
            ("QQ", Target::Contact("qq")),
            ("昵称", Target::Contact("nickname")),
            ("Organization 1 - Department", Target::Contact("department")),
            ("Phone 1 - Value", Target::Phone),
            ("E-mail 2 - Value", Target::Email),
            ("Business Fax", Target::Phone),
            ("地址", Target::Address),
            ("Street2", Target::StreetMore),
            ("BillingCity", Target::Account("city")),
            ("Billing State/Province", Target::Account("province")),
            ("NumberOfEmployees", Target::Account("employees")),
            ("纳税人识别号", Target::Account("registration_no")),
            ("序号", Target::RowNumber),
            ("年订货量", Target::Unknown),
        ];
        for (header, want) in cases {
            assert_eq!(recognise(header), *want, "{header}");
        }
    }

    #[test]
    fn a_file_decides_what_name_title_and_types_mean() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Salesforce Data Loader: Name alone is the account.
        let t = resolve(&h(&["Name", "BillingCity"]), &[]);
        assert_eq!(t[0], Target::Account("name"));
        // Odoo: Name beside a related company is read per row.
        let t = resolve(&h(&["Name", "Related Company"]), &[]);
        assert_eq!(t[0], Target::Name);
        // Outlook: Title beside Job Title is Mr./Ms., kept in the notes.
        let t = resolve(
            &h(&["Title", "Job Title", "Business City", "Business State"]),
            &[],
        );
        assert_eq!(t[0], Target::Unknown);
        assert_eq!(t[1], Target::Contact("title"));
        assert_eq!(t[3], Target::Account("province"));
        // Google: a type column describes its value column.
        let t = resolve(&h(&["Phone 1 - Type", "Phone 1 - Value"]), &[]);
        assert_eq!(t[0], Target::TypeOf(1));
        assert_eq!(t[1], Target::Phone);
    }
}
