#!/bin/sh
# The Kinesis sink (--output NAME=kinesis://STREAM) against kinesalite,
# started here on a loopback port: the records eddy puts are the file run's
# rows in KDA's record format (JSON or CSV), each partition key's in order;
# records a throttled shard refuses are retried and none is lost; a stopped
# and restarted kinesalite loses nothing; a record over 1 MiB becomes an
# error row; a missing stream fails at start, a deleted one mid-run loses
# its rows with the reason and exit 1; with Kinesis gone the run waits
# instead of growing; killed and restarted with --state, every row arrives,
# and --row-id tells the repeated ones. No request leaves 127.0.0.1. One
# line per check, then "N passed, N failed"; exit 77 (skipped) without
# node or kinesalite.
#
# Environment: see kinesis_test_lib.sh.

set -u
test_name=kinesis_sink_test
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kinesis_test_lib.sh"

cat > "$tmp/app.sql" <<'EOF'
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER, "name" VARCHAR(16));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM "k", "seq", "price", "name" FROM "SOURCE_SQL_STREAM_001" WHERE "price" > 30;
EOF
fast="idle_ms=50&poll_ms=0&discover_ms=200"
start_server

# out_uri STREAM [PARAMS]: the sink's URI on this server
out_uri() { echo "kinesis://$1?endpoint=$E${2:+&$2}"; }
# the file run's rows as KDA wrote them: without ROWTIME
kda_rows() { sed 's/"ROWTIME":"[^"]*",//' "$1" | sort; }
# read_data STREAM FILE: the records' data, one a line
read_data() { h read "$E" "$1" data > "$2"; }

gen 400 0 > "$tmp/in.ndjson"
"$EDDY" run "$tmp/app.sql" < "$tmp/in.ndjson" > "$tmp/file.out" 2>&1
n=$(wc -l < "$tmp/file.out")
h create "$E" in2 2 && h put "$E" in2 "$tmp/in.ndjson" || exit 1

# ---- a 2-shard stream through eddy into a 2-shard sink stream ----
h create "$E" so1 2
timeout 60 "$EDDY" run "$tmp/app.sql" --stats \
  --input "SOURCE_SQL_STREAM_001=kinesis://in2?endpoint=$E&start=trim_horizon&stop=caught_up&$fast" \
  --output "DESTINATION_SQL_STREAM=$(out_uri so1 partition_key=k)" > "$tmp/o1.out" 2> "$tmp/o1.err"
