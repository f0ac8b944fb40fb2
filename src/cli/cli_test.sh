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
# Runs stopped by a signal skip LeakSanitizer's check at exit: under it, such
# a process now and then never ends (the other runs keep the check).
NOLEAK="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
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
  lost=$(sed -n 's/.*(\([0-9]*\) rows not written).*/\1/p' "$tmp/err")
  read_in=$(sed -n 's/^eddy: \([0-9]*\) records in.*/\1/p' "$tmp/err")
  expect "a full disk on stdout: every record counted in is a row counted as not written ($read_in, $lost)" \
    "[ -n '$lost' ] && [ '$lost' = '$read_in' ]"
  "$EDDY" run "$tmp/app.sql" --stats --errors /dev/full < "$tmp/bad.ndjson" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  expect "--errors to a full disk: exit 1" "[ $rc -eq 1 ]"
  expect "--errors to a full disk: said, and the error row is not counted as written" \
    "grep -q 'writing the error stream to /dev/full: No space left on device (1 row not written)' '$tmp/err' && grep -q '0 errors (and 1 error row not written)' '$tmp/err'"
else
  ok "a full disk on stdout: skipped (no /dev/full)"
fi

# ---- a file at its size limit (ulimit -f): the write fails with EFBIG and is
# said like a full disk, instead of SIGXFSZ killing eddy without a word; the
# rows whose lines reached the file count as out, the others as not written ----
# limited_counts: the whole lines in the limited file, and the rows out, not
# written and records in that --stats said
limited_counts() {
  lines=$(grep -c '}$' "$tmp/limited.out")
  out=$(sed -n 's/.* records in, \([0-9]*\) rows out.*/\1/p' "$tmp/err")
  lost=$(sed -n 's/.*(\([0-9]*\) rows not written).*/\1/p' "$tmp/err")
  read_in=$(sed -n 's/^eddy: \([0-9]*\) records in.*/\1/p' "$tmp/err")
}
( ulimit -f 64 && exec "$EDDY" run "$tmp/app.sql" --stats < "$tmp/in.ndjson" > "$tmp/limited.out" 2> "$tmp/err" )
rc=$?
expect "a file at its size limit: exit 1, not a kill by SIGXFSZ (exit $rc)" "[ $rc -eq 1 ]"
expect "a file at its size limit: the output and the reason are named" \
  "grep -q 'writing rows to standard output: File too large' '$tmp/err'"
limited_counts
expect "a file at its size limit: rows out are the whole lines in the file, and with those not written make every record ($lines, $out, $lost, $read_in)" \
  "[ '$lines' -gt 0 ] && [ '$lines' = '$out' ] && [ \$(($out + $lost)) -eq '$read_in' ]"

# ---- the same where two threads run and the main thread writes the file
# itself beside its writer thread (EDDY_WRITE_HERE=1; on its own the main
# thread does so only while the reader keeps the other CPU busy) ----
( ulimit -f 64 && EDDY_THREADS=2 EDDY_WRITE_HERE=1 exec "$EDDY" run "$tmp/app.sql" --stats < "$tmp/in.ndjson" > "$tmp/limited.out" 2> "$tmp/err" )
rc=$?
limited_counts
expect "a file at its size limit, written by the main thread beside a writer thread: exit 1, the reason said, rows out the whole lines in the file ($rc; $lines, $out, $lost, $read_in)" \
  "[ $rc -eq 1 ] && grep -q 'writing rows to standard output: File too large' '$tmp/err' && [ '$lines' -gt 0 ] && [ '$lines' = '$out' ] && [ \$((\$out + \$lost)) -eq '$read_in' ]"

# ---- --errors /dev/stdout with stdout a file: one file, written through one
# offset, so the error rows and the rows do not overwrite each other ----
"$EDDY" run "$tmp/app.sql" --errors /dev/stdout < "$tmp/bad.ndjson" > "$tmp/both.out" 2> "$tmp/err"
expect "--errors /dev/stdout, stdout a file: the row and the error row both in it" \
  "[ \$(wc -l < '$tmp/both.out') -eq 2 ] && grep -q '\"SYM\":\"OK\"' '$tmp/both.out' && grep -q '\"ERROR_NAME\":\"CONVERSION\"' '$tmp/both.out'"

