//! The generated half of the labelled query set (`kam bench --relevance --write-set FILE`):
//! queries as a rep who half-remembers an account types them, each with the account meant,
//! made from a seeded demo book by rules that know nothing of how kam ranks.
//!
//! The label is the account the query was made from; a query is kept only when no other
//! account of the book fits it as well by the same rule (another 金宝贝 for `jbb`, another
//! contact with the same initials), so that a miss is the finder's fault, not the set's.
//! Pinyin is the common reading of each character (the `pinyin` crate), and names with a
//! character of several readings are left to the hand-written half, which says which
//! reading a rep would say.

use crate::domain::{Account, Contact};
use crate::search_keys::text::{fold, phone_digits};
use pinyin::{ToPinyin, ToPinyinMulti};

/// One labelled query.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    pub family: String,
    pub query: String,
    pub code: String,
    /// The account's name, to notice a set made on another book.
    pub name: String,
    /// Where the query came from (the text a rep half-remembers).
    pub from: String,
}

/// One account as the rules read it.
struct Acct<'a> {
    a: &'a Account,
    contacts: Vec<&'a Contact>,
    /// Every folded text of the account, joined by `\n`: names, contacts, phone digits, emails.
    hay: String,
    /// Common-reading pinyin (whole, initials) of the short name, the name and each contact.
    forms: Vec<(String, String)>,
}

/// How many queries each family gets.
const PER_FAMILY: usize = 22;

/// The families, in the order the bench prints them.
pub const FAMILIES: &[&str] = &[
    "zh-fragment",
    "pinyin",
    "initials",
    "pinyin+hanzi",
    "pinyin-typo",
    "en-word",
    "en-typo",
    "word-order",
    "contact-zh",
    "contact-pinyin",
    "contact-initials",
    "contact-en",
    "phone",
    "email",
    "city+trade",
];

/// xorshift64*: the set depends only on the book and the seed.
struct Pick(u64);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Common-reading pinyin of a Chinese text (whole, initials), `None` when a character has
/// no reading or, with `single`, several.
pub(crate) fn pinyin_of(s: &str, single: bool) -> Option<(String, String)> {
    let (mut whole, mut initials) = (String::new(), String::new());
    for c in s.chars() {
        if single && c.to_pinyin_multi().is_some_and(|m| m.count() > 1) {
            return None;
        }
        let p = c.to_pinyin()?;
        whole.push_str(p.plain());
        initials.push_str(p.first_letter());
    }
    (!whole.is_empty() && whole.is_ascii()).then_some((whole, initials))
}

fn acct<'a>(a: &'a Account, contacts: Vec<&'a Contact>) -> Acct<'a> {
    let mut hay = vec![fold(&a.name), fold(a.short_name.as_deref().unwrap_or(""))];
    let mut forms = Vec::new();
    for n in [a.short_name.as_deref().unwrap_or(""), &a.name] {
        if let Some(f) = pinyin_of(&n.chars().filter(|&c| is_han(c)).collect::<String>(), false) {
            forms.push(f);
        }
    }
    for c in &contacts {
        hay.push(fold(&c.name));
        if let Some(f) = pinyin_of(&c.name, false) {
            forms.push(f);
        }
        for p in [&c.mobile, &c.office_phone, &c.home_phone]
            .into_iter()
            .flatten()
        {
            hay.push(phone_digits(p));
        }
        if let Some(e) = &c.email {
            hay.push(fold(e));
        }
    }
    Acct {
        a,
        contacts,
        hay: hay.join("\n"),
        forms,
    }
}

