#!/bin/sh
# The eddy command as a user meets it: exit statuses, messages, outputs to
# files, FIFOs, full disks, closed descriptors and signals.
# Prints one line per check and "N passed, N failed".
# Usage: cli_test.sh   (EDDY names the binary; TESTS_SRCDIR the source tree)

EDDY=${EDDY:-$(pwd)/eddy}
top=${TESTS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/    | /' "$tmp/err" | head -10; }
# expect NAME CONDITION: the condition is a shell test run with eval
expect() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# An application that keeps every record, and input with one bad record.
cat > "$tmp/app.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), price DOUBLE);
CREATE STREAM "CHEAP" (sym VARCHAR(4));
CREATE PUMP "P1" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM sym, price FROM "SOURCE_SQL_STREAM_001";
CREATE PUMP "P2" AS INSERT INTO "CHEAP" SELECT STREAM sym FROM "SOURCE_SQL_STREAM_001" WHERE price < 10;
SQL
i=0
while [ $i -lt 20000 ]; do
  echo "{\"ROWTIME\":\"2024-01-01 00:00:00.000\",\"sym\":\"S$((i % 7))\",\"price\":$((i % 50))}"
  i=$((i + 1))
done > "$tmp/in.ndjson"
printf '{"sym":"BAD","price":"x"}\n{"sym":"OK","price":1}\n' > "$tmp/bad.ndjson"

# ---- failed writes are said, with a non-zero exit (issue: reliability 4, 5) ----
if [ -w /dev/full ]; then
  "$EDDY" run "$tmp/app.sql" --stats < "$tmp/in.ndjson" > /dev/full 2> "$tmp/err"
  rc=$?
  expect "a full disk on stdout: exit 1" "[ $rc -eq 1 ]"
  expect "a full disk on stdout: the output and the reason are named" \
    "grep -q 'writing rows to standard output: No space left on device' '$tmp/err'"
  expect "a full disk on stdout: --stats counts no row as out" "grep -q ' 0 rows out' '$tmp/err'"
  "$EDDY" run "$tmp/app.sql" --stats --errors /dev/full < "$tmp/bad.ndjson" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  expect "--errors to a full disk: exit 1" "[ $rc -eq 1 ]"
  expect "--errors to a full disk: said, and the error row is not counted as written" \
    "grep -q 'writing the error stream to /dev/full: No space left on device (1 row not written)' '$tmp/err' && grep -q '0 errors (and 1 error row not written)' '$tmp/err'"
else
  ok "a full disk on stdout: skipped (no /dev/full)"
fi

# ---- a closed stdout is never reused for a file eddy opens (reliability 6) ----
"$EDDY" run "$tmp/app.sql" --errors "$tmp/errors.ndjson" < "$tmp/bad.ndjson" >&- 2> "$tmp/err"
rc=$?
expect "closed stdout: refused with exit 1" "[ $rc -eq 1 ] && grep -q 'standard output is closed' '$tmp/err'"
expect "closed stdout: the error file gets no rows meant for stdout" "! grep -q '\"SYM\":\"OK\"' '$tmp/errors.ndjson' 2>/dev/null"

# ---- one destination per stream (newcomer 3) ----
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM="$tmp/all.ndjson" --output CHEAP="$tmp/cheap.ndjson" \
  --stats < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
rc=$?
expect "--output NAME=FILE: each stream in its own file" \
  "[ $rc -eq 0 ] && [ \$(wc -l < '$tmp/all.ndjson') -eq 20000 ] && [ \$(wc -l < '$tmp/cheap.ndjson') -eq 4000 ] && [ ! -s '$tmp/out' ]"
expect "--output NAME=FILE: --stats counts the rows of both" "grep -q '24000 rows out' '$tmp/err'"
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM --output CHEAP --stream-field < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "--stream-field: each row names its stream" \
  "[ \$(grep -c '\"STREAM\":\"CHEAP\"' '$tmp/out') -eq 4000 ] && [ \$(grep -c '\"STREAM\":\"DESTINATION_SQL_STREAM\"' '$tmp/out') -eq 20000 ]"

# ---- FIFOs never block startup (reliability 2) ----
mkfifo "$tmp/quiet.fifo" "$tmp/err.fifo"
cat > "$tmp/two.sql" <<'SQL'
CREATE STREAM S1 (sym VARCHAR(4), price DOUBLE);
CREATE STREAM S2 (sym VARCHAR(4), price DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), price DOUBLE);
CREATE PUMP P1 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM sym, price FROM S1;
CREATE PUMP P2 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM sym, price FROM S2;
SQL
timeout 20 "$EDDY" run "$tmp/two.sql" --input S1=- --input S2="$tmp/quiet.fifo" < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err" &
pid=$!
n=0
while [ $n -lt 50 ] && [ "$(wc -l < "$tmp/out")" -lt 20000 ]; do sleep 0.1; n=$((n + 1)); done
expect "an input FIFO with no writer: the other input's rows still flow" "[ \$(wc -l < '$tmp/out') -eq 20000 ]"
kill -TERM $pid 2>/dev/null
wait $pid
expect "an input FIFO with no writer: SIGTERM ends the run with exit 0" "[ $? -eq 0 ]"
timeout 20 "$EDDY" run "$tmp/app.sql" --errors "$tmp/err.fifo" < "$tmp/bad.ndjson" > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 0.3
expect "--errors to a FIFO with no reader: rows are written meanwhile" "grep -q '\"SYM\":\"OK\"' '$tmp/out'"
cat "$tmp/err.fifo" > "$tmp/errors.ndjson"
wait $pid
rc=$?
expect "--errors to a FIFO: its reader gets the error row once it opens it" \
  "[ $rc -eq 0 ] && grep -q '\"ERROR_NAME\":\"CONVERSION\"' '$tmp/errors.ndjson'"

