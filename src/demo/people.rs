//! Demo contacts and their personal dossiers, in Chinese and in English.

use super::*;

impl Gen<'_> {
    pub(super) fn contacts(&self, r: &mut Rng, ctx: &mut Acct, domain: &str) -> Vec<Contact> {
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
            c.tags = super::tags::tags(ctx.tongue, r.clone().next_u64(), true);
            ctx.contact_names.push(c.name.clone());
            out.push(c);
        }
        out
    }

    pub(super) fn cn_contact(&self, r: &mut Rng, c: &mut Contact, domain: &str, area: &str) {
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

    pub(super) fn en_contact(&self, r: &mut Rng, c: &mut Contact, domain: &str, city: &EnCity) {
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
    pub(super) fn personal(
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
        // From a copy of the stream: what comes after is drawn as before these items were.
        super::mackay::fill(&mut p, tongue, r.clone().next_u64());
        p
    }

    // ----- deals and opportunities -----
}

/// A Chinese personal name, its pinyin (surname, given name) and gender.
pub(super) fn cn_person(r: &mut Rng) -> (String, (String, String), Gender) {
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

pub(super) fn en_person(r: &mut Rng) -> (&'static str, &'static str, Gender) {
    let male = r.chance(52);
    let first = r.pick(if male { EN_FIRST_MALE } else { EN_FIRST_FEMALE });
    (
        first,
        *r.pick(EN_LAST),
        if male { Gender::Male } else { Gender::Female },
    )
}
