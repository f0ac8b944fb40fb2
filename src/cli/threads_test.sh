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
# a run stopped by a signal may leave what it held to the exit (as cli_test.sh)
NOLEAK="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && cut -c1-300 "$tmp/err" | sed 's/^/    | /' | head -10; }
expect() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# both NAME INPUT ARGS...: eddy ARGS with INPUT on stdin, with --threads 1
# and 2 (--now pins the arrival times); stdout, stderr and the exit status
# must be the same. With two threads, four ways: as the reader thread
# chooses, with every batch (EDDY_READER_DEFER=32) and every other batch
# (16) decoded on the main thread instead, and with the thread stopping
# for good after a first batch of 700 records (EDDY_READER_RETREAT), the
# main thread reading the rest itself.
both() {
  name=$1 input=$2
  shift 2
  for n in 1 2 d32 d16 r700; do
    case $n in d*) threads=2 defer=${n#d} retreat= ;; r*) threads=2 defer= retreat=${n#r} ;; *) threads=$n defer= retreat= ;; esac
    EDDY_READER_DEFER=$defer EDDY_READER_RETREAT=$retreat "$EDDY" "$@" --now '2000-01-01 00:00:00' --threads $threads < "$input" > "$tmp/out$n" 2> "$tmp/err$n"
    echo $? > "$tmp/rc$n"
  done
  cp "$tmp/err1" "$tmp/err"
  expect "$name: the same output, error stream and exit status with one thread and two" \
    "cmp -s '$tmp/out1' '$tmp/out2' && cmp -s '$tmp/err1' '$tmp/err2' && cmp -s '$tmp/rc1' '$tmp/rc2' && [ -s '$tmp/out1' ]"
  cp "$tmp/errd32" "$tmp/err"
  expect "$name: ... and the same with the main thread decoding every batch, and every other batch" \
    "cmp -s '$tmp/out1' '$tmp/outd32' && cmp -s '$tmp/err1' '$tmp/errd32' && cmp -s '$tmp/rc1' '$tmp/rcd32' && \
     cmp -s '$tmp/out1' '$tmp/outd16' && cmp -s '$tmp/err1' '$tmp/errd16' && cmp -s '$tmp/rc1' '$tmp/rcd16'"
  cp "$tmp/errr700" "$tmp/err"
  expect "$name: ... and the same with the thread giving the input back to the main thread after 700 records" \
    "cmp -s '$tmp/out1' '$tmp/outr700' && cmp -s '$tmp/err1' '$tmp/errr700' && cmp -s '$tmp/rc1' '$tmp/rcr700'"
}

# ticker records as bench/gen_ticker writes them, 1 ms apart, with now and
# then a blank line, a malformed record or a price that is no number
ticker() {
awk -v n="$1" 'BEGIN { srand(11); split("AAPL MSFT AMZN GOOG LOW DIS SLB XOM JPM KO", sym, " ");
  split("TECH RETAIL ENERGY FINANCE TELECOM", sec, " ");
  for (i = 0; i < n; i++) {
    ms = 1704067200000 + i; s = int(ms / 1000); f = ms % 1000
    ts = sprintf("2024-01-01 %02d:%02d:%02d.%03d", int((s % 86400) / 3600), int((s % 3600) / 60), s % 60, f)
    if (i % 50000 == 7) { print ""; continue }
    if (i % 40000 == 11) { print "{\"ROWTIME\":\"" ts "\",\"TICKER_SYMBOL\":"; continue }
    price = (i % 30000 == 13) ? "\"x\"" : sprintf("%.2f", 10 + rand() * 190)
    printf "{\"ROWTIME\":\"%s\",\"TICKER_SYMBOL\":\"%s\",\"SECTOR\":\"%s\",\"CHANGE\":%.2f,\"PRICE\":%s}\n",
      ts, sym[1 + i % 10], sec[1 + i % 5], rand() * 4 - 2, price } }'
}
ticker 300000 > "$tmp/ticker.ndjson"

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

# discovery, then keys it did not see: one note at the first (whichever
# thread decoded it), and the count of such records at the end
awk '{ if (NR == 5000 || NR == 9000 || NR == 150001 || NR == 250002) sub(/^\{/, "{\"EXTRA\":" NR ","); print }' \
  "$tmp/ticker.ndjson" > "$tmp/extra.ndjson"
both "discovery, then keys that are no column in records far apart" "$tmp/extra.ndjson" \
  -e "SELECT STREAM TICKER_SYMBOL, PRICE FROM SOURCE_SQL_STREAM_001 WHERE TICKER_SYMBOL = 'KO'" --stats
