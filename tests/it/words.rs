//! What a rep types, read as they mean it: dates (absolute, short, relative, Chinese and
//! English), money with 万/亿/k and currency marks, and expense lines in everyday words. Each
//! table was written by hand from how people write in forms, WeChat and Excel; every
//! expected value was worked out by hand from the reading day below (a Tuesday, so "this
//! Friday", "Friday" and "next Friday" are three different days), not copied from a run.

use chrono::{NaiveDate, NaiveDateTime};
use kam::domain::codes::ExpenseItem::{self, *};
use kam::domain::expenses::parse_expenses;
use kam::domain::when::{parse_date_on, parse_datetime_on};
use kam::domain::{Money, Problem};

/// Tuesday 1 December 2026.
fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn dates_as_reps_type_them() {
    let cases: &[(&str, &str)] = &[
        // Absolute, as before.
        ("2026-12-08", "2026-12-08"),
        ("2026/12/8", "2026-12-08"),
        ("2026.12.08", "2026-12-08"),
        ("20261208", "2026-12-08"),
        ("2026年12月8日", "2026-12-08"),
        ("2026年12月8号", "2026-12-08"),
        ("２０２６－１２－０８", "2026-12-08"),
        // Without a year: the one nearest today.
        ("12-08", "2026-12-08"),
        ("12/8", "2026-12-08"),
        ("12.8", "2026-12-08"),
        ("12月8日", "2026-12-08"),
        ("12月8号", "2026-12-08"),
        ("十二月八日", "2026-12-08"),
        ("1-5", "2027-01-05"),
        ("01-05", "2027-01-05"),
        ("11-28", "2026-11-28"),
        ("dec 8", "2026-12-08"),
        ("8 Dec", "2026-12-08"),
        ("December 8th", "2026-12-08"),
        ("Jan 5", "2027-01-05"),
        // A day of this month (or the next).
        ("8号", "2026-12-08"),
        ("1号", "2026-12-01"),
        ("30日", "2026-12-30"),
        // Relative.
        ("今天", "2026-12-01"),
        ("today", "2026-12-01"),
        ("明天", "2026-12-02"),
        ("明日", "2026-12-02"),
        ("tomorrow", "2026-12-02"),
        ("Tomorrow", "2026-12-02"),
        ("明天。", "2026-12-02"),
        ("后天", "2026-12-03"),
        ("大后天", "2026-12-04"),
        ("昨天", "2026-11-30"),
        ("yesterday", "2026-11-30"),
        ("前天", "2026-11-29"),
        ("+7", "2026-12-08"),
        ("+1", "2026-12-02"),
        ("-1", "2026-11-30"),
        ("+2w", "2026-12-15"),
        ("+1m", "2027-01-01"),
        ("3天后", "2026-12-04"),
        ("3天以后", "2026-12-04"),
        ("三天后", "2026-12-04"),
        ("两周后", "2026-12-15"),
        ("2周后", "2026-12-15"),
        ("2个星期后", "2026-12-15"),
        ("一个月后", "2027-01-01"),
        ("10天前", "2026-11-21"),
        ("in 3 days", "2026-12-04"),
        ("in 2 weeks", "2026-12-15"),
        ("3 days later", "2026-12-04"),
        ("2 weeks ago", "2026-11-17"),
        ("in 1 month", "2027-01-01"),
        ("月底", "2026-12-31"),
        ("下月底", "2027-01-31"),
        // Weekdays: a bare one is the next after today; 本/this in this week; 下/next in the
        // next (weeks start on Monday).
        ("周五", "2026-12-04"),
        ("星期五", "2026-12-04"),
        ("礼拜五", "2026-12-04"),
        ("fri", "2026-12-04"),
        ("Friday", "2026-12-04"),
        ("周二", "2026-12-08"),
        ("周一", "2026-12-07"),
        ("周日", "2026-12-06"),
        ("周天", "2026-12-06"),
        ("星期天", "2026-12-06"),
        ("sun", "2026-12-06"),
        ("下周一", "2026-12-07"),
        ("下星期一", "2026-12-07"),
        ("下礼拜三", "2026-12-09"),
        ("下周五", "2026-12-11"),
        ("next mon", "2026-12-07"),
        ("next monday", "2026-12-07"),
        ("next fri", "2026-12-11"),
        ("本周五", "2026-12-04"),
        ("这周五", "2026-12-04"),
        ("this fri", "2026-12-04"),
        ("这个星期六", "2026-12-05"),
        ("下下周一", "2026-12-14"),
        ("上周五", "2026-11-27"),
    ];
    assert!(cases.len() >= 50);
    for (typed, want) in cases {
        assert_eq!(parse_date_on(typed, tuesday()), Ok(day(want)), "{typed:?}");
    }
    for bad in [
        "2026-13-01",
        "2026-02-30",
        "2026-11",
        "13-45",
        "明年",
        "someday",
        "",
        "周八",
        "+",
        "abc",
        "next",
    ] {
        assert_eq!(
            parse_date_on(bad, tuesday()),
            Err(Problem::Date(bad.to_string())),
            "{bad:?}"
        );
    }
}

