//! Demo deals, opportunities, needs, service, feedback and the communication log.

use super::*;

impl Gen<'_> {
    pub(super) fn deals(&self, r: &mut Rng, ctx: &Acct, number: u64) -> Vec<Deal> {
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

    pub(super) fn product_name(&self, tongue: Tongue, p: &Product) -> &'static str {
        tongue.product(p)
    }

    pub(super) fn opportunities(&self, r: &mut Rng, ctx: &Acct) -> Vec<Opportunity> {
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

    pub(super) fn needs(&self, r: &mut Rng, ctx: &Acct) -> Option<Needs> {
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

    pub(super) fn service(&self, r: &mut Rng, ctx: &Acct, bought: bool) -> Vec<ServiceRecord> {
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

    pub(super) fn feedback(&self, r: &mut Rng, ctx: &Acct, bought: bool) -> Vec<Feedback> {
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

    pub(super) fn communications(&self, r: &mut Rng, ctx: &Acct) -> Vec<Communication> {
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
}