# ---- two outputs that name one file by different names share it, as two
# of the same name do: every row of both streams is in it ----
(cd "$tmp" && "$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM=same.out --output CHEAP=./same.out < "$tmp/in.ndjson" 2> "$tmp/err")
expect "two outputs to one file by different names (same.out, ./same.out): all 24000 rows in it ($(wc -l < "$tmp/same.out"))" \
  "[ \$(wc -l < '$tmp/same.out') -eq 24000 ] && [ \$(grep -c PRICE '$tmp/same.out') -eq 20000 ]"

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
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM --output CHEAP --output-format csv < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
rc=$?
expect "CSV: two streams into one file (one header for both) refused at start, with the ways round it" \
  "[ $rc -eq 2 ] && [ ! -s '$tmp/out' ] && grep -q 'streams \"DESTINATION_SQL_STREAM\" and \"CHEAP\" would both go to standard output as CSV' '$tmp/err' && grep -q -- '--output NAME=FILE' '$tmp/err'"
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM="$tmp/all.csv" --output CHEAP="$tmp/cheap.csv" --output-format csv < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
rc=$?
expect "CSV: each stream in its own file has its own header, once" \
  "[ $rc -eq 0 ] && [ \$(grep -c '^ROWTIME,' '$tmp/all.csv') -eq 1 ] && [ \$(grep -c '^ROWTIME,' '$tmp/cheap.csv') -eq 1 ] && [ \$(wc -l < '$tmp/cheap.csv') -eq 4001 ]"
"$EDDY" run "$tmp/app.sql" --output DESTINATION_SQL_STREAM --output-format csv --stream-field < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "--stream-field with CSV: refused, not ignored" "[ \$? -eq 2 ] && grep -q 'stream-field names the stream in each NDJSON row' '$tmp/err'"

# ---- FIFOs never block startup (reliability 2) ----
mkfifo "$tmp/quiet.fifo" "$tmp/err.fifo"
cat > "$tmp/two.sql" <<'SQL'
CREATE STREAM S1 (sym VARCHAR(4), price DOUBLE);
CREATE STREAM S2 (sym VARCHAR(4), price DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), price DOUBLE);
CREATE PUMP P1 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM sym, price FROM S1;
CREATE PUMP P2 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM sym, price FROM S2;
SQL
: > "$tmp/out"
ASAN_OPTIONS=$NOLEAK timeout -k 5 20 "$EDDY" run "$tmp/two.sql" --input S1=- --input S2="$tmp/quiet.fifo" < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err" &
pid=$!
n=0
while [ $n -lt 200 ] && [ "$(wc -l < "$tmp/out")" -lt 20000 ]; do sleep 0.1; n=$((n + 1)); done
expect "an input FIFO with no writer: the other input's rows still flow" "[ \$(wc -l < '$tmp/out') -eq 20000 ]"
kill -TERM $pid 2>/dev/null
wait $pid
expect "an input FIFO with no writer: SIGTERM ends the run with exit 0" "[ $? -eq 0 ]"
timeout -k 5 20 "$EDDY" run "$tmp/app.sql" --errors "$tmp/err.fifo" < "$tmp/bad.ndjson" > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 0.3
expect "--errors to a FIFO with no reader: rows are written meanwhile" "grep -q '\"SYM\":\"OK\"' '$tmp/out'"
cat "$tmp/err.fifo" > "$tmp/errors.ndjson"
wait $pid
rc=$?
expect "--errors to a FIFO: its reader gets the error row once it opens it" \
  "[ $rc -eq 0 ] && grep -q '\"ERROR_NAME\":\"CONVERSION\"' '$tmp/errors.ndjson'"
# at the end, a FIFO that still has no reader is waited for, and said; a
# stop then gives its rows up as not written: exit 1, never silence
mkfifo "$tmp/out.fifo"
rm -f "$tmp/err"   # the run before said it waited too
ASAN_OPTIONS=$NOLEAK timeout -k 5 20 "$EDDY" run "$tmp/app.sql" --output "DESTINATION_SQL_STREAM=$tmp/out.fifo" --errors "$tmp/err.fifo" --stats \
  < "$tmp/bad.ndjson" > "$tmp/out" 2> "$tmp/err" &
pid=$!
n=0
while [ $n -lt 100 ] && ! grep -q 'waiting for a process to read the FIFO' "$tmp/err"; do sleep 0.1; n=$((n + 1)); done
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
expect "output and error FIFOs never read: waited for at the end, said, and a stop says the rows lost, exit 1" \
  "[ $rc -eq 1 ] && grep -q 'waiting for a process to read the FIFO .*out.fifo' '$tmp/err' && grep -q 'writing rows to .*out.fifo: no process opened the FIFO for reading ([0-9]* rows* not written)' '$tmp/err' && grep -q 'writing the error stream to .*err.fifo: no process opened the FIFO for reading (1 row not written)' '$tmp/err' && grep -q ' 0 rows out' '$tmp/err'"

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
  ASAN_OPTIONS=$NOLEAK timeout -k 5 20 "$EDDY" run "$tmp/tumble.sql" --stats < "$tmp/sig.fifo" > "$tmp/out" 2> "$tmp/err" &
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
ASAN_OPTIONS=$NOLEAK "$EDDY" run "$tmp/tumble.sql" < "$tmp/sig.fifo" > "$tmp/out" 2> "$tmp/err" &
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

