//! Every validation rule, as tables of good and bad cases, and the shape of its errors: each
//! names its field and reads as a sentence.

use crate::support::*;
use kam::domain::validate::{
    credit_code_check_char, email, parse_date, parse_datetime, percent, phone, rating,
    registration_no,
};
use kam::domain::*;

const VALID_CODE: &str = "91350100M000100Y43";
const CODE_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// ---------- required ----------

#[test]
fn an_account_needs_a_name() {
    for name in ["", " ", "   ", "\t\n", "\u{3000}"] {
        let err = Account::new(name).validate().expect_err(name);
        let e = err
            .for_field("name")
            .unwrap_or_else(|| panic!("{name:?}: {err:?}"));
        assert_eq!(e.problem, Problem::Required);
        assert_eq!(e.to_string(), "name is required");
    }
    for name in ["A", "张三", " 宏达 "] {
        assert_eq!(Account::new(name).validate(), Ok(()), "{name:?}");
    }
}

#[test]
fn required_fields_of_every_kind_are_named() {
    let cases: Vec<(&str, Result<(), Invalid>, &[&str])> = vec![
        ("contact", Contact::default().validate(), &["name"]),
        ("deal", Deal::default().validate(), &["date", "product"]),
        ("opportunity", Opportunity::default().validate(), &["title"]),
        (
            "service",
            ServiceRecord::default().validate(),
            &["date", "request"],
        ),
        (
            "feedback",
            Feedback::default().validate(),
            &["content", "date"],
        ),
        (
            "communication",
            Communication::default().validate(),
            &["at", "content"],
        ),
        (
            "visit plan",
            VisitPlan::default().validate(),
            &["planned_at"],
        ),
        ("visit report", VisitReport::default().validate(), &["date"]),
    ];
    for (what, result, fields) in cases {
        let err = result.expect_err(what);
        let mut named: Vec<&str> = err.0.iter().map(|e| e.field).collect();
        named.sort();
        assert_eq!(named, fields, "{what}");
        assert!(
            err.0.iter().all(|e| e.problem == Problem::Required),
            "{what}: {err:?}"
        );
    }
    // Needs has no required field.
    assert_eq!(Needs::default().validate(), Ok(()));
}

#[test]
fn every_sample_record_is_valid() {
    assert_eq!(sample_account("C1").validate(), Ok(()));
    assert_eq!(sample_contact(1).validate(), Ok(()));
    assert_eq!(sample_deal(1).validate(), Ok(()));
    assert_eq!(sample_opportunity(1).validate(), Ok(()));
    assert_eq!(sample_needs(1).validate(), Ok(()));
    assert_eq!(sample_service(1).validate(), Ok(()));
    assert_eq!(sample_feedback(1).validate(), Ok(()));
    assert_eq!(sample_communication(1).validate(), Ok(()));
    assert_eq!(sample_plan(1).validate(), Ok(()));
    assert_eq!(sample_report(1).validate(), Ok(()));
}

// ---------- unified social credit code (GB 32100) ----------

#[test]
fn the_published_credit_code_is_valid() {
    assert_eq!(registration_no(VALID_CODE), Ok(()));
    assert_eq!(
        registration_no(&VALID_CODE.to_lowercase()),
        Ok(()),
        "case does not matter"
    );
    assert_eq!(
        registration_no(&format!("  {VALID_CODE} ")),
        Ok(()),
        "surrounding spaces"
    );
    assert_eq!(credit_code_check_char(&VALID_CODE[..17]), Ok('3'));
}

#[test]
fn every_single_character_change_of_a_credit_code_is_caught() {
    let original: Vec<char> = VALID_CODE.chars().collect();
    let mut tried = 0;
    for pos in 0..18 {
        for c in CODE_CHARS.chars().filter(|c| *c != original[pos]) {
            let mut code = original.clone();
            code[pos] = c;
            let code: String = code.into_iter().collect();
            match registration_no(&code) {
                Err(Problem::CreditCodeCheck { expected, found }) => {
                    assert_ne!(expected, found, "{code}");
                    assert_eq!(found, code.chars().last().unwrap(), "{code}");
                }
                other => panic!("{code} (position {pos}) gave {other:?}"),
            }
            tried += 1;
        }
    }
    assert_eq!(tried, 18 * 30);
}

