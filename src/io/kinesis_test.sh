#!/bin/sh
# The Kinesis source against kinesalite (a real Kinesis API implementation,
# from npm), started here on a loopback port and stopped at the end: the
# rows of a Kinesis run match the file run of the same app and records;
# splits, merges and a restarted server lose and reorder nothing; KPL
# aggregates are opened; bad records name their shard and sequence number;
# a wrong stream or endpoint fails at start; SigV4 matches the npm aws4
# package. No request leaves 127.0.0.1. One line per check, then
# "N passed, N failed"; exit 77 (skipped) without node, kinesalite or aws4
# (.ci/run installs them: npm install --prefix test-node kinesalite aws4).
#
# Environment: see kinesis_test_lib.sh.

set -u
test_name=kinesis_test
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kinesis_test_lib.sh"

# follow STREAM OUT ERR: eddy reads STREAM from its start in the background,
# until stop_eddy (SIGTERM)
# runs stopped by a signal skip LeakSanitizer's check at exit, under which
# such a process now and then never ends
follow() {
  : > "$2"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$EDDY" run "$tmp/all.sql" --input "SOURCE_SQL_STREAM_001=kinesis://$1?endpoint=$E&start=trim_horizon&$fast" > "$2" 2> "$3" &
  epid=$!
  pids="$pids $epid"
}
stop_eddy() {
  kill -TERM $epid
  wait $epid
}

cat > "$tmp/app.sql" <<'EOF'
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM "k", "seq", "price" FROM "SOURCE_SQL_STREAM_001" WHERE "price" > 30;
EOF
cat > "$tmp/all.sql" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "seq" INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM "k", "seq" FROM "SOURCE_SQL_STREAM_001";
EOF
fast="idle_ms=50&poll_ms=0&discover_ms=200"

start_server

# ---- a 2-shard stream read to its end: the file run's rows ----
h create "$E" s1 2 && gen 300 0 > "$tmp/s1.ndjson" && h put "$E" s1 "$tmp/s1.ndjson" || exit 1
"$EDDY" run "$tmp/app.sql" < "$tmp/s1.ndjson" > "$tmp/file.out" 2>&1
timeout 60 "$EDDY" run "$tmp/app.sql" --stats \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&start=trim_horizon&stop=caught_up&$fast" \
  > "$tmp/k1.out" 2> "$tmp/k1.err"
rc=$?
if [ $rc -eq 0 ] && [ -s "$tmp/file.out" ] && [ "$(rows "$tmp/k1.out")" = "$(rows "$tmp/file.out")" ]; then
  pass "2 shards from trim_horizon until caught up: the same rows as the file run"
else
  fail "2 shards from trim_horizon until caught up: the same rows as the file run (exit $rc)" "$tmp/k1.err"
fi
if in_order "$tmp/k1.out"; then pass "records of each partition key in order"; else fail "records of each partition key in order" "$tmp/k1.out"; fi
if grep -q 'MillisBehindLatest 0 (shardId-000000000000 0, shardId-000000000001 0)' "$tmp/k1.err"; then
  pass "--stats: MillisBehindLatest of each shard"
else
  fail "--stats: MillisBehindLatest of each shard" "$tmp/k1.err"
fi

# ---- credentials and region from a profile of the shared files ----
printf '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret-never-shown\n\n[eddytest]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret-never-shown\n' > "$tmp/credentials"
printf '[profile eddytest]\nregion = eu-north-1\n' > "$tmp/config"
AWS_ACCESS_KEY_ID='' AWS_SECRET_ACCESS_KEY='' AWS_REGION='' AWS_PROFILE=eddytest AWS_SHARED_CREDENTIALS_FILE="$tmp/credentials" \
  AWS_CONFIG_FILE="$tmp/config" timeout 60 "$EDDY" run "$tmp/app.sql" --verbose \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&start=trim_horizon&stop=caught_up&$fast" > "$tmp/kp.out" 2> "$tmp/kp.err"
if [ "$(rows "$tmp/kp.out")" = "$(rows "$tmp/file.out")" ] && grep -q "region eu-north-1, credentials from profile eddytest in $tmp/credentials" "$tmp/kp.err"; then
  pass "AWS_PROFILE: keys from the credentials file, region from the config file"
else
  fail "AWS_PROFILE: keys from the credentials file, region from the config file" "$tmp/kp.err"
fi

# ---- GetRecords three records at a time ----
timeout 60 "$EDDY" run "$tmp/app.sql" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&start=trim_horizon&stop=caught_up&limit=3&$fast" \
  > "$tmp/k2.out" 2> "$tmp/k2.err"
