#!/bin/sh
# Reading on threads of their own (--threads, src/cli/reader.c): the same
# bytes out, on stdout and on the error stream, with one thread and with
# two, for the benchmark queries and for inputs that exercise the hand-over
# (bad records, blank lines, records that make thousands of rows, a record
# too long to keep, discovery, CSV headers, a pipe, two inputs merged by
# ROWTIME), and the option itself. The rest of the suite runs with both
# settings too (src/run_tests.sh). Prints one line per check and
# "N passed, N failed".
# Usage: threads_test.sh   (EDDY names the binary; TESTS_SRCDIR the source tree)

EDDY=${EDDY:-$(pwd)/eddy}
top=${TESTS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
unset EDDY_THREADS
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && cut -c1-300 "$tmp/err" | sed 's/^/    | /' | head -10; }
expect() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# both NAME INPUT ARGS...: eddy ARGS with INPUT on stdin, with --threads 1
# and 2 (--now pins the arrival times); stdout, stderr and the exit status
# must be the same.
both() {
  name=$1 input=$2
  shift 2
  for n in 1 2; do
    "$EDDY" "$@" --now '2000-01-01 00:00:00' --threads $n < "$input" > "$tmp/out$n" 2> "$tmp/err$n"
    echo $? > "$tmp/rc$n"
  done
  cp "$tmp/err1" "$tmp/err"
  expect "$name: the same output, error stream and exit status with one thread and two" \
    "cmp -s '$tmp/out1' '$tmp/out2' && cmp -s '$tmp/err1' '$tmp/err2' && cmp -s '$tmp/rc1' '$tmp/rc2' && [ -s '$tmp/out1' ]"
}

# ticker records as bench/gen_ticker writes them, 1 ms apart, with now and
# then a blank line, a malformed record or a price that is no number
awk 'BEGIN { srand(11); split("AAPL MSFT AMZN GOOG LOW DIS SLB XOM JPM KO", sym, " ");
  split("TECH RETAIL ENERGY FINANCE TELECOM", sec, " ");
  for (i = 0; i < 300000; i++) {
    ms = 1704067200000 + i; s = int(ms / 1000); f = ms % 1000
    ts = sprintf("2024-01-01 %02d:%02d:%02d.%03d", int((s % 86400) / 3600), int((s % 3600) / 60), s % 60, f)
    if (i % 50000 == 7) { print ""; continue }
    if (i % 40000 == 11) { print "{\"ROWTIME\":\"" ts "\",\"TICKER_SYMBOL\":"; continue }
    price = (i % 30000 == 13) ? "\"x\"" : sprintf("%.2f", 10 + rand() * 190)
    printf "{\"ROWTIME\":\"%s\",\"TICKER_SYMBOL\":\"%s\",\"SECTOR\":\"%s\",\"CHANGE\":%.2f,\"PRICE\":%s}\n",
      ts, sym[1 + i % 10], sec[1 + i % 5], rand() * 4 - 2, price } }' > "$tmp/ticker.ndjson"

for q in projection filter pump tumble slide10s slide10m tumblekeys slidekeys; do
  both "bench/$q.sql over 300k records" "$tmp/ticker.ndjson" run "$top/bench/$q.sql" --stats
done
for n in 1 2; do
  cat "$tmp/ticker.ndjson" | "$EDDY" run "$top/bench/tumble.sql" --threads $n --stats --now "2000-01-01 00:00:00" > "$tmp/pipe$n" 2> "$tmp/pipeerr$n"
done
cp "$tmp/pipeerr1" "$tmp/err"
expect "through a pipe: the same rows and counts with one thread and two" \
  "cmp -s '$tmp/pipe1' '$tmp/pipe2' && cmp -s '$tmp/pipeerr1' '$tmp/pipeerr2' && [ -s '$tmp/pipe1' ]"
both "discovery (no declared stream), its records read again" "$tmp/ticker.ndjson" \
  -e "SELECT STREAM TICKER_SYMBOL, PRICE FROM SOURCE_SQL_STREAM_001 WHERE TICKER_SYMBOL = 'KO'" --stats

# records whose array makes 2500 rows each (more than a batch holds), one element bad
awk 'BEGIN { for (r = 0; r < 40; r++) {
  printf "{\"ROWTIME\":\"2024-01-01 10:00:%02d\",\"customerName\":\"C%d\",\"orders\":[", r, r
  for (k = 0; k < 2500; k++) printf "%s{\"orderId\":%s,\"itemName\":\"I%d\"}", k ? "," : "", (r == 3 && k == 1500) ? "\"bad\"" : k, k
  print "]}" } }' > "$tmp/orders.ndjson"
