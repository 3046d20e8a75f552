#!/bin/sh
# `kam import` of a 100,000-row customer sheet into an empty book, whole process, side by side
# with `sqlite3 .import` of the same file into a bare table (the floor: no checks, no history,
# no indexes), with farm-bench --vs: prints both and the ratio kam/sqlite3 (issue 15's target
# is ≤ 5×) and kam's peak memory (target ≤ 150 MB). Needs a release build and sqlite3.
#
#     scripts/import-vs-sqlite.sh [rows] [runs]
set -eu
rows=${1:-100000}
runs=${2:-3}
dir=$(mktemp -d /tmp/kam-import-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
kam=${KAM:-target/release/kam}
python3 scripts/import-bench.py "$dir/sheet.csv" "$rows"
echo "sheet: $rows rows, $(wc -c < "$dir/sheet.csv") bytes"
farm-bench -n "$runs" --timeout 3000 \
    --vs "sh -c 'rm -f $dir/bare.db; exec sqlite3 $dir/bare.db \".import --csv $dir/sheet.csv customers\"'" -- \
    sh -c "rm -f $dir/book.db $dir/book.db-*; exec $kam --db $dir/book.db import $dir/sheet.csv --rejected $dir/rejected.csv >/dev/null"
