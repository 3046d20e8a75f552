//! Word lists: the derived data files in `assets/demo/` (real Chinese company short names and
//! administrative divisions, see its README) and the hand-written lists of names.

use pinyin::ToPinyin;

const CORES: &str = include_str!("../../assets/demo/cn-company-cores.txt");
const DIVISIONS: &str = include_str!("../../assets/demo/cn-divisions.txt");

/// A company's 字号 (the core of its name), with its pinyin for domains and emails.
#[derive(Debug, Clone)]
pub struct Core {
    pub name: &'static str,
    pub pinyin: String,
}

#[derive(Debug, Clone)]
pub struct District {
    pub code: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Clone)]
pub struct City {
    pub code: &'static str,
    pub name: &'static str,
    pub districts: Vec<District>,
    pub weight: u32,
}

#[derive(Debug, Clone)]
pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
    pub cities: Vec<City>,
    pub city_weights: Vec<u32>,
}

pub struct Vocab {
    pub cores: Vec<Core>,
    pub provinces: Vec<Province>,
    pub province_weights: Vec<u32>,
}

/// Plain ASCII pinyin of Han text (ü as v); other characters are dropped.
pub fn pinyin_of(text: &str) -> String {
    let mut out = String::new();
    for p in text.to_pinyin().flatten() {
        out.push_str(&p.plain().replace('ü', "v"));
    }
    out.retain(|c| c.is_ascii_alphanumeric());
    out
}

/// Relative weight of a province by economic size (accounts cluster where business is).
fn province_weight(code: &str) -> u32 {
    match code {
        "44" => 14,
        "32" => 11,
        "33" => 9,
        "31" | "11" | "37" => 8,
        "41" | "51" | "42" | "35" => 5,
        "43" | "34" => 4,
        "12" | "50" | "13" | "61" | "36" | "21" => 3,
        "45" | "53" | "52" | "14" | "23" => 2,
        _ => 1,
    }
}

/// Relative weight of a city within its province: capitals and big commercial cities first.
fn city_weight(code: &str, first: bool) -> u32 {
    match code {
        "4403" | "4401" => 8,
        "3205" => 5,
        "3302" | "3702" | "3502" | "4419" | "4406" => 4,
        "3202" | "2102" | "4413" | "3301" | "3201" => 4,
        _ if first => 4,
        _ => 1,
    }
}