# ---- signals (reliability 11, 13) ----
cat > "$tmp/tumble.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), n BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, COUNT(*) FROM "SOURCE_SQL_STREAM_001"
  GROUP BY sym, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' HOUR);
SQL
for sig in HUP TERM; do
  mkfifo "$tmp/sig.fifo"
  timeout 20 "$EDDY" run "$tmp/tumble.sql" --stats < "$tmp/sig.fifo" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  exec 7> "$tmp/sig.fifo"
  head -100 "$tmp/in.ndjson" >&7
  printf '{"ROWTIME":"2024-01-01 00:00:01.000","sym":"S1","pri' >&7
  sleep 0.5
  kill -$sig $pid
  wait $pid
  rc=$?
  exec 7>&-
  rm -f "$tmp/sig.fifo"
  expect "SIG$sig: open windows are flushed, stats said, exit 0" \
    "[ $rc -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 7 ] && grep -q '100 records in, 7 rows out' '$tmp/err'"
  expect "SIG$sig: a record cut by the stop is said as incomplete, not as malformed" \
    "grep -q 'stopped while a record of stdin was arriving' '$tmp/err' && ! grep -q MALFORMED '$tmp/err'"
done
mkfifo "$tmp/sig.fifo"
"$EDDY" run "$tmp/tumble.sql" < "$tmp/sig.fifo" > "$tmp/out" 2> "$tmp/err" &
pid=$!
exec 7> "$tmp/sig.fifo"
head -50 "$tmp/in.ndjson" >&7
sleep 0.5
kill -USR1 $pid
sleep 0.5
expect "SIGUSR1: the counts are said and the run goes on" "grep -q '50 records in, 0 rows out' '$tmp/err' && kill -0 $pid"
exec 7>&-
wait $pid
expect "SIGUSR1: the run then ends normally" "[ $? -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 7 ]"
rm -f "$tmp/sig.fifo"

# ---- bad input of other kinds (reliability 9, 10, 12, 15, 17) ----
head -c 200000 /dev/zero | tr '\0' '\001' > "$tmp/huge.ndjson"
echo >> "$tmp/huge.ndjson"
echo '{"sym":"OK","price":1}' >> "$tmp/huge.ndjson"
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM < "$tmp/huge.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "a huge bad record: its error row is cut, with the record's length" \
  "[ \$(wc -c < '$tmp/err') -lt 400000 ] && grep -q '\"DATA_ROW_BYTES\":200000' '$tmp/err' && grep -q '\"SYM\":\"OK\"' '$tmp/out'"
printf 'sym,price\nA\377B,1\nOK,2\n' > "$tmp/bad.csv"
"$EDDY" run "$tmp/app.sql" --format csv --header --output DESTINATION_SQL_STREAM < "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"
expect "CSV with invalid UTF-8: an error row, as for NDJSON" \
  "grep -q INVALID_UTF8 '$tmp/err' && [ \$(wc -l < '$tmp/out') -eq 1 ]"