#[test]
fn credit_codes_with_forbidden_characters_are_refused() {
    for bad in ['I', 'O', 'Z', 'S', 'V', '-', '中', '*'] {
        for pos in [0usize, 8, 17] {
            let mut code: Vec<char> = VALID_CODE.chars().collect();
            code[pos] = bad;
            let code: String = code.into_iter().collect();
            assert_eq!(
                registration_no(&code),
                Err(Problem::CreditCodeChar(bad)),
                "{code}"
            );
        }
    }
    // Lower case letters are read as capitals, so `i` is as bad as `I`.
    let code = format!("{}i", &VALID_CODE[..17]);
    assert_eq!(registration_no(&code), Err(Problem::CreditCodeChar('I')));
}

#[test]
fn credit_codes_of_the_wrong_length_are_refused_but_old_numbers_pass() {
    let cases: &[(&str, Result<(), Problem>)] = &[
        (&VALID_CODE[..17], Err(Problem::CreditCodeLength(17))),
        ("91350100M000100Y433", Err(Problem::CreditCodeLength(19))),
        // Older registration numbers (15 or 13 digits) and empty values are accepted as they are.
        ("350100100012345", Ok(())),
        ("3501001000123", Ok(())),
        ("", Ok(())),
        ("   ", Ok(())),
    ];
    for (code, want) in cases {
        assert_eq!(&registration_no(code), want, "{code:?}");
    }
}

#[test]
fn an_account_with_a_bad_credit_code_says_which_field_and_why() {
    let mut a = Account::new("宏达");
    a.registration_no = Some("91350100M000100Y42".into());
    let err = a.validate().unwrap_err();
    let e = err
        .for_field("registration_no")
        .expect("names registration_no");
    assert_eq!(
        e.problem,
        Problem::CreditCodeCheck {
            expected: '3',
            found: '2'
        }
    );
    let text = e.to_string();
    assert!(
        text.starts_with("registration no has check character '2'"),
        "{text}"
    );
    assert!(
        text.contains("give '3'") && text.contains("mistyped"),
        "{text}"
    );

    a.registration_no = Some("91350100M000100Y4".into());
    let text = a.validate().unwrap_err().to_string();
    assert_eq!(
        text,
        "registration no has 17 characters; a unified social credit code has 18"
    );

    a.registration_no = Some("91350100M0001O0Y43".into());
    let text = a.validate().unwrap_err().to_string();
    assert!(
        text.starts_with("registration no contains 'O', which is not allowed"),
        "{text}"
    );
}

// ---------- phones ----------

#[test]
fn phones_are_checked_permissively() {
    let good = [
        "+86 138 0013 8000",
        "(010) 6552-1234 ext 8",
        "0755-8888 8888转123",
        "13800138000",
        "010-65521234",
        "+86-10-6552 1234",
        "１３８００１３８０００",
        "0591 8765 4321 x12",
        "",
    ];
    for p in good {
        assert_eq!(phone(p), Ok(()), "{p:?} should be accepted");
    }
    let bad = [
        "abc",
        "12",
        "1+2",
        "138-0013-800a",
        "++86 138 0013 8000",
        "1234567890123456",
        "电话",
    ];
    for p in bad {
        assert_eq!(
            phone(p),
            Err(Problem::Phone(p.trim().to_string())),
            "{p:?} should be refused"
        );
    }
}

#[test]
fn a_contact_with_bad_phones_names_each_field() {
    let mut c = sample_contact(1);
    c.mobile = Some("abc".into());
    c.office_phone = Some("12".into());
    c.home_phone = Some("1+2".into());
    c.email = Some("zhangsan".into());
    let err = c.validate().unwrap_err();
    let mut fields: Vec<&str> = err.0.iter().map(|e| e.field).collect();
    fields.sort();
    assert_eq!(fields, ["email", "home_phone", "mobile", "office_phone"]);
    assert_eq!(
        err.for_field("mobile").unwrap().to_string(),
        "mobile \"abc\" is not a phone number (digits, spaces, +86, dashes and an extension are fine)"
    );
    assert!(err
        .for_field("office_phone")
        .unwrap()
        .to_string()
        .starts_with("office phone \"12\""));
    // The whole record reads as one line of sentences.
    let all = err.to_string();
    assert_eq!(all.matches("; ").count(), 3, "{all}");
}

// ---------- emails ----------