# ---- options where users put them (newcomer 5, 6) ----
"$EDDY" run --stats "$tmp/app.sql" --output=CHEAP < "$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "options before the file, and --opt=value" "[ \$? -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 4000 ] && grep -q '20000 records in' '$tmp/err'"
"$EDDY" graph --dot "$tmp/app.sql" > "$tmp/out" 2> "$tmp/err"
expect "eddy graph --dot APP.sql" "[ \$? -eq 0 ] && grep -q '^digraph' '$tmp/out'"
"$EDDY" run "$tmp/app.sql" --stats=yes < /dev/null > /dev/null 2> "$tmp/err"
expect "a flag given a value is refused clearly" "[ \$? -eq 2 ] && grep -q -- '--stats takes no value' '$tmp/err'"
ASAN_OPTIONS=$NOLEAK timeout -k 5 10 "$EDDY" --demo 2000 > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
expect "eddy --demo alone streams the ticker until Ctrl-C" \
  "[ $rc -eq 0 ] && [ \$(grep -c '\"TICKER_SYMBOL\"' '$tmp/out') -ge 100 ]"

# ---- check binds against what it can know (newcomer 1) ----
printf 'SELECT STREAM prce FROM SOURCE_SQL_STREAM_001;\n' > "$tmp/typo.sql"
printf '{"price":1.5,"sym":"A"}\n' > "$tmp/sample.ndjson"
"$EDDY" check "$tmp/typo.sql" < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "check without a declared source: says the columns were not checked, exit 3" \
  "[ \$? -eq 3 ] && grep -q 'they were not checked' '$tmp/err'"
"$EDDY" check "$tmp/typo.sql" --input SOURCE_SQL_STREAM_001="$tmp/sample.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "check --input NAME=SAMPLE binds against the sample's columns" \
  "[ \$? -eq 2 ] && grep -q 'unknown column \"PRCE\" in \"SOURCE_SQL_STREAM_001\" (did you mean \"price\"?)' '$tmp/err'"
printf 'SELECT STREAM price FROM SOURCE_SQL_STREAM_001;\n' > "$tmp/fine.sql"
"$EDDY" check "$tmp/fine.sql" --input SOURCE_SQL_STREAM_001="$tmp/sample.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "check against a sample: a correct app passes with exit 0" "[ \$? -eq 0 ] && [ ! -s '$tmp/err' ]"
"$EDDY" check "$tmp/typo.sql" --format lines > "$tmp/out" 2> "$tmp/err"
expect "check --format lines binds against the LINE column" "[ \$? -eq 2 ] && grep -q 'unknown column \"PRCE\"' '$tmp/err'"
"$EDDY" graph "$tmp/typo.sql" > "$tmp/out" 2> "$tmp/err"
expect "graph draws an app whose source is not declared" "[ \$? -eq 0 ] && grep -q 'SOURCE_SQL_STREAM_001 ->' '$tmp/out'"

# ---- eddy schema prints what discovery finds (KDA fidelity 4) ----
printf '{"sym":"ABC","price":1.5,"n":3,"at":"2024-01-01 00:00:00.000"}\n{"sym":"ABCDEFGHIJ","price":2,"n":4,"at":"2024-01-01 00:00:01.000"}\n' > "$tmp/disc.ndjson"
"$EDDY" schema "$tmp/disc.ndjson" > "$tmp/schema.sql" 2> "$tmp/err"
expect "eddy schema: a CREATE STREAM with the discovered types" \
  "grep -q '\"sym\" VARCHAR(16)' '$tmp/schema.sql' && grep -q '\"price\" DOUBLE' '$tmp/schema.sql' && grep -q '\"n\" BIGINT' '$tmp/schema.sql' && grep -q '\"at\" TIMESTAMP' '$tmp/schema.sql'"
printf 'SELECT STREAM "sym", "n" FROM SOURCE_SQL_STREAM_001;\n' >> "$tmp/schema.sql"
"$EDDY" run "$tmp/schema.sql" < "$tmp/disc.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "eddy schema: its output runs as the application's declaration" "[ \$? -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 2 ]"
"$EDDY" schema --output-format json < "$tmp/disc.ndjson" > "$tmp/schema.json" 2> "$tmp/err"
"$EDDY" run "$tmp/fine.sql" --input-schema "$tmp/schema.json" < "$tmp/disc.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "eddy schema --output-format json: a KDA InputSchema that --input-schema reads" \
  "grep -q '\"RecordColumns\"' '$tmp/schema.json' && [ \$(wc -l < '$tmp/out') -eq 2 ]"

# ---- discovery never ignores a key without a word (newcomer 2) ----
( echo '{"a":1}'; sleep 0.5; echo '{"b":2}'; echo '{"b":3}' ) |
  "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' > "$tmp/out" 2> "$tmp/err"
expect "a key that is not a discovered column is said at once, with the sample's size" \
  "grep -q 'stdin line 2: key \"b\" is not a column of stream \"SOURCE_SQL_STREAM_001\", whose columns were discovered from its first 1 record' '$tmp/err'"
expect "... and counted at the end" "grep -q '2 records of stdin had keys that are not columns' '$tmp/err'"
# a record that is an error row is not a record with an ignored key; a key
# from the data reaches the terminal escaped
( echo '{"a":1}'; sleep 0.5; echo '{"a":2,"x":1'; echo '{"a":3}'; printf '{"a":4,"y\\u001b[31m":1}\n' ) |
  "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' > "$tmp/out" 2> "$tmp/err"
