//! Who a row of an imported file is: the rules that decide whether it is an account or a
//! person already known, and how its notes join the notes already kept.
//!
//! A phone or an email is shared by different companies and people (a switchboard, a
//! placeholder number, a person who changed employer), so it joins two accounts only when
//! their names are the same once evened out as `kam duplicates` does, and never makes one
//! person of two named people. A value that differs is an update of the person it belongs to;
//! a name is never overwritten by another person's.

use crate::duplicates::name_parts;
use crate::store::{Shared, Sharing};
use serde_json::{Map, Value};

fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Two names of one company or person once spaces, width, case, punctuation and company
/// suffixes are evened out; a name that evens out to nothing must match as written. Two
/// different legal forms are two companies (`Apex Inc` and `Apex LLC`, 华为技术股份有限公司
/// and 华为技术有限公司 on one switchboard); a name without one may be either.
pub fn same_name(a: &str, b: &str) -> bool {
    let ((ka, fa), (kb, fb)) = (name_parts(a), name_parts(b));
    if ka.is_empty() || kb.is_empty() {
        return a.trim() == b.trim();
    }
    let forms_agree = match (fa.last(), fb.last()) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    ka == kb && forms_agree
}

/// The account a row is, among the accounts sharing its phones or emails: the first one
/// with the row's name. `None` when none has it; the others are kept apart.
pub fn same_company(name: &str, sharing: &[Sharing]) -> Option<usize> {
    sharing
        .iter()
        .position(|s| name.trim().is_empty() || same_name(name, &s.name))
}

/// A row kept apart from an account it shares a phone or email with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeptApart {
    /// The row's account name, and the code it has (or would have) in the book.
    pub name: String,
    pub code: String,
    pub shared: Shared,
    pub value: String,
    pub other_code: String,
    pub other_name: String,
}

impl KeptApart {
    pub fn new(name: &str, code: &str, s: &Sharing) -> KeptApart {
        KeptApart {
            name: name.to_string(),
            code: code.to_string(),
            shared: s.shared,
            value: s.value.clone(),
            other_code: s.code.clone(),
            other_name: s.name.clone(),
        }
    }

    /// "乙公司有限公司: same phone as C000001 甲公司有限公司 (139…), kept apart; …"
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let id = match self.shared {
            Shared::Phone => "import-kept-apart-phone",
            Shared::Email => "import-kept-apart-email",
        };
        crate::i18n::t_args(
            lang,
            id,
            &[
                ("name", self.name.as_str().into()),
                ("code", self.code.as_str().into()),
                ("value", self.value.as_str().into()),
                ("other_code", self.other_code.as_str().into()),
                ("other_name", self.other_name.as_str().into()),
            ],
        )
    }
}

/// A contact's name, unless it is only a stand-in: a contact imported without a name takes
/// its phone or email as one, which names no person.
fn person_name(contact: &Map<String, Value>) -> String {
    let name = text(contact, "name");
    let stand_in = ["mobile", "office_phone", "email"]
        .iter()
        .any(|k| text(contact, k) == name);
    if stand_in {
        String::new()
    } else {
        name
    }
}

/// Whether an imported contact is a person already known. A named row is the person with
/// that name; a row without a name is the person with its phone or email.
pub fn same_person(known: &Map<String, Value>, row: &Map<String, Value>) -> bool {
    let name = person_name(row);
    if !name.is_empty() {
        let known_name = person_name(known);
        return !known_name.is_empty() && same_name(&known_name, &name);
    }
    let phones = |c: &Map<String, Value>| [text(c, "mobile"), text(c, "office_phone")];
    let shares_phone = phones(row)
        .iter()
        .any(|p| !p.is_empty() && phones(known).contains(p));
    let email = text(row, "email");
    shares_phone || (!email.is_empty() && email.eq_ignore_ascii_case(&text(known, "email")))
}

/// `stored` with the lines of `added` it does not hold yet, one per line: a note is never
/// replaced or dropped, and the same file imported twice adds nothing the second time.
/// The lines held are looked up in a set: a row of 10,000 columns kept in the notes made
/// this quadratic (a minute).
pub fn append_note(stored: &str, added: &str) -> String {
    let mut notes = stored.to_string();
    let mut held: std::collections::HashSet<&str> = stored.lines().map(str::trim).collect();
    for line in added.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if held.insert(line) {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(line);
        }
    }
    notes
}

/// Copies a later row's values onto an earlier one of the same account or person: empty
/// fields are filled, notes appended, nothing already there replaced.
pub fn fill_from(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        if k == "notes" {
            let stored = text(into, "notes");
            let joined = append_note(&stored, v.as_str().unwrap_or(""));
            if !joined.is_empty() {
                into.insert(k, Value::String(joined));
            }
        } else {
            into.entry(k).or_insert(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn names_are_evened_out_as_duplicates_does() {
        assert!(same_name("甲公司", "甲公司有限公司"));
        assert!(same_name("ＡＢＣ Co., Ltd.", "abc"));
        assert!(!same_name("甲公司有限公司", "乙公司有限公司"));
        assert!(same_name("!!", "!!") && !same_name("!!", "??"));
        assert!(same_name("Acme Co., Ltd.", "ACME Limited"));
        assert!(same_name("华为技术有限公司", "华为技术 有限责任公司"));
    }

    /// A suffix is a whole word (`PepsiCo` is not `Pepsi`), and two legal forms are two
    /// companies (found by a hostile review: a shared switchboard joined them).
    #[test]
    fn a_suffix_is_a_word_and_two_legal_forms_are_two_companies() {
        assert!(!same_name("Pepsi", "PepsiCo"));
        assert!(!same_name("Mona Ltd", "Monaco"));
        assert!(!same_name("Apex Inc", "Apex LLC"));
        assert!(!same_name("华为技术股份有限公司", "华为技术有限公司"));
        assert!(same_name("Apex", "Apex Inc."));
    }

    #[test]
    fn a_named_person_is_never_someone_else_with_the_same_phone() {
        let zhang = map(json!({"name": "张三", "mobile": "13911112222"}));
        let li = map(json!({"name": "李四", "mobile": "13911112222"}));
        let nameless = map(json!({"mobile": "13911112222"}));
        let stand_in = map(json!({"name": "13911112222", "mobile": "13911112222"}));
        assert!(!same_person(&zhang, &li));
        assert!(same_person(&zhang, &map(json!({"name": "张 三"}))));
        assert!(same_person(&zhang, &nameless));
        assert!(same_person(&zhang, &stand_in));
        assert!(!same_person(&stand_in, &li), "a stand-in is not renamed");
    }

    #[test]
    fn notes_are_appended_once() {
        assert_eq!(append_note("", "a"), "a");
        assert_eq!(append_note("a", "b\na"), "a\nb");
        assert_eq!(append_note(&append_note("a", "b"), "b"), "a\nb");
    }
}