#[test]
fn emails() {
    for good in [
        "a@b.cn",
        "zhang.san+kam@example.com.cn",
        "  li@x.org ",
        "王@例子.中国",
        "",
    ] {
        assert_eq!(email(good), Ok(()), "{good:?}");
    }
    for bad in [
        "zhangsan",
        "a@b",
        "@b.com",
        "a@@b.com",
        "a@b@c.com",
        "a b@c.com",
        "a@b..com",
        "a@.com",
        "a@b.com.",
        "a@b.com,c@d.com",
        "a@b.com;",
    ] {
        assert_eq!(
            email(bad),
            Err(Problem::Email(bad.trim().to_string())),
            "{bad:?}"
        );
    }
    let err = FieldError::new("email", email("zhangsan").unwrap_err());
    assert_eq!(
        err.to_string(),
        "email \"zhangsan\" is not an email address (expected name@example.com)"
    );
}

// ---------- dates ----------

#[test]
fn dates_as_people_type_them() {
    let want = date("2026-11-23");
    for text in [
        "2026-11-23",
        "2026/11/23",
        "2026.11.23",
        "2026年11月23日",
        "20261123",
        " 2026-11-23 ",
        "２０２６－１１－２３",
    ] {
        assert_eq!(parse_date(text), Ok(want), "{text:?}");
    }
    assert_eq!(parse_date("2024-02-29"), Ok(date("2024-02-29")), "leap day");
    for bad in [
        "2026-13-01",
        "2026-02-30",
        "2025-02-29",
        "2026-11-32",
        "tomorrow",
        "",
        "23/11/2026",
        "2026-11",
    ] {
        assert_eq!(
            parse_date(bad),
            Err(Problem::Date(bad.trim().to_string())),
            "{bad:?}"
        );
    }
    assert_eq!(
        FieldError::new("next_visit", parse_date("2026-13-01").unwrap_err()).to_string(),
        "next visit \"2026-13-01\" is not a date (e.g. 2026-12-08, 12-08, tomorrow, next mon, +7)"
    );
}

#[test]
fn date_times() {
    let want = datetime("2026-11-23 14:30");
    for text in [
        "2026-11-23 14:30",
        "2026-11-23T14:30:00",
        "2026/11/23 14:30",
        "2026-11-23 14:30:00",
    ] {
        assert_eq!(parse_datetime(text), Ok(want), "{text:?}");
    }
    assert_eq!(
        parse_datetime("2026-11-23"),
        Ok(datetime("2026-11-23 00:00"))
    );
    for bad in ["2026-11-23 25:00", "noon", "2026-13-01 10:00"] {
        assert_eq!(
            parse_datetime(bad),
            Err(Problem::DateTime(bad.to_string())),
            "{bad:?}"
        );
    }
}

#[test]
fn a_visit_report_whose_next_visit_is_before_it_is_refused() {
    let mut r = sample_report(1);
    r.next_visit = Some(date("2026-11-19"));
    let err = r.validate().unwrap_err();
    assert_eq!(
        err.for_field("next_visit").unwrap().problem,
        Problem::BeforeVisit("2026-11-20".into())
    );
    r.next_visit = Some(date("2026-11-20"));
    assert_eq!(r.validate(), Ok(()), "the same day is fine");
}

// ---------- money ----------

#[test]
fn money_is_parsed_exactly() {
    let cases: &[(&str, i64)] = &[
        ("1,234.50", 123_450),
        ("1234.5", 123_450),
        ("¥12", 1_200),
        ("￥1 234.50", 123_450),
        ("12元", 1_200),
        ("-3.5", -350),
        ("-0.05", -5),
        ("0.01", 1),
        (".5", 50),
        ("１，２３４．５０", 123_450),
        ("１２３", 12_300),
        ("0", 0),
        ("999999999999999.99", 99_999_999_999_999_999),
    ];
    for (text, cents) in cases {
        assert_eq!(Money::parse(text), Ok(Money(*cents)), "{text:?}");
    }
    for bad in [
        "1.234",
        "abc",
        "1e5",
        "",
        " ",
        "-",
        ".",
        "1.2.3",
        "--3",
        "1,234.5x",
        "0x10",
        "1000000000000000",
        "NaN",
        "+-1",
    ] {
        assert_eq!(
            Money::parse(bad),
            Err(Problem::Money(bad.trim().to_string())),
            "{bad:?}"
        );
    }
    assert_eq!(
        FieldError::new("unit_price", Money::parse("1.234").unwrap_err()).to_string(),
        "unit price \"1.234\" is not an amount of money (e.g. 1234.50, 12k, 5000万; at most 2 decimals)"
    );
}

