//! Demo accounts: Chinese and English companies with their codes, sizes and places.

use super::people::{cn_person, en_person};
use super::*;

impl Gen<'_> {
    pub(super) fn account(
        &self,
        r: &mut Rng,
        tongue: Tongue,
        number: u64,
    ) -> (Account, Acct, String) {
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
        a.tags = super::tags::tags(tongue, r.clone().next_u64(), false);
        super::dealer::fill(&mut a, tongue, r.clone().next_u64());
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
    pub(super) fn cn_company(&self, r: &mut Rng, a: &mut Account) -> (String, String) {
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

    pub(super) fn en_company(&self, r: &mut Rng, a: &mut Account, city: &EnCity) -> String {
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
}

pub(super) fn is_uk_region(region: &str) -> bool {
    matches!(
        region,
        "England" | "Scotland" | "Wales" | "Northern Ireland"
    )
}

/// A unified social credit code (GB 32100): registration authority and kind (`91` a company,
/// `92` a sole trader, `11` a government body), the 6-digit division code, a 9-character
/// organization code with its own GB 11714 check character, and the final check character.
pub(super) fn credit_code(r: &mut Rng, kind: &str, area: &str) -> String {
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
