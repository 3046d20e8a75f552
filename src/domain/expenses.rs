//! A visit's expense lines as a rep types them in one line: `餐费 120; 打车 35`, `taxi 25`,
//! `油费80`, `120元 午饭`, `lunch 86.5 with Mr Tang`. Each line is an amount and words: the
//! first word that names a kind of expense (in either language, with the everyday words for
//! it) gives the kind; words kam does not know make the line "other" and stay as its note.
//! A line is refused only when it has no amount, or a negative one — never for a word.

use super::codes::ExpenseItem;
use super::money::Money;
use super::validate::Problem;
use super::visit::Expense;

/// Everyday words for each kind, and whether the word is just the kind's name (then it is
/// not kept as a note) or says more (打车 is transport, and the note keeps "打车").
const WORDS: &[(&str, ExpenseItem, bool)] = {
    use ExpenseItem::*;
    &[
        ("交通", Transport, true),
        ("交通费", Transport, true),
        ("车费", Transport, true),
        ("路费", Transport, true),
        ("差旅", Transport, true),
        ("差旅费", Transport, true),
        ("travel", Transport, true),
        ("打车", Transport, false),
        ("打的", Transport, false),
        ("出租", Transport, false),
        ("出租车", Transport, false),
        ("的士", Transport, false),
        ("滴滴", Transport, false),
        ("网约车", Transport, false),
        ("地铁", Transport, false),
        ("公交", Transport, false),
        ("公交车", Transport, false),
        ("大巴", Transport, false),
        ("高铁", Transport, false),
        ("动车", Transport, false),
        ("火车", Transport, false),
        ("火车票", Transport, false),
        ("机票", Transport, false),
        ("飞机", Transport, false),
        ("油费", Transport, false),
        ("加油", Transport, false),
        ("汽油", Transport, false),
        ("停车", Transport, false),
        ("停车费", Transport, false),
        ("过路费", Transport, false),
        ("高速费", Transport, false),
        ("通行费", Transport, false),
        ("租车", Transport, false),
        ("taxi", Transport, false),
        ("cab", Transport, false),
        ("uber", Transport, false),
        ("didi", Transport, false),
        ("bus", Transport, false),
        ("metro", Transport, false),
        ("subway", Transport, false),
        ("train", Transport, false),
        ("flight", Transport, false),
        ("airfare", Transport, false),
        ("fuel", Transport, false),
        ("gas", Transport, false),
        ("petrol", Transport, false),
        ("parking", Transport, false),
        ("toll", Transport, false),
        ("tolls", Transport, false),
        ("mileage", Transport, false),
        ("餐费", Meals, true),
        ("餐饮", Meals, true),
        ("餐饮费", Meals, true),
        ("用餐", Meals, true),
        ("伙食", Meals, true),
        ("伙食费", Meals, true),
        ("meal", Meals, true),
        ("food", Meals, true),
        ("饭", Meals, false),
        ("饭钱", Meals, false),
        ("饭费", Meals, false),
        ("吃饭", Meals, false),
        ("午餐", Meals, false),
        ("午饭", Meals, false),
        ("中饭", Meals, false),
        ("晚餐", Meals, false),
        ("晚饭", Meals, false),
        ("早餐", Meals, false),
        ("早饭", Meals, false),
        ("工作餐", Meals, false),
        ("宴请", Meals, false),
        ("请客", Meals, false),
        ("请吃饭", Meals, false),
        ("招待", Meals, false),
        ("招待费", Meals, false),
        ("咖啡", Meals, false),
        ("茶水", Meals, false),
        ("饮料", Meals, false),
        ("lunch", Meals, false),
        ("dinner", Meals, false),
        ("breakfast", Meals, false),
        ("coffee", Meals, false),
        ("drinks", Meals, false),
        ("礼品费", Gifts, true),
        ("礼物", Gifts, true),
        ("gift", Gifts, true),
        ("present", Gifts, true),
        ("送礼", Gifts, false),
        ("伴手礼", Gifts, false),
        ("水果", Gifts, false),
        ("鲜花", Gifts, false),
        ("花", Gifts, false),
        ("flowers", Gifts, false),
        ("住宿费", Lodging, true),
        ("房费", Lodging, true),
        ("accommodation", Lodging, true),
        ("酒店", Lodging, false),
        ("宾馆", Lodging, false),
        ("旅馆", Lodging, false),
        ("hotel", Lodging, false),
        ("motel", Lodging, false),
        ("杂费", Other, true),
        ("其它", Other, true),
        ("misc", Other, true),
    ]
};