both "--input-schema mappings that split each record into 2500 rows" "$tmp/orders.ndjson" \
  run "$top/sql-tests/input/kda-input-schema-row-split/query.sql" \
  --input-schema "$top/sql-tests/input/kda-input-schema-row-split/schema.json" --stats

awk 'BEGIN { print "sym,price"; for (i = 0; i < 100000; i++) printf "S%d,%s\n", i % 7, i % 9999 == 5000 ? "x" : i % 100 }' > "$tmp/in.csv"
both "CSV with a header" "$tmp/in.csv" \
  -e 'SELECT STREAM sym, price FROM SOURCE_SQL_STREAM_001 WHERE price > 90' --format csv --header --stats

# a record longer than a record may be (64 MB, or the 128 MB buffer when it comes at once), between good ones
{ head -1000 "$tmp/ticker.ndjson"; head -c 140000000 /dev/zero | tr '\0' 'x'; echo; sed -n '1001,2000p' "$tmp/ticker.ndjson"; } > "$tmp/long.ndjson"
both "a record of 140 MB: RECORD_TOO_LONG, the records around it read" "$tmp/long.ndjson" \
  run "$top/bench/projection.sql" --stats
expect "... and the error row names it" "grep -q RECORD_TOO_LONG '$tmp/err1' && [ \$(wc -l < '$tmp/out1') -eq 1997 ]"
rm -f "$tmp/long.ndjson"

# two inputs merged by ROWTIME (alternate records), one of them a FIFO whose writer pauses
head -40000 "$tmp/ticker.ndjson" | awk 'NR % 2' > "$tmp/a.ndjson"
head -40000 "$tmp/ticker.ndjson" | awk '!(NR % 2)' > "$tmp/b.ndjson"
good=$(cat "$tmp/a.ndjson" "$tmp/b.ndjson" | grep -c '"PRICE":[0-9]')
cat > "$tmp/two.sql" <<'SQL'
CREATE STREAM S1 (TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE);
CREATE STREAM S2 (TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (SRC VARCHAR(2), TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE);
CREATE PUMP P1 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM 'A', TICKER_SYMBOL, PRICE FROM S1;
CREATE PUMP P2 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM 'B', TICKER_SYMBOL, PRICE FROM S2;
SQL
for n in 1 2 3; do
  mkfifo "$tmp/b.fifo"
  timeout -k 5 30 "$EDDY" run "$tmp/two.sql" --threads $n --input S1="$tmp/a.ndjson" --input S2="$tmp/b.fifo" \
    > "$tmp/merge$n" 2> "$tmp/mergeerr$n" &
  pid=$!
  { head -5000 "$tmp/b.ndjson"; sleep 0.3; sed -n '5001,$p' "$tmp/b.ndjson"; } > "$tmp/b.fifo"
  wait $pid
  echo $? >> "$tmp/merge$n"
  rm -f "$tmp/b.fifo"
done
cp "$tmp/mergeerr2" "$tmp/err"
expect "a file and a FIFO that pauses, merged by ROWTIME: the same rows in the same order with 1, 2 and 3 threads" \
  "cmp -s '$tmp/merge1' '$tmp/merge2' && cmp -s '$tmp/merge1' '$tmp/merge3' && [ \$(wc -l < '$tmp/merge1') -eq $((good + 1)) ]"

# the option: a reader thread only when asked (or chosen), seen in /proc
mkfifo "$tmp/live.fifo"
for n in 1 2; do
  "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' --threads $n < "$tmp/live.fifo" > /dev/null 2> "$tmp/err" &
  pid=$!
  exec 7> "$tmp/live.fifo"
  printf '{"a":1}\n' >&7
  sleep 0.5
  tasks=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
  exec 7>&-
  wait $pid
  expect "--threads $n: $n thread(s) while reading a FIFO" "[ $tasks -eq $n ]"
done
"$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' --threads 0 < /dev/null > /dev/null 2> "$tmp/err"
expect "--threads 0 is refused" "[ \$? -eq 2 ] && grep -q -- '--threads needs a number of threads' '$tmp/err'"
EDDY_THREADS=two "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' < /dev/null > /dev/null 2> "$tmp/err"
expect "EDDY_THREADS that is no number is refused" "[ \$? -eq 2 ] && grep -q 'EDDY_THREADS needs a number of threads' '$tmp/err'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
