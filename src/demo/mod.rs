//! Realistic generated data (`kam demo`): about half Chinese and half English accounts with
//! every section of the dossier filled in believable proportions. The data depends only on
//! the seed, "today" (`Store::now`) and the first free account code, never on the clock or on
//! a crate's random stream.

mod phrases;
mod rng;
mod vocab;

use crate::domain::validate::credit_code_check_char;
use crate::domain::*;
use crate::store::{Store, Writer};
use anyhow::{Context, Result};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use phrases::{Phrases, Product, EN, PRODUCTS, ZH};
use rng::Rng;
use std::collections::BTreeMap;
use vocab::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub accounts: usize,
    pub contacts: usize,
    /// Records other than accounts and contacts.
    pub records: usize,
    /// Rows written per table (accounts and contacts included).
    pub per_table: BTreeMap<&'static str, usize>,
}

/// Accounts generated and written per batch: bounds memory at any size.
const BATCH: usize = 2_000;

/// Adds `accounts` generated accounts with all their sections to the store, in one
/// transaction. New codes continue after the highest existing one; nothing is removed.
pub fn generate(store: &mut Store, accounts: usize, seed: u64) -> Result<DemoSummary> {
    let now = store.now();
    let vocab = Vocab::load();
    store.write(|w| {
        let first = w.next_account_code()?;
        let first: u64 = first[1..]
            .parse()
            .context("reading the next account code")?;
        let g = Gen {
            vocab: &vocab,
            today: now.date(),
            seed,
        };
        let mut summary = DemoSummary::default();
        let mut start = 0;
        while start < accounts {
            let end = (start + BATCH).min(accounts);
            let batch: Vec<Dossier> = (start..end).map(|i| g.dossier(first + i as u64)).collect();
            write_batch(w, batch, &mut summary)?;
            start = end;
        }
        summary.accounts = summary.per_table.get("accounts").copied().unwrap_or(0);
        summary.contacts = summary.per_table.get("contacts").copied().unwrap_or(0);
        summary.records =
            summary.per_table.values().sum::<usize>() - summary.accounts - summary.contacts;
        w.optimize_note_index()?;
        Ok(summary)
    })
}

fn write_batch(w: &mut Writer, batch: Vec<Dossier>, summary: &mut DemoSummary) -> Result<()> {
    let mut accounts: Vec<Account> = batch.iter().map(|d| d.account.clone()).collect();
    w.insert_many(&mut accounts)?;
    let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    *summary.per_table.entry("accounts").or_default() += accounts.len();
    fn section<R: Record>(
        w: &mut Writer,
        summary: &mut DemoSummary,
        batch: &[Dossier],
        ids: &[i64],
        take: impl Fn(&Dossier) -> Vec<R>,
    ) -> Result<()> {
        let mut recs: Vec<R> = vec![];
        for (d, id) in batch.iter().zip(ids) {
            for mut r in take(d) {
                r.set_account_id(*id);
                recs.push(r);
            }
        }
        w.insert_many(&mut recs)?;
        *summary.per_table.entry(R::KIND.table()).or_default() += recs.len();
        Ok(())
    }
    section(w, summary, &batch, &ids, |d| d.contacts.clone())?;
    section(w, summary, &batch, &ids, |d| d.deals.clone())?;
    section(w, summary, &batch, &ids, |d| d.opportunities.clone())?;
    section(w, summary, &batch, &ids, |d| {
        d.needs.clone().into_iter().collect()
    })?;
    section(w, summary, &batch, &ids, |d| d.service_records.clone())?;
    section(w, summary, &batch, &ids, |d| d.feedback.clone())?;
    section(w, summary, &batch, &ids, |d| d.communications.clone())?;
    section(w, summary, &batch, &ids, |d| d.visit_plans.clone())?;
    section(w, summary, &batch, &ids, |d| d.visit_reports.clone())?;
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tongue {
    Zh,
    En,
}

impl Tongue {
    fn ph(self) -> &'static Phrases {
        match self {
            Tongue::Zh => &ZH,
            Tongue::En => &EN,
        }
    }
    fn product(self, p: &Product) -> &'static str {
        match self {
            Tongue::Zh => p.zh,
            Tongue::En => p.en,
        }
    }
}

struct Gen<'a> {
    vocab: &'a Vocab,
    today: NaiveDate,
    seed: u64,
}

/// What one account's generation knows while filling its sections.
struct Acct {
    tongue: Tongue,
    category: Category,
    status: AccountStatus,
    credit: Credit,
    owner: &'static str,
    distance: f64,
    contact_names: Vec<String>,
    products: Vec<usize>,
    /// Where an English account is (unused for Chinese ones).
    en_city: &'static EnCity,
    /// The long-distance code of a Chinese account's city, for office phones.
    area_code: String,
}

fn some(s: impl AsRef<str>) -> Option<String> {
    Some(s.as_ref().to_string())
}

fn money(units: i64) -> Money {
    Money::from_cents(units * 100)
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time"))
}

