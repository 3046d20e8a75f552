//! One account against one plain query, with the tiers [`super::ranking`] gives a whole
//! book: for the second and later words of a query, read only for the accounts the first
//! word brought (see [`super::terms`]).

use super::matcher;
use super::pinyin_match::{self, Anchored, Reading};
use super::query::Query;
use super::ranking::Book;
use super::typo;
use crate::search_keys::pinyin::PyKey;
use crate::search_keys::record::{CODE, CONTACT_NAMES, EMAILS, FIELDS, NAME, PHONES, SHORT};

/// The best match of the account at `slot` (`tier << 4 | which`), or [`NONE`]; `loose`:
/// with typos and subsequences. Stops at the first match at tier `enough` or better (a later
/// word of a query counts only as far as it is worse than the first: `julia k` need not read
/// the pinyin of every Julia's account once a `k` is in it).
pub(crate) fn best<B: Book>(b: &B, q: &Query, slot: usize, loose: bool, enough: u8) -> u8 {
    use matcher::*;
    let mut best = NONE;
    macro_rules! offer {
        ($tier:expr, $which:expr) => {
            best = best.min($tier << 4 | $which as u8)
        };
    }
    macro_rules! enough {
        () => {
            if best >> 4 <= enough {
                return best;
            }
        };
    }
    let by_position = |text: &str, pos: usize| match (pos, text.len() == q.text.len()) {
        (0, true) => EXACT,
        (0, false) => PREFIX,
        _ => SUBSTRING,
    };
    let (name, short) = (b.text(NAME, slot), b.text(SHORT, slot));
    for (text, which) in [(name, Which::Name), (short, Which::Short)] {
        if let Some(p) = q.found_in(text) {
            offer!(by_position(text, p), which);
        }
    }
    let code = b.text(CODE, slot);
    if q.found_in(code) == Some(0) {
        offer!(by_position(code, 0), Which::Code);
    }
    let contacts = b.text(CONTACT_NAMES, slot);
    if q.found_in(contacts).is_some() {
        let whole = contacts.split('\n').any(|n| n == q.text);
        offer!(if whole { EXACT } else { CONTACT }, Which::Contact);
    }
    enough!();
    if let Some(l) = q.letters.as_deref() {
        let h = b.letters(slot);
        if q.letters_mask & !h.letters == 0 {
            for (text, which) in [(name, Which::NamePinyin), (short, Which::ShortPinyin)] {
                let Some(key) = PyKey::of(text) else {
                    continue;
                };
                let anchored = pinyin_match::graded(&key, l, 0);
                match anchored {
                    Some((_, Reading::Rare)) => offer!(TYPO, which),
                    Some((Anchored::Whole, _)) => offer!(PINYIN_WHOLE, which),
                    Some((Anchored::Prefix(_), _)) => offer!(PINYIN_PREFIX, which),
                    None => {}
                }
                if !matches!(anchored, Some((_, Reading::Common))) {
                    match pinyin_match::infix_graded(&key, l) {
                        Some(Reading::Common) => offer!(SUBSTRING, which),
                        Some(Reading::Rare) => offer!(TYPO, which),
                        None => {}
                    }
                }
            }
        }
        enough!();
        let h = b.contact_letters(slot);
        if q.letters_mask & !h.letters == 0 {
            for n in contacts.split('\n') {
                match PyKey::of(n).and_then(|k| pinyin_match::graded(&k, l, 0)) {
                    Some((_, Reading::Rare)) => offer!(TYPO, Which::Contact),
                    Some((Anchored::Whole, _)) => offer!(PINYIN_WHOLE, Which::Contact),
                    Some((Anchored::Prefix(_), _)) => offer!(CONTACT, Which::Contact),
                    None => {}
                }
            }
        }
    }
    enough!();
    if let Some(d) = &q.digits {
        if d.find(b.text(PHONES, slot).as_bytes()).is_some() {
            offer!(PHONE_EMAIL, Which::Phone);
        }
    }
    if q.found_in(b.text(EMAILS, slot)).is_some() {
        offer!(PHONE_EMAIL, Which::Email);
    }
    let fields = b.text(FIELDS, slot);
    if q.found_in(fields).is_some() {
        offer!(PHONE_EMAIL, Which::Field);
    }
    if let Some(l) = q.letters.as_deref().filter(|_| best >> 4 > PHONE_EMAIL) {
        let h = b.field_letters(slot);
        if h.initials & q.first_letter != 0 && q.letters_mask & !h.letters == 0 {
            match super::fields::pinyin_reading(fields, l) {
                Some(Reading::Common) => offer!(PHONE_EMAIL, Which::Field),
                Some(Reading::Rare) => offer!(TYPO, Which::Field),
                None => {}
            }
        }
    }
    if best >> 4 <= TYPO || !loose {
        return best;
    }
    if let Some(l) = q.letters.as_deref() {
        if typo::in_text(l, name) || typo::in_text(l, short) {
            offer!(TYPO, Which::Typo);
        } else if let Some(slipped) = typo::in_pinyin(b, q, slot) {
            offer!(TYPO, Which::from(slipped));
        } else if typo::in_text(l, contacts) {
            offer!(TYPO, Which::Contact);
        }
    }
    if best == NONE
        && (subsequence(name, &q.compact).is_some() || subsequence(short, &q.compact).is_some())
    {
        offer!(FUZZY, Which::Fuzzy);
    }
    best
}
