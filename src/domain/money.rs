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

    /// Parses an amount as people write it: `1234`, `1,234.5`, `¥1 234.50`, `-12.30`, `１２３`
    /// (full width), and with the units of a Chinese or English sales sheet: `5000万`,
    /// `1.2亿`, `1亿2000万`, `300万元`, `3.5w`, `12k`, `1.5m`, `RMB 800`, `US$ 20`, `€9.90`.
    /// An amount that would need more than two decimals (`1.234`, `0.000001万`) is refused
    /// rather than rounded: an amount must not change silently.
    pub fn parse(text: &str) -> Result<Money, Problem> {
        let bad = || Problem::Money(text.trim().to_string());
        let mut t = normalize_width(text.trim()).to_lowercase();
        for word in [
            "人民币",
            "rmb",
            "cny",
            "usd",
            "us$",
            "hk$",
            "hkd",
            "eur",
            "gbp",
            "元整",
            "元",
            "块钱",
            "块",
            "圆",
        ] {
            t = t.replace(word, "");
        }
        let t: String = t
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥' | '$' | '€' | '£' | '_'))
            .collect();
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.as_str()),
        };
        if t.is_empty() {
            return Err(bad());
        }
        // 1亿2000万5 = 1×10⁸ + 2000×10⁴ + 5: each part scaled by the unit after it.
        let mut cents: i128 = 0;
        let mut rest = t;
        for (unit, scale) in [("亿", 8), ("万", 4)] {
            if let Some((part, after)) = rest.split_once(unit) {
                cents += scaled_cents(part, scale).ok_or_else(bad)?;
                rest = after;
            }
        }
        if !rest.is_empty() {
            let (number, scale) = match rest.char_indices().last() {
                Some((i, 'w')) => (&rest[..i], 4),
                Some((i, 'k' | '千')) => (&rest[..i], 3),
                Some((i, 'm')) => (&rest[..i], 6),
                Some((i, '百')) => (&rest[..i], 2),
                _ => (rest, 0),
            };
            cents += scaled_cents(number, scale).ok_or_else(bad)?;
        }
        let cents = i64::try_from(cents)
            .ok()
            .filter(|c| c.abs() < 10i64.pow(17));
        let cents = cents.ok_or_else(bad)?;
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

    /// Short enough for a bar, in the reader's units: 1.2亿, 350万, 3.5万, 980 for a Chinese
    /// reader; 1.2B, 3.5M, 35k, 980 for an English one. Whole units; a tenth where it helps.
    pub fn compact(self, lang: crate::i18n::Lang) -> String {
        let units = self.cents() / 100;
        let n = units.abs();
        let tenths = |scale: f64, unit: &str| {
            let x = units as f64 / scale;
            let shown = if x.abs() >= 100.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.1}")
            };
            format!("{}{unit}", shown.strip_suffix(".0").unwrap_or(&shown))
        };
        match lang {
            crate::i18n::Lang::Zh => match n {
                n if n >= 100_000_000 => tenths(1e8, "亿"),
                n if n >= 10_000 => tenths(1e4, "万"),
                _ => units.to_string(),
            },
            crate::i18n::Lang::En => match n {
                n if n >= 1_000_000_000 => tenths(1e9, "B"),
                n if n >= 1_000_000 => tenths(1e6, "M"),
                n if n >= 10_000 => format!("{}k", units / 1000),
                _ => units.to_string(),
            },
        }
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

/// `1.25` with `scale` 4 (万) as cents: 1.25 × 10⁴ × 100 = 1,250,000; `None` when it is no
/// plain decimal or would need a fraction of a cent.
fn scaled_cents(number: &str, scale: u32) -> Option<i128> {
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() + frac.len() > 20
    {
        return None;
    }
    // The digits as one integer of cents × 10^(frac.len()), then the unit's power of ten.
    let digits: i128 = format!("{whole}{frac}").parse().ok()?;
    let power = scale as i32 + 2 - frac.len() as i32;
    if power >= 0 {
        digits.checked_mul(10i128.checked_pow(power as u32)?)
    } else {
        let div = 10i128.checked_pow((-power) as u32)?;
        (digits % div == 0).then_some(digits / div)
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