expect "a malformed record's keys are not said as ignored keys; the key said is the right line's, escaped" \
  "grep -q 'MALFORMED_JSON' '$tmp/err' && ! grep -q 'key \"x\"' '$tmp/err' && grep -q 'stdin line 4: key \"y.x1b.31m\" is not a column' '$tmp/err' && ! grep -q \"\$(printf '\\033')\" '$tmp/err'"

# ---- a memory budget (reliability: limits a user can set) ----
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "{\"ROWTIME\":\"2024-01-01 00:00:00.000\",\"k\":\"key%d\",\"v\":%d}\n", i, i }' > "$tmp/keys.ndjson"
cat > "$tmp/keys.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(16), v INTEGER);
SELECT STREAM k, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" AS s GROUP BY k, STEP(s.ROWTIME BY INTERVAL '1' HOUR);
SQL
"$EDDY" run "$tmp/keys.sql" --max-memory 40M --stats < "$tmp/keys.ndjson" > "$tmp/out" 2> "$tmp/err"
rc=$?
rows=$(wc -l < "$tmp/out")
refused=$(grep -c '"ERROR_NAME":"MEMORY_LIMIT"' "$tmp/err")
expect "--max-memory: new groups past the budget are refused as error rows, with one warning" \
  "[ $rc -eq 0 ] && [ $refused -gt 1000 ] && [ \$((rows + refused)) -eq 400000 ] && [ \$(grep -c 'memory budget (40 MB) is used up' '$tmp/err') -eq 1 ]"
"$EDDY" run "$tmp/keys.sql" --max-memory 1K < /dev/null > /dev/null 2> "$tmp/err"
expect "--max-memory below 1M is refused" "[ \$? -eq 2 ] && grep -q 'at least 1M' '$tmp/err'"
# ---- --kda: the application's KDA configuration (issue 11, parts 3 and 4) ----
kdadir=$top/sql-tests/kda-config
# refused NAME TEXT ARGS...: eddy ARGS exits 2 and says TEXT (as it is) on stderr
refused() {
  name=$1 text=$2
  shift 2
  "$EDDY" "$@" < /dev/null > "$tmp/out" 2> "$tmp/err"
  if [ $? -eq 2 ] && grep -qF -- "$text" "$tmp/err"; then ok "$name"; else bad "$name"; fi
}
# describe-application (v1): a Kinesis input over two in-application streams,
# a Kinesis and a Firehose output, a reference table from S3
cat > "$tmp/describe-v1.json" <<'JSON'
{"ApplicationDetail": {
  "ApplicationName": "ticks", "ApplicationARN": "arn:aws:kinesisanalytics:eu-west-1:123456789012:application/ticks",
  "ApplicationStatus": "READY", "ApplicationVersionId": 7,
  "ApplicationCode": "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4), price DOUBLE, name VARCHAR(20));\nCREATE OR REPLACE PUMP \"P1\" AS INSERT INTO \"DESTINATION_SQL_STREAM\" SELECT STREAM s.ticker, s.price, c.name FROM \"SOURCE_SQL_STREAM_001\" AS s LEFT JOIN \"COMPANIES\" AS c ON s.ticker = c.ticker;\nCREATE OR REPLACE PUMP \"P2\" AS INSERT INTO \"DESTINATION_SQL_STREAM\" SELECT STREAM s.ticker, s.price, c.name FROM \"SOURCE_SQL_STREAM_002\" AS s LEFT JOIN \"COMPANIES\" AS c ON s.ticker = c.ticker;\nCREATE OR REPLACE STREAM \"CHEAP\" (ticker VARCHAR(4));\nCREATE OR REPLACE PUMP \"P3\" AS INSERT INTO \"CHEAP\" SELECT STREAM ticker FROM \"DESTINATION_SQL_STREAM\" WHERE price < 10;\n",
  "InputDescriptions": [{
    "InputId": "1.1", "NamePrefix": "SOURCE_SQL_STREAM", "InAppStreamNames": ["SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002"],
    "KinesisStreamsInputDescription": {"ResourceARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/ticks", "RoleARN": "arn:aws:iam::123456789012:role/kda"},
    "InputSchema": {"RecordFormat": {"RecordFormatType": "JSON", "MappingParameters": {"JSONMappingParameters": {"RecordRowPath": "$"}}},
      "RecordEncoding": "UTF-8",
      "RecordColumns": [{"Name": "TICKER", "Mapping": "$.ticker_symbol", "SqlType": "VARCHAR(4)"}, {"Name": "PRICE", "Mapping": "$.price", "SqlType": "DOUBLE"}]},
    "InputParallelism": {"Count": 2},
    "InputStartingPositionConfiguration": {"InputStartingPosition": "NOW"}}],
  "OutputDescriptions": [
    {"OutputId": "1.2", "Name": "DESTINATION_SQL_STREAM", "DestinationSchema": {"RecordFormatType": "JSON"},
     "KinesisStreamsOutputDescription": {"ResourceARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/priced", "RoleARN": "arn:aws:iam::123456789012:role/kda"}},
    {"OutputId": "1.3", "Name": "CHEAP", "DestinationSchema": {"RecordFormatType": "CSV"},
     "KinesisFirehoseOutputDescription": {"ResourceARN": "arn:aws:firehose:eu-west-1:123456789012:deliverystream/cheap-to-s3", "RoleARN": "arn:aws:iam::123456789012:role/kda"}}],
  "ReferenceDataSourceDescriptions": [{"ReferenceId": "1.4", "TableName": "COMPANIES",
    "S3ReferenceDataSourceDescription": {"BucketARN": "arn:aws:s3:::refdata", "FileKey": "companies.csv", "ReferenceRoleARN": "arn:aws:iam::123456789012:role/kda"},
    "ReferenceSchema": {"RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {"CSVMappingParameters": {"RecordRowDelimiter": "\n", "RecordColumnDelimiter": ","}}},
      "RecordEncoding": "UTF-8", "RecordColumns": [{"Name": "TICKER", "SqlType": "VARCHAR(4)"}, {"Name": "NAME", "SqlType": "VARCHAR(20)"}]}}]
}}
JSON
"$EDDY" check --kda "$tmp/describe-v1.json" --verbose > "$tmp/out" 2> "$tmp/err"
expect "--kda describe-application v1: check passes and contacts nothing" "[ \$? -eq 0 ]"
expect "--kda: NAME_001..NAME_00n from InputParallelism, each a part of the stream's shards" \
  "grep -q -- '--input SOURCE_SQL_STREAM_001=kinesis://ticks?region=eu-west-1&shards=1/2' '$tmp/err' && grep -q -- '--input SOURCE_SQL_STREAM_002=kinesis://ticks?region=eu-west-1&shards=2/2' '$tmp/err'"
