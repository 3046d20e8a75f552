//! The dealer profile (经销商档案) of an account that distributes our goods, from the seed's
//! sheet: whose brands it buys and in what share (进货对象: ××牌占××%), through which of its
//! stores it sells (销售种类: ××门市××%), where (销售范围), at what price (销售价格), and whether
//! it sells our line alone (营业性质: 专营/兼营). Kept on the account; the overview shows it
//! only when filled, so an end customer's card is not cluttered with a distributor's sheet.

use super::validate::Problem;

/// The percentages written in a list of shares ("A牌 50%, B牌 30%，其他 20%"), summed; None
/// when none is written.
pub fn shares_total(text: &str) -> Option<f64> {
    let text = super::validate::normalize_width(text);
    let mut total = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '%' {
            continue;
        }
        // "60 %" as well as "60%".
        let end = chars[..i]
            .iter()
            .rposition(|c| *c != ' ')
            .map_or(0, |p| p + 1);
        let start = chars[..end]
            .iter()
            .rposition(|c| !(c.is_ascii_digit() || *c == '.'))
            .map_or(0, |p| p + 1);
        let number: String = chars[start..end].iter().collect();
        if let Ok(n) = number.parse::<f64>() {
            *total.get_or_insert(0.0) += n;
        }
    }
    total
}

/// Shares that add up to more than the whole are a typing mistake.
pub fn check_shares(text: &str) -> Result<(), Problem> {
    match shares_total(text) {
        Some(t) if t > 100.0 + 1e-9 => Err(Problem::SharesOverWhole(format!("{t}"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_summed_as_written_and_more_than_the_whole_is_refused() {
        for (text, total) in [
            ("A牌 50%, B牌 30%，其他 20%", Some(100.0)),
            ("美的 62.5% 格力 12.5%", Some(75.0)),
            ("Brand A 60 %", Some(60.0)),
            ("几个品牌", None),
            ("ＡＢ牌 ７０％", Some(70.0)),
            ("", None),
        ] {
            assert_eq!(shares_total(text), total, "{text}");
        }
        assert!(check_shares("A牌 80%, B牌 30%").is_err());
        assert!(check_shares("A牌 80%, B牌 20%").is_ok());
    }
}
