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
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/    | /' "$tmp/err" | head -10; }
expect() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# deterministic input: ROWTIME from the records, 3 ms apart, 7 symbols
awk 'BEGIN { srand(7); for (i = 0; i < 1000000; i++) {
  printf "{\"ROWTIME\":%.0f,\"sym\":\"S%d\",\"price\":%.2f,\"qty\":%d}\n", 1700000000000 + i * 3, i % 7, 40 + rand() * 20, 1 + int(rand() * 100) } }' > "$tmp/in.ndjson"

# crash_run NAME APP KILLS: KILLS runs killed after a random time, then one
# to the end; the output must equal the uninterrupted run's.
crash_run() {
  name=$1 app=$2 kills=$3
  "$EDDY" run "$app" --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" --output DESTINATION_SQL_STREAM="$tmp/ref.ndjson" 2> "$tmp/err"
  rm -rf "$tmp/state" "$tmp/out.ndjson"
  k=0 crashed=0
  while [ $k -lt "$kills" ]; do
    ms=$(awk -v k="$k" -v n="$name" 'BEGIN { srand(k * 7919 + length(n)); print 5 + int(rand() * 120) }')
    timeout -s KILL "0.$(printf '%03d' "$ms")" "$EDDY" run "$app" --state "$tmp/state" --checkpoint-every 0.03 \
      --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" 2> "$tmp/err"
    [ $? -eq 137 ] && crashed=$((crashed + 1))
    k=$((k + 1))
  done
  "$EDDY" run "$app" --state "$tmp/state" --checkpoint-every 0.03 \
    --input SOURCE_SQL_STREAM_001="$tmp/in.ndjson" --output DESTINATION_SQL_STREAM="$tmp/out.ndjson" 2> "$tmp/err"
  rc=$?
  expect "$name: $crashed of $kills runs killed mid-way, then resumed: output identical to one run" \
    "[ $rc -eq 0 ] && [ $crashed -gt 0 ] && cmp -s '$tmp/ref.ndjson' '$tmp/out.ndjson'"
}

cat > "$tmp/filter.sql" <<'SQL'
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
CREATE STREAM "DESTINATION_SQL_STREAM" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM sym, price, qty FROM "SOURCE_SQL_STREAM_001" WHERE price > 50;
SQL
crash_run filter "$tmp/filter.sql" 10

# ---- refusals: never a crash, never a silent fresh start ----
state="$tmp/state"
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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
