#!/bin/sh
# The Kafka source and sink against librdkafka's own mock cluster (three
# brokers speaking the Kafka protocol on loopback ports, started here by
# kafka_mock and stopped at the end): a topic's rows equal the file run's;
# KAFKA_KEY, KAFKA_PARTITION and KAFKA_OFFSET columns; the group's offsets
# are committed and a rerun reads only what is new; two processes in one
# group split the partitions and together give the rows of one; one killed
# mid-run loses nothing (its partitions go to the other); injected broker
# errors are retried; a failed delivery is an error; --state takes its
# offsets from the checkpoint; eddy check says whether scale-out is safe.
# One line per check, then "N passed, N failed"; exit 77 (skipped) when
# kafka_mock was not built (librdkafka missing).
#
# Environment: EDDY (the binary), KAFKA_MOCK (the helper, built by make check; kafka_test_lib.sh).

test_name=kafka_test
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kafka_test_lib.sh"
mock_start t4:4 big:4 split:4 kill:4

# the rows of the dearer records, as they are
cat > "$tmp/filter.sql" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("seq" INTEGER, "k" VARCHAR(8), "price" INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM "seq", "k", "price" FROM "SOURCE_SQL_STREAM_001" WHERE "price" >= 40;
EOF
slide_sql "$tmp/slide.sql"
cat > "$tmp/meta.sql" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, KAFKA_KEY VARCHAR(8),
    KAFKA_PARTITION INTEGER, KAFKA_OFFSET BIGINT);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("seq" INTEGER, "same" BOOLEAN, "p" INTEGER, "o" BIGINT);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM "seq", KAFKA_KEY = "k", KAFKA_PARTITION, KAFKA_OFFSET FROM "SOURCE_SQL_STREAM_001";
EOF

gen 2000 0 > "$tmp/t4.ndjson"
"$MOCK" produce "$B" t4 k < "$tmp/t4.ndjson" || { echo "kafka_test: cannot produce to the mock cluster"; exit 1; }
"$MOCK" read "$B" t4 > "$tmp/t4.read"

# ---- a 4-partition topic read to its end: the file run's rows ----
for app in filter slide; do
  "$EDDY" run "$tmp/$app.sql" < "$tmp/t4.ndjson" > "$tmp/$app.file" 2>&1
  timeout 60 "$EDDY" run "$tmp/$app.sql" --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?start=earliest&stop=caught_up" \
    > "$tmp/$app.kafka" 2> "$tmp/$app.err"
  rc=$?
  if [ $rc -eq 0 ] && [ -s "$tmp/$app.file" ] && [ "$(rows "$tmp/$app.kafka")" = "$(rows "$tmp/$app.file")" ]; then
    pass "$app: 2000 records from 4 partitions give the file run's rows"
  else
    fail "$app: 2000 records from 4 partitions give the file run's rows (exit $rc)" "$tmp/$app.err"
  fi
done

# ---- KAFKA_KEY, KAFKA_PARTITION, KAFKA_OFFSET ----
timeout 60 "$EDDY" run "$tmp/meta.sql" --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?start=earliest&stop=caught_up" \
  > "$tmp/meta.out" 2> "$tmp/meta.err"
# where the reader found each record, by seq: "seq partition offset"
awk -F'\t' '{ match($3, /"seq":[0-9]+/); s = substr($3, RSTART + 6, RLENGTH - 6); print s, $1, off[$1]++ }' "$tmp/t4.read" | sort > "$tmp/where.want"
sed -n 's/.*"seq":\([0-9]*\),"same":true,"p":\([0-9]*\),"o":\([0-9]*\)}/\1 \2 \3/p' "$tmp/meta.out" | sort > "$tmp/where.got"
if [ "$(wc -l < "$tmp/where.got")" -eq 2000 ] && cmp -s "$tmp/where.want" "$tmp/where.got"; then
  pass "KAFKA_KEY is the message key, KAFKA_PARTITION and KAFKA_OFFSET where it is"
else
  fail "KAFKA_KEY is the message key, KAFKA_PARTITION and KAFKA_OFFSET where it is" "$tmp/meta.err" "$tmp/meta.out"
fi

# ---- a group commits what it delivered: a rerun reads only the new records ----
timeout 60 "$EDDY" run "$tmp/filter.sql" --stats --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?group=once&start=earliest&stop=caught_up&$G" \
  > "$tmp/g1.out" 2> "$tmp/g1.err"