expect "--kda: a Kinesis output with its region and record format" \
  "grep -q -- '--output DESTINATION_SQL_STREAM=kinesis://priced?region=eu-west-1&format=JSON' '$tmp/err'"
expect "--kda check: what run cannot do is noted, not an error" \
  "grep -q 'note: output CHEAP goes to Firehose delivery stream cheap-to-s3' '$tmp/err' && grep -q 'note: reference table COMPANIES comes from S3 object s3://refdata/companies.csv' '$tmp/err'"
"$EDDY" run --kda "$tmp/describe-v1.json" < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "--kda run: a Firehose output is refused with the setting and the way around it" \
  "[ \$? -eq 2 ] && grep -q 'output CHEAP goes to Firehose delivery stream cheap-to-s3 (ApplicationDetail.OutputDescriptions\[1\].KinesisFirehoseOutputDescription): eddy cannot deliver to Firehose; write it to a file with --output CHEAP=FILE' '$tmp/err'"
expect "--kda run: a table from S3 needs --table NAME=FILE, the bucket and key named" \
  "grep -q 'reference table COMPANIES comes from S3 object s3://refdata/companies.csv (ApplicationDetail.ReferenceDataSourceDescriptions\[0\]): eddy does not read S3; copy it (aws s3 cp s3://refdata/companies.csv FILE) and give it with --table COMPANIES=FILE' '$tmp/err'"
printf '{"ticker_symbol":"AMZN","price":120.5}\n{"ticker_symbol":"XYZ","price":3}\n' > "$tmp/part1.ndjson"
printf '{"ticker_symbol":"ABC","price":7.25}\n' > "$tmp/part2.ndjson"
printf 'TICKER,NAME\nAMZN,Amazon\nABC,Alphabet Corp\n' > "$tmp/companies.csv"
# a closed port on loopback stands for the stream's endpoint: nothing leaves the machine
AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=not-a-secret AWS_PROFILE= \
  "$EDDY" run --kda "$tmp/describe-v1.json" --now '2000-01-01 00:00:00' --input SOURCE_SQL_STREAM_001="$tmp/part1.ndjson" \
  --output CHEAP="$tmp/cheap.ndjson" --table COMPANIES="$tmp/companies.csv" < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "--kda run: the Kinesis output is opened from the configuration (its stream named, the endpoint unreachable)" \
  "[ \$? -eq 1 ] && grep -q 'output DESTINATION_SQL_STREAM: kinesis stream \"priced\": cannot reach http://127.0.0.1:9' '$tmp/err' && ! grep -q 'not-a-secret' '$tmp/err'"
"$EDDY" run --kda "$tmp/describe-v1.json" --now '2000-01-01 00:00:00' --input SOURCE_SQL_STREAM_001="$tmp/part1.ndjson" \
  --input SOURCE_SQL_STREAM_002="$tmp/part2.ndjson" --output DESTINATION_SQL_STREAM="$tmp/priced.ndjson" \
  --output CHEAP="$tmp/cheap.ndjson" --table COMPANIES="$tmp/companies.csv" < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