/// The kind a word names, and whether the word says more than the kind's name.
fn kind_of(word: &str) -> Option<(ExpenseItem, bool)> {
    let lower = word.to_lowercase();
    if let Some(item) = ExpenseItem::CHOICES
        .resolve(&lower)
        .and_then(ExpenseItem::from_code)
    {
        return Some((item, false));
    }
    if let Some((_, item, plain)) = WORDS.iter().find(|(w, _, _)| *w == lower) {
        return Some((*item, !plain));
    }
    // 请客户吃饭, 出租车费: a Chinese word holding an everyday word (the longest one) is of its
    // kind, and says more than it. Latin words must match whole (`gas` is not in `vegas`).
    WORDS
        .iter()
        .filter(|(w, _, _)| !w.is_ascii() && lower.contains(w))
        .max_by_key(|(w, _, _)| w.chars().count())
        .map(|(_, item, _)| (*item, true))
}

/// Every expense line of the text, in order.
pub fn parse_expenses(text: &str) -> Result<Vec<Expense>, Problem> {
    lines(text).map(parse_line).collect()
}

/// Lines are separated by `;`, `；`, `、`, a new line, or a comma that is not inside a number
/// (`1,200` is one amount; `餐费 120, 打车 35` two lines).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut cuts = vec![];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let in_number = c == ','
            && k > 0
            && chars[k - 1].1.is_ascii_digit()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        if matches!(c, ';' | '；' | '、' | '\n' | '，') || (c == ',' && !in_number) {
            cuts.push((i, c.len_utf8()));
        }
    }
    let mut start = 0;
    let mut parts = vec![];
    for (i, len) in cuts {
        parts.push(&text[start..i]);
        start = i + len;
    }
    parts.push(&text[start..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty())
}

fn parse_line(line: &str) -> Result<Expense, Problem> {
    let mut amount = None;
    let mut words = vec![];
    for token in line.split_whitespace() {
        // Until the amount is found a word may be glued to it (餐费120); after it, every
        // token is the note's as typed.
        let parts = if amount.is_none() {
            split_glued(token)
        } else {
            vec![token]
        };
        for part in parts {
            match Money::parse(part) {
                Ok(m) if amount.is_none() && part.chars().any(|c| c.is_ascii_digit()) => {
                    amount = Some(m)
                }
                _ => words.push(part),
            }
        }
    }
    let amount = amount.ok_or_else(|| Problem::ExpenseAmount(line.to_string()))?;
    if amount.0 < 0 {
        return Err(Problem::Negative);
    }
    let named = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| kind_of(w).map(|k| (i, k)));
    let (item, note) = match named {
        Some((i, (item, says_more))) => {
            if !says_more {
                words.remove(i);
            }
            (item, words)
        }
        None => (ExpenseItem::Other, words),
    };
    Ok(Expense {
        item,
        amount,
        note: (!note.is_empty()).then(|| note.join(" ")),
    })
}

/// `餐费120元` → `餐费`, `120元`; `120元午饭` → `120元`, `午饭`: a word and an amount typed
/// without a space between them.
fn split_glued(token: &str) -> Vec<&str> {
    let starts_amount = |c: char| c.is_ascii_digit() || matches!(c, '¥' | '￥' | '$' | '€' | '-');
    let first_digit = token.char_indices().find(|(_, c)| starts_amount(*c));
    match first_digit {
        Some((i, _)) if i > 0 => vec![&token[..i], &token[i..]],
        Some(_) => {
            // The amount first: its end is the last place it still reads as one.
            let mut ends = token.char_indices().map(|(i, c)| i + c.len_utf8());
            match ends.rfind(|&e| Money::parse(&token[..e]).is_ok()) {
                Some(e) if e < token.len() => vec![&token[..e], &token[e..]],
                _ => vec![token],
            }
        }
        None => vec![token],
    }
}
