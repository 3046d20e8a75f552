#!/bin/sh
# `kam import` of a customer sheet into an empty book beside `sqlite3 .import` of the same file
# into a bare table (the floor: no checks, no history, no indexes): the import row of
# scripts/footprint.sh, which prints both times, their ratio (issue 15's target is ≤ 5×) and
# kam's peak memory (target ≤ 150 MB, flat). Needs a release build and sqlite3.
#
#     scripts/import-vs-sqlite.sh [rows] [runs]
exec env ROWS=import SHEET_ROWS="${1:-100000}" RUNS="${2:-3}" "$(dirname "$0")/footprint.sh"