if [ "$(rows "$tmp/k2.out")" = "$(rows "$tmp/file.out")" ] && in_order "$tmp/k2.out"; then
  pass "GetRecords with Limit 3: the same rows, in order"
else
  fail "GetRecords with Limit 3: the same rows, in order" "$tmp/k2.err"
fi

# ---- APPROXIMATE_ARRIVAL_TIME and ROWTIME ----
h create "$E" s2 1
before=$(date -u '+%Y-%m-%d %H:%M:%S')
gen 5 0 > "$tmp/s2.ndjson" && h put "$E" s2 "$tmp/s2.ndjson"
after=$(date -u '+%Y-%m-%d %H:%M:%S')
sleep 1.2
timeout 60 "$EDDY" -e 'SELECT STREAM "seq", APPROXIMATE_ARRIVAL_TIME AS "AAT" FROM "SOURCE_SQL_STREAM_001"' \
  --input "SOURCE_SQL_STREAM_001=kinesis://s2?endpoint=$E&start=trim_horizon&stop=caught_up&$fast" > "$tmp/k3.out" 2> "$tmp/k3.err"
bad=$(sed -n 's/.*"ROWTIME":"\([^"]*\)".*"AAT":"\([^"]*\)".*/\1|\2/p' "$tmp/k3.out" |
  awk -F'|' -v b="$before" -v a="$after" '{ at = substr($2, 1, 19); rt = substr($1, 1, 19)
    if (at < b || at > a || rt <= a) n++ } END { print n + 0 }')
if [ "$(wc -l < "$tmp/k3.out")" -eq 5 ] && [ "$bad" -eq 0 ]; then
  pass "APPROXIMATE_ARRIVAL_TIME is when Kinesis took the record, ROWTIME when eddy read it"
else
  fail "APPROXIMATE_ARRIVAL_TIME is when Kinesis took the record, ROWTIME when eddy read it ($before .. $after)" "$tmp/k3.out" "$tmp/k3.err"
fi

