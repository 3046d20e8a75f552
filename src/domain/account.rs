//! The account (客户档案): one customer company, person or agency.

use super::codes::*;
use super::money::Money;
use super::record::{
    field, required_field, FieldKind, FieldKind::*, FieldSpec, Record, RecordKind,
};
use super::validate::{registration_no, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Account {
    pub id: i64,
    /// 客户编号, e.g. `C000123`; generated when left empty.
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub customer_type: Option<CustomerType>,
    /// 注册号 / 统一社会信用代码.
    pub registration_no: Option<String>,
    pub industry: Option<Industry>,
    pub industry_note: Option<String>,
    pub nature: Option<EnterpriseNature>,
    pub employees: Option<i64>,
    pub annual_revenue: Option<Money>,
    /// How size was assessed (评估方法/数据来源).
    pub size_source: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub street: Option<String>,
    /// Distance from our office (与公司之间的距离), km.
    pub distance_km: Option<f64>,
    /// 不宜拜访时间, free text shown when planning a visit.
    pub unsuitable_visit_times: Option<String>,
    pub category: Option<Category>,
    pub credit: Option<Credit>,
    /// A manual grade; the computed one comes from analytics.
    pub grade: Option<Grade>,
    pub status: Option<AccountStatus>,
    pub owner: Option<String>,
    pub source: Option<String>,
    pub cooperating_since: Option<NaiveDate>,
    pub business_policy: Option<BusinessPolicy>,
    pub business_state: Option<BusinessState>,
    pub location_type: Option<LocationType>,
    pub bank: Option<String>,
    pub bank_account: Option<String>,
    pub funds: Option<Funds>,
    pub payment_attitude: Option<PaymentAttitude>,
    /// 经销商档案 (`domain::dealer`): brands bought and their shares (进货对象).
    pub dealer_brands: Option<String>,
    /// Its stores and their shares of its sales (销售种类: ××门市××%).
    pub dealer_stores: Option<String>,
    pub dealer_sales_area: Option<SalesArea>,
    pub dealer_price_level: Option<PriceLevel>,
    /// 专营 (yes) or 兼营 (no); not known until asked.
    pub dealer_exclusive: Option<bool>,
    /// 公关现状: where the relationship stands (关系表).
    pub relationship_status: Option<String>,
    /// 前景分析: where it may go, and what it takes.
    pub relationship_outlook: Option<String>,
    /// A point set by hand (degrees): where the account is, when its 省/市/区 says too little
    /// or wrongly. Both or neither.
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    pub notes: Option<String>,
    /// Free tags (`domain::tags`), kept as typed once normalised: "vip, 老乡".
    pub tags: Option<String>,
    /// The team's own fields (`domain::custom_field`), by name.
    pub custom: Option<super::CustomValues>,
    /// Kept by the store (填表日期 / 最新修定时间 / 填表人).
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub created_by: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("name", Text),
    field("code", Text),
    field("short_name", Text),
    field("customer_type", Choice(CustomerType::CHOICES)),
    field("registration_no", Text),
    field("industry", Choice(Industry::CHOICES)),
    field("industry_note", Text),
    field("nature", Choice(EnterpriseNature::CHOICES)),
    field("employees", Integer),
    field("annual_revenue", FieldKind::Money),
    field("size_source", Text),
    field("province", Text),
    field("city", Text),
    field("district", Text),
    field("street", Text),
    field("distance_km", Number),
    field("unsuitable_visit_times", Text),
    field("category", Choice(Category::CHOICES)),
    field("credit", Choice(Credit::CHOICES)),
    field("grade", Choice(Grade::CHOICES)),
    field("status", Choice(AccountStatus::CHOICES)),
    field("owner", Text),
    field("source", Text),
    field("cooperating_since", Date),
    field("business_policy", Choice(BusinessPolicy::CHOICES)),
    field("business_state", Choice(BusinessState::CHOICES)),
    field("location_type", Choice(LocationType::CHOICES)),
    field("bank", Text),
    field("bank_account", Text),
    field("funds", Choice(Funds::CHOICES)),
    field("payment_attitude", Choice(PaymentAttitude::CHOICES)),
    field("dealer_brands", Text),
    field("dealer_stores", Text),
    field("dealer_sales_area", Choice(SalesArea::CHOICES)),
    field("dealer_price_level", Choice(PriceLevel::CHOICES)),
    field("dealer_exclusive", YesNo),
    field("relationship_status", LongText),
    field("relationship_outlook", LongText),
    field("place_lat", Number),
    field("place_lon", Number),
    field("notes", LongText),
    field("tags", Tags),
    field("custom", Json),
];

impl Account {
    pub fn new(name: &str) -> Self {
        Account {
            name: name.to_string(),
            ..Default::default()
        }
    }

    /// The name shown in lists: the short name when there is one.
    pub fn display_name(&self) -> &str {
        self.short_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.name)
    }

    /// 合作年限: whole years of cooperation as of `today`.
    pub fn years_cooperating(&self, today: NaiveDate) -> Option<u32> {
        self.cooperating_since.and_then(|d| today.years_since(d))
    }

    /// One line of where the account is, e.g. `广东省 深圳市 南山区`.
    pub fn region(&self) -> String {
        [&self.province, &self.city, &self.district]
            .iter()
            .filter_map(|p| p.as_deref())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Record for Account {
    const KIND: RecordKind = RecordKind::Account;
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }
    fn id(&self) -> i64 {
        self.id
    }
    fn set_id(&mut self, id: i64) {
        self.id = id;
    }
    fn account_id(&self) -> i64 {
        self.id
    }
    fn set_account_id(&mut self, id: i64) {
        self.id = id;
    }
    fn title(&self) -> String {
        format!("{} {}", self.code, self.name)
    }
    fn check(&self, invalid: &mut Invalid) {
        if let Some(r) = &self.registration_no {
            invalid.check("registration_no", registration_no(r));
        }
        if self.employees.is_some_and(|n| n < 0) {
            invalid.check("employees", Err(super::Problem::Negative));
        }
        if self.distance_km.is_some_and(|d| d < 0.0 || !d.is_finite()) {
            invalid.check("distance_km", Err(super::Problem::Negative));
        }
        // A point set by hand: on the earth, and whole (a latitude alone places nothing).
        let mut off_earth = false;
        for (key, value, max) in [
            ("place_lat", self.place_lat, 90),
            ("place_lon", self.place_lon, 180),
        ] {
            if let Some(v) = value.filter(|v| !v.is_finite() || v.abs() > max as f64) {
                off_earth = true;
                invalid.check(
                    key,
                    Err(super::Problem::Range {
                        min: -max,
                        max,
                        value: v as i64,
                    }),
                );
            }
        }
        match (self.place_lat, self.place_lon) {
            _ if off_earth => {}
            (Some(_), None) => invalid.check("place_lat", Err(super::Problem::HalfPoint)),
            (None, Some(_)) => invalid.check("place_lon", Err(super::Problem::HalfPoint)),
            _ => {}
        }
        for (key, shares) in [
            ("dealer_brands", &self.dealer_brands),
            ("dealer_stores", &self.dealer_stores),
        ] {
            if let Some(s) = shares {
                invalid.check(key, super::dealer::check_shares(s));
            }
        }
    }
}
