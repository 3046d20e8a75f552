//! The finder against hand-made accounts: ranking rules, pinyin, phones, emails, updates.

use kam::search::{Finder, Hit, MatchKind};
use kam::store::{AccountSummary, ContactKey};

fn account(id: i64, name: &str, last_activity: &str) -> AccountSummary {
    AccountSummary {
        id,
        code: format!("C{id:06}"),
        name: name.to_string(),
        last_activity: (!last_activity.is_empty()).then(|| last_activity.to_string()),
        ..AccountSummary::default()
    }
}

fn contact(account_id: i64, name: &str, phones: &[&str], email: Option<&str>) -> ContactKey {
    ContactKey {
        account_id,
        name: name.to_string(),
        phones: phones.iter().map(|p| p.to_string()).collect(),
        email: email.map(String::from),
        title: None,
        custom: vec![],
    }
}

fn ids(hits: &[Hit]) -> Vec<i64> {
    hits.iter().map(|h| h.account_id).collect()
}

fn finder(names: &[&str]) -> Finder {
    let accounts = names
        .iter()
        .enumerate()
        .map(|(i, n)| account(i as i64 + 1, n, "2024-01-01"))
        .collect();
    Finder::new(accounts, vec![])
}

/// The first hit for `query`, which must exist.
fn top(f: &Finder, query: &str) -> Hit {
    f.search(query, 10)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing found for {query:?}"))
}

#[test]
fn ranking_exact_then_prefix_then_initials_then_substring_then_contact_then_fuzzy() {
    let accounts = vec![
        account(1, "Xalpha Labs", "2025-01-06"),  // substring
        account(2, "Big Alpha Co", "2025-01-05"), // substring
        account(3, "Alpha Omega", "2025-01-04"),  // prefix
        account(4, "Alpha", "2020-01-01"),        // exact, oldest of all
        account(5, "Quiet Corp", "2025-01-07"),   // contact named Alpha
        account(6, "Aleph Pharma", "2025-01-08"), // fuzzy: a-l-p-h-a in order
        account(7, "Zeta", "2025-01-09"),         // email alpha@…
    ];
    let contacts = vec![
        contact(5, "Alpha Wang", &[], None),
        contact(7, "Someone", &[], Some("alpha@zeta.com")),
    ];
    let f = Finder::new(accounts, contacts);
    let hits = f.search("alpha", 10);
    assert_eq!(ids(&hits), vec![4, 3, 1, 2, 5, 7, 6]);
    let kinds: Vec<MatchKind> = hits.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        vec![
            MatchKind::ExactName,
            MatchKind::NamePrefix,
            MatchKind::NameSubstring,
            MatchKind::NameSubstring,
            MatchKind::Contact,
            MatchKind::Email,
            MatchKind::Fuzzy
        ]
    );
    assert_eq!(hits[0].name_ranges, vec![0..5]);
    assert_eq!(hits[2].name_ranges, vec![1..6]);
    assert_eq!(hits[4].matched_text.as_deref(), Some("Alpha Wang"));
    assert_eq!(hits[5].matched_text.as_deref(), Some("alpha@zeta.com"));
    assert_eq!(hits[6].name_ranges, vec![0..2, 3..5, 8..9]);
}

#[test]
fn initials_rank_between_prefix_and_substring() {
    let accounts = vec![
        account(1, "ZS Trading", "2025-01-01"), // name prefix "zs"
        account(2, "张三", "2025-01-02"),       // initials, whole name
        account(3, "张三丰", "2025-01-03"),     // initials, start of name
        account(4, "Lizs Group", "2025-01-04"), // substring
        account(5, "老张三", "2025-01-05"),     // pinyin mid-name: substring tier
    ];
    let f = Finder::new(accounts, vec![]);
    let hits = f.search("zs", 10);
    assert_eq!(ids(&hits), vec![1, 2, 3, 5, 4]);
    assert_eq!(hits[1].kind, MatchKind::Initials);
    assert_eq!(hits[1].name_ranges, vec![0..2]);
    assert_eq!(hits[2].name_ranges, vec![0..2]);
    assert_eq!(hits[3].name_ranges, vec![1..3]);
}

