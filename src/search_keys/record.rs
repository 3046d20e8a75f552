//! One account as the finder and the list keep it, in one byte string: the masks every
//! query reads, the folded texts it scans, then the summary shown and the contacts as
//! typed (for saying what matched). The store keeps one per account, rewritten in the
//! transaction that changes the account, so a search reads them and builds nothing.

use super::bytes::{put_masks, put_same_or, put_str, put_u64, Reader};
use super::pinyin::{PyKey, PyMasks};
use super::text::{code_key, fold, mask_of, phone_digits, recency};
use crate::domain::{AccountStatus, Category, Grade, Industry};

/// One line of the account list, with what the list and the finder show beside the name.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct AccountSummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub category: Option<Category>,
    pub grade: Option<Grade>,
    pub status: Option<AccountStatus>,
    pub industry: Option<Industry>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub owner: Option<String>,
    pub last_visit: Option<String>,
    /// The next planned visit from today on; not kept in the record (it moves with the date).
    pub next_visit: Option<String>,
    /// Most recent activity of any kind, for breaking ties in search.
    pub last_activity: Option<String>,
    pub primary_contact: Option<String>,
    pub primary_phone: Option<String>,
    /// The values the rep typed into the account's custom fields (issue 22), searched but
    /// not shown in the list: not kept in the record's summary.
    #[serde(skip)]
    pub custom: Vec<String>,
}

/// What the finder needs of a contact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactKey {
    pub account_id: i64,
    pub name: String,
    pub phones: Vec<String>,
    pub email: Option<String>,
    /// Shown beside the person on a hit (唐帆 · 采购经理); not searched.
    pub title: Option<String>,
    /// The values of the contact's custom fields: they find the contact's account.
    pub custom: Vec<String>,
}

/// Changes whenever the layout below changes; a record of another version is rebuilt.
/// 2: a contact's title after its email. 3: the custom fields' values (a seventh text and
/// its letters in the header).
pub const VERSION: u8 = 3;

/// The masks of an account, read by every query.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Masks {
    pub recency: u64,
    pub code_key: u64,
    /// Characters of the name and short name.
    pub m_name: u64,
    /// Pinyin of the name and short name.
    pub py: PyMasks,
    /// Pinyin of the contacts' names.
    pub cpy: PyMasks,
    /// Letters of the custom values' readings (only `first`, `letters` and `initials` are
    /// kept: 12 bytes an account, read before a value's pinyin is matched).
    pub fpy: PyMasks,
}

/// The folded texts the finder scans, in this order.
pub const TEXTS: usize = 7;
pub const NAME: usize = 0;
pub const SHORT: usize = 1;
pub const CODE: usize = 2;
/// Contact names joined by `\n`.
pub const CONTACT_NAMES: usize = 3;
/// Phone digits joined by spaces.
pub const PHONES: usize = 4;
/// Emails joined by `\n`.
pub const EMAILS: usize = 5;
/// The custom fields' values, the account's then its contacts', one a line.
pub const FIELDS: usize = 6;

/// A value as one folded line of [`FIELDS`], none when blank.
pub fn field_line(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| fold(v).replace('\n', " "))
}

