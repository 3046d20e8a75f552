#!/usr/bin/env bash
# `kam search` against `fzf --filter` on the same accounts, each as a whole process, side by
# side in one run; prints each query's times and the ratio. Not run by CI.
#
#   scripts/search-vs-fzf.sh DB [QUERY...]
#
# DB is a kam database, not encrypted (e.g. the book `kam bench` makes: /tmp/kam-bench.db).
# fzf reads one line per live account holding everything kam's finder searches: code, name,
# short name, and of every live contact the name, each phone as typed and the e-mail
# (read with the sqlite3 command), written once to a temporary file; so both tools search
# the same text and a comparison of their speed is fair. How often each puts the account
# meant first: `kam bench --relevance`. fzf is looked up on PATH; when it is missing the
# script tries `apt-get install fzf` (as root, or with sudo), else says so and stops.
# KAM (default: target/release/kam) picks the binary.
set -euo pipefail

db=${1:?usage: scripts/search-vs-fzf.sh DB [QUERY...]}
shift
kam=${KAM:-$(dirname "$0")/../target/release/kam}
[ -x "$kam" ] || { echo "no kam binary at $kam; run cargo build --release" >&2; exit 1; }

if ! command -v fzf >/dev/null; then
  echo "fzf is not installed; trying apt-get install fzf" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq fzf >/dev/null || true
  elif command -v sudo >/dev/null; then sudo apt-get install -y -qq fzf >/dev/null || true
  fi
fi
command -v fzf >/dev/null || { echo "fzf is missing and could not be installed: install fzf and run again" >&2; exit 2; }

queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(zs 张伟 "138 0013" smith C099 hwjs 科技 wang 李 jx)

command -v sqlite3 >/dev/null || { echo "the sqlite3 command is missing (apt-get install sqlite3)" >&2; exit 2; }

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
sqlite3 -readonly "$db" "
  SELECT a.code || ' ' || a.name || ' ' || coalesce(a.short_name, '') || ' ' || coalesce((
    SELECT group_concat(c.name || ' ' || coalesce(c.mobile, '') || ' ' || coalesce(c.office_phone, '')
             || ' ' || coalesce(c.home_phone, '') || ' ' || coalesce(c.email, ''), ' ')
    FROM contacts c WHERE c.account_id = a.id AND c.deleted_at IS NULL), '')
  FROM accounts a WHERE a.deleted_at IS NULL ORDER BY a.id" | tr '\t' ' ' >"$lines"
echo "$(wc -l <"$lines") account lines; $(fzf --version | cut -d' ' -f1) ; $(nproc) cores"

# Wall time of a command in ms (the best of 3 runs, both tools alike).
ms() {
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    local d=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
  done
  echo "$best"
}

printf '%-12s %10s %10s %8s\n' query "kam ms" "fzf ms" ratio
tk=0; tf=0
for q in "${queries[@]}"; do
  k=$(ms "$kam" --db "$db" search "$q" --limit 20)
  f=$(ms sh -c 'fzf --filter "$1" <"$2" | head -n 20' _ "$q" "$lines")
  tk=$((tk + k)); tf=$((tf + f))
  printf '%-12s %10d %10d %8.2f\n' "$q" "$k" "$f" "$(echo "$k / $f" | bc -l)"
done
printf '%-12s %10d %10d %8.2f   (target: ≤ 0.50)\n' total "$tk" "$tf" "$(echo "$tk / $tf" | bc -l)"