#[test]
fn ties_are_broken_by_recent_activity_then_code() {
    let accounts = vec![
        account(1, "Acme North", "2023-05-01"),
        account(2, "Acme South", "2025-05-01 08:00:00"),
        account(3, "Acme East", ""),
        account(4, "Acme West", "2025-05-01"),
        account(5, "Acme Central", "2023-05-01"),
    ];
    let f = Finder::new(accounts, vec![]);
    assert_eq!(ids(&f.search("acme", 10)), vec![2, 4, 1, 5, 3]);
    assert_eq!(ids(&f.search("acme", 2)), vec![2, 4]);
    // The empty query lists the most recently active accounts.
    let recent = f.search("", 3);
    assert_eq!(ids(&recent), vec![2, 4, 1]);
    assert!(recent.iter().all(|h| h.kind == MatchKind::Recent));
    assert!(f.search("acme", 0).is_empty());
    assert_eq!(f.search("acme", usize::MAX).len(), 5);
}

#[test]
fn short_name_and_code_match_exactly_and_by_prefix() {
    let mut a = account(1, "深圳市腾讯计算机系统有限公司", "2024-01-01");
    a.short_name = Some("腾讯".into());
    let b = account(2, "腾讯大厦物业", "2025-01-01");
    let f = Finder::new(vec![a, b], vec![]);
    let hits = f.search("腾讯", 10);
    assert_eq!(ids(&hits), vec![1, 2]);
    assert_eq!(hits[0].kind, MatchKind::ExactName);
    assert_eq!(hits[0].matched_text.as_deref(), Some("腾讯"));
    let code = top(&f, "c000002");
    assert_eq!((code.account_id, code.kind), (2, MatchKind::Code));
    assert_eq!(top(&f, "C00000").kind, MatchKind::Code);
    // The short name's pinyin counts too.
    assert_eq!(top(&f, "tx").account_id, 1);
}

#[test]
fn full_pinyin_with_spaces_and_partial_syllables() {
    let f = finder(&["张三", "李四", "章山川"]);
    for q in [
        "zhangsan",
        "zhang san",
        "ZhangSan",
        "zhangs",
        "zhangsa",
        "zhs",
    ] {
        assert_eq!(top(&f, q).account_id, 1, "{q}");
        assert_eq!(top(&f, q).name_ranges, vec![0..2], "{q}");
    }
    assert_eq!(top(&f, "zhangsan").kind, MatchKind::Pinyin);
    assert_eq!(top(&f, "zs").kind, MatchKind::Initials);
    assert_eq!(top(&f, "lisi").account_id, 2);
    // 章山川 is zhang shan chuan: "zhangshan" finds it, not 张三. "zhangsanx" finds 张三
    // only as a typo (issue 18), since nothing matches it as typed.
    assert_eq!(ids(&f.search("zhangshan", 10)), vec![3]);
    let hits = f.search("zhangsanx", 10);
    assert!(hits.iter().all(|h| h.kind == MatchKind::Fuzzy), "{hits:?}");
}

#[test]
fn initials_of_company_names() {
    let f = finder(&["华为技术有限公司", "华夏银行", "中国建设银行"]);
    assert_eq!(top(&f, "hwjs").account_id, 1);
    assert_eq!(top(&f, "hwjs").name_ranges, vec![0..4]);
    assert_eq!(top(&f, "zgjsyh").account_id, 3);
    assert_eq!(top(&f, "zgjsyh").kind, MatchKind::Initials);
    assert_eq!(ids(&f.search("hx", 10)), vec![2]);
    assert_eq!(ids(&f.search("hxyh", 10)), vec![2]);
}

#[test]
fn every_reading_of_the_six_polyphonic_surnames() {
    // 曾 zeng/ceng, 单 shan/dan, 解 xie/jie, 区 ou/qu, 查 zha/cha, 仇 qiu/chou.
    let f = finder(&["曾小贤", "单田芳", "解晓东", "区家麟", "查良镛", "仇英"]);
    let cases: &[(i64, &[&str])] = &[
        (1, &["zxx", "cxx", "zengxiaoxian", "cengxiaoxian"]),
        (2, &["stf", "dtf", "shantianfang", "dantianfang"]),
        (3, &["xxd", "jxd", "xiexiaodong", "jiexiaodong"]),
        (4, &["ojl", "qjl", "oujialin", "qujialin"]),
        (5, &["zly", "cly", "zhaliangyong", "chaliangyong"]),
        (6, &["qy", "cy", "qiuying", "chouying"]),
    ];
    for (id, queries) in cases {
        for q in *queries {
            let hit = top(&f, q);
            assert_eq!(hit.account_id, *id, "{q}");
            assert!(
                matches!(hit.kind, MatchKind::Initials | MatchKind::Pinyin),
                "{q}: {:?}",
                hit.kind
            );
        }
    }
}

