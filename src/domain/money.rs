//! Money held exactly as integer fen/cents. It is written as a decimal string ("1234.50") in
//! exports and forms, so no float ever touches an amount.

use super::validate::{normalize_width, Problem};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses `1234`, `1,234.5`, `¥1 234.50`, `-12.30`, `１２３` (full width). More than two
    /// decimals is refused rather than rounded: an amount must not change silently.
    pub fn parse(text: &str) -> Result<Money, Problem> {
        let bad = || Problem::Money(text.trim().to_string());
        let t: String = normalize_width(text.trim())
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '¥' | '￥' | '$' | '元' | '_'))
            .collect();
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.as_str()),
        };
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 2
            || whole.len() > 15
        {
            return Err(bad());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        let cents = whole * 100 + frac;
        Ok(Money(if neg { -cents } else { cents }))
    }

    /// With thousands separators, for tables: `1,234,567.50`.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, rest) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |r| ("-", r));
        let (whole, frac) = rest.split_once('.').unwrap_or((rest, "00"));
        let mut out = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}.{frac}")
    }

    pub fn checked_mul(self, quantity: i64) -> Option<Money> {
        self.0.checked_mul(quantity).map(Money)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Money {
    /// The `Display` text, formatted on the stack: a report of 100,000 accounts serializes
    /// a million amounts, and a `String` each was a third of writing it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 24];
        let mut at = buf.len();
        let abs = self.0.unsigned_abs();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        put(b'0' + (abs % 10) as u8);
        put(b'0' + (abs / 10 % 10) as u8);
        put(b'.');
        let mut whole = abs / 100;
        loop {
            put(b'0' + (whole % 10) as u8);
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        // Only ASCII digits, '.' and '-' were written.
        s.serialize_str(std::str::from_utf8(&buf[at..]).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Text(String),
            Int(i64),
        }
        match Repr::deserialize(d)? {
            Repr::Text(s) => Money::parse(&s).map_err(serde::de::Error::custom),
            // A bare JSON integer is read as whole units, as a person would mean it.
            Repr::Int(units) => Ok(Money(units * 100)),
        }
    }
}

#[cfg(test)]
mod serialize_tests {
    use super::Money;

    #[test]
    fn json_amounts_are_the_display_text() {
        for (cents, text) in [
            (0, "\"0.00\""),
            (5, "\"0.05\""),
            (-5, "\"-0.05\""),
            (100, "\"1.00\""),
            (123_456, "\"1234.56\""),
            (-123_456, "\"-1234.56\""),
            (i64::MIN, "\"-92233720368547758.08\""),
            (i64::MAX, "\"92233720368547758.07\""),
        ] {
            assert_eq!(serde_json::to_string(&Money(cents)).unwrap(), text);
        }
    }
}