#[test]
fn money_is_written_as_an_exact_decimal() {
    let cases: &[(i64, &str, &str)] = &[
        (123_450, "1234.50", "1,234.50"),
        (-5, "-0.05", "-0.05"),
        (0, "0.00", "0.00"),
        (100, "1.00", "1.00"),
        (-123_456_789, "-1234567.89", "-1,234,567.89"),
        (100_000_000, "1000000.00", "1,000,000.00"),
    ];
    for (cents, plain, grouped) in cases {
        let m = Money(*cents);
        assert_eq!(m.to_string(), *plain);
        assert_eq!(m.grouped(), *grouped);
        assert_eq!(Money::parse(plain), Ok(m), "round trip of {plain}");
        assert_eq!(Money::parse(grouped), Ok(m), "round trip of {grouped}");
        assert_eq!(
            serde_json::to_value(m).unwrap(),
            serde_json::Value::String(plain.to_string())
        );
    }
    // A bare JSON integer means whole units; a string is parsed; a float is refused.
    assert_eq!(serde_json::from_str::<Money>("12").unwrap(), Money(1_200));
    assert_eq!(
        serde_json::from_str::<Money>("\"12.30\"").unwrap(),
        Money(1_230)
    );
    assert!(serde_json::from_str::<Money>("12.3").is_err());
    assert!(serde_json::from_str::<Money>("\"1.234\"").is_err());
}

#[test]
fn negative_amounts_and_counts_are_refused_where_they_make_no_sense() {
    let mut d = sample_deal(1);
    d.unit_price = Some(Money(-1));
    d.quantity = Some(-2);
    let err = d.validate().unwrap_err();
    assert_eq!(
        err.for_field("unit_price").unwrap().problem,
        Problem::Negative
    );
    assert_eq!(
        err.for_field("quantity").unwrap().to_string(),
        "quantity must not be negative"
    );

    let mut r = sample_report(1);
    r.expenses[0].amount = Money(-100);
    assert_eq!(
        r.validate()
            .unwrap_err()
            .for_field("expenses")
            .unwrap()
            .problem,
        Problem::Negative
    );

    let mut a = Account::new("x");
    a.employees = Some(-1);
    a.distance_km = Some(f64::NAN);
    let err = a.validate().unwrap_err();
    assert!(
        err.for_field("employees").is_some() && err.for_field("distance_km").is_some(),
        "{err:?}"
    );
}

// ---------- ratings and percent ----------

#[test]
fn ratings_are_one_to_five() {
    for ok in [None, Some(1), Some(3), Some(5)] {
        assert_eq!(rating(ok), Ok(()), "{ok:?}");
    }
    for bad in [0, 6, -1, 100] {
        assert_eq!(
            rating(Some(bad)),
            Err(Problem::Range {
                min: 1,
                max: 5,
                value: bad
            })
        );
    }
    let mut f = sample_feedback(1);
    f.rating = Some(6);
    let err = f.validate().unwrap_err();
    assert_eq!(err.to_string(), "rating must be between 1 and 5, not 6");

    let mut s = sample_service(1);
    s.satisfaction = Some(0);
    let err = s.validate().unwrap_err();
    assert_eq!(
        err.for_field("satisfaction").unwrap().to_string(),
        "satisfaction must be between 1 and 5, not 0"
    );
}

#[test]
fn percent_is_zero_to_a_hundred() {
    for ok in [None, Some(0), Some(50), Some(100)] {
        assert_eq!(percent(ok), Ok(()), "{ok:?}");
    }
    for bad in [-1, 101, 1000] {
        assert_eq!(
            percent(Some(bad)),
            Err(Problem::Range {
                min: 0,
                max: 100,
                value: bad
            })
        );
    }
    let mut o = sample_opportunity(1);
    o.probability = Some(101);
    assert_eq!(
        o.validate().unwrap_err().to_string(),
        "probability must be between 0 and 100, not 101"
    );
}

// ---------- the shape of every error ----------

#[test]
fn every_problem_reads_as_a_sentence_after_its_field() {
    let problems = [
        Problem::Required,
        Problem::CreditCodeLength(17),
        Problem::CreditCodeChar('I'),
        Problem::CreditCodeCheck {
            expected: '3',
            found: '2',
        },
        Problem::Phone("abc".into()),
        Problem::Email("x".into()),
        Problem::Date("x".into()),
        Problem::DateTime("x".into()),
        Problem::Money("x".into()),
        Problem::Integer("x".into()),
        Problem::Number("x".into()),
        Problem::Range {
            min: 1,
            max: 5,
            value: 6,
        },
        Problem::Choice {
            value: "x".into(),
            set: kam::domain::Grade::CHOICES,
        },
        Problem::Bool("x".into()),
        Problem::Negative,
        Problem::ExpenseAmount("meals".into()),
        Problem::BeforeVisit("2026-11-26".into()),
    ];
    for p in problems {
        let text = FieldError::new("unit_price", p.clone()).to_string();
        assert!(text.starts_with("unit price "), "{text}");
        assert!(!text.contains('_') && !text.contains("Problem"), "{text}");
        assert!(
            text.len() > "unit price ".len() + 8,
            "{p:?} reads as a sentence: {text}"
        );
    }
}

