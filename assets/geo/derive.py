#!/usr/bin/env python3
"""Derives kam's place lists from the source data (see README.md).

usage: python3 derive.py /path/to/shared/data
Writes cn-places.txt and world-cities.txt next to this script. Deterministic.

cn-places.txt: "P|C|D code longitude latitude" for each division of ../demo/cn-divisions.txt
  (the names kam already knows) that cpca's adcodes.csv places; a division it does not place
  is left out (kam then places the account at its city, or its province).
world-cities.txt: "name|country|admin1|latitude|longitude|population" for the cities of over
  15,000 people outside mainland China (Chinese accounts are placed by their divisions).
"""
import csv, os, sys

data = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))

coords = {}
with open(os.path.join(data, "geo", "cn-district-coordinates.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if not row["longitude"] or not row["latitude"]:
            continue
        code = row["adcode"][:6]
        key = code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code
        coords.setdefault(key, (float(row["longitude"]), float(row["latitude"])))

out = []
with open(os.path.join(here, "..", "demo", "cn-divisions.txt"), encoding="utf-8") as f:
    for line in f:
        kind, code, _name = line.rstrip("\n").split(" ", 2)
        if code in coords:
            lon, lat = coords[code]
            out.append(f"{kind} {code} {lon:.4f} {lat:.4f}")
with open(os.path.join(here, "cn-places.txt"), "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(out) + "\n")

rows = []
with open(os.path.join(data, "geo", "world-cities-15000.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["country"] in ("CN", "country") or not row["population"].isdigit():
            continue
        rows.append((row["name"], row["country"], row["admin1"], float(row["latitude"]),
                     float(row["longitude"]), int(row["population"])))
rows.sort(key=lambda r: (r[0].lower(), -r[5]))
with open(os.path.join(here, "world-cities.txt"), "w", encoding="utf-8", newline="\n") as f:
    for name, cc, a1, lat, lon, pop in rows:
        f.write(f"{name}|{cc}|{a1}|{lat:.4f}|{lon:.4f}|{pop}\n")