/// The long-distance area code of a city for office phones (a fixed made-up one off the list).
pub fn area_code(city_code: &str) -> String {
    let known = match &city_code[..4.min(city_code.len())] {
        "1101" => "010",
        "1201" => "022",
        "3101" => "021",
        "5001" => "023",
        "4401" => "020",
        "4403" => "0755",
        "4406" => "0757",
        "4419" => "0769",
        "4413" => "0752",
        "3301" => "0571",
        "3302" => "0574",
        "3201" => "025",
        "3205" => "0512",
        "3202" => "0510",
        "4201" => "027",
        "5101" => "028",
        "6101" => "029",
        "2101" => "024",
        "2102" => "0411",
        "3701" => "0531",
        "3702" => "0532",
        "3501" => "0591",
        "3502" => "0592",
        "4301" => "0731",
        "4101" => "0371",
        "3401" => "0551",
        "1301" => "0311",
        "1401" => "0351",
        "3601" => "0791",
        "5301" => "0871",
        "5201" => "0851",
        "4501" => "0771",
        "2201" => "0431",
        "2301" => "0451",
        "6201" => "0931",
        "6501" => "0991",
        "4601" => "0898",
        "1501" => "0471",
        "6401" => "0951",
        "6301" => "0971",
        "5401" => "0891",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let n: u32 = city_code
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("0{}", 310 + n % 600)
}

impl Vocab {
    pub fn load() -> Vocab {
        let cores = CORES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|name| Core {
                name,
                pinyin: pinyin_of(name),
            })
            .filter(|c| c.pinyin.len() >= 2)
            .collect();
        let mut provinces: Vec<Province> = vec![];
        for line in DIVISIONS.lines() {
            let mut parts = line.splitn(3, ' ');
            let (Some(level), Some(code), Some(name)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            match level {
                "P" => provinces.push(Province {
                    code,
                    name,
                    cities: vec![],
                    city_weights: vec![],
                }),
                "C" => {
                    if let Some(p) = provinces.last_mut() {
                        let first = p.cities.is_empty();
                        p.cities.push(City {
                            code,
                            name,
                            districts: vec![],
                            weight: city_weight(code, first),
                        });
                    }
                }
                "D" => {
                    if let Some(c) = provinces.last_mut().and_then(|p| p.cities.last_mut()) {
                        c.districts.push(District { code, name });
                    }
                }
                _ => {}
            }
        }
        provinces.retain(|p| !p.cities.is_empty());
        for p in &mut provinces {
            p.city_weights = p.cities.iter().map(|c| c.weight).collect();
        }
        let province_weights = provinces.iter().map(|p| province_weight(p.code)).collect();
        Vocab {
            cores,
            provinces,
            province_weights,
        }
    }
}

/// Common surnames with their surname reading (曾 zeng, 单 shan, 解 xie, 区 ou, 查 zha,
/// 仇 qiu are read differently as surnames) and a relative frequency.
pub const CN_SURNAMES: &[(&str, &str, u32)] = &[
    ("王", "wang", 72),
    ("李", "li", 70),
    ("张", "zhang", 68),
    ("刘", "liu", 54),
    ("陈", "chen", 46),
    ("杨", "yang", 33),
    ("黄", "huang", 24),
    ("赵", "zhao", 20),
    ("吴", "wu", 19),
    ("周", "zhou", 19),
    ("徐", "xu", 15),
    ("孙", "sun", 14),
    ("马", "ma", 13),
    ("朱", "zhu", 13),
    ("胡", "hu", 12),
    ("郭", "guo", 11),
    ("何", "he", 11),
    ("高", "gao", 10),
    ("林", "lin", 10),
    ("罗", "luo", 10),
    ("郑", "zheng", 9),
    ("梁", "liang", 9),
    ("谢", "xie", 8),
    ("宋", "song", 8),
    ("唐", "tang", 8),
    ("许", "xu", 7),
    ("韩", "han", 7),
    ("冯", "feng", 7),
    ("邓", "deng", 7),
    ("曹", "cao", 7),
    ("彭", "peng", 6),
    ("曾", "zeng", 6),
    ("肖", "xiao", 6),
    ("田", "tian", 6),
    ("董", "dong", 6),
    ("袁", "yuan", 5),
    ("潘", "pan", 5),
    ("于", "yu", 5),
    ("蒋", "jiang", 5),
    ("蔡", "cai", 5),
    ("余", "yu", 5),
    ("杜", "du", 5),
    ("叶", "ye", 5),
    ("程", "cheng", 5),
    ("苏", "su", 4),
    ("魏", "wei", 4),
    ("吕", "lv", 4),
    ("丁", "ding", 4),
    ("任", "ren", 4),
    ("沈", "shen", 4),
    ("姚", "yao", 4),
    ("卢", "lu", 4),
    ("姜", "jiang", 4),
    ("崔", "cui", 4),
    ("钟", "zhong", 4),
    ("谭", "tan", 3),
    ("陆", "lu", 3),
    ("汪", "wang", 3),
    ("范", "fan", 3),
    ("金", "jin", 3),
    ("石", "shi", 3),
    ("廖", "liao", 3),
    ("贾", "jia", 3),
    ("夏", "xia", 3),
    ("韦", "wei", 3),
    ("付", "fu", 3),
    ("方", "fang", 3),
    ("白", "bai", 3),
    ("邹", "zou", 3),
    ("孟", "meng", 3),
    ("熊", "xiong", 3),
    ("秦", "qin", 3),
    ("邱", "qiu", 3),
    ("江", "jiang", 3),
    ("尹", "yin", 3),
    ("薛", "xue", 2),
    ("闫", "yan", 2),
    ("段", "duan", 2),
    ("雷", "lei", 2),
    ("侯", "hou", 2),
    ("龙", "long", 2),
    ("史", "shi", 2),
    ("陶", "tao", 2),
    ("黎", "li", 2),
    ("贺", "he", 2),
    ("顾", "gu", 2),
    ("毛", "mao", 2),
    ("郝", "hao", 2),
    ("龚", "gong", 2),
    ("邵", "shao", 2),
    ("万", "wan", 2),
    ("钱", "qian", 2),
    ("严", "yan", 2),
    ("覃", "qin", 2),
    ("武", "wu", 2),
    ("戴", "dai", 2),
    ("莫", "mo", 2),
    ("孔", "kong", 2),
    ("向", "xiang", 2),
    ("汤", "tang", 2),
    ("单", "shan", 1),
    ("解", "xie", 1),
    ("区", "ou", 1),
    ("查", "zha", 1),
    ("仇", "qiu", 1),
    ("欧阳", "ouyang", 1),
    ("司马", "sima", 1),
    ("上官", "shangguan", 1),
    ("诸葛", "zhuge", 1),
];

pub const CN_GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建国",
    "志强", "文", "博", "晨", "昊", "天", "然", "子豪", "思远", "海", "峰", "亮", "成", "东", "国",
    "振", "家",
];