rc=$?
read_data so1 "$tmp/o1.data"
h read "$E" so1 > "$tmp/o1.json"
[ $rc -eq 0 ] && [ "$n" -gt 100 ] && [ "$(sort "$tmp/o1.data")" = "$(kda_rows "$tmp/file.out")" ]
verdict $? "kinesis in, kinesis out: the file run's $n rows, as KDA wrote JSON (the columns, no ROWTIME)" "$tmp/o1.err" "$tmp/o1.data"
in_order "$tmp/o1.data"
verdict $? "each partition key's records in order"
# each record keyed by its "k", no newline after a JSON record, both shards used
[ "$(grep -c '"key":"\(k[0-6]\)","data":"{\\"k\\":\\"\1\\",' "$tmp/o1.json")" -eq "$n" ] &&
  ! grep -q '\\n"}$' "$tmp/o1.json" && [ "$(sed 's/.*"shard":"\([^"]*\)".*/\1/' "$tmp/o1.json" | sort -u | wc -l)" -eq 2 ]
verdict $? "partition_key=k: each record keyed by its column's text; JSON records end without a newline" "$tmp/o1.json"
grep -q "kinesis stream \"so1\" (output): $n records put in [0-9]* requests, 0 retried" "$tmp/o1.err"
verdict $? "--stats: records put and requests made" "$tmp/o1.err"

# ---- CSV, and the row's number as partition key ----
h create "$E" so2 2
"$EDDY" run "$tmp/app.sql" --output-format csv < "$tmp/in.ndjson" > "$tmp/file.csv" 2>&1
timeout 60 "$EDDY" run "$tmp/app.sql" --output "DESTINATION_SQL_STREAM=$(out_uri so2 format=CSV)" < "$tmp/in.ndjson" \
  > /dev/null 2> "$tmp/o2.err"
rc=$?
read_data so2 "$tmp/o2.data"
h read "$E" so2 > "$tmp/o2.json"
[ $rc -eq 0 ] && [ "$(sort "$tmp/o2.data")" = "$(tail -n +2 "$tmp/file.csv" | cut -d, -f2- | sort)" ] &&
  [ "$(grep -c '\\n"}$' "$tmp/o2.json")" -eq "$n" ] && [ "$(sed 's/.*"key":"\([^"]*\)".*/\1/' "$tmp/o2.json" | sort -n | uniq | wc -l)" -eq "$n" ]
verdict $? "format=CSV: lines without header or ROWTIME; no partition_key: each row its own key, spread over the shards" "$tmp/o2.err" "$tmp/o2.json"

# ---- --row-id ----
h create "$E" so3 1
timeout 60 "$EDDY" run "$tmp/app.sql" --row-id --output "DESTINATION_SQL_STREAM=$(out_uri so3)" < "$tmp/in.ndjson" \
  > /dev/null 2> "$tmp/o3.err"
read_data so3 "$tmp/o3.data"
[ "$(sed -n 's/^{"ROW_ID":"DESTINATION_SQL_STREAM:\([0-9]*\)","k":.*/\1/p' "$tmp/o3.data" | sort -n | uniq | tr '\n' ' ')" = \
  "$(seq 1 "$n" | tr '\n' ' ')" ]
verdict $? "--row-id: each record starts with ROW_ID \"STREAM:n\", 1 to $n" "$tmp/o3.err" "$tmp/o3.data"

# ---- a throttled shard refuses records one by one ----
# start_proxy RATE CALLS: the throttling proxy in front of kinesalite, at $P
start_proxy() {
  rm -f "$tmp/pport"
  node "$helper" throttle "$tmp/pport" "$E" 7 "$1" "$2" > "$tmp/proxy.log" 2>&1 &
  pids="$pids $!"
  i=0
  while [ ! -s "$tmp/pport" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  P=http://127.0.0.1:$(cat "$tmp/pport")
}
start_proxy 0.3 12
for mode in strict batch; do
  h create "$E" so4$mode 2
  timeout 60 "$EDDY" run "$tmp/app.sql" --stats \
    --output "DESTINATION_SQL_STREAM=kinesis://so4$mode?endpoint=$P&partition_key=k&order=$mode" < "$tmp/in.ndjson" \
    > /dev/null 2> "$tmp/o4$mode.err"
  rc=$?
  read_data so4$mode "$tmp/o4$mode.data"
  # said when an outage begins and when it ends, not on every refusal
  said=$(grep -c 'records refused (ProvisionedThroughputExceededException); retrying with backoff' "$tmp/o4$mode.err")
  back=$(grep -c 'writing again after' "$tmp/o4$mode.err")
  [ $rc -eq 0 ] && [ "$(sort "$tmp/o4$mode.data")" = "$(kda_rows "$tmp/file.out")" ] && [ "$said" -ge 1 ] &&
    [ "$said" -le 3 ] && [ "$back" -eq "$said" ] && { [ $mode = batch ] || in_order "$tmp/o4$mode.data"; }
  verdict $? "order=$mode, 30% of records refused in 12 calls: all put once$([ $mode = strict ] && echo ", each key's in order"), said once an outage" \
    "$tmp/o4$mode.err"
  start_proxy 0.3 12
done

# ---- a record over 1 MiB: an error row, the others put ----
cat > "$tmp/big.sql" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, "blob" VARCHAR);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "seq" INTEGER, "blob" VARCHAR);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM "k", "seq", "blob" FROM "SOURCE_SQL_STREAM_001";
EOF
awk 'BEGIN { s = "x"; while (length(s) < 1100000) s = s s
  for (i = 0; i < 5; i++) printf "{\"k\":\"k%d\",\"seq\":%d,\"blob\":\"%s\"}\n", i, i, i == 2 ? s : "small" }' > "$tmp/big.ndjson"
h create "$E" so5 1
timeout 60 "$EDDY" run "$tmp/big.sql" --errors "$tmp/o5.errors" --output "DESTINATION_SQL_STREAM=$(out_uri so5 partition_key=k)" \
  < "$tmp/big.ndjson" > /dev/null 2> "$tmp/o5.err"
