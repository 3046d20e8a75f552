//! Which field a column header means, in Chinese or English, with the synonyms of real
//! sheets (客户名称/公司名称/Company/Account Name …) and CRM exports ("Contact: Phone").

use crate::domain::{Account, Contact, Record};
use crate::i18n::{field_label, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Account(&'static str),
    Contact(&'static str),
    /// A contact's given name, joined with the family name (Salesforce, Outlook, phones).
    FirstName,
    LastName,
    /// 序号 / No.: the sheet's own row numbers, not data.
    RowNumber,
    /// Nothing: the values go to the account's notes.
    Unknown,
}

/// Lower case, without spaces, punctuation or a trailing "(…)" explanation.
pub fn normalise(header: &str) -> String {
    let h = crate::domain::validate::normalize_width(header).to_lowercase();
    let h = match h.find(['(', '（']) {
        Some(i) if i > 0 => h[..i].to_string(),
        _ => h,
    };
    h.chars().filter(|c| c.is_alphanumeric()).collect()
}

const ACCOUNT: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "客户名称",
            "公司名称",
            "单位名称",
            "企业名称",
            "客户全称",
            "公司",
            "客户",
            "company",
            "companyname",
            "account",
            "accountname",
            "organization",
            "organisation",
            "org",
        ],
    ),
    ("short_name", &["简称", "客户简称", "公司简称", "shortname"]),
    (
        "code",
        &[
            "客户编号",
            "客户代码",
            "客户编码",
            "accountcode",
            "accountnumber",
            "customerno",
            "customernumber",
        ],
    ),
    (
        "registration_no",
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "营业执照号",
            "注册号",
            "税号",
            "registrationno",
            "registrationnumber",
            "creditcode",
            "uscc",
        ],
    ),
    ("customer_type", &["客户类型", "customertype"]),
    ("industry", &["所属行业", "行业", "industry"]),
    ("nature", &["企业性质", "公司性质", "性质", "ownership"]),
    (
        "employees",
        &[
            "人数",
            "员工人数",
            "员工数",
            "employees",
            "numberofemployees",
        ],
    ),
    (
        "annual_revenue",
        &["年收入", "年营业额", "年销售额", "annualrevenue", "revenue"],
    ),
    (
        "province",
        &[
            "省",
            "省份",
            "所在省份",
            "province",
            "state",
            "billingstate",
        ],
    ),
    ("city", &["市", "城市", "所在城市", "city", "billingcity"]),
    ("district", &["区", "区县", "县区", "district", "county"]),
    (
        "street",
        &[
            "地址",
            "详细地址",
            "街道地址",
            "通讯地址",
            "公司地址",
            "address",
            "street",
            "billingstreet",
        ],
    ),
    ("category", &["客户类别", "客户分类", "category"]),
    (
        "credit",
        &[
            "客户信誉",
            "信誉",
            "信用等级",
            "信誉等级",
            "credit",
            "creditrating",
        ],
    ),
    ("grade", &["客户等级", "等级", "grade"]),
    ("status", &["客户状态", "状态", "status"]),
    (
        "owner",
        &[
            "负责人",
            "业务员",
            "销售代表",
            "客户经理",
            "跟进人",
            "owner",
            "accountowner",
            "salesrep",
        ],
    ),
    (
        "source",
        &["客户来源", "来源", "source", "leadsource", "accountsource"],
    ),
    (
        "cooperating_since",
        &["合作开始日期", "合作起始日期", "开始合作", "customersince"],
    ),
    ("bank", &["开户行", "开户银行", "bank"]),
    (
        "bank_account",
        &["银行账号", "银行帐号", "账号", "bankaccount"],
    ),
    (
        "notes",
        &[
            "备注",
            "说明",
            "notes",
            "note",
            "description",
            "remarks",
            "comments",
        ],
    ),
];

