#!/bin/sh
# Checkpoints (--state DIR): eddy is killed with SIGKILL at random moments
# and restarted with the same state directory until its input is read; the
# output file must then be byte-identical to one uninterrupted run. Damaged
# or foreign checkpoints must be refused clearly, never crash or start over
# silently. Prints one line per check and "N passed, N failed".
# Usage: checkpoint_test.sh   (EDDY names the binary)

EDDY=${EDDY:-$(pwd)/eddy}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
kills_total=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/    | /' "$tmp/err" | head -10; }
expect() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# deterministic input: ROWTIME from the records, 3 ms apart, 7 symbols
awk 'BEGIN { srand(7); for (i = 0; i < 2000000; i++) {
  printf "{\"ROWTIME\":%.0f,\"sym\":\"S%d\",\"price\":%.2f,\"qty\":%d}\n", 1700000000000 + i * 3, i % 7, 40 + rand() * 20, 1 + int(rand() * 100) } }' > "$tmp/in.ndjson"

# crash_run NAME APP KILLS [INPUT]: KILLS runs killed after a random time,
# then one to the end; the output must equal the uninterrupted run's. With
# SIG=TERM the runs are stopped instead, each saving its checkpoint as it
# stops (mostly with a record half read: the resumed run must read it whole).
crash_run() {
  name=$1 app=$2 kills=$3 input=${4:-$tmp/in.ndjson}
  sig=${SIG:-KILL}
  stopped_rc=$([ "$sig" = KILL ] && echo 137 || echo 124) how=$([ "$sig" = KILL ] && echo killed || echo stopped)
  "$EDDY" run "$app" --input SOURCE_SQL_STREAM_001="$input" --output DESTINATION_SQL_STREAM="$tmp/ref.ndjson" 2> "$tmp/err"
  # killed again and again after a random time (each run gets past a
  # checkpoint or two) until a run is quick enough to finish; on a machine
  # so fast that it finishes before KILLS kills, or so loaded that a killed
  # run had not reached its first checkpoint, again with shorter times
  for span in 200 100 50 25 12; do
    rm -rf "$tmp/state" "$tmp/out.ndjson"
    k=0 crashed=0 resumed=0 cuts=0
    while [ $k -lt 60 ]; do
      [ -f "$tmp/state/checkpoint" ] && resumed=$((resumed + 1))
      ms=$(awk -v k="$k" -v n="$name" -v s="$span" 'BEGIN { srand(k * 7919 + length(n)); print int(s * 2 / 3) + int(rand() * s) }')
      timeout -s "$sig" "0.$(printf '%03d' "$ms")" "$EDDY" run "$app" --state "$tmp/state" --checkpoint-every 0.02 \
        --input SOURCE_SQL_STREAM_001="$input" --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" 2> "$tmp/err"
      [ $? -eq "$stopped_rc" ] || break
      grep -q 'stopped while a record' "$tmp/err" && cuts=$((cuts + 1))
      crashed=$((crashed + 1))
      k=$((k + 1))
    done
    [ $crashed -ge "$kills" ] && [ $resumed -ge "$kills" ] && break
  done
  "$EDDY" run "$app" --state "$tmp/state" --checkpoint-every 0.03 \
    --input SOURCE_SQL_STREAM_001="$input" --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" 2> "$tmp/err"
  rc=$?
  kills_total=$((kills_total + crashed))
  expect "$name: $how $crashed times (SIG$sig), resumed from a checkpoint $resumed times: output identical to one run ($(wc -l < "$tmp/ref.ndjson") rows)" \
    "[ $rc -eq 0 ] && [ $crashed -ge $kills ] && [ $resumed -ge $kills ] && [ -s '$tmp/ref.ndjson' ] && cmp -s '$tmp/ref.ndjson' '$tmp/out.ndjson'"
}

cat > "$tmp/filter.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, price, qty FROM "SOURCE_SQL_STREAM_001" WHERE price > 50;
SQL
crash_run filter "$tmp/filter.sql" 4

SRC='CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE, qty INTEGER);'
cat > "$tmp/tumble.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), n BIGINT, total BIGINT, mean DOUBLE, lo DOUBLE, hi DOUBLE, dq BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, COUNT(*), SUM(qty), AVG(price), MIN(price), MAX(price), COUNT(DISTINCT qty)
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY sym, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '2' SECOND);
SQL
crash_run "tumbling window with keys" "$tmp/tumble.sql" 4