#[test]
fn mixed_chinese_and_english_names() {
    let f = finder(&["华为Huawei技术", "Huawei Cloud", "小米"]);
    let hits = f.search("huawei", 10);
    assert_eq!(ids(&hits), vec![2, 1]);
    assert_eq!(hits[0].kind, MatchKind::NamePrefix);
    // hua + wei are also the readings of 华为: the start of the name, better than the
    // English word in the middle.
    assert_eq!(hits[1].kind, MatchKind::Pinyin);
    assert_eq!(hits[1].name_ranges, vec![0..2]);
    let f2 = finder(&["华为Huawei技术"]);
    assert_eq!(top(&f2, "uawei").name_ranges, vec![3..8]);
    // Initials of each Chinese character, the English word as one syllable.
    assert_eq!(top(&f, "hwhjs").account_id, 1);
    assert_eq!(top(&f, "huaweihuaweijishu").account_id, 1);
    assert_eq!(top(&f, "华为h").account_id, 1);
    assert_eq!(top(&f, "技术").account_id, 1);
}

#[test]
fn full_width_and_case_are_folded() {
    let f = finder(&["ＡＢＣ Holdings", "abc trading", "Ｘｉａｏｍｉ"]);
    let hits = f.search("ＡＢＣ", 10);
    assert_eq!(ids(&hits), vec![1, 2]);
    assert_eq!(hits[0].name_ranges, vec![0..3]);
    assert_eq!(ids(&f.search("abc", 10)), vec![1, 2]);
    assert_eq!(ids(&f.search("XIAOMI", 10)), vec![3]);
    assert_eq!(ids(&f.search("ｚｓ", 10)), Vec::<i64>::new());
}

#[test]
fn phones_with_or_without_spaces_dashes_and_country_code() {
    let accounts = vec![
        account(1, "Acme", "2024-01-01"),
        account(2, "Beta", "2024-01-01"),
    ];
    let contacts = vec![
        contact(1, "王五", &["+86 138 0013 8000"], None),
        contact(2, "赵六", &["0086-139-1111-2222", "010 8888 6666"], None),
    ];
    let f = Finder::new(accounts, contacts);
    for q in [
        "13800138000",
        "138 0013",
        "+86 13800138000",
        "0086 138-0013-8000",
        "138-0013-8000",
        "00138000",
    ] {
        let hit = top(&f, q);
        assert_eq!((hit.account_id, hit.kind), (1, MatchKind::Phone), "{q}");
        assert_eq!(
            hit.matched_text.as_deref(),
            Some("+86 138 0013 8000"),
            "{q}"
        );
    }
    let hit = top(&f, "13911112222");
    assert_eq!(
        (hit.account_id, hit.matched_text.as_deref()),
        (2, Some("0086-139-1111-2222"))
    );
    assert_eq!(
        top(&f, "8888-6666").matched_text.as_deref(),
        Some("010 8888 6666")
    );
    assert!(f.search("13800138001", 10).is_empty());
}

#[test]
fn emails_and_contact_names_including_their_pinyin() {
    let accounts = vec![
        account(1, "Acme", "2024-01-01"),
        account(2, "Beta", "2024-01-01"),
    ];
    let contacts = vec![
        contact(1, "张三", &[], Some("zhang.san@acme.cn")),
        contact(2, "Mary Smith", &[], Some("MSmith@Beta.com")),
    ];
    let f = Finder::new(accounts, contacts);
    let hit = top(&f, "msmith@beta");
    assert_eq!((hit.account_id, hit.kind), (2, MatchKind::Email));
    assert_eq!(hit.matched_text.as_deref(), Some("MSmith@Beta.com"));
    let hit = top(&f, "smith");
    assert_eq!((hit.account_id, hit.kind), (2, MatchKind::Contact));
    assert_eq!(hit.matched_text.as_deref(), Some("Mary Smith"));
    let hit = top(&f, "张三");
    assert_eq!(
        (hit.account_id, hit.kind, hit.matched_text.as_deref()),
        (1, MatchKind::Contact, Some("张三"))
    );
    let hit = top(&f, "zs");
    assert_eq!((hit.account_id, hit.kind), (1, MatchKind::Contact));
    assert!(hit.name_ranges.is_empty());
    assert_eq!(top(&f, "acme.cn").kind, MatchKind::Email);
}

#[test]
fn one_hit_per_account_its_best_match() {
    let accounts = vec![account(1, "Smith & Sons", "2024-01-01")];
    let contacts = vec![
        contact(1, "John Smith", &[], Some("smith@sons.com")),
        contact(1, "Ann Smith", &[], None),
    ];
    let f = Finder::new(accounts, contacts);
    let hits = f.search("smith", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, MatchKind::NamePrefix);
}

