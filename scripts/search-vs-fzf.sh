#!/usr/bin/env bash
# `kam search` against `fzf --filter` on the same accounts, each as a whole process, side by
# side in one run; prints each query's times and the ratio. Not run by CI.
#
#   scripts/search-vs-fzf.sh DB [QUERY...]
#
# DB is a kam database (e.g. the book `kam bench` makes: /tmp/kam-bench.db). The account
# lines fzf reads are what `kam search` prints for every account (code, name, primary
# contact, phone), written once to a temporary file. fzf is looked up on PATH; when it is
# missing the script tries `apt-get install fzf` (as root, or with sudo), else says so and
# stops. KAM (default: target/release/kam) picks the binary.
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

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
"$kam" --db "$db" search "" --limit 100000000 >"$lines"
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