cat > "$tmp/stagger.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), n BIGINT, total BIGINT, sd DOUBLE);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, COUNT(*), SUM(qty), STDDEV_SAMP(price) FROM "SOURCE_SQL_STREAM_001"
  WINDOWED BY STAGGER (PARTITION BY sym RANGE INTERVAL '3' SECOND);
SQL
crash_run "stagger window" "$tmp/stagger.sql" 4

cat > "$tmp/chain.sql" <<SQL
$SRC
CREATE STREAM "BIG" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
CREATE STREAM "SMALL" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), big_price DOUBLE, small_price DOUBLE);
CREATE PUMP "P1" AS INSERT INTO "BIG" SELECT STREAM sym, price, qty FROM "SOURCE_SQL_STREAM_001" WHERE qty > 50;
CREATE PUMP "P2" AS INSERT INTO "SMALL" SELECT STREAM sym, price, qty FROM "SOURCE_SQL_STREAM_001" WHERE qty <= 50;
CREATE PUMP "P3" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM b.sym, b.price, s.price
  FROM "BIG" AS b JOIN "SMALL" OVER (RANGE INTERVAL '0.05' SECOND PRECEDING) AS s ON b.sym = s.sym;
SQL
crash_run "three pumps and a stream join" "$tmp/chain.sql" 4

cat > "$tmp/order.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (t TIMESTAMP, sym VARCHAR(4), total BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM STEP(s.ROWTIME BY INTERVAL '1' SECOND), sym, SUM(qty) FROM "SOURCE_SQL_STREAM_001" AS s
  GROUP BY STEP(s.ROWTIME BY INTERVAL '1' SECOND), sym
  ORDER BY STEP(s.ROWTIME BY INTERVAL '1' SECOND), SUM(qty) DESC;
SQL
crash_run "ORDER BY a window's aggregate" "$tmp/order.sql" 4

cat > "$tmp/topk.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), n BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001" WHERE qty > 20), 'SYM', 3, 1));
SQL
crash_run "TOP_K_ITEMS_TUMBLING" "$tmp/topk.sql" 4

cat > "$tmp/distinct.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (t TIMESTAMP, sym VARCHAR(4), qty INTEGER);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM DISTINCT FLOOR(s.ROWTIME TO SECOND), sym, qty / 10 FROM "SOURCE_SQL_STREAM_001" AS s;
SQL
crash_run "SELECT STREAM DISTINCT" "$tmp/distinct.sql" 4

cat > "$tmp/slide.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), price DOUBLE, lo DOUBLE, hi DOUBLE, mean DOUBLE, sd DOUBLE,
  prev DOUBLE, n BIGINT, q BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, price, MIN(price) OVER w, MAX(price) OVER w, AVG(price) OVER w, STDDEV_SAMP(price) OVER w,
         LAG(price, 2) OVER w, COUNT(*) OVER w, SUM(DISTINCT qty) OVER w
  FROM "SOURCE_SQL_STREAM_001"
  WINDOW w AS (PARTITION BY sym RANGE INTERVAL '2' SECOND PRECEDING);
SQL
crash_run "sliding RANGE window" "$tmp/slide.sql" 4

cat > "$tmp/rows.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), first_sym VARCHAR(4), last_big INTEGER, e DOUBLE, total BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, FIRST_VALUE(sym) OVER w, LAST_VALUE(CASE WHEN qty > 90 THEN qty END) IGNORE NULLS OVER w,
         EXP_AVG(price, INTERVAL '1' SECOND) OVER w, SUM(qty) OVER w
  FROM "SOURCE_SQL_STREAM_001"
  WINDOW w AS (ROWS 500 PRECEDING);
SQL
crash_run "sliding ROWS window" "$tmp/rows.sql" 4

head -150000 "$tmp/in.ndjson" > "$tmp/in60k.ndjson"
head -500000 "$tmp/in.ndjson" > "$tmp/in500k.ndjson"   # long enough to be killed 4 times
cat > "$tmp/rcf.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (price DOUBLE, qty INTEGER, score DOUBLE);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM price, qty FROM "SOURCE_SQL_STREAM_001"), 10, 64, 1000, 2, 42));
SQL
crash_run "RANDOM_CUT_FOREST with a seed" "$tmp/rcf.sql" 4 "$tmp/in500k.ndjson"

# HOTSPOTS saves its window's points and rebuilds its regions from them
cat > "$tmp/hot.sql" <<SQL
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (price DOUBLE, qty INTEGER, hot VARCHAR(10000));
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM * FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM price, qty FROM "SOURCE_SQL_STREAM_001"), 500, 1.5, 6));
SQL
crash_run "HOTSPOTS" "$tmp/hot.sql" 4 "$tmp/in60k.ndjson"