impl Gen<'_> {
    fn days_ago(&self, n: i64) -> NaiveDate {
        self.today - Duration::days(n)
    }

    fn dossier(&self, number: u64) -> Dossier {
        let mut r = Rng::fork(self.seed, number);
        let tongue = if r.chance(50) { Tongue::Zh } else { Tongue::En };
        let (account, mut ctx, domain) = self.account(&mut r, tongue, number);
        let contacts = self.contacts(&mut r, &mut ctx, &domain);
        let deals = self.deals(&mut r, &ctx, number);
        let opportunities = self.opportunities(&mut r, &ctx);
        let needs = self.needs(&mut r, &ctx);
        let service_records = self.service(&mut r, &ctx, !deals.is_empty());
        let feedback = self.feedback(&mut r, &ctx, !deals.is_empty());
        let communications = self.communications(&mut r, &ctx);
        let (visit_plans, visit_reports) = self.visits(&mut r, &ctx);
        Dossier {
            account,
            contacts,
            deals,
            opportunities,
            needs,
            service_records,
            feedback,
            communications,
            visit_plans,
            visit_reports,
        }
    }

    // ----- the account -----

    fn account(&self, r: &mut Rng, tongue: Tongue, number: u64) -> (Account, Acct, String) {
        let ph = tongue.ph();
        let customer_type = r.pick_weighted(&[
            (CustomerType::Company, 90),
            (CustomerType::Person, 6),
            (CustomerType::Government, 4),
        ]);
        use Industry::*;
        let industry = match customer_type {
            CustomerType::Government => r.pick_weighted(&[(S, 6), (N, 2), (P, 1), (Q, 1)]),
            CustomerType::Person => r.pick_weighted(&[(F, 4), (O, 2), (A, 2), (H, 1)]),
            CustomerType::Company => r.pick_weighted(&[
                (C, 24),
                (F, 15),
                (I, 10),
                (E, 8),
                (G, 7),
                (M, 5),
                (L, 5),
                (H, 4),
                (Q, 4),
                (K, 3),
                (D, 3),
                (A, 3),
                (J, 2),
                (N, 2),
                (O, 2),
                (P, 2),
                (R, 2),
                (B, 1),
            ]),
        };
        let industry = if r.below(500) == 0 { T } else { industry };
        let category = r.pick_weighted(&[
            (Category::Key, 5),
            (Category::Major, 15),
            (Category::Normal, 50),
            (Category::Potential, 30),
        ]);
        let status = match (category, r.below(100)) {
            (Category::Potential, n) if n < 8 => AccountStatus::Dormant,
            (Category::Potential, _) => AccountStatus::Active,
            (Category::Key, n) if n < 3 => AccountStatus::Dormant,
            (Category::Key, _) => AccountStatus::Active,
            (_, n) if n < 8 => AccountStatus::Dormant,
            (_, n) if n < 14 => AccountStatus::Lost,
            _ => AccountStatus::Active,
        };
        let credit = r.pick_weighted(&[(Credit::A, 60), (Credit::B, 30), (Credit::C, 10)]);
        let owner = *r.pick(match tongue {
            Tongue::Zh => CN_SALES,
            Tongue::En => EN_SALES,
        });
        let distance = match r.below(10) {
            0..=5 => 2.0 + r.unit() * 38.0,
            6..=8 => 40.0 + r.unit() * 260.0,
            _ => 300.0 + r.unit() * 1500.0,
        };
        let distance = (distance * 10.0).round() / 10.0;

        let mut a = Account {
            code: format!("C{number:06}"),
            customer_type: Some(customer_type),
            industry: Some(industry),
            category: Some(category),
            credit: Some(credit),
            status: Some(status),
            owner: some(owner),
            distance_km: Some(distance),
            ..Default::default()
        };
        let en_city = r.pick(EN_CITIES);
        let (domain, area_code) = match tongue {
            Tongue::Zh => self.cn_company(r, &mut a),
            Tongue::En => (self.en_company(r, &mut a, en_city), String::new()),
        };
        if r.chance(25) {
            a.industry_note = some(r.pick(ph.industry_notes));
        }
        a.nature = Some(match (customer_type, tongue) {
            (CustomerType::Government, _) => EnterpriseNature::State,
            (CustomerType::Person, _) => EnterpriseNature::Other,
            (_, Tongue::Zh) => r.pick_weighted(&[
                (EnterpriseNature::Private, 62),
                (EnterpriseNature::State, 15),
                (EnterpriseNature::Joint, 8),
                (EnterpriseNature::Foreign, 7),
                (EnterpriseNature::Other, 8),
            ]),
            (_, Tongue::En) => r.pick_weighted(&[
                (EnterpriseNature::Private, 80),
                (EnterpriseNature::Foreign, 12),
                (EnterpriseNature::Joint, 4),
                (EnterpriseNature::Other, 4),
            ]),
        });
        if customer_type != CustomerType::Person {
            // Log-uniform between 5 and ~20,000 people, larger for more important accounts.
            let boost = match category {
                Category::Key => 2.0,
                Category::Major => 1.2,
                _ => 0.0,
            };
            let employees = (1.6 + boost + r.unit() * 6.5).exp().round() as i64;
            a.employees = Some(employees.max(3));
            // Revenue per head 150k–1.5M (yuan or dollars), rounded to ten thousands.
            let per_head = r.range(15, 150) * 10_000;
            a.annual_revenue = Some(money((employees * per_head / 10_000).max(1) * 10_000));
            a.size_source = some(r.pick(ph.size_sources));
        }
        if r.chance(30) {
            a.unsuitable_visit_times = some(r.pick(ph.unsuitable));
        }
        a.source = some(r.pick(ph.sources));
        if category != Category::Potential {
            a.cooperating_since = Some(self.days_ago(r.range(200, 4_500)));
        }
        if r.chance(70) {
            a.business_policy = Some(*r.pick(BusinessPolicy::ALL));
            a.business_state = Some(r.pick_weighted(&[
                (BusinessState::Booming, 15),
                (BusinessState::Rising, 30),
                (BusinessState::Normal, 40),
                (BusinessState::Declining, 12),
                (BusinessState::Critical, 3),
            ]));
            a.location_type = Some(*r.pick(LocationType::ALL));
        }
        let (funds, attitude) = match credit {
            Credit::A => (
                r.pick_weighted(&[(Funds::Abundant, 4), (Funds::Sufficient, 6)]),
                r.pick_weighted(&[(PaymentAttitude::Prompt, 7), (PaymentAttitude::Ordinary, 3)]),
            ),
            Credit::B => (
                r.pick_weighted(&[(Funds::Sufficient, 4), (Funds::Tight, 6)]),
                r.pick_weighted(&[(PaymentAttitude::Acceptable, 5), (PaymentAttitude::Late, 5)]),
            ),
            Credit::C => (
                r.pick_weighted(&[(Funds::Short, 6), (Funds::Critical, 2), (Funds::Tight, 2)]),
                r.pick_weighted(&[(PaymentAttitude::Reluctant, 5), (PaymentAttitude::Owing, 5)]),
            ),
        };
        if r.chance(75) {
            a.funds = Some(funds);
            a.payment_attitude = Some(attitude);
        }
        if r.chance(60) {
            let bank = r.pick(ph.banks);
            match tongue {
                Tongue::Zh => {
                    let city = a.city.clone().unwrap_or_default();
                    a.bank = Some(format!("{bank}{}分行", city.trim_end_matches('市')));
                    a.bank_account = Some(format!(
                        "{:04} {:04} {:04} {:04} {:03}",
                        r.range(1000, 9999),
                        r.below(10_000),
                        r.below(10_000),
                        r.below(10_000),
                        r.below(1_000)
                    ));
                }
                Tongue::En => {
                    a.bank = some(bank);
                    a.bank_account = Some(if a.province.as_deref().is_some_and(is_uk_region) {
                        format!(
                            "{:02}-{:02}-{:02} {:08}",
                            r.below(100),
                            r.below(100),
                            r.below(100),
                            r.below(100_000_000)
                        )
                    } else {
                        format!(
                            "{:09} / {:010}",
                            r.range(11_000_000, 99_999_999),
                            r.below(10_000_000_000)
                        )
                    });
                }
            }
        }
        if r.chance(30) {
            a.notes = some(r.pick(ph.account_notes));
        }
        if r.chance(3) {
            a.grade = Some(*r.pick(Grade::ALL));
        }
        let n_products = r.range(1, 4) as usize;
        let ctx = Acct {
            tongue,
            category,
            status,
            credit,
            owner,
            distance,
            contact_names: vec![],
            en_city,
            area_code,
            products: r.distinct(PRODUCTS.len(), n_products),
        };
        (a, ctx, domain)
    }

    /// Fills name, short name, address and registration number of a Chinese account; returns
    /// its email domain and phone area code.
    fn cn_company(&self, r: &mut Rng, a: &mut Account) -> (String, String) {
        let v = self.vocab;
        let p = &v.provinces[r.weighted(&v.province_weights)];
        let c = &p.cities[r.weighted(&p.city_weights)];
        let d = (!c.districts.is_empty()).then(|| r.pick(&c.districts));
        a.province = some(p.name);
        a.city = some(c.name);
        a.district = d.map(|d| d.name.to_string());
        let mut street = format!("{}{}号", r.pick(CN_STREETS), r.range(1, 888));
        if r.chance(60) {
            street.push_str(&format!(
                "{}栋{}室",
                r.range(1, 12),
                r.range(1, 28) * 100 + r.range(1, 12)
            ));
        }
        a.street = Some(street);
        let area = d.map_or_else(|| format!("{}00", &c.code[..4]), |d| d.code.to_string());
        let place = if c.name.ends_with('市') && c.name.chars().count() <= 4 {
            c.name
        } else {
            p.name
        };
        let province_short = p
            .name
            .trim_end_matches("壮族自治区")
            .trim_end_matches("回族自治区")
            .trim_end_matches("维吾尔自治区")
            .trim_end_matches("自治区")
            .trim_end_matches('省')
            .trim_end_matches('市');
        let city_short = place.trim_end_matches('市');
        let industry = a.industry.unwrap_or(Industry::C);
        let domain = match a.customer_type {
            Some(CustomerType::Person) => {
                let (name, _, _) = cn_person(r);
                a.name = name;
                a.registration_no = None;
                format!("{}.com", r.pick(&["163", "qq", "126", "sina"]))
            }
            Some(CustomerType::Government) => {
                let bureau = *r.pick(&[
                    "交通运输局",
                    "市场监督管理局",
                    "水务局",
                    "教育局",
                    "卫生健康委员会",
                    "城市管理和综合执法局",
                    "生态环境局",
                    "人民医院",
                    "第一中学",
                    "自然资源局",
                ]);
                let district = d.map(|d| d.name).filter(|_| r.chance(40)).unwrap_or("");
                a.name = format!("{place}{district}{bureau}");
                a.short_name = Some(format!("{city_short}{}", bureau.trim_end_matches("委员会")));
                if r.chance(70) {
                    a.registration_no = Some(credit_code(r, "11", &area));
                }
                format!("{}.gov.cn", pinyin_of(city_short))
            }
            _ => {
                let core = r.pick(&v.cores);
                let words = phrases::cn_industry_words(industry);
                let word = *r.pick(words);
                a.name = match r.below(20) {
                    0..=9 => format!("{place}{}{word}有限公司", core.name),
                    10..=13 => format!("{province_short}{}{word}股份有限公司", core.name),
                    14..=16 => format!("{}（{city_short}）{word}有限公司", core.name),
                    17..=18 => format!("{place}{}科技有限公司", core.name),
                    _ => format!("{place}{}集团有限公司", core.name),
                };
                a.short_name = some(core.name);
                if r.chance(85) {
                    let kind = if r.chance(95) { "91" } else { "92" };
                    a.registration_no = Some(credit_code(r, kind, &area));
                }
                let tld = *r.pick(&[".com", ".com.cn", ".cn", ".net"]);
                format!("{}{tld}", core.pinyin)
            }
        };
        (domain, area_code(c.code))
    }

    fn en_company(&self, r: &mut Rng, a: &mut Account, city: &EnCity) -> String {
        a.province = some(city.region);
        a.city = some(city.city);
        a.street = Some(if city.uk {
            match r.below(3) {
                0 => format!(
                    "Unit {}, {} {}",
                    r.range(1, 30),
                    r.range(1, 240),
                    r.pick(city.streets)
                ),
                _ => format!("{} {}", r.range(1, 240), r.pick(city.streets)),
            }
        } else {
            let mut s = format!("{} {}", r.range(10, 2999), r.pick(city.streets));
            if r.chance(50) {
                s.push_str(&format!(
                    ", Suite {}",
                    r.range(1, 40) * 100 + r.range(0, 30)
                ));
            }
            s
        });
        let industry = a.industry.unwrap_or(Industry::C);
        match a.customer_type {
            Some(CustomerType::Person) => {
                let (first, last, _) = en_person(r);
                a.name = format!("{first} {last}");
                r.pick(&["gmail.com", "outlook.com", "yahoo.com"])
                    .to_string()
            }
            Some(CustomerType::Government) => {
                let dept = *r.pick(&[
                    "Highways Department",
                    "Public Works",
                    "Parks and Recreation",
                    "Education Services",
                    "Water Authority",
                    "Public Health",
                ]);
                a.name = if city.uk {
                    format!("{} City Council {dept}", city.city)
                } else {
                    format!("City of {} {dept}", city.city)
                };
                a.short_name = Some(format!("{} {dept}", city.city));
                let slug: String = city
                    .city
                    .chars()
                    .filter(|c| c.is_ascii_alphabetic())
                    .collect();
                if city.uk {
                    format!("{}.gov.uk", slug.to_lowercase())
                } else {
                    format!("{}.gov", slug.to_lowercase())
                }
            }
            _ => {
                let word = *r.pick(EN_COMPANY_WORDS);
                let iw = *r.pick(phrases::en_industry_words(industry));
                let suffix = if city.uk {
                    r.pick_weighted(&[("Ltd", 70), ("Limited", 15), ("plc", 5), ("LLP", 10)])
                } else {
                    r.pick_weighted(&[("Inc", 50), ("LLC", 30), ("Corp.", 12), ("Co.", 8)])
                };
                let (name, short) = match r.below(20) {
                    0..=11 => (format!("{word} {iw} {suffix}"), word.to_string()),
                    12..=14 => {
                        let (l1, l2) = (r.pick(EN_LAST), r.pick(EN_LAST));
                        (format!("{l1} & {l2} {suffix}"), format!("{l1} & {l2}"))
                    }
                    15..=17 => {
                        let l = r.pick(EN_LAST);
                        (format!("{l} {iw} {suffix}"), format!("{l} {iw}"))
                    }
                    _ => (format!("The {word} {iw} Company"), format!("{word} {iw}")),
                };
                a.name = name;
                a.short_name = Some(short.clone());
                if r.chance(60) {
                    a.registration_no = Some(if city.uk {
                        match r.below(10) {
                            0 if city.region == "Scotland" => {
                                format!("SC{:06}", r.below(1_000_000))
                            }
                            _ => format!("{:08}", r.range(1_000_000, 15_999_999)),
                        }
                    } else {
                        format!("{:02}-{:07}", r.range(10, 98), r.below(10_000_000))
                    });
                }
                let slug: String = short
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect();
                format!(
                    "{}{}",
                    slug.to_lowercase(),
                    if city.uk { ".co.uk" } else { ".com" }
                )
            }
        }
    }

    // ----- contacts -----

    fn contacts(&self, r: &mut Rng, ctx: &mut Acct, domain: &str) -> Vec<Contact> {
        let ph = ctx.tongue.ph();
        let n = match ctx.category {
            Category::Key => r.range(3, 5),
            Category::Major => r.range(2, 5),
            Category::Normal => r.range(2, 4),
            Category::Potential => r.range(2, 3),
        } as usize;
        let positions = ph.positions;
        let mut out = Vec::with_capacity(n);
        for k in 0..n {
            // The primary contact decides or buys; the others come from the whole list.
            let (title, dept, role) = if k == 0 {
                positions[r.below(5) as usize]
            } else {
                *r.pick(positions)
            };
            let mut c = Contact {
                is_primary: k == 0,
                title: some(title),
                department: some(dept),
                role: Some(role),
                ..Default::default()
            };
            let birth_year = self.today.year() - r.range(26, 62) as i32;
            c.birthday =
                NaiveDate::from_ymd_opt(birth_year, r.range(1, 12) as u32, r.range(1, 28) as u32);
            match ctx.tongue {
                Tongue::Zh => self.cn_contact(r, &mut c, domain, &ctx.area_code),
                Tongue::En => self.en_contact(r, &mut c, domain, ctx.en_city),
            }
            if r.chance(15) {
                c.notes = some(r.pick(ph.contact_notes));
            }
            let dossier_chance = if k == 0 { 45 } else { 20 };
            if r.chance(dossier_chance) {
                c.dossier = Some(self.personal(r, ctx.tongue, c.birthday));
            }
            ctx.contact_names.push(c.name.clone());
            out.push(c);
        }
        out
    }

    fn cn_contact(&self, r: &mut Rng, c: &mut Contact, domain: &str, area: &str) {
        let (name, pinyin, gender) = cn_person(r);
        let surname_py = &pinyin.0;
        let given_py = &pinyin.1;
        let surname: String = name
            .chars()
            .take(if surname_py.len() > 5 { 2 } else { 1 })
            .collect();
        c.gender = Some(gender);
        c.nickname = match r.below(6) {
            0 => Some(format!("老{surname}")),
            1 => Some(format!("{surname}总")),
            2 => Some(format!("小{surname}")),
            _ => None,
        };
        c.name = name;
        c.ethnicity = some(if r.chance(92) {
            "汉族"
        } else {
            r.pick(&["回族", "壮族", "满族", "蒙古族", "土家族", "苗族"])
        });
        let prefixes = [
            "138", "139", "137", "136", "135", "150", "151", "152", "158", "159", "182", "187",
            "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181",
            "189", "177", "199", "166",
        ];
        let pre = r.pick(&prefixes);
        let (a, b) = (r.below(10_000), r.below(10_000));
        c.mobile = Some(match r.below(10) {
            0..=5 => format!("{pre} {a:04} {b:04}"),
            6..=7 => format!("+86 {pre} {a:04} {b:04}"),
            _ => format!("{pre}{a:04}{b:04}"),
        });
        if r.chance(70) {
            let digits = if area.len() == 3 {
                8
            } else {
                7 + r.below(2) as usize
            };
            let num = r.range(2_000_000, 8_999_999) * if digits == 8 { 10 } else { 1 }
                + r.below(10) as i64 * (digits == 8) as i64;
            let s = num.to_string();
            let (h, t) = s.split_at(s.len() - 4);
            let mut office = format!("{area}-{h} {t}");
            if r.chance(20) {
                office.push_str(&format!("转{}", r.range(800, 899)));
            }
            c.office_phone = Some(office);
        }
        c.email = match r.below(10) {
            0..=5 => Some(format!("{given_py}.{surname_py}@{domain}")),
            6..=7 => Some(format!("{surname_py}{given_py}@{domain}")),
            _ => None,
        };
        if r.chance(45) {
            let qq = r.range(10_000_000, 2_999_999_999);
            c.qq = Some(qq.to_string());
            if c.email.is_none() {
                c.email = Some(format!("{qq}@qq.com"));
            }
        }
        if r.chance(70) {
            c.wechat = Some(match r.below(3) {
                0 => format!("{surname_py}{given_py}{}", r.range(1, 999)),
                1 => format!("wxid_{:010x}", r.next_u64() & 0xff_ffff_ffff),
                _ => c.mobile.clone().unwrap_or_default().replace([' ', '+'], ""),
            });
        }
        c.preferred_channel = Some(r.pick_weighted(&[
            (PreferredChannel::Wechat, 50),
            (PreferredChannel::Phone, 30),
            (PreferredChannel::FaceToFace, 12),
            (PreferredChannel::Email, 8),
        ]));
        if r.chance(50) {
            let p = &self.vocab.provinces[r.weighted(&self.vocab.province_weights)];
            let city = &r.pick(&p.cities).name;
            c.native_place = Some(if p.name == *city {
                p.name.to_string()
            } else {
                format!("{}{city}", p.name)
            });
            if r.chance(60) {
                c.birthplace = c.native_place.clone();
            }
        }
    }

    fn en_contact(&self, r: &mut Rng, c: &mut Contact, domain: &str, city: &EnCity) {
        let (first, last, gender) = en_person(r);
        c.name = format!("{first} {last}");
        c.gender = Some(gender);
        let uk = city.uk;
        // Numbers from ranges set aside for fiction (Ofcom drama numbers, US 555-01xx).
        c.mobile = Some(if uk {
            format!("+44 7700 900{:03}", r.below(1000))
        } else {
            format!("+1 {}-555-01{:02}", city.code, r.below(100))
        });
        if r.chance(70) {
            let code = city.code;
            let mut office = match (uk, code.len()) {
                (true, 2) if code == "20" => format!("+44 20 7946 0{:03}", r.below(1000)),
                (true, 2) => format!(
                    "+44 {code} {}8 0{:03}",
                    if code == "29" { "201" } else { "901" },
                    r.below(1000)
                ),
                (true, _) => format!("+44 {code} 496 0{:03}", r.below(1000)),
                (false, _) => format!("({code}) 555-01{:02}", r.below(100)),
            };
            if r.chance(25) {
                office.push_str(&format!(" ext {}", r.range(100, 499)));
            }
            c.office_phone = Some(office);
        }
        let (f, l) = (first.to_lowercase(), last.to_lowercase());
        c.email = Some(match r.below(4) {
            0 => format!("{}{l}@{domain}", &f[..1]),
            1 => format!("{f}@{domain}"),
            _ => format!("{f}.{l}@{domain}"),
        });
        if r.chance(10) {
            c.home_phone = Some(if uk {
                format!(
                    "0{} 496 0{:03}",
                    if city.code.len() == 3 {
                        city.code
                    } else {
                        "161"
                    },
                    r.below(1000)
                )
            } else {
                format!("({}) 555-01{:02}", city.code, r.below(100))
            });
        }
        if r.chance(25) {
            c.nickname = match first {
                "William" => some("Bill"),
                "Robert" => some("Bob"),
                "Elizabeth" => some("Liz"),
                "Michael" => some("Mike"),
                "Katherine" | "Kate" => some("Katie"),
                "Benjamin" => some("Ben"),
                "Samuel" => some("Sam"),
                "Daniel" => some("Dan"),
                "Victoria" => some("Vicky"),
                _ => None,
            };
        }
        c.preferred_channel = Some(r.pick_weighted(&[
            (PreferredChannel::Email, 50),
            (PreferredChannel::Phone, 30),
            (PreferredChannel::FaceToFace, 20),
        ]));
        if r.chance(35) {
            c.birthplace = some(r.pick(EN_CITIES).city);
        }
    }

    /// The personal dossier (客户深度关怀表), partly filled as a real one would be.
    fn personal(
        &self,
        r: &mut Rng,
        tongue: Tongue,
        birthday: Option<NaiveDate>,
    ) -> PersonalDossier {
        let d = &tongue.ph().dossier;
        let mut p = PersonalDossier::default();
        fn maybe(r: &mut Rng, list: &[&str], pct: u64) -> Option<String> {
            r.chance(pct)
                .then(|| list[r.below(list.len() as u64) as usize].to_string())
        }
        p.high_school = maybe(r, d.high_schools, 30);
        p.university = maybe(r, d.universities, 70);
        if p.university.is_some() {
            p.major = maybe(r, d.majors, 80);
            if let Some(b) = birthday {
                p.graduation = Some(format!("{}", b.year() + 22));
            }
        }
        p.awards = maybe(r, d.awards, 15);
        p.sports = maybe(r, d.sports, 50);
        let married = r.chance(80);
        p.marital_status = Some(
            if married {
                d.marital[0]
            } else {
                *r.pick(&d.marital[1..])
            }
            .to_string(),
        );
        if married {
            let (spouse, _, _) = match tongue {
                Tongue::Zh => cn_person(r),
                Tongue::En => {
                    let (f, l, g) = en_person(r);
                    (format!("{f} {l}"), (String::new(), String::new()), g)
                }
            };
            p.spouse_name = Some(spouse);
            if let Some(b) = birthday {
                let year = b.year() + r.range(-4, 4) as i32;
                p.spouse_birthday =
                    NaiveDate::from_ymd_opt(year, r.range(1, 12) as u32, r.range(1, 28) as u32);
                let wed = (b.year() + r.range(23, 33) as i32).min(self.today.year() - 1);
                p.wedding_anniversary =
                    NaiveDate::from_ymd_opt(wed, r.range(1, 12) as u32, r.range(1, 28) as u32);
            }
            p.spouse_education = maybe(r, d.spouse_education, 50);
            p.spouse_interests = maybe(r, d.interests, 50);
            p.children = maybe(r, d.children, 70);
        }
        p.parents = maybe(r, d.parents, 30);
        p.previous_jobs = maybe(r, d.previous_jobs, 40);
        p.status_symbols = maybe(r, d.status_symbols, 20);
        p.attitude_to_company = maybe(r, d.attitude, 40);
        p.long_term_goals = maybe(r, d.long_goals, 30);
        p.short_term_goals = maybe(r, d.short_goals, 40);
        p.hobbies = maybe(r, d.sports, 60).map(|s| match maybe(r, d.interests, 50) {
            Some(i) => format!("{s}, {i}"),
            None => s,
        });
        p.favourite_topics = maybe(r, d.topics, 60);
        p.books = maybe(r, d.books, 25);
        p.vacation = maybe(r, d.vacation, 40);
        p.drinking = maybe(r, d.drinking, 60);
        if p.drinking.is_some() {
            p.objects_to_drinking = Some(r.chance(10));
        }
        if r.chance(50) {
            let smokes = r.chance(25);
            p.smokes = Some(smokes);
            p.objects_to_smoking = Some(!smokes && r.chance(60));
        }
        p.lunch_places = maybe(r, d.restaurants, 30);
        p.dinner_places = maybe(r, d.restaurants, 40);
        p.dishes = maybe(r, d.dishes, 50);
        p.private_clubs = maybe(r, d.clubs, 20);
        p.health = maybe(r, d.health, 40);
        if r.chance(40) {
            p.self_centred = Some(r.chance(30));
            p.cares_about_opinions = Some(r.chance(60));
        }
        p.decisiveness = maybe(r, d.decisiveness, 50);
        p.proudest_achievement = maybe(r, d.achievements, 30);
        p.key_concerns = maybe(r, d.concerns, 60);
        p.topics_to_avoid = maybe(r, d.avoid, 40);
        p.strong_opinions = maybe(r, d.opinions, 20);
        p.relation_to_our_staff = maybe(r, d.relation_staff, 40);
        if r.chance(30) {
            p.known_by = some(match tongue {
                Tongue::Zh => r.pick(CN_SALES),
                Tongue::En => r.pick(EN_SALES),
            });
        }
        p.relation_to_others = maybe(r, d.relation_others, 20);
        p.relation_nature = maybe(r, d.relation_nature, 25);
        p
    }

    // ----- deals and opportunities -----

    fn deals(&self, r: &mut Rng, ctx: &Acct, number: u64) -> Vec<Deal> {
        let n = match ctx.category {
            Category::Key => r.range(8, 20),
            Category::Major => r.range(4, 10),
            Category::Normal => r.range(1, 5),
            Category::Potential => 0,
        };
        // Lost accounts stopped buying half a year ago at least; dormant ones three months.
        let newest = match ctx.status {
            AccountStatus::Lost => 180,
            AccountStatus::Dormant => 90,
            AccountStatus::Active => 0,
        };
        let mut out = Vec::with_capacity(n as usize);
        for k in 0..n {
            let age = r.range(newest, 730);
            let date = self.days_ago(age);
            let prod = &PRODUCTS[ctx.products[r.below(ctx.products.len() as u64) as usize]];
            let qty = r.range(prod.qty.0, prod.qty.1);
            let unit = (r.range(prod.price.0, prod.price.1) / 10).max(1) * 10;
            let unit_price = money(unit);
            let amount = money(unit * qty);
            let cost_pct = (prod.cost_pct + r.range(-6, 6)).clamp(5, 95);
            let cost = Money::from_cents(amount.cents() * cost_pct / 100);
            let status = if r.chance(4) {
                OrderStatus::Cancelled
            } else if age < 14 {
                r.pick_weighted(&[
                    (OrderStatus::Placed, 5),
                    (OrderStatus::InProduction, 3),
                    (OrderStatus::Shipped, 2),
                ])
            } else if age < 45 {
                r.pick_weighted(&[
                    (OrderStatus::InProduction, 2),
                    (OrderStatus::Shipped, 3),
                    (OrderStatus::Delivered, 5),
                ])
            } else {
                OrderStatus::Delivered
            };
            let payment = match (status, age, ctx.credit) {
                (OrderStatus::Cancelled, ..) => PaymentStatus::Unpaid,
                (_, 0..=30, _) => {
                    r.pick_weighted(&[(PaymentStatus::Unpaid, 6), (PaymentStatus::Partial, 4)])
                }
                (_, _, Credit::A) => PaymentStatus::Paid,
                (_, 31..=120, Credit::B) => {
                    r.pick_weighted(&[(PaymentStatus::Partial, 5), (PaymentStatus::Paid, 5)])
                }
                (_, _, Credit::C) => r.pick_weighted(&[
                    (PaymentStatus::Unpaid, 3),
                    (PaymentStatus::Partial, 4),
                    (PaymentStatus::Paid, 3),
                ]),
                _ => PaymentStatus::Paid,
            };
            out.push(Deal {
                date: Some(date),
                order_no: Some(format!(
                    "SO{}{:06}{:02}",
                    date.format("%y%m"),
                    number % 1_000_000,
                    k
                )),
                product: self.product_name(ctx.tongue, prod).to_string(),
                model: Some(format!(
                    "{}-{}{}",
                    prod.model,
                    r.range(1, 9) * 1000 + r.range(0, 9) * 100,
                    r.pick(&["", "", "H", "S", "Pro"])
                )),
                quantity: Some(qty),
                unit_price: Some(unit_price),
                amount: Some(amount),
                cost: r.chance(85).then_some(cost),
                payment_status: Some(payment),
                status: Some(status),
                notes: r
                    .chance(20)
                    .then(|| r.pick(ctx.tongue.ph().deal_notes).to_string()),
                ..Default::default()
            });
        }
        out.sort_by_key(|d| d.date);
        out
    }

    fn product_name(&self, tongue: Tongue, p: &Product) -> &'static str {
        tongue.product(p)
    }

    fn opportunities(&self, r: &mut Rng, ctx: &Acct) -> Vec<Opportunity> {
        if ctx.status == AccountStatus::Lost && r.chance(70) {
            return vec![];
        }
        let ph = ctx.tongue.ph();
        let n = match ctx.category {
            Category::Key => r.range(2, 4),
            Category::Major => r.range(1, 3),
            Category::Normal => r.range(0, 2),
            Category::Potential => r.range(1, 2),
        };
        (0..n)
            .map(|_| {
                let stage = r.pick_weighted(&[
                    (Stage::Initial, 18),
                    (Stage::Needs, 16),
                    (Stage::Demo, 13),
                    (Stage::Quote, 13),
                    (Stage::Negotiation, 10),
                    (Stage::Won, 18),
                    (Stage::Lost, 12),
                ]);
                let (close, probability) = match stage {
                    Stage::Won => (self.days_ago(r.range(1, 300)), 100),
                    Stage::Lost => (self.days_ago(r.range(1, 300)), 0),
                    s => {
                        let p = match s {
                            Stage::Initial => 10,
                            Stage::Needs => 20,
                            Stage::Demo => 40,
                            Stage::Quote => 60,
                            _ => 80,
                        };
                        (self.today + Duration::days(r.range(7, 180)), p)
                    }
                };
                let prod = &PRODUCTS[ctx.products[r.below(ctx.products.len() as u64) as usize]];
                let open = !matches!(stage, Stage::Won | Stage::Lost);
                Opportunity {
                    title: r
                        .pick(ph.opp_titles)
                        .replace("{p}", ctx.tongue.product(prod)),
                    stage: Some(stage),
                    expected_amount: Some(money(r.range(2, 200) * 10_000)),
                    expected_close: Some(close),
                    probability: Some(probability),
                    owner: some(ctx.owner),
                    next_step: open.then(|| r.pick(ph.next_steps).to_string()),
                    notes: (!open && r.chance(40)).then(|| match (ctx.tongue, stage) {
                        (Tongue::Zh, Stage::Won) => "价格与交期均满足客户要求".to_string(),
                        (Tongue::Zh, _) => "输给竞争对手的低价".to_string(),
                        (Tongue::En, Stage::Won) => "Met price and lead time".to_string(),
                        (Tongue::En, _) => "Lost to a cheaper competitor".to_string(),
                    }),
                    ..Default::default()
                }
            })
            .collect()
    }

    fn needs(&self, r: &mut Rng, ctx: &Acct) -> Option<Needs> {
        let pct = match ctx.category {
            Category::Key => 80,
            Category::Major => 55,
            Category::Potential => 45,
            Category::Normal => 25,
        };
        if !r.chance(pct) {
            return None;
        }
        let ph = ctx.tongue.ph();
        let prod = &PRODUCTS[ctx.products[0]];
        let qty = r.range(prod.qty.0, prod.qty.1);
        Some(Needs {
            product_spec: Some(format!(
                "{}: {}",
                ctx.tongue.product(prod),
                r.pick(ph.need_specs)
            )),
            product_model: Some(format!("{}-{}", prod.model, r.range(1, 9) * 1000)),
            product_quantity: Some(match ctx.tongue {
                Tongue::Zh => format!("约{qty}台/年"),
                Tongue::En => format!("about {qty} a year"),
            }),
            product_timing: some(r.pick(ph.need_timing)),
            service_pre_sale: r.chance(70).then(|| r.pick(ph.pre_sale).to_string()),
            service_in_sale: r.chance(60).then(|| r.pick(ph.in_sale).to_string()),
            service_after_sale: r.chance(80).then(|| r.pick(ph.after_sale).to_string()),
            purchase_channel: some(r.pick(ph.channels)),
            payment_method: some(r.pick(ph.payments)),
            delivery_time: some(r.pick(ph.delivery)),
            ..Default::default()
        })
    }

    // ----- after-sales -----

    fn service(&self, r: &mut Rng, ctx: &Acct, bought: bool) -> Vec<ServiceRecord> {
        if !bought {
            return vec![];
        }
        let ph = ctx.tongue.ph();
        let engineers = match ctx.tongue {
            Tongue::Zh => CN_ENGINEERS,
            Tongue::En => EN_ENGINEERS,
        };
        let n = match ctx.category {
            Category::Key => r.range(1, 4),
            Category::Major => r.range(0, 3),
            _ => r.range(0, 1),
        };
        (0..n)
            .map(|_| {
                let age = r.range(0, 365);
                let date = self.days_ago(age);
                let (kind, request, result) = *r.pick(ph.service);
                let prod = &PRODUCTS[ctx.products[r.below(ctx.products.len() as u64) as usize]];
                let name = ctx.tongue.product(prod);
                let status = if age <= 3 {
                    r.pick_weighted(&[
                        (ServiceStatus::New, 5),
                        (ServiceStatus::InProgress, 3),
                        (ServiceStatus::Resolved, 2),
                    ])
                } else if age <= 30 {
                    r.pick_weighted(&[
                        (ServiceStatus::New, 1),
                        (ServiceStatus::InProgress, 3),
                        (ServiceStatus::Resolved, 6),
                    ])
                } else if r.chance(4) {
                    ServiceStatus::InProgress
                } else {
                    ServiceStatus::Resolved
                };
                let resolved = status == ServiceStatus::Resolved;
                ServiceRecord {
                    date: Some(date),
                    kind: Some(kind),
                    product: some(name),
                    serial_no: Some(format!(
                        "{}{}{:06}",
                        prod.model,
                        date.format("%y"),
                        r.below(1_000_000)
                    )),
                    warranty_until: Some(date + Duration::days(r.range(-200, 900))),
                    request: request.replace("{p}", name),
                    handled_by: (status != ServiceStatus::New)
                        .then(|| r.pick(engineers).to_string()),
                    status: Some(status),
                    result: resolved.then(|| result.to_string()),
                    satisfaction: (resolved && r.chance(70))
                        .then(|| r.pick_weighted(&[(5, 45), (4, 35), (3, 13), (2, 5), (1, 2)])),
                    ..Default::default()
                }
            })
            .collect()
    }

    fn feedback(&self, r: &mut Rng, ctx: &Acct, bought: bool) -> Vec<Feedback> {
        if !bought && r.chance(80) {
            return vec![];
        }
        let ph = ctx.tongue.ph();
        let n = match ctx.category {
            Category::Key => r.range(1, 3),
            _ => r.range(0, 2),
        };
        (0..n)
            .map(|_| {
                let age = r.range(0, 400);
                let kind = r.pick_weighted(&[
                    (FeedbackKind::Praise, 40),
                    (FeedbackKind::Suggestion, 30),
                    (FeedbackKind::Complaint, 30),
                ]);
                let mut f = Feedback {
                    date: Some(self.days_ago(age)),
                    kind: Some(kind),
                    ..Default::default()
                };
                match kind {
                    FeedbackKind::Praise => {
                        f.content = r.pick(ph.praise).to_string();
                        f.rating = Some(r.range(4, 5));
                        f.status = Some(FeedbackStatus::Closed);
                    }
                    FeedbackKind::Suggestion => {
                        f.content = r.pick(ph.suggestions).to_string();
                        f.rating = Some(r.range(3, 4));
                        f.status = Some(if r.chance(30) {
                            FeedbackStatus::Open
                        } else {
                            FeedbackStatus::Closed
                        });
                    }
                    FeedbackKind::Complaint => {
                        let (content, cause, handling) = *r.pick(ph.complaints);
                        let open = r.chance(20) || (age < 120 && r.chance(50));
                        f.content = content.to_string();
                        f.rating = Some(r.range(1, 2));
                        f.cause = some(cause);
                        f.status = Some(if open {
                            FeedbackStatus::Open
                        } else {
                            FeedbackStatus::Closed
                        });
                        if !open {
                            f.handling = some(handling);
                        }
                        f.handled_by = some(ctx.owner);
                    }
                }
                f
            })
            .collect()
    }

    // ----- communication and visits -----

    fn communications(&self, r: &mut Rng, ctx: &Acct) -> Vec<Communication> {
        let ph = ctx.tongue.ph();
        let (n, oldest, newest) = match (ctx.status, ctx.category) {
            (AccountStatus::Lost, _) => (r.range(0, 2), 400, 150),
            (AccountStatus::Dormant, _) => (r.range(0, 3), 300, 70),
            (_, Category::Key) => (r.range(4, 10), 180, 0),
            (_, Category::Major) => (r.range(3, 7), 180, 0),
            _ => (r.range(1, 5), 180, 0),
        };
        let mut out: Vec<Communication> = (0..n)
            .map(|_| {
                let channel = match ctx.tongue {
                    Tongue::Zh => r.pick_weighted(&[
                        (CommChannel::Wechat, 40),
                        (CommChannel::Phone, 35),
                        (CommChannel::Meeting, 15),
                        (CommChannel::Email, 8),
                        (CommChannel::Other, 2),
                    ]),
                    Tongue::En => r.pick_weighted(&[
                        (CommChannel::Email, 45),
                        (CommChannel::Phone, 35),
                        (CommChannel::Meeting, 17),
                        (CommChannel::Other, 3),
                    ]),
                };
                let date = self.days_ago(r.range(newest, oldest));
                Communication {
                    at: Some(at(date, r.range(8, 18) as u32, r.range(0, 11) as u32 * 5)),
                    channel: Some(channel),
                    contacts: Some(r.pick(&ctx.contact_names).clone()),
                    content: r.pick(ph.comm_contents).to_string(),
                    result: r.chance(80).then(|| r.pick(ph.comm_results).to_string()),
                    next_step: r.chance(50).then(|| r.pick(ph.next_steps).to_string()),
                    ..Default::default()
                }
            })
            .collect();
        out.sort_by_key(|c| c.at);
        out
    }

    fn visits(&self, r: &mut Rng, ctx: &Acct) -> (Vec<VisitPlan>, Vec<VisitReport>) {
        let ph = ctx.tongue.ph();
        let mut plans = vec![];
        let mut reports = vec![];
        let past = match (ctx.status, ctx.category) {
            (AccountStatus::Lost, _) => r.range(0, 1),
            (_, Category::Key) => r.range(2, 5),
            (_, Category::Major) => r.range(1, 4),
            _ => r.range(0, 2),
        };
        let future = match (ctx.status, ctx.category) {
            (AccountStatus::Lost, _) => 0,
            (_, Category::Key) => r.range(1, 2),
            (_, Category::Major) => r.range(0, 2),
            _ => r.range(0, 1) * r.chance(50) as i64,
        };
        let plan = |r: &mut Rng, when: NaiveDateTime, status: PlanStatus| VisitPlan {
            planned_at: Some(when),
            contact: Some(r.pick(&ctx.contact_names).clone()),
            purpose: some(r.pick(ph.plan_purposes)),
            place: some(r.pick(ph.places)),
            method: Some(r.pick_weighted(&[
                (VisitMethod::Visit, 75),
                (VisitMethod::Phone, 20),
                (VisitMethod::Other, 5),
            ])),
            department: some(r.pick(ph.departments)),
            status: Some(status),
            ..Default::default()
        };
        let mut ages: Vec<i64> = (0..past).map(|_| r.range(1, 120)).collect();
        ages.sort_unstable_by(|a, b| b.cmp(a));
        ages.dedup();
        let first_visit = ctx.category == Category::Potential || r.chance(10);
        for (k, age) in ages.iter().enumerate() {
            let date = self.days_ago(*age);
            let when = at(date, r.range(9, 16) as u32, r.range(0, 1) as u32 * 30);
            let status = if r.chance(82) {
                PlanStatus::Done
            } else {
                PlanStatus::Cancelled
            };
            let p = plan(r, when, status);
            if status == PlanStatus::Done {
                let purpose = if k == 0 && first_visit {
                    VisitPurpose::FirstVisit
                } else if r.chance(35) {
                    VisitPurpose::ProblemHandling
                } else {
                    VisitPurpose::RelationshipBuilding
                };
                reports.push(self.report(r, ctx, date, p.contact.clone(), purpose));
            }
            plans.push(p);
        }
        // An older visit with no plan on file, as happens when a visit is written up only.
        if ctx.status != AccountStatus::Lost && r.chance(30) {
            let date = self.days_ago(r.range(121, 360));
            let who = Some(r.pick(&ctx.contact_names).clone());
            reports.insert(
                0,
                self.report(r, ctx, date, who, VisitPurpose::RelationshipBuilding),
            );
        }
        // Some accounts have a visit today, the rest in the next two weeks.
        let mut days: Vec<i64> = (0..future)
            .map(|_| if r.chance(12) { 0 } else { r.range(1, 14) })
            .collect();
        days.sort_unstable();
        days.dedup();
        for d in days {
            let when = at(
                self.today + Duration::days(d),
                r.range(9, 16) as u32,
                r.range(0, 1) as u32 * 30,
            );
            plans.push(plan(r, when, PlanStatus::Planned));
        }
        (plans, reports)
    }

    fn report(
        &self,
        r: &mut Rng,
        ctx: &Acct,
        date: NaiveDate,
        person: Option<String>,
        purpose: VisitPurpose,
    ) -> VisitReport {
        let ph = ctx.tongue.ph();
        let summaries = match purpose {
            VisitPurpose::FirstVisit => ph.summaries_a,
            VisitPurpose::ProblemHandling => ph.summaries_b,
            VisitPurpose::RelationshipBuilding => ph.summaries_c,
        };
        let prod = ctx.tongue.product(&PRODUCTS[ctx.products[0]]);
        let summary = r
            .pick(summaries)
            .replace("{p}", prod)
            .replace("{c}", person.as_deref().unwrap_or_default());
        let outcome = match purpose {
            VisitPurpose::FirstVisit => r.pick_weighted(&[
                (Outcome::Promising, 35),
                (Outcome::VisitAgain, 30),
                (Outcome::KeepWatching, 25),
                (Outcome::Hopeless, 10),
            ]),
            _ => r.pick_weighted(&[
                (Outcome::DealAgreed, 15),
                (Outcome::Promising, 30),
                (Outcome::VisitAgain, 25),
                (Outcome::KeepWatching, 22),
                (Outcome::Hopeless, 8),
            ]),
        };
        let team = match ctx.tongue {
            Tongue::Zh => CN_SALES,
            Tongue::En => EN_SALES,
        };
        let next = matches!(
            outcome,
            Outcome::Promising | Outcome::VisitAgain | Outcome::DealAgreed
        ) && r.chance(70);
        VisitReport {
            date: Some(date),
            person_met: person,
            purpose: Some(purpose),
            summary: Some(summary),
            outcome: Some(outcome),
            problems_solved: (purpose == VisitPurpose::ProblemHandling)
                .then(|| r.pick(ph.solved).to_string()),
            problems_open: r.chance(25).then(|| r.pick(ph.open_problems).to_string()),
            watch_next_time: r.chance(45).then(|| r.pick(ph.watch).to_string()),
            next_visit: next.then(|| date + Duration::days(r.range(7, 60))),
            companions: r
                .chance(25)
                .then(|| r.pick(team).to_string())
                .filter(|c| c != ctx.owner),
            filled_by: some(ctx.owner),
            expenses: self.expenses(r, ctx, purpose),
            ..Default::default()
        }
    }

    fn expenses(&self, r: &mut Rng, ctx: &Acct, purpose: VisitPurpose) -> Vec<Expense> {
        let notes = &ctx.tongue.ph().expense_notes;
        let zh = ctx.tongue == Tongue::Zh;
        let far = ctx.distance > 150.0;
        let mut out = vec![];
        let mut add = |r: &mut Rng, item: ExpenseItem, lo: i64, hi: i64| {
            let idx = item as usize;
            out.push(Expense {
                item,
                amount: Money::from_cents(r.range(lo, hi) * 10),
                note: r.chance(70).then(|| r.pick(notes[idx]).to_string()),
            });
        };
        // Amounts in tenths of a unit: yuan for Chinese accounts, dollars or pounds otherwise.
        let scale = if zh { 1 } else { 4 };
        let transport = if far { (300, 1_200) } else { (20, 150) };
        add(
            r,
            ExpenseItem::Transport,
            transport.0 * 10 / scale,
            transport.1 * 10 / scale,
        );
        if r.chance(55) {
            add(r, ExpenseItem::Meals, 800 / scale, 8_000 / scale);
        }
        if r.chance(if purpose == VisitPurpose::RelationshipBuilding {
            50
        } else {
            12
        }) {
            add(r, ExpenseItem::Gifts, 1_000 / scale, 15_000 / scale);
        }
        if far && r.chance(70) {
            add(r, ExpenseItem::Lodging, 2_800 / scale, 9_000 / scale);
        }
        if r.chance(15) {
            add(r, ExpenseItem::Other, 100 / scale, 1_000 / scale);
        }
        out
    }
}