rc=$?
read_data so5 "$tmp/o5.data"
[ $rc -eq 0 ] && [ "$(wc -l < "$tmp/o5.data")" -eq 4 ] && ! grep -q '"seq":2' "$tmp/o5.data" &&
  grep -q '"ERROR_NAME":"RECORD_TOO_LONG".*longer than kinesis://so5.*(1048576 bytes).*"DATA_ROW":"{\\"ROWTIME' "$tmp/o5.errors"
verdict $? "a record over 1 MiB: an error row (RECORD_TOO_LONG with the row), the other records put" "$tmp/o5.err" "$tmp/o5.errors"

# ---- failing at start ----
t0=$(date +%s)
timeout 30 "$EDDY" run "$tmp/app.sql" --output "DESTINATION_SQL_STREAM=$(out_uri nosuch)" < "$tmp/in.ndjson" > /dev/null 2> "$tmp/o6.err"
rc=$?
t1=$(date +%s)
[ $rc -eq 1 ] && [ $((t1 - t0)) -le 5 ] && grep -q "output DESTINATION_SQL_STREAM: kinesis stream \"nosuch\" at $E" "$tmp/o6.err" &&
  grep -q ResourceNotFoundException "$tmp/o6.err"
verdict $? "a sink stream that does not exist: exit 1 at start, naming the stream and the endpoint" "$tmp/o6.err"
timeout 30 "$EDDY" run "$tmp/app.sql" --output "DESTINATION_SQL_STREAM=$(out_uri so1 partition_key=nosuch)" < "$tmp/in.ndjson" \
  > /dev/null 2> "$tmp/o7.err"
rc=$?
[ $rc -eq 2 ] && grep -q 'partition_key=nosuch is not a column of stream "DESTINATION_SQL_STREAM" (its columns: k, seq, price, name)' "$tmp/o7.err"
verdict $? "partition_key naming no column: exit 2, listing the columns" "$tmp/o7.err"
timeout 30 "$EDDY" run "$tmp/app.sql" --output "DESTINATION_SQL_STREAM=$(out_uri so1 fromat=CSV)" < "$tmp/in.ndjson" > /dev/null 2> "$tmp/o8.err"
rc=$?
[ $rc -eq 1 ] && grep -q 'unknown parameter "fromat"' "$tmp/o8.err"
verdict $? "an unknown parameter of the sink is named" "$tmp/o8.err"

# feed FIFO: eddy reads the FIFO (kept open on descriptor 3) into STREAM
# with the sink's PARAMS, in the background
feed() {
  rm -f "$tmp/fifo"
  mkfifo "$tmp/fifo"
  "$EDDY" run "$tmp/app.sql" --output "DESTINATION_SQL_STREAM=$(out_uri "$1" "$2")" --input "SOURCE_SQL_STREAM_001=$tmp/fifo" \
    > /dev/null 2> "$3" &
  epid=$!
  pids="$pids $epid"
  exec 3> "$tmp/fifo"
}
# wait_records STREAM N: until STREAM holds N records (30 s at most)
wait_records() {
  i=0
  while [ "$(h read "$E" "$1" | wc -l)" -lt "$2" ] && [ $i -lt 150 ]; do sleep 0.2; i=$((i + 1)); done
}

# ---- kinesalite stopped while eddy writes, and started again ----
h create "$E" so9 2
gen 100 0 > "$tmp/b1" && gen 100 100 > "$tmp/b2" && gen 100 200 > "$tmp/b3"
cat "$tmp/b1" "$tmp/b2" "$tmp/b3" | "$EDDY" run "$tmp/app.sql" > "$tmp/o9.ref" 2>&1
feed so9 partition_key=k "$tmp/o9.err"
cat "$tmp/b1" >&3
wait_records so9 "$("$EDDY" run "$tmp/app.sql" < "$tmp/b1" 2>&1 | wc -l)"
kill -TERM $server
wait $server 2>/dev/null
cat "$tmp/b2" >&3
sleep 2
start_server "$port"
cat "$tmp/b3" >&3
exec 3>&-
wait $epid
rc=$?
read_data so9 "$tmp/o9.data"
said=$(grep -c 'retrying with backoff' "$tmp/o9.err")
back=$(grep -c 'writing again after' "$tmp/o9.err")
[ $rc -eq 0 ] && [ "$(sort -u "$tmp/o9.data")" = "$(kda_rows "$tmp/o9.ref")" ] && [ "$said" -eq 1 ] && [ "$back" -eq 1 ]
verdict $? "kinesalite stopped for 2 s while rows came, and started again: every row put, the outage said once" "$tmp/o9.err"