cat > "$tmp/want-priced" <<'ROWS'
{"ROWTIME":"2000-01-01 00:00:00.000","TICKER":"AMZN","PRICE":120.5,"NAME":"Amazon"}
{"ROWTIME":"2000-01-01 00:00:00.000","TICKER":"XYZ","PRICE":3.0,"NAME":null}
{"ROWTIME":"2000-01-01 00:00:00.000","TICKER":"ABC","PRICE":7.25,"NAME":"Alphabet Corp"}
ROWS
printf '{"ROWTIME":"2000-01-01 00:00:00.000","TICKER":"XYZ"}\n{"ROWTIME":"2000-01-01 00:00:00.000","TICKER":"ABC"}\n' > "$tmp/want-cheap"
expect "--kda run with --input NAME=FILE and --output NAME=FILE overriding every stream: the rows expected" \
  "[ $rc -eq 0 ] && [ ! -s '$tmp/out' ] && sort '$tmp/priced.ndjson' | cmp -s - \"\$(sort '$tmp/want-priced' > '$tmp/w1'; echo '$tmp/w1')\" && sort '$tmp/cheap.ndjson' | cmp -s - \"\$(sort '$tmp/want-cheap' > '$tmp/w2'; echo '$tmp/w2')\""

# describe-application (v2) of a SQL application: a Lambda preprocessor and a Lambda output
cat > "$tmp/describe-v2.json" <<'JSON'
{"ApplicationDetail": {"ApplicationName": "alerts", "RuntimeEnvironment": "SQL-1_0", "ApplicationVersionId": 3,
  "ApplicationConfigurationDescription": {
    "ApplicationCodeConfigurationDescription": {"CodeContentType": "PLAINTEXT",
      "CodeContentDescription": {"TextContent": "CREATE OR REPLACE STREAM \"ALERTS\" (host VARCHAR(16), load DOUBLE);\nCREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"ALERTS\" SELECT STREAM host, load FROM \"LOADS_001\" WHERE load > 0.9;\n"}},
    "SqlApplicationConfigurationDescription": {
      "InputDescriptions": [{"InputId": "1.1", "NamePrefix": "LOADS", "InAppStreamNames": ["LOADS_001"],
        "InputProcessingConfigurationDescription": {"InputLambdaProcessorDescription": {"ResourceARN": "arn:aws:lambda:us-east-1:123456789012:function:unzip"}},
        "KinesisStreamsInputDescription": {"ResourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/raw-loads"},
        "InputSchema": {"RecordFormat": {"RecordFormatType": "CSV", "MappingParameters": {"CSVMappingParameters": {"RecordRowDelimiter": "\n", "RecordColumnDelimiter": "|"}}},
          "RecordColumns": [{"Name": "HOST", "SqlType": "VARCHAR(16)"}, {"Name": "LOAD", "SqlType": "DOUBLE"}]},
        "InputParallelism": {"Count": 1}}],
      "OutputDescriptions": [{"OutputId": "1.2", "Name": "ALERTS", "DestinationSchema": {"RecordFormatType": "JSON"},
        "LambdaOutputDescription": {"ResourceARN": "arn:aws:lambda:us-east-1:123456789012:function:notify"}}],
      "ReferenceDataSourceDescriptions": []}}}}
JSON
"$EDDY" check --kda "$tmp/describe-v2.json" > "$tmp/out" 2> "$tmp/err"
expect "--kda describe-application v2: the SQL configuration checks" "[ \$? -eq 0 ]"
"$EDDY" run --kda "$tmp/describe-v2.json" < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "--kda run: a Lambda preprocessor is refused, naming the function and the setting" \
  "[ \$? -eq 2 ] && grep -q 'input LOADS_001 is preprocessed by Lambda function arn:aws:lambda:us-east-1:123456789012:function:unzip (ApplicationDetail.ApplicationConfigurationDescription.SqlApplicationConfigurationDescription.InputDescriptions\[0\].InputProcessingConfigurationDescription.InputLambdaProcessorDescription): eddy cannot call Lambda; give it the records as the function returns them with --input LOADS_001=FILE' '$tmp/err'"
expect "--kda run: a Lambda output is refused the same way" \
  "grep -q 'output ALERTS goes to Lambda function notify (.*LambdaOutputDescription): eddy cannot call Lambda; write it to a file with --output ALERTS=FILE' '$tmp/err'"
printf 'web1|0.95\nweb2|0.20\nweb3|0.99\n' > "$tmp/loads.csv"
"$EDDY" run --kda "$tmp/describe-v2.json" --now '2000-01-01 00:00:00' --input LOADS_001="$tmp/loads.csv" --output ALERTS="$tmp/alerts.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "--kda run: the input schema's CSV format and delimiter apply to the file given" \
  "[ \$? -eq 0 ] && [ \$(wc -l < '$tmp/alerts.ndjson') -eq 2 ] && grep -q '\"HOST\":\"web3\",\"LOAD\":0.99' '$tmp/alerts.ndjson'"