expect "at least 50 kills over the applications ($kills_total)" "[ $kills_total -ge 50 ]"

# stopped (SIGTERM) instead: each stop checkpoints with the record it was
# reading cut short, which the next run reads again from the file
SIG=TERM crash_run "tumbling window with keys, stopped" "$tmp/tumble.sql" 4
expect "... and records were cut by the stops, $cuts of $crashed times" "[ $cuts -ge 1 ]"

# ---- refusals: never a crash, never a silent fresh start ----
state="$tmp/state"
rm -rf "$state"
"$EDDY" run "$tmp/filter.sql" --state "$state" --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" \
  --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" 2> "$tmp/err"
cp "$state/checkpoint" "$tmp/good"
"$EDDY" state "$state" > "$tmp/show" 2> "$tmp/err"
expect "eddy state DIR: the checkpoint's inputs, outputs and operators" \
  "grep -q 'SOURCE_SQL_STREAM_001 from' '$tmp/show' && grep -q 'bytes committed' '$tmp/show' && grep -q 'pump P: filter' '$tmp/show'"
head -c 40 "$tmp/good" > "$state/checkpoint"
"$EDDY" run "$tmp/filter.sql" --state "$state" --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "a truncated checkpoint is refused, nothing run" "[ \$? -eq 2 ] && grep -q 'truncated or damaged' '$tmp/err' && [ ! -s '$tmp/out' ]"
cp "$tmp/good" "$state/checkpoint"
size=$(wc -c < "$tmp/good")
printf '\377' | dd of="$state/checkpoint" bs=1 seek=$((size - 5)) conv=notrunc 2> /dev/null
"$EDDY" run "$tmp/filter.sql" --state "$state" --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "a checkpoint with a flipped byte is refused" "[ \$? -eq 2 ] && grep -q 'checksum does not match' '$tmp/err'"
cp "$tmp/good" "$state/checkpoint"
printf '\011' | dd of="$state/checkpoint" bs=1 seek=11 conv=notrunc 2> /dev/null
"$EDDY" run "$tmp/filter.sql" --state "$state" --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "a checkpoint of another format version is refused" "[ \$? -eq 2 ] && grep -q 'checkpoint format 9' '$tmp/err'"
cp "$tmp/good" "$state/checkpoint"
sed 's/price > 50/price > 51/' "$tmp/filter.sql" > "$tmp/other.sql"
"$EDDY" run "$tmp/other.sql" --state "$state" --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "a checkpoint of another application text is refused" "[ \$? -eq 2 ] && grep -q 'of another application' '$tmp/err'"
"$EDDY" run "$tmp/other.sql" --state "$state" --state-reset --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" > "$tmp/out" 2> "$tmp/err"
expect "--state-reset starts over" "[ \$? -eq 0 ] && [ \$(wc -l < '$tmp/out') -gt 100000 ]"
echo 'x' > "$tmp/notdir"
"$EDDY" run "$tmp/filter.sql" --state "$tmp/notdir" < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "a state directory that is a file is refused" "[ \$? -eq 2 ] && grep -q 'is not a directory' '$tmp/err'"

# one process per state directory: a second is refused while the first runs, and the first goes on unharmed
mkfifo "$tmp/lockfifo"
"$EDDY" run "$tmp/filter.sql" --state "$tmp/locked" --input SOURCE_SQL_STREAM_001="$tmp/lockfifo" > "$tmp/first.out" 2> "$tmp/first.err" &
first=$!
exec 7> "$tmp/lockfifo"
printf '{"sym":"A","price":60,"qty":1}\n' >&7
i=0
while [ ! -s "$tmp/first.out" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
"$EDDY" run "$tmp/filter.sql" --state "$tmp/locked" < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
printf '{"sym":"B","price":70,"qty":2}\n' >&7
exec 7>&-
wait $first
rc1=$?
expect "a second run with the same state directory is refused, naming the first's pid; the first goes on" \
  "[ $rc -eq 2 ] && grep -q 'another eddy (pid $first) is running with the state directory $tmp/locked' '$tmp/err' && [ $rc1 -eq 0 ] && [ \$(wc -l < '$tmp/first.out') -eq 2 ]"
"$EDDY" run "$tmp/filter.sql" --state "$tmp/locked" --state-reset < /dev/null > "$tmp/out" 2> "$tmp/err"
expect "once the first has ended, the directory is free again" "[ \$? -eq 0 ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