expect "... the first such key is said once, and the records that had one counted" \
  "[ \$(grep -c 'key \"EXTRA\" is not a column' '$tmp/err1') -eq 1 ] && grep -q '^eddy: 4 records of .* had keys that are not columns' '$tmp/err1'"
# a LIMIT ends the run while the reader has decoded records ahead: the
# count is of the records taken (one here, so no count is said)
both "... and a LIMIT reached before the second such key" "$tmp/extra.ndjson" \
  -e "SELECT STREAM TICKER_SYMBOL, PRICE FROM SOURCE_SQL_STREAM_001 WHERE TICKER_SYMBOL = 'KO' LIMIT 600"

# records whose array makes 5000 rows each (more than a batch of 4096 holds), one element bad
awk 'BEGIN { for (r = 0; r < 4; r++) {
  printf "{\"ROWTIME\":\"2024-01-01 10:00:%02d\",\"customerName\":\"C%d\",\"orders\":[", r, r
  for (k = 0; k < 5000; k++) printf "%s{\"orderId\":%s,\"itemName\":\"I%d\"}", k ? "," : "", (r == 1 && k == 4500) ? "\"bad\"" : k, k
  print "]}" } }' > "$tmp/orders.ndjson"
both "--input-schema mappings that split each record into 5000 rows" "$tmp/orders.ndjson" \
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

# a FIFO whose writer goes quiet: the reader thread waits on it, the main
# thread's idle ticks close the window on time (its row is out while the
# writer still sleeps), and the records after the pause still come
cat > "$tmp/idle.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), n BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, COUNT(*) FROM "SOURCE_SQL_STREAM_001"
  GROUP BY sym, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);
SQL
for n in 1 2; do
  mkfifo "$tmp/idle.fifo"
  timeout -k 5 30 "$EDDY" run "$tmp/idle.sql" --threads $n < "$tmp/idle.fifo" > "$tmp/idle$n" 2> "$tmp/err" &
  pid=$!
  exec 7> "$tmp/idle.fifo"
  for i in 1 2 3 4 5; do printf '{"sym":"A","price":%d}\n' $i >&7; done
  sleep 2.5
  mid=$(awk -F'"N":' '{ s += $2 + 0 } END { print s + 0 }' "$tmp/idle$n")
  for i in 1 2 3; do printf '{"sym":"A","price":%d}\n' $i >&7; done
  exec 7>&-
  wait $pid
  rc=$?
  rm -f "$tmp/idle.fifo"
  all=$(awk -F'"N":' '{ s += $2 + 0 } END { print s + 0 }' "$tmp/idle$n")
  expect "--threads $n: a FIFO that goes quiet: idle ticks close its window while the writer sleeps (5 counted), the 3 records after it come too" \
    "[ $rc -eq 0 ] && [ '$mid' -eq 5 ] && [ '$all' -eq 8 ]"
done

# SIGTERM while a record is arriving through a FIFO: every record before
# it is processed, the cut one is said, with one thread and two
cat > "$tmp/sp.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price INTEGER);
SELECT STREAM sym, price FROM SOURCE_SQL_STREAM_001;
SQL
cat > "$tmp/p.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price INTEGER);
SELECT STREAM price FROM SOURCE_SQL_STREAM_001;
SQL
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{\"sym\":\"S%d\",\"price\":%d}\n", i % 7, i }' > "$tmp/term.ndjson"
for n in 1 2; do
  mkfifo "$tmp/term.fifo"
  ASAN_OPTIONS=$NOLEAK timeout -k 5 30 "$EDDY" run "$tmp/sp.sql" --threads $n --stats --now '2000-01-01 00:00:00' < "$tmp/term.fifo" > "$tmp/term$n" 2> "$tmp/termerr$n" &
  pid=$!
  exec 7> "$tmp/term.fifo"
  cat "$tmp/term.ndjson" >&7
  printf '{"sym":"S1","pri' >&7
  k=0
  while [ $k -lt 100 ] && [ "$(wc -l < "$tmp/term$n")" -lt 20000 ]; do sleep 0.1; k=$((k + 1)); done
  kill -TERM $pid
  wait $pid
  rc=$?
  exec 7>&-
  rm -f "$tmp/term.fifo"
  cp "$tmp/termerr$n" "$tmp/err"
  expect "--threads $n: SIGTERM while a record arrives: exit 0, all 20000 records before it out and counted, its 16 bytes said" \
    "[ $rc -eq 0 ] && [ \$(wc -l < '$tmp/term$n') -eq 20000 ] && grep -q '20000 records in, 20000 rows out' '$tmp/termerr$n' && grep -q 'its 16 bytes so far were not read' '$tmp/termerr$n'"
