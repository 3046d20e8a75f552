#!/usr/bin/env python3
"""Derives the compact demo lists from the source data (see README.md).

usage: python3 derive.py /path/to/shared/data
Writes cn-company-cores.txt and cn-divisions.txt next to this script. Deterministic.
"""
import csv, os, re, sys

data = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))

# --- company cores: clean 2-4 Han character short names, a few thousand of them ---
src = os.path.join(data, "cn-company-short-names", "Company-Shorter-Form-28W.txt")
with open(src, encoding="utf-8-sig", newline="") as f:
    lines = f.read().split("\r\n")[3:]  # 3 header lines
han = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# Words that make a core read like an industry, a place or an institution, which the
# generator adds itself (or which would be odd in a company name).
bad_parts = [
    "公司", "集团", "有限", "股份", "科技", "实业", "贸易", "商贸", "大学", "学院", "学校",
    "医院", "银行", "中国", "国际", "中心", "工业", "网", "店", "馆", "院", "校", "厂",
    "局", "所", "部", "省", "市", "区", "县", "镇", "村", "路", "街", "社", "会", "党",
    "军", "警", "政", "法", "佛", "神", "鬼", "死", "病", "毒", "赌", "色", "妈", "宝宝",
    "酒", "烟", "药", "枪", "性", "屎", "尿", "屁", "傻", "笨", "骚", "奶", "粉", "胸",
]
provinces = []
with open(os.path.join(data, "china-admin-divisions", "provinces.csv"), encoding="utf-8") as f:
    provinces = [r[1] for r in list(csv.reader(f))[1:]]
place_starts = {p[:2] for p in provinces} | {"北京", "上海", "天津", "重庆", "深圳", "广州"}
clean = []
seen = set()
for w in lines:
    w = w.strip()
    if not han.match(w) or w in seen:
        continue
    if any(b in w for b in bad_parts) or w[:2] in place_starts:
        continue
    if len(set(w)) < len(w):  # 嘻嘻, 点点: reads like a shop, not a company
        continue
    seen.add(w)
    clean.append(w)
# Mostly 2-3 characters, as real 字号 are; every n-th entry keeps the spread of the file.
short = [w for w in clean if len(w) <= 3]
longer = [w for w in clean if len(w) == 4]
pick = short[:: max(1, len(short) // 3600)][:3600] + longer[:: max(1, len(longer) // 400)][:400]
with open(os.path.join(here, "cn-company-cores.txt"), "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(pick) + "\n")

# --- divisions: "P|C|D code name" per line: province > city > district, in tree order ---
def rows(name):
    with open(os.path.join(data, "china-admin-divisions", name), encoding="utf-8") as f:
        return list(csv.reader(f))[1:]

prov = rows("provinces.csv")
cities = rows("cities.csv")
areas = rows("areas.csv")
pname = {c: n for c, n in prov}
out = []
for pc, pn in prov:
    out.append(f"P {pc} {pn}")
    for cc, cn, cpc in cities:
        if cpc != pc:
            continue
        sub = [(ac, an) for ac, an, acc, _ in areas if acc == cc]
        if cn == "市辖区":  # a municipality: the city is the province
            out.append(f"C {cc} {pn}")
            out.extend(f"D {ac} {an}" for ac, an in sub)
        elif cn.endswith("直辖县级行政区划"):  # county-level cities directly under the province
            for ac, an in sub:
                out.append(f"C {ac} {an}")
        else:
            out.append(f"C {cc} {cn}")
            out.extend(f"D {ac} {an}" for ac, an in sub)
with open(os.path.join(here, "cn-divisions.txt"), "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(out) + "\n")
