//! Customer grading (客户分级表). The seed's bands, "A 销售额所占比例 90%以上, B 80–90% …",
//! read as the percentile rank of an account's sales among all accounts in the period; or
//! the classic Pareto ABC. A grade set by hand on the account overrides the computed one
//! and is shown as such.

use super::chart::{Chart, ChartKind, Line};
use super::sheet::{window, Sheet, Value, ALL};
use super::{percent_rank, share, Book, Period};
use crate::domain::{Grade, Industry, Money};
use crate::i18n::{t, Lang};
use crate::store::ProductSales;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum GradingRule {
    /// Lower bounds of A, B, C, D in percentile points (90, 80, 70, 60); below D is E.
    Percentile { bands: [u32; 4] },
    /// A: the accounts that make the first `a`% of cumulative sales; B: up to `b`%; C: the rest.
    Pareto { a: u32, b: u32 },
}

impl Default for GradingRule {
    fn default() -> Self {
        GradingRule::Percentile {
            bands: [90, 80, 70, 60],
        }
    }
}

impl GradingRule {
    pub const PARETO: GradingRule = GradingRule::Pareto { a: 70, b: 90 };

    pub fn is_pareto(&self) -> bool {
        matches!(self, GradingRule::Pareto { .. })
    }

    /// Bands from the command line: four numbers for percentiles, two for Pareto, each
    /// falling and within 0–100.
    pub fn with_bands(pareto: bool, bands: &[u32]) -> Result<GradingRule, String> {
        let falling = bands.windows(2).all(|w| w[0] > w[1]);
        let rising = bands.windows(2).all(|w| w[0] < w[1]);
        if bands.iter().any(|b| *b > 100) {
            return Err("a band is a percentage from 0 to 100".into());
        }
        match (pareto, bands) {
            (false, []) => Ok(GradingRule::default()),
            (true, []) => Ok(GradingRule::PARETO),
            (false, [a, b, c, d]) if falling => Ok(GradingRule::Percentile {
                bands: [*a, *b, *c, *d],
            }),
            (true, [a, b]) if rising => Ok(GradingRule::Pareto { a: *a, b: *b }),
            (false, _) => Err("percentile bands are four falling numbers, e.g. 90,80,70,60".into()),
            (true, _) => Err("Pareto bands are two rising numbers, e.g. 70,90".into()),
        }
    }

    /// Percentile bands fall (A above B above C above D) and Pareto limits rise (A's share
    /// of sales below B's), all within 0–100. The error is one sentence for a person.
    pub fn check(&self) -> Result<(), String> {
        match *self {
            GradingRule::Percentile { bands } => GradingRule::with_bands(false, &bands).map(|_| ()),
            GradingRule::Pareto { a, b } => GradingRule::with_bands(true, &[a, b]).map(|_| ()),
        }
    }

    /// The limits as a person types them: `90,80,70,60`, or `70,90` for Pareto.
    pub fn bands_text(&self) -> String {
        let n: Vec<String> = match self {
            GradingRule::Percentile { bands } => bands.iter().map(u32::to_string).collect(),
            GradingRule::Pareto { a, b } => vec![a.to_string(), b.to_string()],
        };
        n.join(",")
    }

    /// Limits typed as text (`90,80,70,60`), for the method of this rule.
    pub fn with_bands_text(&self, text: &str) -> Result<GradingRule, String> {
        let pareto = matches!(self, GradingRule::Pareto { .. });
        let mut bands = vec![];
        for part in text
            .split([',', ' ', '，'])
            .filter(|p| !p.trim().is_empty())
        {
            let n: u32 =
                part.trim().trim_end_matches('%').parse().map_err(|_| {
                    format!("{:?} is not a whole number from 0 to 100", part.trim())
                })?;
            bands.push(n);
        }
        GradingRule::with_bands(pareto, &bands)
    }