const CONTACT: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "联系人",
            "联系人姓名",
            "姓名",
            "联系人名称",
            "contact",
            "contactname",
            "fullname",
            "name",
        ],
    ),
    (
        "title",
        &["职务", "职位", "头衔", "title", "jobtitle", "position"],
    ),
    ("department", &["部门", "department"]),
    ("gender", &["性别", "gender", "sex"]),
    (
        "mobile",
        &[
            "手机",
            "手机号",
            "手机号码",
            "移动电话",
            "mobile",
            "mobilephone",
            "cell",
            "cellphone",
        ],
    ),
    (
        "office_phone",
        &[
            "联系电话",
            "电话",
            "办公电话",
            "固定电话",
            "座机",
            "phone",
            "phone1",
            "officephone",
            "workphone",
            "businessphone",
            "telephone",
            "tel",
        ],
    ),
    (
        "home_phone",
        &["家庭电话", "住宅电话", "homephone", "phone2"],
    ),
    (
        "email",
        &[
            "邮箱",
            "电子邮箱",
            "电子邮件",
            "email",
            "mail",
            "emailaddress",
            "email1",
        ],
    ),
    ("qq", &["qq", "qq号"]),
    ("wechat", &["微信", "微信号", "wechat", "weixin"]),
    (
        "birthday",
        &["生日", "出生日期", "birthday", "birthdate", "dateofbirth"],
    ),
];

fn find(table: &[(&'static str, &[&str])], h: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(key, _)| *key)
}

/// The field's own key or label in either language ("registration_no", "统一社会信用代码").
fn by_label<R: Record>(table: &str, h: &str) -> Option<&'static str> {
    R::KIND.fields().iter().map(|f| f.key).find(|key| {
        normalise(key) == h
            || normalise(&field_label(Lang::Zh, table, key)) == h
            || normalise(&field_label(Lang::En, table, key)) == h
    })
}

/// What a header means. A "Account: …" or "Contact: …" prefix (Salesforce reports) says
/// which record the rest names.
pub fn recognise(header: &str) -> Target {
    let raw = header.trim();
    let (hint, rest) = match raw.split_once(':').or_else(|| raw.split_once('：')) {
        Some((p, r)) => match normalise(p).as_str() {
            "account" | "客户" | "公司" => (Some(true), r),
            "contact" | "联系人" => (Some(false), r),
            _ => (None, raw),
        },
        None => (None, raw),
    };
    let h = normalise(rest);
    if h.is_empty() {
        return Target::Unknown;
    }
    if hint.is_none() && ["序号", "no", "number", "行号", "编号"].contains(&h.as_str()) {
        return Target::RowNumber;
    }
    if hint != Some(true) {
        match h.as_str() {
            "firstname" | "givenname" | "名" => return Target::FirstName,
            "lastname" | "surname" | "familyname" | "姓" => return Target::LastName,
            _ => {}
        }
    }
    let account = || find(ACCOUNT, &h).or_else(|| by_label::<Account>("accounts", &h));
    let contact = || find(CONTACT, &h).or_else(|| by_label::<Contact>("contacts", &h));
    match hint {
        Some(true) if h == "name" || h == "accountname" => Target::Account("name"),
        Some(true) => account().map_or(Target::Unknown, Target::Account),
        Some(false) => contact().map_or(Target::Unknown, Target::Contact),
        // Without a prefix, a contact word wins only where the account has no such field
        // (电话, 邮箱); 名称-like words are the account's.
        None => match (find(ACCOUNT, &h), find(CONTACT, &h)) {
            (Some(a), _) => Target::Account(a),
            (None, Some(c)) => Target::Contact(c),
            (None, None) => account()
                .map(Target::Account)
                .or_else(|| contact().map(Target::Contact))
                .unwrap_or(Target::Unknown),
        },
    }
}

/// `--map "客户=name,手机=contact.mobile,编号=-"`: the header, then an account field, a
/// `contact.` field, `contact.first_name`/`contact.last_name`, or `-` to skip the column.
pub fn parse_map(spec: &str) -> anyhow::Result<Vec<(String, Target)>> {
    let mut out = vec![];
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((header, field)) = part.rsplit_once('=') else {
            anyhow::bail!("--map {part:?}: write it as Header=field");
        };
        let field = field.trim();
        let target = if field == "-" {
            Target::RowNumber
        } else if let Some(c) = field.strip_prefix("contact.") {
            match c {
                "first_name" => Target::FirstName,
                "last_name" => Target::LastName,
                _ => Contact::fields()
                    .iter()
                    .find(|f| f.key == c && f.key != "dossier")
                    .map(|f| Target::Contact(f.key))
                    .ok_or_else(|| {
                        anyhow::anyhow!("--map {part:?}: contacts have no field {c:?}")
                    })?,
            }
        } else {
            Account::fields()
                .iter()
                .find(|f| f.key == field)
                .map(|f| Target::Account(f.key))
                .ok_or_else(|| {
                    anyhow::anyhow!("--map {part:?}: accounts have no field {field:?} (contact fields are written contact.mobile)")
                })?
        };
        out.push((header.trim().to_string(), target));
    }
    Ok(out)
}