printf '\357\273\277{"sym":"BOM","price":1}\n' > "$tmp/bom.ndjson"
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM < "$tmp/bom.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "a UTF-8 BOM before the first NDJSON record is skipped" "grep -q '\"SYM\":\"BOM\"' '$tmp/out' && [ ! -s '$tmp/err' ]"
printf '\357\273\277sym,price\nBOM,1\n' > "$tmp/bom.csv"
"$EDDY" -e 'SELECT STREAM sym FROM SOURCE_SQL_STREAM_001' --format csv --header < "$tmp/bom.csv" > "$tmp/out" 2> "$tmp/err"
expect "a UTF-8 BOM before a CSV header is skipped" "grep -q '{\"ROWTIME\":\"[^\"]*\",\"sym\":\"BOM\"}' '$tmp/out'"
printf '{"sym":"A","price":1}\n{"sym":"B",\n' > "$tmp/table.ndjson"
cat > "$tmp/join.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE);
SELECT STREAM s.sym FROM "SOURCE_SQL_STREAM_001" AS s JOIN T ON s.sym = T.sym;
SQL
printf '{"sym":"A","price":1}\n' | "$EDDY" run "$tmp/join.sql" --table T="$tmp/table.ndjson" --stats > "$tmp/out" 2> "$tmp/err"
expect "a bad line of a --table file counts as an error in --stats" "grep -q '1 records in, 1 rows out, 1 error' '$tmp/err'"
printf '{"sym":"A","price":1}\n' | "$EDDY" run "$tmp/app.sql" --input NOSUCH=- --stats > "$tmp/out" 2> "$tmp/err"
expect "records into a stream nothing reads are counted and said" "grep -q '1 record went into streams nothing reads' '$tmp/err'"
printf '{"sym":"A\\u001b\\u0007","price":1}\n' | "$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM --output-format table > "$tmp/out"
expect "table output shows control characters escaped, never raw" \
  "grep -q 'A\\\\x1b\\\\x07' '$tmp/out' && ! grep -q \"\$(printf '\\033')\" '$tmp/out'"

# ---- --stats-every reports while input flows steadily (newcomer 4) ----
( i=0; while [ $i -lt 25 ]; do echo '{"sym":"A","price":1}'; sleep 0.1; i=$((i + 1)); done ) |
  "$EDDY" run "$tmp/app.sql" --stats-every 1 --output DESTINATION_SQL_STREAM > "$tmp/out" 2> "$tmp/err"
expect "--stats-every 1: a report every second while records arrive every 100 ms" \
  "[ \$(grep -c '\"records_in\"' '$tmp/err') -ge 2 ]"

# ---- LIMIT n bounds a query watched with -e (newcomer 9) ----
# a live input that stays open: eddy ends after the second row, while the writer still holds it
mkfifo "$tmp/limit.fifo"
"$EDDY" -e 'SELECT STREAM price FROM SOURCE_SQL_STREAM_001 LIMIT 2' < "$tmp/limit.fifo" > "$tmp/out" 2> "$tmp/err" &
pid=$!
exec 7> "$tmp/limit.fifo"
printf '{"price":1}\n{"price":2}\n{"price":3}\n' >&7
i=0
while [ $i -lt 150 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill -0 $pid 2>/dev/null && ended=no || ended=yes
exec 7>&-
wait $pid
rc=$?
expect "-e ... LIMIT 2 on a live input: two rows, then exit 0 without waiting for the input's end" \
  "[ $ended = yes ] && [ $rc -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 2 ] && grep -q '\"price\":2' '$tmp/out'"
timeout --foreground 30 "$EDDY" --demo 200 -e 'SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001 LIMIT 5' > "$tmp/out" 2> "$tmp/err"
rc=$?
expect "--demo with LIMIT 5: five rows, exit 0" "[ $rc -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 5 ]"
"$EDDY" -e 'CREATE STREAM D (price DOUBLE); CREATE PUMP P AS INSERT INTO D SELECT STREAM price FROM SOURCE_SQL_STREAM_001 LIMIT 2' \
  < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
expect "LIMIT in a pump: exit 2, a clear error" "[ $rc -eq 2 ] && grep -q 'LIMIT bounds a query you watch; a pump runs forever' '$tmp/err'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