done
expect "... the same rows and messages with one thread and two" \
  "cmp -s '$tmp/term1' '$tmp/term2' && cmp -s '$tmp/termerr1' '$tmp/termerr2'"

# SIGTERM while the reader thread reads a big pipe flat out: the rows out
# are exactly the first records, in order, none lost or doubled, and the
# count said is theirs
for n in 1 2; do
  awk 'BEGIN { for (i = 0; ; i++) printf "{\"sym\":\"S%d\",\"price\":%d}\n", i % 7, i }' 2>/dev/null | ASAN_OPTIONS=$NOLEAK timeout -k 5 60 "$EDDY" run "$tmp/p.sql" --threads $n --stats > "$tmp/flat$n" 2> "$tmp/err" &
  pid=$!
  sleep 0.3
  kill -TERM $pid 2>/dev/null
  wait $pid
  rc=$?
  rows=$(wc -l < "$tmp/flat$n")
  expect "--threads $n: SIGTERM mid-stream: exit 0, $rows rows out: the first $rows records in order, and $rows records counted" \
    "[ $rc -eq 0 ] && [ $rows -gt 0 ] && sed 's/.*\"PRICE\"://; s/}\$//' '$tmp/flat$n' | awk '\$0 != NR - 1 { exit 1 }' && grep -q '$rows records in, $rows rows out' '$tmp/err'"
done
rm -f "$tmp/flat1" "$tmp/flat2"

# checkpoints while the reader thread reads ahead: killed (SIGKILL) again
# and again and restarted, the output equals one uninterrupted run, for
# bad records among good ones and for records that make many rows each
# (a checkpoint between two rows of one record)
crash() {
  name=$1 app=$2 input=$3
  shift 3
  t0=$(date +%s%N)
  "$EDDY" run "$app" --threads 1 "$@" --input SOURCE_SQL_STREAM_001="$input" --output DESTINATION_SQL_STREAM="$tmp/ref.ndjson" \
    --errors "$tmp/referr.ndjson" 2> "$tmp/err"
  # killed at random between a fifth of one run's time and the whole of it (at most 0.999 s)
  span=$((($(date +%s%N) - t0) / 1000000))
  [ $span -gt 999 ] && span=999
  [ $span -lt 20 ] && span=20
  # a run that ends before it is killed twice (a loaded machine, where
  # runs take longer than the first) is started over with shorter times
  for div in 1 2 4 8; do
    rm -rf "$tmp/state" "$tmp/out.ndjson" "$tmp/outerr.ndjson"
    k=0 crashed=0
    while [ $k -lt 40 ]; do
      ms=$(awk -v k="$k" -v s="$((span / div))" 'BEGIN { srand(k * 7919 + 3); print int(s / 5) + int(rand() * s * 4 / 5) + 5 }')
      timeout -s KILL "0.$(printf '%03d' "$ms")" "$EDDY" run "$app" --threads 2 "$@" --state "$tmp/state" --checkpoint-every 0.02 \
        --input SOURCE_SQL_STREAM_001="$input" --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" --errors "$tmp/outerr.ndjson" 2> "$tmp/err"
      [ $? -eq 137 ] || break
      crashed=$((crashed + 1))
      k=$((k + 1))
    done
    [ $crashed -ge 2 ] && break
  done
  "$EDDY" run "$app" --threads 2 "$@" --state "$tmp/state" --checkpoint-every 0.02 \
    --input SOURCE_SQL_STREAM_001="$input" --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" --errors "$tmp/outerr.ndjson" 2> "$tmp/err"
  rc=$?
  expect "$name: --threads 2 killed $crashed times (SIGKILL) and resumed: rows and error rows identical to one uninterrupted run" \
    "[ $rc -eq 0 ] && [ $crashed -ge 2 ] && [ -s '$tmp/ref.ndjson' ] && cmp -s '$tmp/ref.ndjson' '$tmp/out.ndjson' && sed 's/\"ERROR_TIME\":\"[^\"]*\"//' '$tmp/referr.ndjson' > '$tmp/e1' && sed 's/\"ERROR_TIME\":\"[^\"]*\"//' '$tmp/outerr.ndjson' > '$tmp/e2' && cmp -s '$tmp/e1' '$tmp/e2' && [ -s '$tmp/e1' ]"
}
ticker 900000 > "$tmp/big.ndjson"
cat > "$tmp/tumble.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), N BIGINT, AVG_PRICE DOUBLE);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM TICKER_SYMBOL, COUNT(*), AVG(PRICE) FROM SOURCE_SQL_STREAM_001
  GROUP BY TICKER_SYMBOL, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '1' SECOND);