/// Encodes an account and its contacts (contacts of other accounts are left out).
pub fn encode(a: &AccountSummary, contacts: &[ContactKey]) -> Vec<u8> {
    let contacts: Vec<&ContactKey> = contacts.iter().filter(|c| c.account_id == a.id).collect();
    let name = fold(a.name.trim());
    let short = fold(a.short_name.as_deref().unwrap_or("").trim());
    let code = fold(a.code.trim());
    let mut py = PyMasks::default();
    for k in [PyKey::of(&name), PyKey::of(&short)].iter().flatten() {
        py.union(&PyMasks::of(k));
    }
    let mut cpy = PyMasks::default();
    let mut contact_names = String::new();
    let mut phones = String::new();
    let mut emails = String::new();
    let push_phone = |phones: &mut String, p: &str| {
        let d = phone_digits(p);
        if !d.is_empty() {
            if !phones.is_empty() {
                phones.push(' ');
            }
            phones.push_str(&d);
        }
    };
    let mut folded_names = Vec::with_capacity(contacts.len());
    let mut folded_emails = Vec::with_capacity(contacts.len());
    for c in &contacts {
        // One line each: the texts are joined by line breaks.
        let n = fold(c.name.trim()).replace('\n', " ");
        if let Some(k) = PyKey::of(&n) {
            cpy.union(&PyMasks::of(&k));
        }
        if !contact_names.is_empty() {
            contact_names.push('\n');
        }
        contact_names.push_str(&n);
        for p in &c.phones {
            push_phone(&mut phones, p);
        }
        let email = c.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
        let folded = email.map(|e| fold(e).replace('\n', " "));
        if let Some(e) = &folded {
            if !emails.is_empty() {
                emails.push('\n');
            }
            emails.push_str(e);
        }
        folded_emails.push(folded);
        folded_names.push(n);
    }
    if let Some(p) = a.primary_phone.as_deref() {
        if !contacts.iter().any(|c| c.phones.iter().any(|q| q == p)) {
            push_phone(&mut phones, p);
        }
    }
    let mut fields = String::new();
    let mut fpy = PyMasks::default();
    let values = a
        .custom
        .iter()
        .chain(contacts.iter().flat_map(|c| &c.custom));
    for line in values.filter_map(|v| field_line(v)) {
        if let Some(k) = PyKey::of(&line) {
            let m = PyMasks::of(&k);
            fpy.first |= m.first;
            fpy.letters |= m.letters;
            fpy.initials |= m.initials;
        }
        if !fields.is_empty() {
            fields.push('\n');
        }
        fields.push_str(&line);
    }
    let masks = Masks {
        recency: recency(a.last_activity.as_deref()),
        code_key: code_key(&code),
        m_name: mask_of(&name) | mask_of(&short),
        py,
        cpy,
        fpy,
    };
    let mut out = Vec::with_capacity(256 + name.len() * 2 + contact_names.len() * 2);
    out.push(VERSION);
    put_u64(&mut out, masks.recency);
    put_u64(&mut out, masks.code_key);
    put_u64(&mut out, masks.m_name);
    put_masks(&mut out, &masks.py);
    put_masks(&mut out, &masks.cpy);
    for v in [masks.fpy.first, masks.fpy.letters, masks.fpy.initials] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    debug_assert_eq!(out.len(), 1 + HEADER_LEN);
    for t in [
        &name,
        &short,
        &code,
        &contact_names,
        &phones,
        &emails,
        &fields,
    ] {
        out.extend_from_slice(&(t.len() as u32).to_le_bytes());
        out.extend_from_slice(t.as_bytes());
    }
    out.extend_from_slice(&a.id.to_le_bytes());
    for s in [
        Some(a.code.as_str()),
        Some(a.name.as_str()),
        a.short_name.as_deref(),
        a.category.map(Category::code),
        a.grade.map(Grade::code),
        a.status.map(AccountStatus::code),
        a.industry.map(Industry::code),
        a.province.as_deref(),
        a.city.as_deref(),
        a.owner.as_deref(),
        a.last_visit.as_deref(),
        a.last_activity.as_deref(),
        a.primary_contact.as_deref(),
        a.primary_phone.as_deref(),
    ] {
        put_str(&mut out, s);
    }
    out.extend_from_slice(&(contacts.len().min(u16::MAX as usize) as u16).to_le_bytes());
    for ((c, folded_name), folded_email) in contacts.iter().zip(&folded_names).zip(&folded_emails) {
        put_same_or(&mut out, &c.name, folded_name);
        out.push(c.phones.len().min(u8::MAX as usize) as u8);
        for p in c.phones.iter().take(u8::MAX as usize) {
            put_str(&mut out, Some(p));
        }
        match (c.email.as_deref(), folded_email) {
            (Some(e), Some(f)) => put_same_or(&mut out, e.trim(), f),
            _ => put_str(&mut out, None),
        }
        put_str(
            &mut out,
            c.title.as_deref().map(str::trim).filter(|t| !t.is_empty()),
        );
    }
    out
}

/// The bytes of the masks at the front of a record (after its version byte).
pub const HEADER_LEN: usize = 3 * 8 + 2 * MASKS_LEN + 3 * 4;
const MASKS_LEN: usize = 3 * 4 + 2 * 16 + 4 * 8;

impl Masks {
    /// The masks from a record's header bytes.
    pub fn read(header: &[u8]) -> Option<Masks> {
        let mut r = Reader { rest: header };
        Some(Masks {
            recency: r.u64()?,
            code_key: r.u64()?,
            m_name: r.u64()?,
            py: r.masks()?,
            cpy: r.masks()?,
            fpy: PyMasks {
                first: r.u32()?,
                letters: r.u32()?,
                initials: r.u32()?,
                ..PyMasks::default()
            },
        })
    }
}