#[test]
fn fuzzy_only_fills_up_to_the_limit() {
    let f = finder(&["Northwind Traders", "Nwt Logistics", "New Tide"]);
    // "nwt": prefix of 2, fuzzy (n…w…t) in 1 and 3.
    assert_eq!(ids(&f.search("nwt", 1)), vec![2]);
    let hits = f.search("nwt", 10);
    assert_eq!(hits[0].account_id, 2);
    assert_eq!(hits.len(), 3);
    assert!(hits[1..].iter().all(|h| h.kind == MatchKind::Fuzzy));
}

#[test]
fn upsert_and_remove_are_incremental() {
    let mut f = Finder::new(
        vec![
            account(1, "Alpha", "2024-01-01"),
            account(2, "Beta", "2024-01-01"),
        ],
        vec![],
    );
    assert_eq!(f.len(), 2);
    f.upsert(
        account(3, "曾小贤工作室", "2024-02-01"),
        vec![contact(3, "Gamma Lee", &["13912345678"], None)],
    );
    assert_eq!(f.len(), 3);
    assert_eq!(top(&f, "cxx").account_id, 3);
    assert_eq!(top(&f, "139 1234").account_id, 3);
    assert_eq!(
        f.account(3).map(|a| a.name),
        Some("曾小贤工作室".to_string())
    );

    // Renaming replaces the old keys; contacts are replaced too.
    f.upsert(account(1, "Omega", "2024-03-01"), vec![]);
    assert_eq!(f.len(), 3);
    assert!(f.search("alpha", 10).iter().all(|h| h.account_id != 1));
    assert_eq!(top(&f, "omega").account_id, 1);
    f.upsert(account(3, "曾小贤工作室", "2024-02-01"), vec![]);
    assert!(f.search("gamma", 10).is_empty());

    f.remove(1);
    assert_eq!(f.len(), 2);
    assert!(f.account(1).is_none());
    assert!(f.search("omega", 10).is_empty());
    // The account moved into the freed place is still found and looked up.
    assert_eq!(top(&f, "zxx").account_id, 3);
    assert_eq!(f.account(3).map(|a| a.id), Some(3));
    assert_eq!(f.account(2).map(|a| a.name), Some("Beta".to_string()));
    f.remove(42);
    f.remove(2);
    f.remove(3);
    assert!(f.is_empty());
    assert!(f.search("", 10).is_empty());
}

#[test]
fn many_updates_keep_results_right() {
    let mut f = Finder::new(vec![], vec![]);
    for round in 0..5 {
        for id in 0..200 {
            f.upsert(
                account(id, &format!("Firm {id} round {round}"), "2024-01-01"),
                vec![],
            );
        }
    }
    for id in (0..200).step_by(2) {
        f.remove(id);
    }
    assert_eq!(f.len(), 100);
    assert!(f.search("round !4$", 200).is_empty());
    assert_eq!(f.search("round 4$", 200).len(), 100);
    let hits = f.search("firm 17 round", 5);
    assert_eq!(
        (hits[0].account_id, hits[0].kind),
        (17, MatchKind::NamePrefix)
    );
    assert!(hits[1..]
        .iter()
        .all(|h| h.kind != MatchKind::NamePrefix && h.account_id > 100));
    assert!((0..f.len()).all(|i| f.summary(i).id % 2 == 1));
}

#[test]
fn from_store_reads_accounts_and_contacts() {
    use kam::domain::{Account, Contact};
    use kam::store::{Access, Store};
    let dir = crate::support::tempdir();
    let mut store = Store::open(&dir.path().join("kam.db"), Access::Write).unwrap();
    let id = store.insert(&mut Account::new("单田芳评书社")).unwrap();
    store.insert(&mut Account::new("Other Corp")).unwrap();
    let mut c = Contact::new("李雷");
    c.account_id = id;
    c.mobile = Some("13800138000".into());
    store.insert(&mut c).unwrap();
    let f = Finder::from_store(&store).unwrap();
    assert_eq!(f.len(), 2);
    assert_eq!(top(&f, "dtf").account_id, id);
    assert_eq!(top(&f, "stf").account_id, id);
    assert_eq!(top(&f, "+86 138 0013 8000").account_id, id);
    assert_eq!(top(&f, "lilei").matched_text.as_deref(), Some("李雷"));
}