SQL
crash "tumbling windows over 900k records with bad ones" "$tmp/tumble.sql" "$tmp/big.ndjson"
# the same with the thread stopping for good after its first 3000 records
# of each run, so that checkpoints come both before and after the input
# went back to the main thread
export EDDY_READER_RETREAT=3000
crash "tumbling windows over 900k records, the input back on the main thread after 3000 of each run" "$tmp/tumble.sql" "$tmp/big.ndjson"
unset EDDY_READER_RETREAT
awk 'BEGIN { for (r = 0; r < 5; r++) {
  printf "{\"ROWTIME\":\"2024-01-01 10:%02d:%02d\",\"customerName\":\"C%d\",\"orders\":[", int(r / 60), r % 60, r
  for (k = 0; k < 5000; k++) printf "%s{\"orderId\":%s,\"itemName\":\"I%d\"}", k ? "," : "", (k % 700 == 3) ? "\"bad\"" : k, k
  print "]}" } }' > "$tmp/orders2.ndjson"
cat > "$tmp/split.sql" <<'SQL'
CREATE STREAM "DESTINATION_SQL_STREAM" (CUSTOMER VARCHAR(16), CITY VARCHAR(16), ORDER_ID INTEGER, ITEM VARCHAR(16));
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
SQL
crash "records of 5000 rows each (more than a batch holds)" "$tmp/split.sql" "$tmp/orders2.ndjson" \
  --input-schema "$top/sql-tests/input/kda-input-schema-row-split/schema.json"
rm -f "$tmp/big.ndjson" "$tmp/orders2.ndjson"

# the option: a reader thread only when asked (or chosen), seen in /proc
# (the runtime may have a thread of its own: one more with --threads 2)
mkfifo "$tmp/live.fifo"
# tasks NAME [PREFIX...] -- ARGS: eddy's threads while it reads a FIFO
# (the rows go to $OUT, /dev/null unless set; NAME_names gets the threads' names)
tasks() {
  var=$1
  shift
  "$@" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' < "$tmp/live.fifo" > "${OUT:-/dev/null}" 2> "$tmp/err" &
  pid=$!
  exec 7> "$tmp/live.fifo"
  printf '{"a":1}\n' >&7
  sleep 0.5
  eval "$var=\$(ls /proc/$pid/task 2>/dev/null | wc -l)"
  eval "${var}_names=\"\$(cat /proc/$pid/task/*/comm 2>/dev/null | tr '\n' ' ')\""
  exec 7>&-
  wait $pid
}
tasks tasks1 "$EDDY" --threads 1
tasks tasks2 "$EDDY" --threads 2
expect "--threads 2 has one thread more than --threads 1 while reading a FIFO ($tasks1 and $tasks2), named eddy-reader" \
  "[ $tasks1 -ge 1 ] && [ $tasks2 -eq $((tasks1 + 1)) ] && echo '$tasks2_names' | grep -q eddy-reader && ! echo '$tasks1_names' | grep -q eddy-reader"
# an output that is a regular file is written by a thread of its own with
# two threads or more (src/io/file_writer.c), never with one
OUT="$tmp/rows.out" tasks taskso1 "$EDDY" --threads 1
OUT="$tmp/rows.out" tasks taskso2 "$EDDY" --threads 2
expect "--threads 2, the rows to a regular file: a writer thread more ($taskso2_names; --threads 1: $taskso1_names)" \
  "[ $taskso2 -eq $((tasks2 + 1)) ] && [ $taskso1 -eq $tasks1 ] && echo '$taskso2_names' | grep -q eddy-writer && ! echo '$taskso1_names' | grep -q eddy-writer"
