//! Text made comparable: folded characters, character masks, phone digits, sortable dates.

/// Folds one character: full-width ASCII to ASCII, the ideographic space to a space, then
/// lower case. Always one character for one, so character positions stay those of the
/// original text.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The folded text, one character per original character.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The mask bit of one (folded) character: letters and digits have their own bits, every
/// other character shares one of 28 buckets. White space has none.
#[inline]
pub fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_whitespace() => 0,
        c => 1 << (36 + (c as u32).wrapping_mul(2_654_435_761) % 28),
    }
}

pub fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// Digits of a phone number without the country prefix `+86` / `0086` (also a bare `86`
/// in front of an 11-digit mobile number).
pub fn phone_digits(s: &str) -> String {
    let digits: String = s
        .chars()
        .map(fold_char)
        .filter(|c| c.is_ascii_digit())
        .collect();
    let trimmed = s.trim_start();
    if let Some(rest) = digits.strip_prefix("0086") {
        return rest.to_string();
    }
    if trimmed.starts_with('+') || trimmed.starts_with('＋') || digits.len() == 13 {
        if let Some(rest) = digits.strip_prefix("86") {
            return rest.to_string();
        }
    }
    digits
}

/// A sortable number from an ISO-like date or timestamp (`2024-05-01`, `2024-05-01 09:30:00`,
/// `2024-05-01T09:30:00Z`): its first 14 digits, padded. Newer is larger; none is 0.
pub fn recency(s: Option<&str>) -> u64 {
    let Some(s) = s else { return 0 };
    let mut n = 0u64;
    let mut count = 0;
    for b in s.bytes().filter(u8::is_ascii_digit).take(14) {
        n = n * 10 + u64::from(b - b'0');
        count += 1;
    }
    n * 10u64.pow(14 - count)
}

/// The first 8 bytes of the folded code, big-endian, for breaking ties without a lookup.
pub fn code_key(code: &str) -> u64 {
    let mut k = [0u8; 8];
    for (d, s) in k.iter_mut().zip(code.bytes()) {
        *d = s;
    }
    u64::from_be_bytes(k)
}