# create-application requests, v1 and v2; a Flink application; an output the code does not create
cat > "$tmp/create-v1.json" <<'JSON'
{"ApplicationName": "filter", "ApplicationCode": "CREATE STREAM \"OUT\" (v INTEGER); CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM v FROM \"IN_001\";",
 "Inputs": [{"NamePrefix": "IN", "KinesisStreamsInput": {"ResourceARN": "arn:aws:kinesis:ap-south-1:123456789012:stream/numbers", "RoleARN": "r"},
   "InputSchema": {"RecordFormat": {"RecordFormatType": "JSON"}, "RecordColumns": [{"Name": "V", "SqlType": "INTEGER", "Mapping": "$.v"}]}}],
 "Outputs": [{"Name": "OUT", "KinesisStreamsOutput": {"ResourceARN": "arn:aws:kinesis:ap-south-1:123456789012:stream/filtered", "RoleARN": "r"}, "DestinationSchema": {"RecordFormatType": "CSV"}}]}
JSON
"$EDDY" check --kda "$tmp/create-v1.json" --verbose > "$tmp/out" 2> "$tmp/err"
expect "--kda create-application request (v1): inputs and outputs without Description" \
  "[ \$? -eq 0 ] && grep -q -- '--input IN_001=kinesis://numbers?region=ap-south-1\$' '$tmp/err' && grep -q -- '--output OUT=kinesis://filtered?region=ap-south-1&format=CSV' '$tmp/err'"
sed 's/"Name": "OUT", "Kinesis/"Name": "error_stream", "Kinesis/' "$tmp/create-v1.json" > "$tmp/create-errors.json"
"$EDDY" check --kda "$tmp/create-errors.json" --verbose > "$tmp/out" 2> "$tmp/err"
expect "--kda: an output of error_stream is where eddy writes its error stream (--errors)" \
  "[ \$? -eq 0 ] && grep -q -- '--errors kinesis://filtered?region=ap-south-1&format=CSV' '$tmp/err'"
printf '{"v":"x"}\n' | "$EDDY" run --kda "$tmp/create-errors.json" --input IN_001=- > "$tmp/out" 2> "$tmp/err"
expect "... which run does not deliver to Kinesis yet" "[ \$? -eq 2 ] && grep -q 'the error stream goes to kinesis://filtered' '$tmp/err'"
printf '{"v":"x"}\n' | "$EDDY" run --kda "$tmp/create-errors.json" --input IN_001=- --errors "$tmp/errors.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "... and --errors FILE overrides" "[ \$? -eq 0 ] && grep -q '\"ERROR_NAME\":\"CONVERSION\"' '$tmp/errors.ndjson'"
cat > "$tmp/create-v2.json" <<'JSON'
{"ApplicationName": "filter", "RuntimeEnvironment": "SQL-1_0", "ServiceExecutionRole": "r",
 "ApplicationConfiguration": {"ApplicationCodeConfiguration": {"CodeContentType": "PLAINTEXT", "CodeContent": {"TextContent": "CREATE STREAM \"OUT\" (v INTEGER); CREATE PUMP \"P\" AS INSERT INTO \"OUT\" SELECT STREAM w FROM \"IN_001\";"}},
  "SqlApplicationConfiguration": {"Inputs": [{"NamePrefix": "IN", "KinesisStreamsInput": {"ResourceARN": "arn:aws:kinesis:ap-south-1:123456789012:stream/numbers"},
   "InputSchema": {"RecordFormat": {"RecordFormatType": "JSON"}, "RecordColumns": [{"Name": "V", "SqlType": "INTEGER", "Mapping": "$.v"}]}}]}}}
JSON
refused "--kda check: an error in the code has its position in the code, naming the configuration" \
  'create-v2.json[ApplicationCode]:1:85: error: unknown column "W"' check --kda "$tmp/create-v2.json"
printf '{"ApplicationDetail": {"ApplicationName": "f", "RuntimeEnvironment": "FLINK-1_15", "ApplicationConfigurationDescription": {}}}\n' > "$tmp/flink.json"
refused "--kda: a Flink application is refused" 'RuntimeEnvironment is FLINK-1_15: eddy runs KDA SQL applications' \
  check --kda "$tmp/flink.json"
sed 's/"Name": "OUT", "Kinesis/"Name": "OUT2", "Kinesis/' "$tmp/create-v1.json" > "$tmp/create-bad.json"
refused "--kda check: an output the code does not create is an error" \
  'Outputs[0].Name is "OUT2", a stream the application does not create' check --kda "$tmp/create-bad.json"
printf 'CREATE STREAM "OUT" (w INTEGER); CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM v * 2 FROM "IN_001";\n' > "$tmp/other.sql"
printf '{"v":4}\n' | "$EDDY" run "$tmp/other.sql" --kda "$tmp/create-v1.json" --input IN_001=- --output OUT=- > "$tmp/out" 2> "$tmp/err"
expect "--kda with APP.sql: the SQL file's code replaces the configuration's, the input schema stays" \
  "[ \$? -eq 0 ] && grep -q '\"W\":8' '$tmp/out'"