/// A record split into its parts, borrowing the bytes. The texts are not checked to be
/// UTF-8 here (loading 100,000 would spend most of its time on that); whoever reads one as
/// text checks it then.
pub struct Record<'a> {
    pub id: i64,
    /// [`HEADER_LEN`] bytes: see [`Masks::read`].
    pub header: &'a [u8],
    pub texts: [&'a [u8]; TEXTS],
    /// The summary and the contacts as typed: see [`Tail`].
    pub tail: &'a [u8],
}

impl<'a> Record<'a> {
    /// `None` when the bytes are not a whole record of this version.
    pub fn parse(bytes: &'a [u8]) -> Option<Record<'a>> {
        let mut r = Reader { rest: bytes };
        if r.u8()? != VERSION {
            return None;
        }
        let header = r.take(HEADER_LEN)?;
        let mut texts: [&[u8]; TEXTS] = [&[]; TEXTS];
        for t in &mut texts {
            let len = r.u32()? as usize;
            *t = r.take(len)?;
        }
        let tail = r.rest;
        let id = i64::from_le_bytes(tail.get(..8)?.try_into().ok()?);
        Some(Record {
            id,
            header,
            texts,
            tail,
        })
    }

    pub fn masks(&self) -> Masks {
        Masks::read(self.header).unwrap_or_default()
    }
}

/// The part of a record read only for accounts shown: the summary, then the contacts.
#[derive(Clone, Copy)]
pub struct Tail<'a>(pub &'a [u8]);

/// A summary borrowed from a record.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SummaryRef<'a> {
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub category: Option<Category>,
    pub grade: Option<Grade>,
    pub status: Option<AccountStatus>,
    pub industry: Option<Industry>,
    pub province: Option<&'a str>,
    pub city: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub last_visit: Option<&'a str>,
    pub last_activity: Option<&'a str>,
    pub primary_contact: Option<&'a str>,
    pub primary_phone: Option<&'a str>,
}

impl SummaryRef<'_> {
    /// The owned summary, with the next visit given (it is not in the record).
    pub fn to_summary(&self, next_visit: Option<String>) -> AccountSummary {
        let own = |s: Option<&str>| s.map(str::to_string);
        AccountSummary {
            id: self.id,
            code: self.code.to_string(),
            name: self.name.to_string(),
            short_name: own(self.short_name),
            category: self.category,
            grade: self.grade,
            status: self.status,
            industry: self.industry,
            province: own(self.province),
            city: own(self.city),
            owner: own(self.owner),
            last_visit: own(self.last_visit),
            next_visit,
            last_activity: own(self.last_activity),
            primary_contact: own(self.primary_contact),
            primary_phone: own(self.primary_phone),
            custom: vec![],
        }
    }
}

/// A contact as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRef<'a> {
    /// `None`: the same as its folded form (in the finder's texts).
    pub name: Option<&'a str>,
    pub phones: Vec<&'a str>,
    pub email: Typed<'a>,
    pub title: Option<&'a str>,
}

/// A text kept as typed, or marked as the same as its folded form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Typed<'a> {
    Missing,
    SameAsFolded,
    Text(&'a str),
}

impl<'a> Tail<'a> {
    fn read_summary(&self) -> Option<(SummaryRef<'a>, Reader<'a>)> {
        let mut r = Reader { rest: self.0 };
        let id = i64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let mut s = [None; 14];
        for v in &mut s {
            *v = r.str()?;
        }
        let summary = SummaryRef {
            id,
            code: s[0]?,
            name: s[1]?,
            short_name: s[2],
            category: s[3].and_then(Category::from_code),
            grade: s[4].and_then(Grade::from_code),
            status: s[5].and_then(AccountStatus::from_code),
            industry: s[6].and_then(Industry::from_code),
            province: s[7],
            city: s[8],
            owner: s[9],
            last_visit: s[10],
            last_activity: s[11],
            primary_contact: s[12],
            primary_phone: s[13],
        };
        Some((summary, r))
    }

