//! Demo visit plans and daily visit reports with their expenses.

use super::*;

impl Gen<'_> {
    pub(super) fn visits(&self, r: &mut Rng, ctx: &Acct) -> (Vec<VisitPlan>, Vec<VisitReport>) {
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

    pub(super) fn report(
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

    pub(super) fn expenses(&self, r: &mut Rng, ctx: &Acct, purpose: VisitPurpose) -> Vec<Expense> {
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