printf 'CREATE STREAM "OUT3" (w INTEGER); CREATE PUMP "P" AS INSERT INTO "OUT3" SELECT STREAM v FROM "IN_001";\n' > "$tmp/other.sql"
refused "... and the configuration's outputs must be streams of that code" \
  'Outputs[0].Name is "OUT", a stream the application does not create' check "$tmp/other.sql" --kda "$tmp/create-v1.json"
refused "run without an application asks for APP.sql or --kda APP.json" \
  'run needs an application file (APP.sql, or --kda APP.json)' run --now '2000-01-01 00:00:00'
printf 'Resources:\n  A: [1, 2\n' > "$tmp/bad.yaml"
refused "--kda: a YAML file that does not parse is said with its line and column" 'bad.yaml:3:1: ' check --kda "$tmp/bad.yaml"

# CloudFormation: names the template leaves to its deployment, given with --kda-param
"$EDDY" run "$kdadir/cfn-guide-v1-with-sql/app.sql" --kda "$kdadir/cfn-guide-v1-example/kda.yaml" --table exampleTable=/dev/null < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "--kda run: a stream named at deployment is refused with the --kda-param that names it" \
  "[ \$? -eq 2 ] && grep -q 'input exampleNamePrefix_001 reads Kinesis stream \${InputKinesisStream} (Resources.BasicApplication.Properties.Inputs\[0\].KinesisStreamsInput), and the file leaves InputKinesisStream to the deployment: give it with --kda-param InputKinesisStream=VALUE' '$tmp/err'"
"$EDDY" check "$kdadir/cfn-guide-v1-with-sql/app.sql" --kda "$kdadir/cfn-guide-v1-example/kda.yaml" --kda-param InputKinesisStream=clicks \
  --kda-param OutputKinesisStream=arn:aws:kinesis:eu-north-1:123456789012:stream/flagged --kda-param AWS::Region=us-west-2 --verbose > "$tmp/out" 2> "$tmp/err"
expect "--kda-param: a resource's name, an ARN and AWS::Region complete the template's ARNs" \
  "[ \$? -eq 0 ] && grep -q -- '--input exampleNamePrefix_001=kinesis://clicks?region=us-west-2\$' '$tmp/err' && grep -q -- '--output exampleOutput=kinesis://flagged?region=eu-north-1&format=CSV' '$tmp/err'"
"$EDDY" check --kda "$kdadir/real-time-iot-device-monitoring/kda.yaml" --verbose > "$tmp/out" 2> "$tmp/err"
expect "--kda YAML template: Fn::Sub with Fn::FindInMap variables in the code and the output names" \
  "grep -q 'CloudFormation template of application (unnamed): 1 input, 2 outputs, 0 reference tables' '$tmp/err'"

# the item-views application (sql-tests/kda-config/item-views-top-k) run with every setting overridden
"$EDDY" run --kda "$kdadir/item-views-top-k/kda.json" --now '2000-01-01 00:00:00' \
  --input firehouse_views_delivery_stream_001="$kdadir/item-views-top-k/views.ndjson" \
  --table items_information="$kdadir/item-views-top-k/items.csv" \
  --output items_output_stream="$tmp/items.ndjson" --output categories_output_stream="$tmp/categories.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "--kda run of a published template, Firehose input, S3 table and Lambda outputs overridden: the rows expected" \
  "[ \$? -eq 0 ] && [ ! -s '$tmp/err' ] && cmp -s '$tmp/items.ndjson' '$kdadir/item-views-top-k/expected-items.ndjson' && cmp -s '$tmp/categories.ndjson' '$kdadir/item-views-top-k/expected-categories.ndjson'"
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

# a table on a terminal fits its width (util-linux's script gives eddy a pty)
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1; then
  printf '{"a":"a very long text value that goes on and on and on and on","b":12345.678,"c":"x"}\n' > "$tmp/wide.ndjson"
  TERM=dumb script -qc "stty cols 50; '$EDDY' -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' --output-format table < '$tmp/wide.ndjson' 2>/dev/null" /dev/null \
    | tr -d '\r' > "$tmp/fit.out"
  printf '{"a":"a very long text value that goes on and on and on and on","b":12345.678,"c":"x"}\n' |
    "$EDDY" -e 'SELECT STREAM * FROM SOURCE_SQL_STREAM_001' --output-format table > "$tmp/nofit.out" 2>/dev/null
  expect "--output-format table on a terminal: every line fits 50 columns, the long value cut with an ellipsis" \
    "[ \$(wc -l < '$tmp/fit.out') -eq 3 ] && [ \$(LC_ALL=C.UTF-8 wc -L < '$tmp/fit.out') -le 50 ] && grep -q '…' '$tmp/fit.out' && grep -q 'goes on and on and on and on' '$tmp/nofit.out'"
else
  echo "SKIP --output-format table on a terminal: script (util-linux) cannot open a pty here"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