    pub fn summary(&self) -> Option<SummaryRef<'a>> {
        self.read_summary().map(|(s, _)| s)
    }

    /// The bytes of the summary alone, without the contacts as typed after it (a tail of
    /// these bytes reads the same summary and no contacts).
    pub fn summary_part(&self) -> Option<&'a [u8]> {
        let (_, r) = self.read_summary()?;
        Some(&self.0[..self.0.len() - r.rest.len()])
    }

    pub fn contacts(&self) -> Vec<ContactRef<'a>> {
        let read = || -> Option<Vec<ContactRef<'a>>> {
            let (_, mut r) = self.read_summary()?;
            let n = r.u16()? as usize;
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                let name = r.str_or_same()?.map(|s| s.unwrap_or(""));
                let count = r.u8()? as usize;
                let mut phones = Vec::with_capacity(count);
                for _ in 0..count {
                    phones.push(r.str()?.unwrap_or(""));
                }
                let email = match r.str_or_same()? {
                    None => Typed::SameAsFolded,
                    Some(None) => Typed::Missing,
                    Some(Some(e)) => Typed::Text(e),
                };
                let title = r.str()?;
                out.push(ContactRef {
                    name,
                    phones,
                    email,
                    title,
                });
            }
            Some(out)
        };
        read().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (AccountSummary, Vec<ContactKey>) {
        let a = AccountSummary {
            id: 7,
            code: "C000007".into(),
            name: "曾氏 Trading".into(),
            short_name: Some("曾氏".into()),
            category: Some(Category::Key),
            grade: None,
            province: Some("广东".into()),
            last_activity: Some("2026-11-01".into()),
            primary_contact: Some("Mary Smith".into()),
            primary_phone: Some("+86 138 0013 8000".into()),
            next_visit: Some("2026-12-01".into()),
            custom: vec!["JX-0042".into()],
            ..AccountSummary::default()
        };
        let c = vec![
            ContactKey {
                account_id: 7,
                name: "Mary Smith".into(),
                phones: vec!["+86 138 0013 8000".into()],
                email: Some("MSmith@Beta.com".into()),
                title: Some("Buyer".into()),
                custom: vec![],
            },
            ContactKey {
                account_id: 7,
                name: "张三".into(),
                phones: vec![],
                email: Some("zs@x.cn".into()),
                title: None,
                custom: vec!["华东区".into(), " ".into()],
            },
            ContactKey {
                account_id: 8,
                name: "someone else".into(),
                phones: vec!["999".into()],
                email: None,
                title: None,
                custom: vec!["elsewhere".into()],
            },
        ];
        (a, c)
    }

    #[test]
    fn round_trip_keeps_what_is_shown_and_what_is_searched() {
        let (a, c) = sample();
        let bytes = encode(&a, &c);
        let r = Record::parse(&bytes).unwrap();
        assert_eq!(r.id, 7);
        let text = |i: usize| std::str::from_utf8(r.texts[i]).unwrap();
        assert_eq!(text(NAME), "曾氏 trading");
        assert_eq!(text(CODE), "c000007");
        assert_eq!(text(CONTACT_NAMES), "mary smith\n张三");
        assert_eq!(text(PHONES), "13800138000");
        assert_eq!(text(EMAILS), "msmith@beta.com\nzs@x.cn");
        // The account's values, then its own contacts' (blank ones left out).
        assert_eq!(text(FIELDS), "jx-0042\n华东区");
        assert!(r.masks().fpy.initials & (1 << (b'h' - b'a')) != 0);
        let summary = Tail(r.tail).summary().unwrap();
        // Everything but the next visit, which moves with the date, and the custom values,
        // which are searched, not shown.
        let shown = AccountSummary {
            custom: vec![],
            ..a.clone()
        };
        assert_eq!(
            summary.to_summary(a.next_visit.clone()),
            shown,
            "summary differs"
        );
        let contacts = Tail(r.tail).contacts();
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].name, Some("Mary Smith"));
        assert_eq!(contacts[0].email, Typed::Text("MSmith@Beta.com"));
        assert_eq!(contacts[0].title, Some("Buyer"));
        assert_eq!(contacts[1].title, None);
        assert_eq!(contacts[1].name, None, "张三 is its own folded form");
        assert_eq!(contacts[1].email, Typed::SameAsFolded);
        assert!(r.masks().py.first & (1 << (b'z' - b'a')) != 0);
        assert!(
            r.masks().py.first & (1 << (b'c' - b'a')) != 0,
            "曾 reads ceng too"
        );
        assert!(r.masks().cpy.first & (1 << (b'z' - b'a')) != 0);
    }

    #[test]
    fn cut_or_foreign_bytes_are_not_a_record() {
        let (a, c) = sample();
        let bytes = encode(&a, &c);
        for len in [0, 1, 50, 200] {
            assert!(Record::parse(&bytes[..len]).is_none(), "{len}");
        }
        let mut other = bytes.clone();
        other[0] = VERSION + 1;
        assert!(Record::parse(&other).is_none());
    }
}