expect "... and its row is in the file when eddy is done" "[ \$(wc -l < '$tmp/rows.out') -eq 1 ] && grep -q '\"a\":1}\$' '$tmp/rows.out'"
if [ "$(nproc)" -ge 2 ]; then
  # by default a live stream (a pipe, a FIFO) is read on the main thread, for
  # its records' latency; a regular file, read as fast as it can be, gets a reader
  tasks tasksd "$EDDY"
  expect "the default with two CPUs, reading a FIFO: no reader thread, for latency ($tasksd threads)" "[ $tasksd -eq $tasks1 ]"
  yes '{"a":1}' | head -n 6000000 > "$tmp/big.ndjson"
  "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' < "$tmp/big.ndjson" > /dev/null 2> "$tmp/err" &
  pid=$!
  most=0
  for t in 1 2 3 4 5; do
    sleep 0.05
    n=$(ls /proc/$pid/task 2>/dev/null | wc -l)
    [ "$n" -gt "$most" ] && most=$n
  done
  wait $pid
  expect "the default with two CPUs, reading a regular file: a reader thread ($most threads)" "[ $most -eq $tasks2 ]"
  # other work keeps every CPU busy (a loop on each, eddy at a lower
  # priority, so that its threads wait for a CPU most of the time): the
  # reader thread stops and the main thread reads on itself (reader.c,
  # judge_contention); then the loops end, a CPU stands idle, and the input
  # gets a reader thread again (cli_reader_resume); the rows are those of
  # one thread throughout. The query keeps the run long enough to see both.
  seq 8000000 | sed 's/.*/{"a":&}/' > "$tmp/big.ndjson"
  busyq='SELECT STREAM a, AVG(a) OVER w AS av, MIN(a) OVER w AS mi, MAX(a) OVER w AS ma, SUM(a) OVER w AS su
    FROM SOURCE_SQL_STREAM_001 WINDOW w AS (ROWS 100 PRECEDING)'
  "$EDDY" -e "$busyq" --now '2000-01-01 00:00:00' --threads 1 < "$tmp/big.ndjson" | cksum > "$tmp/seq1"
  loops=
  for c in $(seq "$(nproc)"); do
    sh -c 'while :; do :; done' &
    loops="$loops $!"
  done
  (nice -n 10 "$EDDY" -e "$busyq" --now '2000-01-01 00:00:00' --verbose < "$tmp/big.ndjson" 2> "$tmp/err"; echo $? > "$tmp/rcd") |
    cksum > "$tmp/seqd" &
  pid=$!
  k=0
  while [ $k -lt 600 ] && [ ! -s "$tmp/rcd" ] && ! grep -q 'read on the main thread after' "$tmp/err"; do sleep 0.05; k=$((k + 1)); done
  # a kernel built without schedstat counts no waiting at all, not even the loops'
  waited=0
  for l in $loops; do
    w=$(awk '{ print $2 }' "/proc/$l/schedstat" 2>/dev/null)
    [ "${w:-0}" -gt 0 ] && waited=1
  done
  kill $loops
  wait $pid
  rc=$(cat "$tmp/rcd")
  if [ $waited -eq 1 ]; then
    expect "the default, every CPU kept busy by other work: the input goes back to the main thread, said with --verbose..." \
      "[ $rc -eq 0 ] && grep -q 'read on the main thread after record [0-9]*: other work keeps the CPUs busy' '$tmp/err'"
    expect "... then, the other work ended, on a thread again, said too, and the same rows as one thread" \
      "grep -q 'read on a thread of its own again after record [0-9]*: a CPU is idle' '$tmp/err' && cmp -s '$tmp/seq1' '$tmp/seqd'"
  else
    echo "SKIP every CPU kept busy by other work: this kernel does not count the time a thread waits for a CPU (schedstat)"
    expect "... where it does not, the reader thread reads the whole file, with the rows of one thread" "[ $rc -eq 0 ] && cmp -s '$tmp/seq1' '$tmp/seqd'"
  fi
  rm -f "$tmp/seq1" "$tmp/seqd"
fi
if command -v taskset > /dev/null; then
  tasks tasks0 taskset -c 0 "$EDDY"
  expect "the default on one CPU (taskset): one thread ($tasks0)" "[ $tasks0 -eq 1 ]"
  OUT="$tmp/rows.out" tasks tasks0o taskset -c 0 "$EDDY"
  expect "the default on one CPU (taskset), the rows to a regular file: one thread ($tasks0o)" "[ $tasks0o -eq 1 ]"
fi
"$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' --threads 0 < /dev/null > /dev/null 2> "$tmp/err"
expect "--threads 0 is refused" "[ \$? -eq 2 ] && grep -q -- '--threads needs a number of threads' '$tmp/err'"
EDDY_THREADS=two "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' < /dev/null > /dev/null 2> "$tmp/err"
expect "EDDY_THREADS that is no number is refused" "[ \$? -eq 2 ] && grep -q 'EDDY_THREADS needs a number of threads' '$tmp/err'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