#[test]
fn dates_with_times() {
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let cases: &[(&str, &str)] = &[
        ("2026-12-08 14:30", "2026-12-08 14:30"),
        ("2026-12-08T14:30:00", "2026-12-08 14:30"),
        ("2026/12/08 09:05", "2026-12-08 09:05"),
        ("明天 14:30", "2026-12-02 14:30"),
        ("明天14:30", "2026-12-02 14:30"),
        ("明天下午3点", "2026-12-02 15:00"),
        ("明天下午3点半", "2026-12-02 15:30"),
        ("明天上午10点", "2026-12-02 10:00"),
        ("明天 9点", "2026-12-02 09:00"),
        ("下周一 9:00", "2026-12-07 09:00"),
        ("下周一上午9点", "2026-12-07 09:00"),
        ("周五 10点", "2026-12-04 10:00"),
        ("tomorrow 3pm", "2026-12-02 15:00"),
        ("tomorrow 3:30pm", "2026-12-02 15:30"),
        ("next mon 9am", "2026-12-07 09:00"),
        ("14:30", "2026-12-01 14:30"),
        ("下午2点", "2026-12-01 14:00"),
        ("晚上8点", "2026-12-01 20:00"),
        ("中午12点", "2026-12-01 12:00"),
        ("12-08 10:00", "2026-12-08 10:00"),
        ("12月8日 下午4点", "2026-12-08 16:00"),
        ("明天", "2026-12-02 00:00"),
        ("2026-12-08", "2026-12-08 00:00"),
    ];
    for (typed, want) in cases {
        assert_eq!(
            parse_datetime_on(typed, tuesday()),
            Ok(at(want)),
            "{typed:?}"
        );
    }
    for bad in ["25:00", "明天25点", "tomorrow 13pm", "later"] {
        assert!(parse_datetime_on(bad, tuesday()).is_err(), "{bad:?}");
    }
}

#[test]
fn money_as_sales_sheets_write_it() {
    let yuan = |y: i64| Money::from_cents(y * 100);
    let cases: &[(&str, Money)] = &[
        ("1234", yuan(1234)),
        ("1,234.5", Money::from_cents(123_450)),
        ("¥1 234.50", Money::from_cents(123_450)),
        ("￥1,234.50", Money::from_cents(123_450)),
        ("-12.30", Money::from_cents(-1230)),
        ("１２３", yuan(123)),
        ("0.5", Money::from_cents(50)),
        (".5", Money::from_cents(50)),
        ("1234元", yuan(1234)),
        ("1234.00元", yuan(1234)),
        ("5块", yuan(5)),
        ("20块钱", yuan(20)),
        ("RMB 800", yuan(800)),
        ("rmb800", yuan(800)),
        ("CNY 1,000", yuan(1000)),
        ("人民币500元", yuan(500)),
        ("US$ 20", yuan(20)),
        ("$20", yuan(20)),
        ("€9.90", Money::from_cents(990)),
        ("£5", yuan(5)),
        ("1,200", yuan(1200)),
        ("1 200", yuan(1200)),
        ("5000万", yuan(50_000_000)),
        ("300万", yuan(3_000_000)),
        ("300万元", yuan(3_000_000)),
        ("1.2亿", yuan(120_000_000)),
        ("2亿", yuan(200_000_000)),
        ("1亿2000万", yuan(120_000_000)),
        ("3.5万", yuan(35_000)),
        ("0.5万", yuan(5_000)),
        ("1.2345万", yuan(12_345)),
        ("1.23456万", Money::from_cents(1_234_560)),
        ("1.234567万", Money::from_cents(1_234_567)),
        ("3.5w", yuan(35_000)),
        ("3.5W", yuan(35_000)),
        ("12k", yuan(12_000)),
        ("12K", yuan(12_000)),
        ("1.5k", yuan(1_500)),
        ("1.5m", yuan(1_500_000)),
        ("5千", yuan(5_000)),
        ("5百", yuan(500)),
        ("-3万", yuan(-30_000)),
        ("¥5000万", yuan(50_000_000)),
        ("５０００万", yuan(50_000_000)),
        ("1，200", yuan(1200)),
        ("0", Money::ZERO),
        ("0.00", Money::ZERO),
        ("99.99", Money::from_cents(9999)),
        ("1_000", yuan(1000)),
        ("100000000000000", yuan(100_000_000_000_000)),
    ];
    assert!(cases.len() >= 50);
    for (typed, want) in cases {
        assert_eq!(Money::parse(typed), Ok(*want), "{typed:?}");
    }
    for bad in [
        "abc",
        "",
        "1.234",
        "1.2.3",
        "--3",
        "12kk",
        "万",
        "亿万",
        "1.2345678万",
        "0x10",
        "NaN",
        "1e5",
        "八千",
        "1000000000000000",
    ] {
        assert_eq!(
            Money::parse(bad),
            Err(Problem::Money(bad.to_string())),
            "{bad:?}"
        );
    }
}