gen 100 2000 > "$tmp/more.ndjson"
"$MOCK" produce "$B" t4 k < "$tmp/more.ndjson"
timeout 60 "$EDDY" run "$tmp/filter.sql" --stats --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?group=once&start=earliest&stop=caught_up&$G" \
  > "$tmp/g2.out" 2> "$tmp/g2.err"
"$EDDY" run "$tmp/filter.sql" < "$tmp/more.ndjson" > "$tmp/more.file" 2>&1
if grep -q '^eddy: 2000 records in' "$tmp/g1.err" && grep -q '^eddy: 100 records in' "$tmp/g2.err" &&
   [ "$(rows "$tmp/g2.out")" = "$(rows "$tmp/more.file")" ]; then
  pass "group offsets committed: a second run of the group reads only the 100 new records"
else
  fail "group offsets committed: a second run of the group reads only the 100 new records" "$tmp/g1.err" "$tmp/g2.err"
fi
cat "$tmp/t4.ndjson" "$tmp/more.ndjson" > "$tmp/all.ndjson"
"$EDDY" run "$tmp/filter.sql" < "$tmp/all.ndjson" > "$tmp/all.file" 2>&1

# ---- two processes of one group split the partitions ----
# run_member NAME TOPIC: eddy in group TOPIC in the background, until stopped
# members stopped by a signal skip LeakSanitizer's check at exit, under
# which such a process now and then never ends
run_member() {
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$EDDY" run "$tmp/filter.sql" --verbose --row-id \
    --input "SOURCE_SQL_STREAM_001=kafka://$B/$2?group=$2&start=earliest&$G" > "$tmp/$1.out" 2> "$tmp/$1.err" &
  eval "pid_$1=$!"
  pids="$pids $!"
}
# two members of one group, the second having taken its share from the first
two_members() {
  run_member "$1" "$3"
  wait_for "reading partitions" "$tmp/$1.err"
  run_member "$2" "$3"
  wait_for "reading partition" "$tmp/$2.err"
}
two_members a b split
gen 3000 0 > "$tmp/split.ndjson"
"$MOCK" produce "$B" split k < "$tmp/split.ndjson"
"$EDDY" run "$tmp/filter.sql" < "$tmp/split.ndjson" > "$tmp/split.file" 2>&1
wait_rows "$(rows "$tmp/split.file" | wc -l)" "$tmp/a.out" "$tmp/b.out"
kill -TERM $pid_a $pid_b
wait $pid_a
rca=$?
wait $pid_b
rcb=$?
if [ $rca -eq 0 ] && [ $rcb -eq 0 ] && [ -s "$tmp/a.out" ] && [ -s "$tmp/b.out" ] &&
   [ "$(rows "$tmp/a.out" "$tmp/b.out")" = "$(rows "$tmp/split.file")" ]; then
  pass "two processes in one group: each reads its partitions, together every row once"
else
  fail "two processes in one group: each reads its partitions, together every row once (exits $rca $rcb)" "$tmp/a.err" "$tmp/b.err"
fi
if grep -q 'went to another process of group' "$tmp/a.err"; then
  pass "the process that gives partitions away says so"
else
  fail "the process that gives partitions away says so" "$tmp/a.err"
fi

# ---- one of two killed mid-run: the other takes its partitions, nothing lost ----
two_members c d kill
gen 3000 10000 > "$tmp/k1.ndjson"
gen 3000 20000 > "$tmp/k2.ndjson"
cat "$tmp/k1.ndjson" "$tmp/k2.ndjson" | "$EDDY" run "$tmp/filter.sql" > "$tmp/kill.file" 2>&1
"$EDDY" run "$tmp/filter.sql" < "$tmp/k1.ndjson" > "$tmp/k1.file" 2>&1
"$MOCK" produce "$B" kill k < "$tmp/k1.ndjson"
wait_rows "$(rows "$tmp/k1.file" | wc -l)" "$tmp/c.out" "$tmp/d.out"
sleep 1.5   # a commit after the rows were written
kill -KILL $pid_c
"$MOCK" produce "$B" kill k < "$tmp/k2.ndjson"
wait_rows "$(rows "$tmp/kill.file" | wc -l)" "$tmp/c.out" "$tmp/d.out"
kill -TERM $pid_d
wait $pid_d
rcd=$?
if [ $rcd -eq 0 ] && [ -s "$tmp/c.out" ] && [ "$(rows "$tmp/c.out" "$tmp/d.out" | uniq)" = "$(rows "$tmp/kill.file")" ]; then
  pass "one of two killed mid-run: the other reads its partitions, every row comes (at-least-once)"