    pub fn grades(&self) -> &'static [Grade] {
        match self {
            GradingRule::Percentile { .. } => Grade::ALL,
            GradingRule::Pareto { .. } => &[Grade::A, Grade::B, Grade::C],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeRow {
    pub account_id: i64,
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub sales: Money,
    pub share_of_sales: Option<f64>,
    /// The percentile rank (0–1) for percentile bands, the cumulative share of sales up to
    /// and including this account for Pareto.
    pub rank: f64,
    pub computed: Grade,
    pub manual: Option<Grade>,
    /// The manual grade when there is one, else the computed one.
    pub grade: Grade,
    /// 业种, 负责人 and 产品: the seed's columns beside each graded customer.
    pub industry: Option<Industry>,
    pub owner: Option<Arc<str>>,
    /// The products it bought in the period, largest first (at most `MAIN_PRODUCTS`); filled
    /// by `with_products`, which the list's grades do without.
    pub products: Vec<Arc<str>>,
}

/// How many of an account's products the grading table names.
pub const MAIN_PRODUCTS: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeCount {
    pub grade: Grade,
    pub accounts: usize,
    pub share_of_accounts: Option<f64>,
    pub sales: Money,
    pub share_of_sales: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grading {
    pub period: Option<Period>,
    pub rule: GradingRule,
    /// By the effective grade.
    pub grades: Vec<GradeCount>,
    /// Best first: by sales, then code.
    pub accounts: Vec<GradeRow>,
    pub account_count: usize,
    pub total_sales: Money,
}

/// The grade an account's sales earn among every graded account's sales: one rule for the
/// grading table and for the grades the list, the brief and the week plan show (which read
/// no more than ids and sums).
pub struct Ranking {
    rule: GradingRule,
    /// Every account's sales, lowest first.
    sorted: Vec<i64>,
    /// `sorted`'s running sums: `up_to[i]` is the sum of its first `i` values.
    up_to: Vec<i64>,
    total: i64,
}

impl Ranking {
    pub fn new(rule: GradingRule, mut sales: Vec<i64>) -> Ranking {
        sales.sort_unstable();
        let mut up_to = Vec::with_capacity(sales.len() + 1);
        let mut sum: i64 = 0;
        up_to.push(0);
        for s in &sales {
            sum += s;
            up_to.push(sum);
        }
        Ranking {
            rule,
            sorted: sales,
            up_to,
            total: sum,
        }
    }

    /// The grade of `cents` of sales. Percentile: the share of accounts selling less, against
    /// the bands (compared in integers, so 90 of 100 is exactly the 90th percentile); no
    /// sales is E. Pareto: the share of sales made by the accounts selling more — equal sales
    /// share one grade, the cumulative share *before* their group decides.
    pub fn computed(&self, cents: i64) -> Grade {
        let below = self.sorted.partition_point(|v| *v < cents);
        match self.rule {
            GradingRule::Percentile { bands } => {
                let n = self.sorted.len() as u64;
                let at_least = |band: u32| n <= 1 || below as u64 * 100 >= band as u64 * (n - 1);
                if cents <= 0 {
                    Grade::E
                } else if at_least(bands[0]) {
                    Grade::A
                } else if at_least(bands[1]) {
                    Grade::B
                } else if at_least(bands[2]) {
                    Grade::C
                } else if at_least(bands[3]) {
                    Grade::D
                } else {
                    Grade::E
                }
            }
            GradingRule::Pareto { a, b } => {
                let up_to_group = self.sorted.partition_point(|v| *v <= cents);
                let before = (self.total - self.up_to[up_to_group]) as i128;
                let total = self.total as i128;
                if cents <= 0 || total <= 0 {
                    Grade::C
                } else if before * 100 < a as i128 * total {
                    Grade::A
                } else if before * 100 < b as i128 * total {
                    Grade::B
                } else {
                    Grade::C
                }
            }
        }
    }
}

pub fn grade(book: &Book, rule: GradingRule) -> Grading {
    let mut rows: Vec<GradeRow> = book
        .accounts
        .iter()
        .map(|a| GradeRow {
            account_id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            sales: book.sales_of(a.id),
            share_of_sales: None,
            rank: 0.0,
            computed: Grade::E,
            manual: a.manual_grade,
            grade: Grade::E,
            industry: a.industry,
            owner: a.owner.clone(),
            products: vec![],
        })
        .collect();
    rows.sort_unstable_by(|a, b| b.sales.cmp(&a.sales).then_with(|| a.code.cmp(&b.code)));
    let ranking = Ranking::new(rule, rows.iter().map(|r| r.sales.cents()).collect());
    let total = ranking.total;
    let mut running: i64 = 0;
    for r in &mut rows {
        let s = r.sales.cents();
        r.computed = ranking.computed(s);
        r.rank = match rule {
            GradingRule::Percentile { .. } => percent_rank(&ranking.sorted, s),
            // The cumulative share up to and including this account (best first).
            GradingRule::Pareto { .. } => {
                running += s;
                share(running, total).unwrap_or(0.0)
            }
        };
    }
    for r in &mut rows {
        r.grade = r.manual.unwrap_or(r.computed);
        r.share_of_sales = share(r.sales.cents(), total);
    }
    let n = rows.len();
    let mut grades: Vec<Grade> = rule.grades().to_vec();
    // A manual grade outside the method's letters (D under Pareto) still gets its line.
    for r in &rows {
        if !grades.contains(&r.grade) {
            grades.push(r.grade);
        }
    }
    grades.sort();
    let grades = grades
        .into_iter()
        .map(|g| {
            let of: Vec<&GradeRow> = rows.iter().filter(|r| r.grade == g).collect();
            let sales: Money = of.iter().map(|r| r.sales).sum();
            GradeCount {
                grade: g,
                accounts: of.len(),
                share_of_accounts: share(of.len() as i64, n as i64),
                sales,
                share_of_sales: share(sales.cents(), total),
            }
        })
        .collect();
    Grading {
        period: book.period,
        rule,
        grades,
        accounts: rows,
        account_count: n,
        total_sales: Money(total),
    }
}

impl Grading {
    /// Names each account's main products (产品): those it bought most of in the period, by
    /// amount then name, at most `MAIN_PRODUCTS`. `sales` as `Store::sales_by_account_product`.
    pub fn with_products(mut self, sales: &ProductSales) -> Grading {
        let names: Vec<Arc<str>> = sales.products.iter().map(|p| p.as_str().into()).collect();
        let mut bought: HashMap<i64, Vec<(Money, usize)>> = HashMap::new();
        for &(id, p, m) in &sales.sums {
            // Deals without a product name no product.
            if p < names.len() && !names[p].is_empty() && m.cents() > 0 {
                bought.entry(id).or_default().push((m, p));
            }
        }
        for r in &mut self.accounts {
            if let Some(list) = bought.get_mut(&r.account_id) {
                list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| names[a.1].cmp(&names[b.1])));
                r.products = list
                    .iter()
                    .take(MAIN_PRODUCTS)
                    .map(|&(_, p)| names[p].clone())
                    .collect();
            }
        }
        self
    }

    /// The grade an account shows: `A`, or `B*` when set by hand.
    pub fn shown(row: &GradeRow) -> String {
        match row.manual {
            Some(g) => format!("{}*", g.code()),
            None => row.computed.code().to_string(),
        }
    }

    pub fn summary_sheet(&self, lang: Lang) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut summary = Sheet::new(
            c("an-grades"),
            vec![
                c("an-col-grade"),
                c("an-col-accounts"),
                c("an-col-account-share"),
                c("an-col-sales"),
                c("an-col-sales-share"),
            ],
        );
        for g in &self.grades {
            summary.rows.push(vec![
                Value::text(g.grade.code()),
                Value::Int(g.accounts as i64),
                Value::Percent(g.share_of_accounts),
                Value::Money(g.sales),
                Value::Percent(g.share_of_sales),
            ]);
        }
        summary.chart = Some(Chart {
            kind: ChartKind::Bars,
            title: c("an-chart-grades"),
            points: (0..summary.rows.len())
                .map(|i| ((Line::Row(i), 0), (Line::Row(i), 3)))
                .collect(),
        });
        summary.rows.push(vec![
            Value::text(c("an-total")),
            Value::Int(self.account_count as i64),
            Value::Percent(share(self.account_count as i64, self.account_count as i64)),
            Value::Money(self.total_sales),
            Value::Percent(share(self.total_sales.cents(), self.total_sales.cents())),
        ]);
        summary
    }