# ---- KPL aggregates ----
h create "$E" s3 1
gen 60 0 > "$tmp/s3a.ndjson" && gen 5 60 > "$tmp/s3b.ndjson"
h put-kpl "$E" s3 "$tmp/s3a.ndjson" 10 && h put "$E" s3 "$tmp/s3b.ndjson"
cat "$tmp/s3a.ndjson" "$tmp/s3b.ndjson" > "$tmp/s3.ndjson"
"$EDDY" run "$tmp/all.sql" < "$tmp/s3.ndjson" > "$tmp/file3.out" 2>&1
timeout 60 "$EDDY" run "$tmp/all.sql" --errors "$tmp/k4.errors" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s3?endpoint=$E&start=trim_horizon&stop=caught_up&$fast" > "$tmp/k4.out" 2> "$tmp/k4.err"
# one shard: its records in the order they were put, aggregated or not
if [ "$(wc -l < "$tmp/k4.out")" -eq 65 ] &&
  [ "$(sed 's/"ROWTIME":"[^"]*",//' "$tmp/k4.out")" = "$(sed 's/"ROWTIME":"[^"]*",//' "$tmp/file3.out")" ]; then
  pass "KPL aggregates of 10 records and plain ones: every user record, in order"
else
  fail "KPL aggregates of 10 records and plain ones: every user record, in order" "$tmp/k4.err" "$tmp/k4.errors"
fi

# ---- bad records: error rows with shard and sequence number ----
h create "$E" s4 1
{ gen 1 0; echo 'not json'; echo 'hex:7b226b223a22ff227d'; gen 1 1; } > "$tmp/s4.ndjson"
h put "$E" s4 "$tmp/s4.ndjson"
timeout 60 "$EDDY" run "$tmp/all.sql" --errors "$tmp/k5.errors" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s4?endpoint=$E&start=trim_horizon&stop=caught_up&$fast" > "$tmp/k5.out" 2> "$tmp/k5.err"
named=$(grep -c '"SOURCE_POSITION":"shardId-000000000000:[0-9]\{20,\}"' "$tmp/k5.errors")
if [ "$(wc -l < "$tmp/k5.out")" -eq 2 ] && [ "$named" -eq 2 ] && grep -q INVALID_UTF8 "$tmp/k5.errors"; then
  pass "bad Data (not JSON, not UTF-8): error rows naming the shard and sequence number"
else
  fail "bad Data (not JSON, not UTF-8): error rows naming the shard and sequence number" "$tmp/k5.errors" "$tmp/k5.err"
fi

# ---- failing at start ----
t0=$(date +%s)
timeout 30 "$EDDY" run "$tmp/app.sql" --input "SOURCE_SQL_STREAM_001=kinesis://nosuch?endpoint=$E" > /dev/null 2> "$tmp/k6.err"
rc=$?
t1=$(date +%s)
if [ $rc -eq 1 ] && [ $((t1 - t0)) -le 5 ] && grep -q 'nosuch' "$tmp/k6.err" && grep -q "$E" "$tmp/k6.err" &&
  grep -q ResourceNotFoundException "$tmp/k6.err"; then
  pass "an unknown stream: exit 1 at start, naming the stream and the endpoint"
else
  fail "an unknown stream: exit 1 at start, naming the stream and the endpoint (exit $rc, $((t1 - t0)) s)" "$tmp/k6.err"
fi
t0=$(date +%s)
timeout 30 "$EDDY" run "$tmp/app.sql" --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=http://127.0.0.1:1" > /dev/null 2> "$tmp/k7.err"
rc=$?
t1=$(date +%s)
if [ $rc -eq 1 ] && [ $((t1 - t0)) -le 5 ] && grep -q 'cannot reach http://127.0.0.1:1' "$tmp/k7.err"; then
  pass "an unreachable endpoint: exit 1 at start, within a few seconds"
else
  fail "an unreachable endpoint: exit 1 at start, within a few seconds (exit $rc, $((t1 - t0)) s)" "$tmp/k7.err"
fi
AWS_ACCESS_KEY_ID='' timeout 30 "$EDDY" run "$tmp/app.sql" --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E" > /dev/null 2> "$tmp/k8.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'no AWS credentials' "$tmp/k8.err"; then
  pass "no credentials: a clear error at start"
else
  fail "no credentials: a clear error at start (exit $rc)" "$tmp/k8.err"
fi
timeout 30 "$EDDY" run "$tmp/app.sql" --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&strat=latest" > /dev/null 2> "$tmp/k9.err"
rc=$?
if [ $rc -ne 0 ] && grep -q 'unknown parameter "strat"' "$tmp/k9.err"; then
  pass "an unknown URI parameter is named"
else
  fail "an unknown URI parameter is named (exit $rc)" "$tmp/k9.err"
fi

# ---- starting positions ----
h create "$E" s5 1
gen 5 0 > "$tmp/s5a.ndjson" && gen 5 5 > "$tmp/s5b.ndjson" && gen 5 10 > "$tmp/s5c.ndjson"
h put "$E" s5 "$tmp/s5a.ndjson"
sleep 0.3
at=$(date -u '+%Y-%m-%d%%20%H:%M:%S.%3N')
sleep 0.3
h put "$E" s5 "$tmp/s5b.ndjson"
timeout 60 "$EDDY" run "$tmp/all.sql" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s5?endpoint=$E&start=at_timestamp:$at&stop=caught_up&$fast" > "$tmp/k10.out" 2> "$tmp/k10.err"
if [ "$(rows "$tmp/k10.out")" = "$(sort "$tmp/s5b.ndjson" | sed 's/,"price".*/}/')" ]; then
  pass "start=at_timestamp: the records from then on"
else
  fail "start=at_timestamp: the records from then on" "$tmp/k10.out" "$tmp/k10.err"
fi
: > "$tmp/k11.out"
"$EDDY" run "$tmp/all.sql" --verbose --input "SOURCE_SQL_STREAM_001=kinesis://s5?endpoint=$E&$fast" \
  > "$tmp/k11.out" 2> "$tmp/k11.err" &
epid=$!
pids="$pids $epid"
i=0
while ! grep -q 'reading from latest' "$tmp/k11.err" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
h put "$E" s5 "$tmp/s5c.ndjson"
wait_rows "$tmp/k11.out" 5
stop_eddy
rc=$?
if [ $rc -eq 0 ] && [ "$(rows "$tmp/k11.out")" = "$(sort "$tmp/s5c.ndjson" | sed 's/,"price".*/}/')" ]; then
  pass "start=latest (the default): only what comes after the start; SIGTERM ends it cleanly"
else
  fail "start=latest (the default): only what comes after the start; SIGTERM ends it cleanly (exit $rc)" "$tmp/k11.out" "$tmp/k11.err"
fi

# ---- a split and a merge while eddy reads ----
h create "$E" s6 2
gen 200 0 > "$tmp/s6a.ndjson" && gen 200 200 > "$tmp/s6b.ndjson" && gen 200 400 > "$tmp/s6c.ndjson"
follow s6 "$tmp/k12.out" "$tmp/k12.err"
h put "$E" s6 "$tmp/s6a.ndjson"
wait_rows "$tmp/k12.out" 100
h split "$E" s6 shardId-000000000000
h put "$E" s6 "$tmp/s6b.ndjson"
h merge "$E" s6 shardId-000000000003 shardId-000000000001
h put "$E" s6 "$tmp/s6c.ndjson"
wait_rows "$tmp/k12.out" 600
stop_eddy
if exactly_once "$tmp/k12.out" 600; then
  pass "a split and a merge during the run: nothing lost, nothing reordered per partition key"
else
  fail "a split and a merge during the run: nothing lost, nothing reordered per partition key ($(wc -l < "$tmp/k12.out") rows)" "$tmp/k12.err"
  h shards "$E" s6
fi

# ---- the same shards made before the run, read 5 records at a time, so
# that a child read before its parent is done would show ----
h create "$E" s8 2
h put "$E" s8 "$tmp/s6a.ndjson" && h split "$E" s8 shardId-000000000000 && h put "$E" s8 "$tmp/s6b.ndjson" &&
  h merge "$E" s8 shardId-000000000003 shardId-000000000001 && h put "$E" s8 "$tmp/s6c.ndjson"
timeout 60 "$EDDY" run "$tmp/all.sql" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s8?endpoint=$E&start=trim_horizon&stop=caught_up&limit=5&$fast" \
  > "$tmp/k15.out" 2> "$tmp/k15.err"
if exactly_once "$tmp/k15.out" 600; then
  pass "parents, then children: 5 shards of splits and merges read in order per partition key"
else
  fail "parents, then children: 5 shards of splits and merges read in order per partition key ($(wc -l < "$tmp/k15.out") rows)" "$tmp/k15.err"
fi

# ---- kinesalite stopped and started again ----
h create "$E" s7 2
gen 100 0 > "$tmp/s7a.ndjson" && gen 100 100 > "$tmp/s7b.ndjson"
follow s7 "$tmp/k13.out" "$tmp/k13.err"
h put "$E" s7 "$tmp/s7a.ndjson"
wait_rows "$tmp/k13.out" 100
kill -TERM $server
wait $server 2>/dev/null
sleep 2
start_server "$port"
h put "$E" s7 "$tmp/s7b.ndjson"
wait_rows "$tmp/k13.out" 200
stop_eddy
said=$(grep -c 'retrying with backoff' "$tmp/k13.err")
back=$(grep -c 'reading again after' "$tmp/k13.err")
if exactly_once "$tmp/k13.out" 200 && [ "$said" -eq 1 ] && [ "$back" -eq 1 ]; then
  pass "kinesalite stopped for 2 s and started again: nothing lost, the outage said once"
else
  fail "kinesalite stopped for 2 s and started again: nothing lost, the outage said once ($(wc -l < "$tmp/k13.out") rows)" "$tmp/k13.err"
fi

# ---- shards=I/N: inputs sharing a stream's shards (KDA's input parallelism) ----
for g in 0 1; do
  timeout 60 "$EDDY" run "$tmp/app.sql" \
    --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&start=trim_horizon&stop=caught_up&shards=$g/2&$fast" \
    > "$tmp/kg$g.out" 2> "$tmp/kg$g.err"
done
rows "$tmp/kg0.out" > "$tmp/kg0.rows" && rows "$tmp/kg1.out" > "$tmp/kg1.rows" && cat "$tmp/kg0.out" "$tmp/kg1.out" > "$tmp/kg.out"
[ -s "$tmp/kg0.rows" ] && [ -s "$tmp/kg1.rows" ] && [ -z "$(comm -12 "$tmp/kg0.rows" "$tmp/kg1.rows")" ] &&
  [ "$(rows "$tmp/kg.out")" = "$(rows "$tmp/file.out")" ]
verdict $? "shards=0/2 and shards=1/2: each input one shard, together every record once" "$tmp/kg0.err" "$tmp/kg1.err"
timeout 30 "$EDDY" run "$tmp/app.sql" --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&shards=2/2" > /dev/null 2> "$tmp/kg2.err"
rc=$?
[ $rc -ne 0 ] && grep -q 'shards=2/2: expected I/N, 0 <= I < N' "$tmp/kg2.err"
verdict $? "shards=2/2 is refused, saying what I/N means" "$tmp/kg2.err"

# ---- checkpoints: killed at random moments and restarted, the rows of one
# run, none lost or twice (plain records, KPL aggregates and a split) ----
h create "$E" s9 2
# (an aggregate takes its first record's key: its records all have key k0 here, so their order is k0's)
gen 2000 0 > "$tmp/s9a.ndjson" && gen 2000 2700 > "$tmp/s9c.ndjson"
gen 700 2000 | sed 's/"k":"k[0-9]"/"k":"k0"/' > "$tmp/s9b.ndjson"
h put "$E" s9 "$tmp/s9a.ndjson" && h put-kpl "$E" s9 "$tmp/s9b.ndjson" 7 && h split "$E" s9 shardId-000000000000 &&
  h put "$E" s9 "$tmp/s9c.ndjson"
ck="kinesis://s9?endpoint=$E&start=trim_horizon&stop=caught_up&limit=20&$fast&poll_ms=20"
timeout 60 "$EDDY" run "$tmp/app.sql" --input "SOURCE_SQL_STREAM_001=$ck" --output DESTINATION_SQL_STREAM="$tmp/ck.ref" \
  2> "$tmp/ck.err"
killed=0
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
  ms=$(awk -v k="$k" 'BEGIN { srand(k * 7919); printf "%03d", 100 + int(rand() * 700) }')
  timeout -s KILL "0.$ms" "$EDDY" run "$tmp/app.sql" --state "$tmp/ckstate" --checkpoint-every 0.05 \
    --input "SOURCE_SQL_STREAM_001=$ck" --output DESTINATION_SQL_STREAM="$tmp/ck.out" 2>> "$tmp/ck.err"
  [ $? -eq 137 ] && killed=$((killed + 1))
done
timeout 60 "$EDDY" run "$tmp/app.sql" --state "$tmp/ckstate" --checkpoint-every 0.05 \
  --input "SOURCE_SQL_STREAM_001=$ck" --output DESTINATION_SQL_STREAM="$tmp/ck.out" 2>> "$tmp/ck.err"
rc=$?
n=$(wc -l < "$tmp/ck.ref")
[ $rc -eq 0 ] && [ "$killed" -gt 0 ] && [ "$n" -gt 2000 ] && [ "$(rows "$tmp/ck.out")" = "$(rows "$tmp/ck.ref")" ] &&
  exactly_once "$tmp/ck.out" "$n"
verdict $? "--state: $killed of 12 runs killed (SIGKILL) and restarted: exactly the uninterrupted run's $n rows, in order per key" "$tmp/ck.err"
"$EDDY" state "$tmp/ckstate" > "$tmp/ck.show" 2>&1
grep -q 'kinesis stream "s9"' "$tmp/ck.show"
verdict $? "eddy state: the checkpoint names the Kinesis input" "$tmp/ck.show"
timeout 30 "$EDDY" run "$tmp/app.sql" --state "$tmp/ckstate" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$E&$fast" > /dev/null 2> "$tmp/ck2.err"
rc=$?
[ $rc -ne 0 ] && grep -q 'the checkpoint read kinesis stream "s9", not "s1"' "$tmp/ck2.err"
verdict $? "--state: a checkpoint of another Kinesis stream is refused" "$tmp/ck2.err"

# ---- SigV4 against aws4, and no secret in any message ----
for token in "" "session/token+with=chars"; do
  rm -f "$tmp/sport" "$tmp/sigv4"
  AWS_SESSION_TOKEN=$token node "$helper" sigv4 "$tmp/sport" "$tmp/sigv4" &
  pids="$pids $!"
  i=0
  while [ ! -s "$tmp/sport" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  AWS_SESSION_TOKEN=$token timeout 30 "$EDDY" run "$tmp/app.sql" --verbose \
    --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=http://127.0.0.1:$(cat "$tmp/sport")&region=eu-west-1" \
    > /dev/null 2> "$tmp/k14.err"
  what=${token:+with a session token}
  grep -q '^match eu-west-1 kinesis ' "$tmp/sigv4" 2>/dev/null
  verdict $? "SigV4 of eddy's request equals the aws4 package's ${what:-without a session token}" "$tmp/sigv4" "$tmp/k14.err"
done
if cat "$tmp"/k*.err | grep -q -e "$SECRET" -e "session/token" -e "secret-never-shown"; then
  fail "no secret key or session token in any message or --verbose line"
else
  pass "no secret key or session token in any message or --verbose line"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