else
  fail "one of two killed mid-run: the other reads its partitions, every row comes (exit $rcd)" "$tmp/d.err"
fi

# ---- --state: the checkpoint's offsets, not the group's ----
# rows to a file: a restart cuts it back to what the checkpoint committed and goes on
timeout 60 "$EDDY" run "$tmp/filter.sql" --state "$tmp/state" --output "DESTINATION_SQL_STREAM=$tmp/s.rows" \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?group=s1&start=earliest&stop=caught_up&$G" 2> "$tmp/s1.err"
rc1=$?
cp "$tmp/s.rows" "$tmp/s1.rows"
gen 50 5000 > "$tmp/s.ndjson"
"$MOCK" produce "$B" t4 k < "$tmp/s.ndjson"
"$EDDY" run "$tmp/filter.sql" < "$tmp/s.ndjson" > "$tmp/s.file" 2>&1
# another group, which has committed nothing: without the checkpoint it would read from the earliest offset
timeout 60 "$EDDY" run "$tmp/filter.sql" --state "$tmp/state" --output "DESTINATION_SQL_STREAM=$tmp/s.rows" \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?group=s2&start=earliest&stop=caught_up&$G" 2> "$tmp/s2.err"
rc2=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$(rows "$tmp/s1.rows")" = "$(rows "$tmp/all.file")" ] &&
   [ "$(rows "$tmp/s.rows")" = "$(rows "$tmp/all.file" "$tmp/s.file")" ]; then
  pass "--state: a restart reads from the checkpoint's offsets (only the 50 new records), not the group's"
else
  fail "--state: a restart reads from the checkpoint's offsets, not the group's (exits $rc1 $rc2)" "$tmp/s1.err" "$tmp/s2.err"
fi
if "$EDDY" state "$tmp/state" | grep -q 'kafka://'; then
  pass "eddy state names the Kafka input"
else
  fail "eddy state names the Kafka input"
fi

cat "$tmp/all.ndjson" "$tmp/s.ndjson" | "$EDDY" run "$tmp/filter.sql" > "$tmp/t4.file" 2>&1

# ---- broker errors are retried ----
mock errors 1 6 8      # Fetch: NOT_LEADER_FOR_PARTITION
mock errors 0 7 8      # Produce: REQUEST_TIMED_OUT
mock errors 8 7 4      # OffsetCommit: REQUEST_TIMED_OUT
timeout 60 "$EDDY" run "$tmp/filter.sql" --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?group=errs&start=earliest&stop=caught_up&$G" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/big?key=k" > "$tmp/e.out" 2> "$tmp/e.err"
rc=$?
"$MOCK" read "$B" big | cut -f3 > "$tmp/big.read"
if [ $rc -eq 0 ] && [ "$(rows "$tmp/big.read")" = "$(rows "$tmp/t4.file")" ]; then
  pass "fetch, produce and commit errors injected by the broker are retried: every row once in the output topic"
else
  fail "fetch, produce and commit errors injected by the broker are retried (exit $rc)" "$tmp/e.err"
fi
if "$MOCK" read "$B" big | awk -F'\t' '{ match($3, /"k":"[^"]*"/); k = substr($3, RSTART + 5, RLENGTH - 6); if (k != $2) bad = 1;
     if ((k in part) && part[k] != $1) bad = 1; part[k] = $1 } END { exit bad }'; then
  pass "key=k: each message's key is its row's k, and each key is in one partition"
else
  fail "key=k: each message's key is its row's k, and each key is in one partition"
fi

# ---- a failed delivery is an error, never silent ----
mock errors 0 29 300   # Produce: TOPIC_AUTHORIZATION_FAILED, not retriable
timeout 60 "$EDDY" run "$tmp/filter.sql" --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?start=earliest&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/big" > "$tmp/f.out" 2> "$tmp/f.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'Topic authorization failed' "$tmp/f.err" && grep -q 'rows* not written' "$tmp/f.err"; then
  pass "messages the broker refuses: exit 1, the reason and how many rows were not written"
else
  fail "messages the broker refuses: exit 1, the reason and how many rows were not written (exit $rc)" "$tmp/f.err"