#[test]
fn money_shown_in_the_readers_units() {
    use kam::i18n::Lang::{En, Zh};
    let yuan = |y: i64| Money::from_cents(y * 100);
    for (amount, zh, en) in [
        (yuan(980), "980", "980"),
        (yuan(35_000), "3.5万", "35k"),
        (yuan(3_500_000), "350万", "3.5M"),
        (yuan(120_000_000), "1.2亿", "120M"),
        (yuan(2_500_000_000), "25亿", "2.5B"),
        (yuan(20_000), "2万", "20k"),
    ] {
        assert_eq!(amount.compact(Zh), zh);
        assert_eq!(amount.compact(En), en);
    }
}

#[test]
fn expense_lines_in_everyday_words() {
    type Line = (ExpenseItem, i64, Option<&'static str>);
    let cases: &[(&str, &[Line])] = &[
        ("餐费 120", &[(Meals, 12000, None)]),
        ("餐费120", &[(Meals, 12000, None)]),
        ("餐费 120元", &[(Meals, 12000, None)]),
        ("用餐 60", &[(Meals, 6000, None)]),
        ("打车 35", &[(Transport, 3500, Some("打车"))]),
        ("taxi 25", &[(Transport, 2500, Some("taxi"))]),
        ("Taxi 25", &[(Transport, 2500, Some("Taxi"))]),
        ("¥50 taxi", &[(Transport, 5000, Some("taxi"))]),
        ("taxi $25", &[(Transport, 2500, Some("taxi"))]),
        (
            "lunch 86.5 with Mr Tang",
            &[(Meals, 8650, Some("lunch with Mr Tang"))],
        ),
        ("油费 80", &[(Transport, 8000, Some("油费"))]),
        ("加油 300", &[(Transport, 30000, Some("加油"))]),
        ("停车费 15", &[(Transport, 1500, Some("停车费"))]),
        ("过路费 45", &[(Transport, 4500, Some("过路费"))]),
        ("高铁 553", &[(Transport, 55300, Some("高铁"))]),
        ("机票 1280", &[(Transport, 128000, Some("机票"))]),
        ("滴滴 23.8", &[(Transport, 2380, Some("滴滴"))]),
        ("parking 20", &[(Transport, 2000, Some("parking"))]),
        ("交通 35", &[(Transport, 3500, None)]),
        ("120元 午饭", &[(Meals, 12000, Some("午饭"))]),
        ("120元午饭", &[(Meals, 12000, Some("午饭"))]),
        ("咖啡 36 和王总", &[(Meals, 3600, Some("咖啡 和王总"))]),
        ("请客户吃饭 560", &[(Meals, 56000, Some("请客户吃饭"))]),
        ("工作餐 25", &[(Meals, 2500, Some("工作餐"))]),
        ("招待费 800", &[(Meals, 80000, Some("招待费"))]),
        (
            "dinner 450 client",
            &[(Meals, 45000, Some("dinner client"))],
        ),
        ("breakfast 30", &[(Meals, 3000, Some("breakfast"))]),
        ("meals 1,200", &[(Meals, 120000, None)]),
        ("礼品 300", &[(Gifts, 30000, None)]),
        ("Gifts 300", &[(Gifts, 30000, None)]),
        ("礼品费 200", &[(Gifts, 20000, None)]),
        ("水果 88", &[(Gifts, 8800, Some("水果"))]),
        ("伴手礼 150", &[(Gifts, 15000, Some("伴手礼"))]),
        ("flowers 99", &[(Gifts, 9900, Some("flowers"))]),
        ("住宿 400", &[(Lodging, 40000, None)]),
        ("房费 260", &[(Lodging, 26000, None)]),
        ("酒店 380", &[(Lodging, 38000, Some("酒店"))]),
        ("hotel 120", &[(Lodging, 12000, Some("hotel"))]),
        ("其他 10", &[(Other, 1000, None)]),
        ("misc 8", &[(Other, 800, None)]),
        // Words kam does not know: "other", the word kept as the note, never refused.
        ("快递 20", &[(Other, 2000, Some("快递"))]),
        ("打印 5.5", &[(Other, 550, Some("打印"))]),
        ("sundries 12", &[(Other, 1200, Some("sundries"))]),
        // Several lines, however they are separated.
        (
            "餐费 120; 打车 35",
            &[(Meals, 12000, None), (Transport, 3500, Some("打车"))],
        ),
        (
            "餐费 120；打车 35",
            &[(Meals, 12000, None), (Transport, 3500, Some("打车"))],
        ),
        (
            "餐费 120，打车 35",
            &[(Meals, 12000, None), (Transport, 3500, Some("打车"))],
        ),
        (
            "餐费 120, 打车 35",
            &[(Meals, 12000, None), (Transport, 3500, Some("打车"))],
        ),
        (
            "餐费 120、打车 35",
            &[(Meals, 12000, None), (Transport, 3500, Some("打车"))],
        ),
        (
            "地铁 4\n公交 2",
            &[
                (Transport, 400, Some("地铁")),
                (Transport, 200, Some("公交")),
            ],
        ),
        (
            "transport 25; meals 120.50 lunch",
            &[(Transport, 2500, None), (Meals, 12050, Some("lunch"))],
        ),
        ("", &[]),
    ];
    assert!(cases.len() >= 50);
    for (typed, want) in cases {
        let got: Vec<Line> = parse_expenses(typed)
            .unwrap_or_else(|e| panic!("{typed:?}: {e}"))
            .into_iter()
            .map(|e| {
                let note: Option<&'static str> = e.note.map(|n| &*Box::leak(n.into_boxed_str()));
                (e.item, e.amount.cents(), note)
            })
            .collect();
        assert_eq!(&got, want, "{typed:?}");
    }
    assert_eq!(
        parse_expenses("餐费"),
        Err(Problem::ExpenseAmount("餐费".into()))
    );
    assert_eq!(parse_expenses("餐费 -20"), Err(Problem::Negative));
}

#[test]
fn expense_lines_written_by_kam_read_back_the_same() {
    use kam::domain::expenses::format_expenses;
    for typed in [
        "打车 35; 餐费 120 和客户; 快递 20",
        "lunch 86.5 with Mr Tang; hotel 380",
        "油费 80; 停车费 15; 水果 88",
    ] {
        let lines = parse_expenses(typed).unwrap();
        assert_eq!(
            parse_expenses(&format_expenses(&lines)).unwrap(),
            lines,
            "{typed:?}"
        );
    }
}

/// A note may hold what separates lines (a comma, a semicolon, 、, a new line) or quotes:
/// written by kam, it reads back as the one line it was, not as lines kam would invent or a
/// line refused for having no amount ("Hotel, one night" in the demo's workbook).
#[test]
fn expense_notes_holding_separators_read_back_the_same() {
    use kam::domain::expenses::format_expenses;
    use kam::domain::visit::Expense;
    let line = |item, cents, note: &str| Expense {
        item,
        amount: Money(cents),
        note: Some(note.to_string()),
    };
    let lines = vec![
        line(ExpenseItem::Lodging, 21220, "Hotel, one night"),
        line(ExpenseItem::Lodging, 38000, "2 rooms; 3 nights"),
        line(ExpenseItem::Gifts, 8800, "茶叶、水果，鲜花"),
        line(ExpenseItem::Meals, 12000, "the \"Golden\" restaurant"),
        line(ExpenseItem::Other, 500, "printing\n20 copies"),
    ];
    let written = format_expenses(&lines);
    assert_eq!(parse_expenses(&written).unwrap(), lines, "{written}");
}

/// A line typed without an amount after a good one is still refused when it names a kind
/// of expense (the rep forgot the amount); words that name none go on the line before's
/// note only when they come from a note kam wrote, quoted.
#[test]
fn a_kind_typed_without_its_amount_is_still_refused() {
    assert_eq!(
        parse_expenses("meals 120, taxi"),
        Err(Problem::ExpenseAmount("taxi".into()))
    );
    // A quote the rep typed and never closed does not swallow the lines after it.
    assert_eq!(
        parse_expenses("other 50 \"big box; taxi 30").unwrap().len(),
        2
    );
}