/// Accounts whose texts hold every word of `q`.
fn holding(book: &[Acct<'_>], q: &str) -> usize {
    let words: Vec<String> = q.split_whitespace().map(fold).collect();
    book.iter()
        .filter(|x| words.iter().all(|w| x.hay.contains(w.as_str())))
        .count()
}

/// Accounts with a pinyin form (whole or initials) starting with `letters`.
fn reading(book: &[Acct<'_>], letters: &str) -> usize {
    book.iter()
        .filter(|x| {
            x.forms
                .iter()
                .any(|(w, i)| w.starts_with(letters) || i.starts_with(letters))
        })
        .count()
}

/// One edit a hand makes: a letter swapped with the next, dropped, doubled or replaced by a
/// neighbour on the keyboard; never the first letter (people get that one right).
fn slip(word: &str, pick: &mut Pick) -> String {
    const NEAR: [&str; 26] = [
        "qsz", "vgn", "xdv", "sfe", "wrd", "dgr", "fht", "gjy", "uok", "hku", "jli", "ko", "nk",
        "bmj", "ipl", "ol", "wa", "etf", "adw", "ryg", "yij", "cfb", "qes", "zcs", "tuh", "xas",
    ];
    let mut b: Vec<u8> = word.bytes().collect();
    let at = 1 + pick.below(b.len() - 1);
    match pick.below(4) {
        0 if at + 1 < b.len() && b[at] != b[at + 1] => b.swap(at, at + 1),
        1 => {
            b.remove(at);
        }
        2 => b.insert(at, b[at]),
        _ => {
            let near = NEAR[(b[at] - b'a') as usize].as_bytes();
            b[at] = near[pick.below(near.len())];
        }
    }
    String::from_utf8(b).unwrap_or_default()
}

/// The words of an English name that tell it apart (no "the", "ltd", "&").
fn en_words(name: &str) -> Vec<String> {
    const PLAIN: [&str; 14] = [
        "the", "ltd", "llc", "inc", "plc", "co", "corp", "company", "limited", "llp", "&", "and",
        "group", "of",
    ];
    name.split(|c: char| !c.is_ascii_alphanumeric() && c != '&')
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| w.len() >= 2 && !PLAIN.contains(&w.as_str()))
        .collect()
}

/// The query of `family` for account `x`, if the rule can make one that fits only it.
fn query_for(
    family: &str,
    x: &Acct<'_>,
    book: &[Acct<'_>],
    pick: &mut Pick,
) -> Option<(String, String)> {
    let short = x.a.short_name.clone().unwrap_or_else(|| x.a.name.clone());
    let han_short = short.chars().all(is_han).then_some(short.as_str());
    let contact = (!x.contacts.is_empty()).then(|| x.contacts[pick.below(x.contacts.len())]);
    let zh_contact = contact.filter(|c| c.name.chars().all(is_han));
    let en_contact = contact.filter(|c| c.name.is_ascii());
    let one = |q: &str| holding(book, q) == 1;
    let only_reading = |q: &str| reading(book, q) == 1;
    let q = match family {
        "zh-fragment" => {
            let s: Vec<char> = han_short?.chars().collect();
            if s.len() < 3 {
                return None;
            }
            let at = pick.below(s.len() - 1);
            let frag: String = s[at..at + 2].iter().collect();
            one(&frag).then(|| (frag, short.clone()))
        }
        "pinyin" => {
            let (w, _) = pinyin_of(han_short?, true)?;
            only_reading(&w).then(|| (w, short.clone()))
        }
        "initials" => {
            let (_, i) = pinyin_of(han_short?, true)?;
            (i.len() >= 3 && only_reading(&i)).then(|| (i, short.clone()))
        }
        "pinyin+hanzi" => {
            let s = han_short?;
            let (w, _) = pinyin_of(s, true)?;
            let first = s.chars().next()?;
            let rest = pinyin_of(&s.chars().skip(1).collect::<String>(), true)?.0;
            (only_reading(&w) && s.chars().count() >= 2)
                .then(|| (format!("{first}{rest}"), short.clone()))
        }
        "pinyin-typo" => {
            let (w, _) = pinyin_of(han_short?, true)?;
            (w.len() >= 6 && only_reading(&w)).then(|| (slip(&w, pick), short.clone()))
        }
        "en-word" => {
            let words = en_words(&x.a.name);
            let w = words.first()?;
            if one(w) {
                Some((w.clone(), x.a.name.clone()))
            } else {
                let two = words.get(..2)?.join(" ");
                one(&two).then(|| (two, x.a.name.clone()))
            }
        }
        "en-typo" => {
            let words = en_words(&x.a.name);
            let at = words
                .iter()
                .position(|w| w.len() >= 6 && w.bytes().all(|b| b.is_ascii_lowercase()))?;
            let typo = slip(&words[at], pick);
            if one(&words[at]) {
                Some((typo, x.a.name.clone()))
            } else {
                let other = words.iter().find(|w| **w != words[at])?;
                one(&format!("{} {other}", words[at]))
                    .then(|| (format!("{typo} {other}"), x.a.name.clone()))
            }
        }
        "word-order" => {
            let words = en_words(&x.a.name);
            if words.len() >= 2 {
                let q = format!("{} {}", words[1], words[0]);
                one(&q).then(|| (q, x.a.name.clone()))
            } else {
                // A Chinese name: its trade word before its brand.
                let s = han_short?;
                let trade = trade_word(&x.a.name, s)?;
                let q = format!("{trade} {s}");
                one(&q).then(|| (q, x.a.name.clone()))
            }
        }
        "contact-zh" => {
            let c = zh_contact?;
            one(&c.name).then(|| (c.name.clone(), c.name.clone()))
        }
        "contact-pinyin" => {
            let c = zh_contact?;
            let (w, _) = pinyin_of(&c.name, true)?;
            only_reading(&w).then(|| (w, c.name.clone()))
        }
        "contact-initials" => {
            let c = zh_contact?;
            let (_, i) = pinyin_of(&c.name, true)?;
            (i.len() >= 3 && only_reading(&i)).then(|| (i, c.name.clone()))
        }
        "contact-en" => {
            let c = en_contact?;
            let mut parts = c.name.split_whitespace();
            let (first, last) = (parts.next()?, parts.last()?);
            let last_only = last.to_lowercase();
            if one(&last_only) {
                Some((last_only, c.name.clone()))
            } else {
                let q = format!("{} {}", last.to_lowercase(), first.to_lowercase());
                one(&q).then(|| (q, c.name.clone()))
            }
        }
        "phone" => {
            let c = contact?;
            let p = c.mobile.as_deref()?;
            let d = phone_digits(p);
            if d.len() < 10 {
                return None;
            }
            let frag = d[d.len() - 7..].to_string();
            one(&frag).then(|| (frag, p.to_string()))
        }
        "email" => {
            let e = contact?.email.clone()?;
            let local = e.split('@').next()?.to_lowercase();
            (local.len() >= 4 && one(&local)).then(|| (local, e.clone()))
        }
        "city+trade" => {
            let s = han_short?;
            let city = x.a.city.as_deref()?.trim_end_matches('市');
            if city.chars().count() < 2 || !x.a.name.starts_with(city) {
                return None;
            }
            let trade = trade_word(&x.a.name, s)?;
            let q = format!("{city} {trade}");
            one(&q).then(|| (q, x.a.name.clone()))
        }
        _ => None,
    }?;
    Some(q)
}

/// The two characters after the brand in a Chinese name (数据 of 长沙市纳力数据科技有限公司).
fn trade_word(name: &str, brand: &str) -> Option<String> {
    let rest = &name[name.find(brand)? + brand.len()..];
    let t: String = rest.chars().take(2).collect();
    (t.chars().count() == 2
        && t.chars().all(is_han)
        && !t.starts_with("有限")
        && !t.starts_with("股份"))
    .then_some(t)
}

/// The generated set over `accounts` and their `contacts`: [`PER_FAMILY`] queries a family
/// where the book allows, each account used at most once a family.
pub fn generate(accounts: &[Account], contacts: &[Contact], seed: u64) -> Vec<Labelled> {
    let mut by_account: std::collections::HashMap<i64, Vec<&Contact>> = Default::default();
    for c in contacts {
        by_account.entry(c.account_id).or_default().push(c);
    }
    let book: Vec<Acct<'_>> = accounts
        .iter()
        .map(|a| acct(a, by_account.remove(&a.id).unwrap_or_default()))
        .collect();
    let mut pick = Pick(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = Vec::new();
    for family in FAMILIES {
        let mut made = 0;
        let mut used = std::collections::HashSet::new();
        for _ in 0..book.len() * 3 {
            if made == PER_FAMILY {
                break;
            }
            let i = pick.below(book.len());
            if !used.insert(i) {
                continue;
            }
            let x = &book[i];
            if let Some((query, from)) = query_for(family, x, &book, &mut pick) {
                out.push(Labelled {
                    family: family.to_string(),
                    query,
                    code: x.a.code.clone(),
                    name: x.a.name.clone(),
                    from,
                });
                made += 1;
            }
        }
    }
    out
}

/// The set as a file: a header, then `family<TAB>query<TAB>code<TAB>name<TAB>from` a line.
pub fn to_tsv(set: &[Labelled]) -> String {
    let mut s = String::from("# family\tquery\tcode\taccount name\twhat the rep half-remembers\n");
    for l in set {
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            l.family, l.query, l.code, l.name, l.from
        ));
    }
    s
}

/// A set file read back: lines starting with `#` and blank lines are skipped.
pub fn from_tsv(text: &str) -> Vec<Labelled> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 4).then(|| Labelled {
                family: f[0].to_string(),
                query: f[1].to_string(),
                code: f[2].to_string(),
                name: f[3].to_string(),
                from: f.get(4).unwrap_or(&"").to_string(),
            })
        })
        .collect()
}