fi
mock topic_error nosuch 3
timeout 60 "$EDDY" run "$tmp/filter.sql" --input "SOURCE_SQL_STREAM_001=kafka://$B/t4?start=earliest&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/nosuch" > "$tmp/n.out" 2> "$tmp/n.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'nosuch.*Unknown topic' "$tmp/n.err"; then
  pass "an output topic that does not exist: said at start, exit 1"
else
  fail "an output topic that does not exist: said at start, exit 1 (exit $rc)" "$tmp/n.err"
fi
timeout 60 "$EDDY" run "$tmp/filter.sql" --input "SOURCE_SQL_STREAM_001=kafka://$B/nosuch?stop=caught_up" > "$tmp/n2.out" 2> "$tmp/n2.err"
rc=$?
if [ $rc -ne 0 ] && grep -q 'nosuch.*Unknown topic' "$tmp/n2.err"; then
  pass "an input topic that does not exist: said at start"
else
  fail "an input topic that does not exist: said at start (exit $rc)" "$tmp/n2.err"
fi

# ---- eddy check: whether N processes of one group give one's rows ----
cat > "$tmp/keyed.sql" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE STREAM "BY_KEY" ("key" VARCHAR(8), "n" INTEGER);
CREATE OR REPLACE PUMP "P1" AS INSERT INTO "BY_KEY" SELECT STREAM "k", COUNT(*) FROM "SOURCE_SQL_STREAM_001"
    GROUP BY "k", FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE);
CREATE OR REPLACE STREAM "COPY" ("kk" VARCHAR(8), "price" INTEGER);
CREATE OR REPLACE PUMP "P2" AS INSERT INTO "COPY" SELECT STREAM "k", "price" FROM "SOURCE_SQL_STREAM_001";
CREATE OR REPLACE STREAM "SLID" ("kk" VARCHAR(8), "total" INTEGER);
CREATE OR REPLACE PUMP "P3" AS INSERT INTO "SLID"
    SELECT STREAM "kk", SUM("price") OVER (PARTITION BY "kk" ROWS 3 PRECEDING) FROM "COPY";
EOF
{ cat "$tmp/keyed.sql"; cat <<'EOF'
CREATE OR REPLACE STREAM "ALL" ("n" INTEGER);
CREATE OR REPLACE PUMP "P4" AS INSERT INTO "ALL" SELECT STREAM COUNT(*) FROM "SOURCE_SQL_STREAM_001"
    GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE);
EOF
} > "$tmp/global.sql"
kin="SOURCE_SQL_STREAM_001=kafka://$B/t4?group=g"
"$EDDY" check "$tmp/keyed.sql" --input "$kin&partition_key=k" > "$tmp/c1.out" 2>&1
rc1=$?
"$EDDY" check "$tmp/global.sql" --input "$kin&partition_key=k" > "$tmp/c2.out" 2>&1
rc2=$?
if [ $rc1 -eq 0 ] && grep -q 'scale-out: safe' "$tmp/c1.out" && ! grep -q warning "$tmp/c1.out"; then
  pass "check: GROUP BY and windows keyed by the partition key (or a copy of it through a pump) are safe to scale out"
else
  fail "check: GROUP BY and windows keyed by the partition key are safe to scale out (exit $rc1)" "$tmp/c1.out"
fi
if [ $rc2 -eq 0 ] && grep -q 'global.sql:1[0-9]:.*GROUP BY in pump "P4" combines rows of several Kafka partitions' "$tmp/c2.out" &&
   [ "$(grep -c 'warning: scale-out' "$tmp/c2.out")" -eq 1 ] && grep -q 'scale-out: not safe: 1 place' "$tmp/c2.out"; then
  pass "check: a GROUP BY over all keys is shown where it is, and scale-out is not safe"
else
  fail "check: a GROUP BY over all keys is shown where it is, and scale-out is not safe (exit $rc2)" "$tmp/c2.out"
fi
"$EDDY" check "$tmp/keyed.sql" --input "$kin" > "$tmp/c3.out" 2>&1
"$EDDY" check "$tmp/keyed.sql" --input "$kin&partition_key=nope" > "$tmp/c4.out" 2>&1
rc4=$?
if grep -q 'no partition key is known.*partition_key=COLUMN' "$tmp/c3.out" && [ $rc4 -eq 2 ] && grep -q 'partition_key=nope.*no column' "$tmp/c4.out"; then
  pass "check: without a partition key it says how to name one; a partition_key that is no column is an error"
else
  fail "check: without a partition key it says how to name one; a partition_key that is no column is an error" "$tmp/c3.out" "$tmp/c4.out"
fi

finish