pub const CN_GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "燕", "玲", "桂", "丹", "萍", "红", "婷",
    "雪", "琳", "晶", "妍", "倩", "颖", "慧", "欣", "怡", "佳", "悦", "瑶", "梦", "雨", "思", "诗",
    "雅", "琪", "婉", "清", "月", "兰", "梅", "莉", "晓", "春", "秋", "文", "美", "玉", "凤", "洁",
];

pub const EN_FIRST_MALE: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Daniel",
    "Matthew", "Andrew", "Mark", "Paul", "Steven", "Kevin", "Brian", "George", "Edward", "Oliver",
    "Harry", "Jack", "Charlie", "Samuel", "Henry", "Benjamin", "Lucas", "Nathan", "Ryan", "Adam",
    "Peter", "Simon", "Graham", "Ian", "Stuart", "Owen", "Ethan", "Gareth", "Neil",
];

pub const EN_FIRST_FEMALE: &[&str] = &[
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Emily",
    "Emma",
    "Olivia",
    "Sophie",
    "Charlotte",
    "Amelia",
    "Grace",
    "Hannah",
    "Laura",
    "Rachel",
    "Rebecca",
    "Megan",
    "Lucy",
    "Chloe",
    "Alice",
    "Helen",
    "Claire",
    "Natalie",
    "Victoria",
    "Fiona",
    "Kate",
    "Anna",
    "Julia",
    "Nicole",
    "Rosie",
    "Zoe",
    "Amy",
    "Isabel",
];

pub const EN_LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Reed",
    "Bailey",
    "Bell",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "Hughes",
    "Price",
    "Sanders",
    "Hartley",
    "Fletcher",
    "Holloway",
    "Pemberton",
    "Ashworth",
    "Whitaker",
    "Lambert",
    "Fraser",
];

/// First words of English company names.
pub const EN_COMPANY_WORDS: &[&str] = &[
    "Northwind",
    "Acme",
    "Blue Harbor",
    "Summit",
    "Pinecrest",
    "Redwood",
    "Silver Oak",
    "Ironbridge",
    "Brightwater",
    "Granite",
    "Harbor Point",
    "Lakeside",
    "Meridian",
    "Oakridge",
    "Crescent",
    "Evergreen",
    "Falcon",
    "Keystone",
    "Liberty",
    "Maple Leaf",
    "Orion",
    "Pioneer",
    "Riverside",
    "Sterling",
    "Trinity",
    "Vanguard",
    "Westfield",
    "Whitmore",
    "Ashford",
    "Beacon",
    "Cedar",
    "Clearwater",
    "Coastal",
    "Copperfield",
    "Crown",
    "Dover",
    "Eastgate",
    "Fairview",
    "Foxglove",
    "Glenwood",
    "Hawthorne",
    "Highland",
    "Juniper",
    "Kingsley",
    "Larkspur",
    "Lighthouse",
    "Marlow",
    "Northgate",
    "Paragon",
    "Quarry",
    "Ridgeway",
    "Rosewood",
    "Saxon",
    "Stonebridge",
    "Thornbury",
    "Tidewater",
    "Union",
    "Wexford",
    "Windmill",
    "Atlas",
    "Bluebird",
    "Cobalt",
    "Delta",
    "Emerald",
    "Frontier",
    "Golden Gate",
    "Harvest",
    "Horizon",
    "Ivy Lane",
    "Lionheart",
    "Millstone",
    "Nova",
    "Oakwood",
    "Pacific",
    "Prairie",
    "Quantum",
    "Regent",
    "Sapphire",
    "Seaview",
    "Sunrise",
    "Tamarack",
    "Twin Rivers",
    "Valley",
    "Wildflower",
];

/// US and UK cities with their state or country and how a local phone number starts.
pub struct EnCity {
    pub city: &'static str,
    pub region: &'static str,
    pub uk: bool,
    /// Area code (US) or dialling code without the 0 (UK).
    pub code: &'static str,
    pub streets: &'static [&'static str],
}