fn is_uk_region(region: &str) -> bool {
    matches!(
        region,
        "England" | "Scotland" | "Wales" | "Northern Ireland"
    )
}

/// A unified social credit code (GB 32100): registration authority and kind (`91` a company,
/// `92` a sole trader, `11` a government body), the 6-digit division code, a 9-character
/// organization code with its own GB 11714 check character, and the final check character.
fn credit_code(r: &mut Rng, kind: &str, area: &str) -> String {
    const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut org = String::with_capacity(9);
    if kind == "91" && r.chance(40) {
        // Codes issued since 2015 often start with MA.
        org.push_str("MA");
        for _ in 0..6 {
            org.push(*r.pick(ALNUM) as char);
        }
    } else {
        for _ in 0..8 {
            org.push((b'0' + r.below(10) as u8) as char);
        }
    }
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = org
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(36).unwrap_or(0) * w)
        .sum();
    org.push(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    });
    let first17 = format!("{kind}{area}{org}");
    let check = credit_code_check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

/// A Chinese personal name, its pinyin (surname, given name) and gender.
fn cn_person(r: &mut Rng) -> (String, (String, String), Gender) {
    let weights: Vec<u32> = CN_SURNAMES.iter().map(|s| s.2).collect();
    let (surname, surname_py, _) = CN_SURNAMES[r.weighted(&weights)];
    let male = r.chance(55);
    let pool = if male { CN_GIVEN_MALE } else { CN_GIVEN_FEMALE };
    let mut given = r.pick(pool).to_string();
    if given.chars().count() == 1 && r.chance(65) {
        given.push_str(r.pick(pool).as_ref());
    }
    let given_py = pinyin_of(&given);
    (
        format!("{surname}{given}"),
        (surname_py.to_string(), given_py),
        if male { Gender::Male } else { Gender::Female },
    )
}

fn en_person(r: &mut Rng) -> (&'static str, &'static str, Gender) {
    let male = r.chance(52);
    let first = r.pick(if male { EN_FIRST_MALE } else { EN_FIRST_FEMALE });
    (
        first,
        *r.pick(EN_LAST),
        if male { Gender::Male } else { Gender::Female },
    )
}