# ---- backpressure: with Kinesis gone the run waits, its memory bounded ----
h create "$E" so10 1
feed so10 stop_wait_ms=300 "$tmp/o10.err"
cat "$tmp/b1" >&3
wait_records so10 "$("$EDDY" run "$tmp/app.sql" < "$tmp/b1" 2>&1 | wc -l)"
kill -TERM $server
wait $server 2>/dev/null
gen 400000 0 > "$tmp/many.ndjson"
{ cat "$tmp/many.ndjson" >&3; echo done > "$tmp/fed"; } &
writer=$!
sleep 4
rss=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' /proc/$epid/status)
fed=$([ -f "$tmp/fed" ] && echo all || echo part)
kill -TERM $epid
wait $epid
rc=$?
kill $writer 2>/dev/null
exec 3>&-
[ "$fed" = part ] && [ "${rss:-999999}" -lt 100000 ] && [ $rc -eq 1 ] && grep -q 'eddy was stopped while the stream could not take them' "$tmp/o10.err" &&
  grep -q 'rows not written)' "$tmp/o10.err"
verdict $? "Kinesis gone: eddy stops reading (${rss} kB resident) instead of growing; a stop then says the rows lost, exit 1" "$tmp/o10.err"
start_server "$port"

# ---- the stream deleted under eddy: its rows lost, the reason said, exit 1 ----
h create "$E" so11 1
feed so11 "" "$tmp/o11.err"
cat "$tmp/b1" >&3
wait_records so11 10
h delete "$E" so11
cat "$tmp/b2" >&3
exec 3>&-
wait $epid
rc=$?
[ $rc -eq 1 ] && grep -q 'writing rows to kinesis://so11.*ResourceNotFoundException.*rows\? not written)' "$tmp/o11.err"
verdict $? "the stream deleted while eddy writes: the rows not put are said with the reason, exit 1" "$tmp/o11.err"

# ---- --state with a Kinesis sink: at least once; ROW_ID tells the repeats ----
h create "$E" so12 2
gen 30000 0 > "$tmp/c.ndjson"
"$EDDY" run "$tmp/app.sql" --row-id < "$tmp/c.ndjson" > "$tmp/o12.ref" 2>&1
killed=0
for k in 1 2 3 4 5 6; do
  ms=$(awk -v k="$k" 'BEGIN { srand(k * 104729); printf "%03d", 200 + int(rand() * 600) }')
  timeout -s KILL "0.$ms" "$EDDY" run "$tmp/app.sql" --row-id --state "$tmp/st12" --checkpoint-every 0.1 \
    --input "SOURCE_SQL_STREAM_001=$tmp/c.ndjson" --output "DESTINATION_SQL_STREAM=$(out_uri so12 partition_key=k)" 2>> "$tmp/o12.err"
  [ $? -eq 137 ] && killed=$((killed + 1))
done
timeout 120 "$EDDY" run "$tmp/app.sql" --row-id --state "$tmp/st12" --checkpoint-every 0.1 \
  --input "SOURCE_SQL_STREAM_001=$tmp/c.ndjson" --output "DESTINATION_SQL_STREAM=$(out_uri so12 partition_key=k)" 2>> "$tmp/o12.err"
rc=$?
read_data so12 "$tmp/o12.data"
[ $rc -eq 0 ] && [ "$killed" -gt 0 ] && [ "$(sort -u "$tmp/o12.data")" = "$(kda_rows "$tmp/o12.ref")" ]
verdict $? "--state: $killed runs killed and restarted: every row put ($(wc -l < "$tmp/o12.data") records for $(wc -l < "$tmp/o12.ref") rows), the same ROW_ID on a repeat" "$tmp/o12.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