pub const EN_CITIES: &[EnCity] = &[
    EnCity {
        city: "New York",
        region: "New York",
        uk: false,
        code: "212",
        streets: &[
            "Broadway",
            "Madison Avenue",
            "Park Avenue South",
            "West 34th Street",
        ],
    },
    EnCity {
        city: "San Francisco",
        region: "California",
        uk: false,
        code: "415",
        streets: &[
            "Market Street",
            "Mission Street",
            "Howard Street",
            "Battery Street",
        ],
    },
    EnCity {
        city: "Los Angeles",
        region: "California",
        uk: false,
        code: "213",
        streets: &["Wilshire Boulevard", "Figueroa Street", "Sunset Boulevard"],
    },
    EnCity {
        city: "Chicago",
        region: "Illinois",
        uk: false,
        code: "312",
        streets: &["Michigan Avenue", "Wacker Drive", "LaSalle Street"],
    },
    EnCity {
        city: "Seattle",
        region: "Washington",
        uk: false,
        code: "206",
        streets: &["Pine Street", "Westlake Avenue", "1st Avenue"],
    },
    EnCity {
        city: "Boston",
        region: "Massachusetts",
        uk: false,
        code: "617",
        streets: &["Boylston Street", "Atlantic Avenue", "Summer Street"],
    },
    EnCity {
        city: "Austin",
        region: "Texas",
        uk: false,
        code: "512",
        streets: &["Congress Avenue", "Lamar Boulevard", "6th Street"],
    },
    EnCity {
        city: "Houston",
        region: "Texas",
        uk: false,
        code: "713",
        streets: &["Westheimer Road", "Louisiana Street", "Main Street"],
    },
    EnCity {
        city: "Denver",
        region: "Colorado",
        uk: false,
        code: "303",
        streets: &["17th Street", "Larimer Street", "Colfax Avenue"],
    },
    EnCity {
        city: "Atlanta",
        region: "Georgia",
        uk: false,
        code: "404",
        streets: &["Peachtree Street", "Spring Street", "North Avenue"],
    },
    EnCity {
        city: "Portland",
        region: "Oregon",
        uk: false,
        code: "503",
        streets: &["Burnside Street", "Morrison Street", "Broadway"],
    },
    EnCity {
        city: "Minneapolis",
        region: "Minnesota",
        uk: false,
        code: "612",
        streets: &["Nicollet Mall", "Hennepin Avenue", "Washington Avenue"],
    },
    EnCity {
        city: "London",
        region: "England",
        uk: true,
        code: "20",
        streets: &[
            "Old Street",
            "Borough High Street",
            "Farringdon Road",
            "King's Road",
        ],
    },
    EnCity {
        city: "Manchester",
        region: "England",
        uk: true,
        code: "161",
        streets: &["Deansgate", "Oxford Road", "Portland Street"],
    },
    EnCity {
        city: "Birmingham",
        region: "England",
        uk: true,
        code: "121",
        streets: &["Broad Street", "Colmore Row", "Corporation Street"],
    },
    EnCity {
        city: "Leeds",
        region: "England",
        uk: true,
        code: "113",
        streets: &["The Headrow", "Wellington Street", "Kirkstall Road"],
    },
    EnCity {
        city: "Bristol",
        region: "England",
        uk: true,
        code: "117",
        streets: &["Temple Way", "Whiteladies Road", "Victoria Street"],
    },
    EnCity {
        city: "Edinburgh",
        region: "Scotland",
        uk: true,
        code: "131",
        streets: &["Princes Street", "George Street", "Leith Walk"],
    },
    EnCity {
        city: "Glasgow",
        region: "Scotland",
        uk: true,
        code: "141",
        streets: &["Buchanan Street", "Sauchiehall Street", "Argyle Street"],
    },
    EnCity {
        city: "Cardiff",
        region: "Wales",
        uk: true,
        code: "29",
        streets: &["Queen Street", "Newport Road", "Cathedral Road"],
    },
    EnCity {
        city: "Belfast",
        region: "Northern Ireland",
        uk: true,
        code: "28",
        streets: &["Donegall Place", "Ormeau Road", "Great Victoria Street"],
    },
];

/// Streets of Chinese addresses (a road name, to which 路/大道/街 is already attached).
pub const CN_STREETS: &[&str] = &[
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平路",
    "新华路",
    "长江路",
    "黄河路",
    "科技园南路",
    "高新大道",
    "工业大道",
    "滨江路",
    "体育西路",
    "文化路",
    "学院路",
    "光明街",
    "朝阳路",
    "迎宾大道",
    "东风路",
    "金融街",
    "创业路",
    "世纪大道",
    "南京路",
    "延安路",
    "青年路",
    "花园路",
    "胜利街",
    "振兴路",
    "发展大道",
    "沿江大道",
    "环城北路",
    "幸福路",
    "桃园路",
    "湖滨路",
    "开发区大道",
];

/// Our sales team (owners and companions), per language.
pub const CN_SALES: &[&str] = &["王磊", "李娜", "陈静", "刘洋", "赵敏", "周建华"];
pub const EN_SALES: &[&str] = &[
    "Emma Clarke",
    "James Porter",
    "Olivia Reed",
    "Daniel Hughes",
    "Sophie Turner",
];
/// Service engineers who handle service records and complaints.
pub const CN_ENGINEERS: &[&str] = &["孙工", "吴工", "郑师傅", "马工", "客服部 何静"];
pub const EN_ENGINEERS: &[&str] = &[
    "Tom Baxter (field service)",
    "Priya Shah (support)",
    "Liam Walsh",
    "Support desk",
];