#[test]
fn the_store_refuses_an_invalid_record_with_the_same_sentence() {
    let db = TempDb::new();
    let mut store = db.writer();
    let err = store.insert(&mut Account::new("  ")).unwrap_err();
    assert_eq!(err.to_string(), "name is required");
    let id = store.insert(&mut Account::new("宏达")).unwrap();
    let mut f = sample_feedback(id);
    f.rating = Some(0);
    let err = store.insert(&mut f).unwrap_err();
    assert_eq!(err.to_string(), "rating must be between 1 and 5, not 0");
    assert!(
        store.list::<Feedback>(id).unwrap().is_empty(),
        "nothing was saved"
    );
}

// ---------- yes / no ----------

#[test]
fn a_yes_no_answer_reads_in_either_language_and_may_be_not_known() {
    use kam::domain::parse::parse_field;
    use kam::domain::record::{field, FieldKind};
    use serde_json::Value;
    let answer = field("smokes", FieldKind::YesNo);
    let flag = field("is_primary", FieldKind::Bool);
    let yes = Value::Bool(true);
    let no = Value::Bool(false);
    let not_known = Value::Null;
    for (text, as_answer, as_flag) in [
        ("是", Some(&yes), Some(&yes)),
        ("否", Some(&no), Some(&no)),
        ("yes", Some(&yes), Some(&yes)),
        (" No ", Some(&no), Some(&no)),
        ("Y", Some(&yes), Some(&yes)),
        ("n", Some(&no), Some(&no)),
        ("TRUE", Some(&yes), Some(&yes)),
        ("false", Some(&no), Some(&no)),
        ("1", Some(&yes), Some(&yes)),
        ("0", Some(&no), Some(&no)),
        ("１", Some(&yes), Some(&yes)),
        ("√", Some(&yes), Some(&yes)),
        ("×", Some(&no), Some(&no)),
        // An empty cell: nobody asked. A flag left empty is off.
        ("", Some(&not_known), Some(&no)),
        ("  ", Some(&not_known), Some(&no)),
        ("不详", Some(&not_known), None),
        ("not known", Some(&not_known), None),
        ("unknown", Some(&not_known), None),
        ("maybe", None, None),
        ("也许", None, None),
    ] {
        assert_eq!(
            parse_field(&answer, text).ok().as_ref(),
            as_answer,
            "{text:?}"
        );
        assert_eq!(
            parse_field(&flag, text).ok().as_ref(),
            as_flag,
            "{text:?} as a flag"
        );
    }
}

/// A yes/no field of three states is exactly an `Option<bool>` of its record (its default is
/// "not known"), a flag exactly a `bool` (off by default): a form cannot invent an answer.
#[test]
fn yes_no_fields_are_three_state_where_the_record_can_say_not_known() {
    use kam::domain::record::{FieldKind, FieldSpec};
    use serde_json::Value;
    fn check<T: Default + serde::Serialize>(fields: &[FieldSpec], what: &str) {
        let map = serde_json::to_value(T::default()).unwrap();
        for f in fields {
            let default = &map[f.key];
            match f.kind {
                FieldKind::Bool => assert_eq!(default, &Value::Bool(false), "{what}.{}", f.key),
                FieldKind::YesNo => assert_eq!(default, &Value::Null, "{what}.{}", f.key),
                _ => assert!(!default.is_boolean(), "{what}.{} is a yes/no", f.key),
            }
        }
    }
    check::<Account>(Account::fields(), "account");
    check::<Contact>(Contact::fields(), "contact");
    check::<PersonalDossier>(kam::domain::contact::DOSSIER_FIELDS, "dossier");
    check::<Deal>(Deal::fields(), "deal");
    check::<Opportunity>(Opportunity::fields(), "opportunity");
    check::<Needs>(Needs::fields(), "needs");
    check::<ServiceRecord>(ServiceRecord::fields(), "service");
    check::<Feedback>(Feedback::fields(), "feedback");
    check::<Communication>(Communication::fields(), "communication");
    check::<VisitPlan>(VisitPlan::fields(), "plan");
    check::<VisitReport>(VisitReport::fields(), "report");
}