    pub fn accounts_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let rank_col = match self.rule {
            GradingRule::Percentile { .. } => c("an-col-percentile"),
            GradingRule::Pareto { .. } => c("an-col-cumulative"),
        };
        let mut accounts = Sheet::new(
            c("an-accounts"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-grade"),
                c("an-col-sales"),
                c("an-col-sales-share"),
                rank_col,
                c("an-col-computed"),
                c("an-col-manual"),
                c("an-col-industry"),
                c("an-col-owner"),
                c("an-col-products"),
            ],
        );
        let comma = t(lang, "list-separator");
        for r in window(&self.accounts, rows) {
            let products: Vec<&str> = r.products.iter().map(|p| &**p).collect();
            accounts.rows.push(vec![
                Value::text(&*r.code),
                Value::text(&*r.name),
                Value::text(Grading::shown(r)),
                Value::Money(r.sales),
                Value::Percent(r.share_of_sales),
                Value::Percent(Some(r.rank)),
                Value::text(r.computed.code()),
                Value::text(r.manual.map(|g| g.code()).unwrap_or("")),
                Value::text(r.industry.map(|i| i.label(lang)).unwrap_or_default()),
                Value::text(r.owner.as_deref().unwrap_or_default()),
                Value::text(products.join(&comma)),
            ]);
        }
        accounts
    }

    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![self.summary_sheet(lang), self.accounts_sheet(lang, ALL)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rules as the grading table applied them before `Ranking`: the sales best first,
    /// Pareto walking the groups of equal sales, percentile counting those selling less.
    fn by_walking(rule: GradingRule, sales: &[i64]) -> Vec<Grade> {
        let mut best_first: Vec<i64> = sales.to_vec();
        best_first.sort_unstable_by(|a, b| b.cmp(a));
        let total: i64 = sales.iter().sum();
        let n = sales.len() as u64;
        sales
            .iter()
            .map(|&s| match rule {
                GradingRule::Percentile { bands } => {
                    let below = sales.iter().filter(|v| **v < s).count() as u64;
                    let at_least = |b: u32| n <= 1 || below * 100 >= b as u64 * (n - 1);
                    let letters = [Grade::A, Grade::B, Grade::C, Grade::D];
                    match bands.iter().position(|b| at_least(*b)) {
                        _ if s <= 0 => Grade::E,
                        Some(i) => letters[i],
                        None => Grade::E,
                    }
                }
                GradingRule::Pareto { a, b } => {
                    let before: i64 = best_first.iter().take_while(|v| **v > s).sum();
                    if s <= 0 || total <= 0 {
                        Grade::C
                    } else if before as i128 * 100 < a as i128 * total as i128 {
                        Grade::A
                    } else if before as i128 * 100 < b as i128 * total as i128 {
                        Grade::B
                    } else {
                        Grade::C
                    }
                }
            })
            .collect()
    }

    proptest! {
        /// Sales with ties, nothing sold and returns above sales (negative), under both rules.
        #[test]
        fn ranking_grades_as_walking_the_sales_does(
            sales in proptest::collection::vec(prop_oneof![Just(0i64), Just(500), -50i64..2000], 0..40),
            pareto in any::<bool>(),
        ) {
            let rule = if pareto { GradingRule::PARETO } else { GradingRule::default() };
            let ranking = Ranking::new(rule, sales.clone());
            let got: Vec<Grade> = sales.iter().map(|s| ranking.computed(*s)).collect();
            prop_assert_eq!(got, by_walking(rule, &sales));
        }
    }
}
