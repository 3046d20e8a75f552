#!/usr/bin/env bash
# Issue 17's table: each command on a big book as a whole process, its wall time and peak
# resident memory (/usr/bin/time), side by side with its anchor where one exists
# (`sqlite3 -json` / `sqlite3 -csv` of the same ten record tables), and the time ratio.
# Not run by CI: minutes on a 100,000-account book.
#
#   scripts/footprint.sh [BOOK]
#
# BOOK (default /tmp/big.db, made by `kam demo --accounts 100000 --seed 1`) is copied into a
# temporary folder first and never written. Environment:
#   KAM    the binary (default target/release/kam)
#   RUNS   runs of each row, A and anchor in turn (default 1; the medians are printed)
#   ROWS   which rows, space-separated (default: xlsx json csv vcf md interface remind demo import;
#          also: ics duplicates reports check)
#   SHEET_ROWS  rows of the import row's customer sheet (default 100000)
# The import row (issue 15) imports a customer sheet made by scripts/import-bench.py into an
# empty book, beside `sqlite3 .import` of the same file into a bare in-memory table.
# The interface row starts the real interface in tmux (reminders, daily backup and all) and
# waits until it has used no CPU for 2 s, then reads its peak resident memory (VmHWM).
set -euo pipefail

book=${1:-/tmp/big.db}
here=$(cd "$(dirname "$0")/.." && pwd)
kam=${KAM:-$here/target/release/kam}
runs=${RUNS:-1}
rows=${ROWS:-xlsx json csv vcf md interface remind demo import}
sheet_rows=${SHEET_ROWS:-100000}
[ -x "$kam" ] || { echo "no kam binary at $kam; run cargo build --release" >&2; exit 1; }
needs_book=false
for r in $rows; do [ "$r" = import ] || needs_book=true; done
! $needs_book || [ -f "$book" ] || { echo "no book at $book" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (apt-get install sqlite3)" >&2; exit 2; }

work=$(mktemp -d /tmp/kam-footprint.XXXXXX)
trap 'tmux kill-session -t kam-footprint 2>/dev/null || true; rm -rf "$work"' EXIT
! $needs_book || cp "$book" "$work/book.db"
db=$work/book.db
kamdb() { "$kam" --db "$db" "$@"; }

# The ten record tables as the export reads them: live rows of live accounts, in id order.
tables="accounts contacts deals opportunities needs service_records feedback communications visit_plans visit_reports"
anchor_sql() {
  local sql="" t
  for t in $tables; do
    if [ "$t" = accounts ]; then
      sql+="SELECT * FROM accounts WHERE deleted_at IS NULL ORDER BY id;"
    else
      sql+="SELECT * FROM $t WHERE deleted_at IS NULL AND account_id IN (SELECT id FROM accounts WHERE deleted_at IS NULL) ORDER BY id;"
    fi
  done
  echo "$sql"
}

# One run of a shell command: "wall_seconds peak_kb cpu_seconds" on stdout. The CPU time
# (user + system) is what a shared, loaded machine changes least.
one() {
  local out=$work/time.txt
  /usr/bin/time -f '%e %M %U %S' -o "$out" sh -c "$1" >/dev/null 2>"$work/stderr.txt" || {
    echo "failed: $1" >&2; cat "$work/stderr.txt" >&2; }
  tail -n 1 "$out" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# A row: label, kam's command, anchor's command (or ""), target.
row() {
  local label=$1 cmd=$2 anchor=$3 target=$4 i r
  local kt=() km=() kc=() at=() am=() ratio=() w p c
  for ((i = 0; i < runs; i++)); do
    read -r w p c < <(one "$cmd"); kt+=("$w"); km+=("$p"); kc+=("$c")
    if [ -n "$anchor" ]; then
      read -r w p c < <(one "$anchor"); at+=("$w"); am+=("$p")
      ratio+=("$(awk -v a="${kt[-1]}" -v b="${at[-1]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')")
    fi
  done
  local t m cpu
  t=$(printf '%s\n' "${kt[@]}" | median)
  cpu=$(printf '%s\n' "${kc[@]}" | median)
  m=$(printf '%s\n' "${km[@]}" | median | awk '{printf "%.0f", $1 / 1024}')
  if [ -n "$anchor" ]; then
    local a am_ r_
    a=$(printf '%s\n' "${at[@]}" | median)
    am_=$(printf '%s\n' "${am[@]}" | median | awk '{printf "%.0f", $1 / 1024}')
    r_=$(printf '%s\n' "${ratio[@]}" | median)
    printf '| %-28s | %7.2f s (cpu %6.2f s) | %6s MB | %8.2f s | %5s MB | %5s× | %s |\n' "$label" "$t" "$cpu" "$m" "$a" "$am_" "$r_" "$target"
  else
    printf '| %-28s | %7.2f s (cpu %6.2f s) | %6s MB | %10s | %8s | %6s | %s |\n' "$label" "$t" "$cpu" "$m" "-" "-" "-" "$target"
  fi
}

# The real interface in tmux until it has been idle for 2 s: "seconds peak_kb resident_kb".
interface_once() {
  tmux kill-session -t kam-footprint 2>/dev/null || true
  local start pid=""
  start=$(date +%s.%N)
  tmux new-session -d -s kam-footprint -x 120 -y 40 "exec '$kam' --db '$db'"
  for _ in $(seq 100); do
    pid=$(tmux list-panes -t kam-footprint -F '#{pane_pid}' 2>/dev/null || true)
    [ -n "$pid" ] && break
    sleep 0.05
  done
  local last=-1 still=0 cpu now
  while [ "$still" -lt 20 ]; do
    sleep 0.1
    cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || break
    if [ "$cpu" = "$last" ]; then still=$((still + 1)); else still=0; now=$(date +%s.%N); fi
    last=$cpu
  done
  local hwm rss
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  tmux kill-session -t kam-footprint 2>/dev/null || true
  # Closing the terminal must end kam; if it does not within 2 s, say so and end it (a kam
  # left behind would use the machine while the next rows are measured).
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kam $pid outlived its terminal; killed" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  awk -v a="$start" -v b="$now" -v h="$hwm" -v r="$rss" 'BEGIN {printf "%.2f %d %d\n", b - a, h, r}'
}

echo "kam footprint: $("$kam" --version) on $($needs_book && echo "$book ($(du -m "$book" | cut -f1) MB)" || echo "an empty book"), $runs run(s) per row, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what                         |  kam time (wall, cpu)     |  kam peak | anchor time | anc. peak | ratio | target |"
echo "|---|---|---|---|---|---|---|"
for what in $rows; do
  case $what in
    xlsx) row "export --format xlsx" \
        "'$kam' --db '$db' export --format xlsx --out '$work/out.xlsx'" "" \
        "≤ 60 s, ≤ 200 MB, flat" ;;
    json) row "export --format json" \
        "'$kam' --db '$db' export --format json --out '$work/out.json'" \
        "sqlite3 -json '$db' '$(anchor_sql)' > '$work/anchor.json'" \
        "≤ 2× sqlite3 -json, ≤ 100 MB" ;;
    csv) row "export --format csv" \
        "'$kam' --db '$db' export --format csv --out '$work/csv'" \
        "sqlite3 -csv -header '$db' '$(anchor_sql)' > '$work/anchor.csv'" \
        "≤ 2× sqlite3 -csv, ≤ 100 MB" ;;
    interface)
      command -v tmux >/dev/null || { echo "| interface: tmux is missing |"; continue; }
      ts=() ps=() rs=()
      for ((i = 0; i < runs; i++)); do
        read -r t p r < <(interface_once); ts+=("$t"); ps+=("$p"); rs+=("$r")
      done
      printf '| %-28s | %7.2f s %17s | %6s MB | %10s | %8s | %6s | %s |\n' "interface, loaded (idle)" \
        "$(printf '%s\n' "${ts[@]}" | median)" "" \
        "$(printf '%s\n' "${ps[@]}" | median | awk '{printf "%.0f", $1 / 1024}')" \
        "-" "-" "-" "≤ 80 MB peak (resident at idle $(printf '%s\n' "${rs[@]}" | median | awk '{printf "%.0f", $1 / 1024}') MB)" ;;
    vcf) row "export --format vcf" \
        "'$kam' --db '$db' export --format vcf --out '$work/out.vcf'" "" \
        "flat (≤ 100 MB)" ;;
    md) row "export --format md (one account)" \
        "'$kam' --db '$db' export --format md --account C050000 --out '$work/out.md'" "" \
        "flat (≤ 100 MB)" ;;
    remind) row "remind" "'$kam' --db '$db' remind" "" "≤ 1 s, ≤ 50 MB" ;;
    ics) row "export --format ics" \
        "'$kam' --db '$db' export --format ics --out '$work/out.ics'" "" "flat" ;;
    duplicates) row "duplicates" "'$kam' --db '$db' duplicates" "" "flat (beside what it finds)" ;;
    reports) for k in top10 grading regions pivot funnel evaluation; do
        row "report $k" "'$kam' --db '$db' report $k" "" "flat (beside its rows)"
      done ;;
    check) row "check" "'$kam' --db '$db' check" "" "a bar, flat" ;;
    import)
      (cd "$here" && python3 scripts/import-bench.py "$work/sheet.csv" "$sheet_rows")
      row "import, $sheet_rows-row CSV" \
        "rm -f '$work/imported.db'*; '$kam' --db '$work/imported.db' import '$work/sheet.csv' --rejected '$work/rejected.csv'" \
        "sqlite3 :memory: '.import --csv $work/sheet.csv customers'" \
        "≤ 5× sqlite3 .import, ≤ 150 MB, flat" ;;
    demo) row "demo --accounts 100000" \
        "rm -f '$work/demo.db'*; '$kam' --db '$work/demo.db' demo --accounts 100000 --seed 1" "" \
        "≤ 30 s" ;;
    *) echo "unknown row $what" >&2 ;;
  esac
done
