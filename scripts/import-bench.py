#!/usr/bin/env python3
"""Writes a 100,000-row customer sheet in the source documents' layout (序号, 客户名称, 所属行业,
联系人姓名, 联系电话, 电子邮箱, …) for measuring `kam import`. Deterministic for a seed.

    python3 scripts/import-bench.py /tmp/100k.csv [rows]
    time cargo run --release -- --db /tmp/imp.db import /tmp/100k.csv
"""
import random, sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rnd = random.Random(1)
cores = [l.strip() for l in open("assets/demo/cn-company-cores.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
cities = ["北京市", "上海市", "深圳市", "杭州市", "成都市", "武汉市", "宁波市", "苏州市"]
industries = ["制造业", "批发和零售业", "信息传输、软件和信息技术服务业", "建筑业", "科技"]
surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
with open(out, "w", encoding="utf-8-sig", newline="") as f:
    f.write("序号,客户名称,所属行业,联系人姓名,联系电话,电子邮箱,客户类别,地址,年订货量\r\n")
    for i in range(1, rows + 1):
        city = rnd.choice(cities)
        name = f"{city[:-1]}{rnd.choice(cores)}{i}有限公司"
        person = rnd.choice(surnames) + rnd.choice(given) + rnd.choice(given)
        phone = f"1{rnd.choice('3589')}{rnd.randrange(10**9):09d}"
        cat = rnd.choice(["重要客户", "普通客户", "潜在客户", "key"])
        f.write(f"{i},{name},{rnd.choice(industries)},{person},{phone},u{i}@example.cn,{cat},{city}某路{i}号,{rnd.randrange(1, 500)}万\r\n")
