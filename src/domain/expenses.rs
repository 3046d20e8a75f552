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
///
/// A piece with neither an amount nor a word naming a kind after a good line is that
/// line's note going on ("lodging 212.20 Hotel, one night", as kam wrote notes before it
/// quoted them): joined back, separator and all. A kind without its amount ("meals 120,
/// taxi") is still refused: the rep forgot the amount.
pub fn parse_expenses(text: &str) -> Result<Vec<Expense>, Problem> {
    let mut out: Vec<Expense> = vec![];
    let mut last_start = None;
    for (start, end) in lines(text) {
        let piece = text[start..end].trim();
        match parse_line(piece) {
            Ok(e) => {
                out.push(e);
                last_start = Some(start);
            }
            Err(Problem::ExpenseAmount(_))
                if last_start.is_some()
                    && !piece.split_whitespace().any(|w| kind_of(w).is_some()) =>
            {
                let from = last_start.unwrap_or(start);
                let joined = parse_line(text[from..end].trim())?;
                *out.last_mut().expect("a line before") = joined;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Expense lines as one line of text for quick entry: `transport 25; meals 120.50 lunch`.
/// Items are codes or labels in either language (交通 35).
pub fn format_expenses(lines: &[Expense]) -> String {
    lines
        .iter()
        .map(|e| {
            let mut s = format!("{} {}", e.item.code(), e.amount);
            if let Some(n) = e.note.as_deref().filter(|n| !n.is_empty()) {
                s.push(' ');
                s.push_str(&quoted_note(n));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A note as kam writes it after the amount: as typed, or in double quotes (a quote inside
/// doubled) when it holds what separates lines or a quote, so that it reads back as itself.
pub fn quoted_note(note: &str) -> String {
    if note.contains(|c| SEPARATORS.contains(&c) || c == ',' || c == '"') {
        format!("\"{}\"", note.replace('"', "\"\""))
    } else {
        note.to_string()
    }
}

/// What ends a line besides a comma (which is cut only outside numbers).
const SEPARATORS: [char; 5] = [';', '；', '、', '\n', '，'];

/// The byte ranges of the lines, separated by `;`, `；`, `、`, `，`, a new line, or a comma that
/// is not inside a number (`1,200` is one amount; `餐费 120, 打车 35` two lines); never inside
/// a quoted note (a `"` opening a word, up to a `"` ending one).
fn lines(text: &str) -> Vec<(usize, usize)> {
    // A quote never closed is the rep's own (`5" screen`, a typo): lines are cut as typed.
    cut(text, true).unwrap_or_else(|| cut(text, false).unwrap_or_default())
}

fn cut(text: &str, honour_quotes: bool) -> Option<Vec<(usize, usize)>> {
    let mut cuts = vec![];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quoted = false;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let before = k.checked_sub(1).map(|p| chars[p].1);
        let after = chars.get(k + 1).map(|(_, n)| *n);
        k += 1;
        if quoted {
            match (c, after) {
                // A doubled quote is a quote of the note.
                ('"', Some('"')) => k += 1,
                ('"', _) => quoted = false,
                _ => {}
            }
            continue;
        }
        if honour_quotes && c == '"' && before.is_none_or(char::is_whitespace) {
            quoted = true;
            continue;
        }
        let in_number = c == ','
            && before.is_some_and(|b| b.is_ascii_digit())
            && after.is_some_and(|n| n.is_ascii_digit());
        if SEPARATORS.contains(&c) || (c == ',' && !in_number) {
            cuts.push((i, c.len_utf8()));
        }
    }
    let mut start = 0;
    let mut parts = vec![];
    for (i, len) in cuts {
        parts.push((start, i));
        start = i + len;
    }
    parts.push((start, text.len()));
    (!quoted).then(|| {
        parts
            .into_iter()
            .filter(|&(s, e)| !text[s..e].trim().is_empty())
            .collect()
    })
}

/// A line's note written in quotes by `quoted_note`: the text before it and the note.
fn split_quoted(line: &str) -> Option<(&str, String)> {
    let inner = line.strip_suffix('"')?;
    let open = inner.find(" \"")?;
    let body = &inner[open + 2..];
    // Inside, every quote is doubled: otherwise the quotes are the rep's own.
    let unpaired = body.split("\"\"").any(|part| part.contains('"'));
    (!unpaired).then(|| (&line[..open], body.replace("\"\"", "\"")))
}

fn parse_line(line: &str) -> Result<Expense, Problem> {
    let (line, quoted) = match split_quoted(line) {
        Some((before, note)) => (before, Some(note)),
        None => (line, None),
    };
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
    let mut note = note.join(" ");
    if let Some(q) = quoted {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(&q);
    }
    Ok(Expense {
        item,
        amount,
        note: (!note.is_empty()).then_some(note),
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
