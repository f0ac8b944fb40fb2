#!/bin/sh
# --shared-state against librdkafka's mock cluster: the state of each Kafka
# partition moves with it between the processes of a group. A sliding
# window over each key's last four prices (keys keep to one partition)
# gives the rows of one uninterrupted run when a second process joins and
# takes partitions over (nothing doubled), when one is killed and the
# other takes its partitions up from its last checkpoint (every row, and
# no window split: the rows after the checkpoint may come twice), and when
# the killed one comes back; with a Kafka output in transactions, what a
# read_committed consumer sees through a kill is exactly the one run's
# rows. Also what --shared-state refuses.
#
# One line per check, then "N passed, N failed"; exit 77 (skipped) when
# kafka_mock was not built. Environment: EDDY, KAFKA_MOCK (kafka_test_lib.sh).

test_name=kafka_state_test
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kafka_test_lib.sh"
mock_start mv:4 kl:4 jn:4 rt:4 tx:4 out:4 eddy-transactions:1

slide_sql "$tmp/slide.sql"

# member NAME TOPIC [ARGS...]: eddy (running $APP.sql, slide.sql by default) in group TOPIC, its own state in NAME.state,
# the partitions' in TOPIC.shared, in the background until stopped (pid in pid_NAME)
member() {
  name=$1 topic=$2
  shift 2
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$EDDY" run "$tmp/${APP:-slide}.sql" --verbose \
    --state "$tmp/$name.state" --shared-state "$tmp/$topic.shared" --checkpoint-every 0.3 \
    --input "SOURCE_SQL_STREAM_001=kafka://$B/$topic?group=$topic&start=earliest&$G" "$@" \
    >> "$tmp/$name.out" 2>> "$tmp/$name.err" &
  eval "pid_$name=$!"
  pids="$pids $!"
}

# ---- what --shared-state refuses ----
gen 10 0 > "$tmp/ten.ndjson"
"$EDDY" run "$tmp/slide.sql" --shared-state "$tmp/x" < "$tmp/ten.ndjson" > /dev/null 2> "$tmp/r1.err"
rc1=$?
"$EDDY" run "$tmp/slide.sql" --state "$tmp/r2.state" --shared-state "$tmp/x" < "$tmp/ten.ndjson" > /dev/null 2> "$tmp/r2.err"
rc2=$?
timeout 30 "$EDDY" run "$tmp/slide.sql" --state "$tmp/r3.state" --shared-state "$tmp/x" \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/mv?start=earliest" > /dev/null 2> "$tmp/r3.err"
rc3=$?
if [ $rc1 -eq 2 ] && grep -q 'needs --state DIR too' "$tmp/r1.err" && [ $rc2 -eq 2 ] &&
   grep -q 'is read from -, not from a Kafka topic' "$tmp/r2.err" && [ $rc3 -eq 2 ] && grep -q 'has no group=G' "$tmp/r3.err"; then
  pass "--shared-state needs --state, a Kafka input and a group: said, exit 2"
else
  fail "--shared-state needs --state, a Kafka input and a group: said, exit 2 (exits $rc1 $rc2 $rc3)" \
    "$tmp/r1.err" "$tmp/r2.err" "$tmp/r3.err"
fi

# ---- a second process joins: the partitions it takes bring their windows ----
gen 2000 0 > "$tmp/h1.ndjson"
gen 2000 2000 > "$tmp/h2.ndjson"
cat "$tmp/h1.ndjson" "$tmp/h2.ndjson" | "$EDDY" run "$tmp/slide.sql" > "$tmp/mv.file" 2>&1
"$MOCK" produce "$B" mv k < "$tmp/h1.ndjson" || { echo "kafka_state_test: cannot produce to the mock cluster"; exit 1; }
member a mv
wait_rows 2000 "$tmp/a.out"
member b mv
wait_for "taken up from" "$tmp/b.err"
"$MOCK" produce "$B" mv k < "$tmp/h2.ndjson"
wait_rows 4000 "$tmp/a.out" "$tmp/b.out"
sleep 0.5
kill -TERM $pid_a $pid_b
wait $pid_a
rca=$?
wait $pid_b
rcb=$?
if [ $rca -eq 0 ] && [ $rcb -eq 0 ] && [ -s "$tmp/b.out" ] && [ "$(rows "$tmp/a.out" "$tmp/b.out")" = "$(rows "$tmp/mv.file")" ]; then
  pass "a process joins the group: the partitions it takes bring their windows, together one run's rows, none twice"
else
  fail "a process joins the group: the partitions it takes bring their windows, together one run's rows (exits $rca $rcb)" \
    "$tmp/a.err" "$tmp/b.err"
fi
# (on a loaded machine the first process may lose touch with the group in
# the rebalance instead of giving its partitions: it then says that the
# next owner takes its last checkpoint up, and the rows above are the same)
if grep -q -e 'went to another process of the group, with' -e 'lost touch with the group): the process that has them now takes up the state of this process' "$tmp/a.err" &&
   grep -q 'partition [0-3] taken up from .*mv.shared/mv\.[0-3]\.[0-9]' "$tmp/b.err"; then
  pass "the process that gives partitions away says where their state goes; the one that takes them, from where"
else
  fail "the process that gives partitions away says where their state goes; the one that takes them, from where" "$tmp/a.err" "$tmp/b.err"
fi

# ---- one is killed: the other takes its partitions up from its last checkpoint; it comes back ----
gen 1500 10000 > "$tmp/k1.ndjson"
gen 1500 20000 > "$tmp/k2.ndjson"
gen 1500 30000 > "$tmp/k3.ndjson"
cat "$tmp/k1.ndjson" "$tmp/k2.ndjson" "$tmp/k3.ndjson" | "$EDDY" run "$tmp/slide.sql" > "$tmp/kl.file" 2>&1
"$MOCK" produce "$B" kl k < "$tmp/k1.ndjson"
member c kl
wait_rows 1500 "$tmp/c.out"
member d kl
wait_for "taken up from" "$tmp/d.err"
sleep 1
kill -KILL $pid_c
wait $pid_c 2> /dev/null
"$MOCK" produce "$B" kl k < "$tmp/k2.ndjson"
wait_rows 3000 "$tmp/c.out" "$tmp/d.out"
member c kl
wait_for "taken up from" "$tmp/c.err"
"$MOCK" produce "$B" kl k < "$tmp/k3.ndjson"
wait_rows 4500 "$tmp/c.out" "$tmp/d.out"
sleep 0.5
kill -TERM $pid_c $pid_d
wait $pid_c
rcc=$?
wait $pid_d
rcd=$?
# every row of the one run, and no other (a window split by the kill would give other totals)
if [ $rcc -eq 0 ] && [ $rcd -eq 0 ] && [ "$(rows "$tmp/c.out" "$tmp/d.out" | uniq)" = "$(rows "$tmp/kl.file")" ]; then
  pass "one of two killed, then back: every row of one run and no other (no window split; rows after its last checkpoint may come twice)"
else
  fail "one of two killed, then back: every row of one run and no other (exits $rcc $rcd)" "$tmp/c.err" "$tmp/d.err"
fi

# ---- windows open when processes stop go on in the one that takes the partitions, with a reference table ----
cat > "$tmp/join.sql" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "name" VARCHAR(16), "n" INTEGER, "total" INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM s."k", r."name", COUNT(*), SUM(s."price") FROM "SOURCE_SQL_STREAM_001" AS s
    JOIN "REF" AS r ON s."k" = r."k" GROUP BY s."k", r."name", FLOOR(s.ROWTIME TO HOUR);
EOF
awk 'BEGIN { for (i = 0; i < 7; i++) printf "{\"k\":\"k%d\",\"name\":\"name%d\"}\n", i, i }' > "$tmp/ref.ndjson"
gen 1000 60000 > "$tmp/j1.ndjson"
gen 1000 70000 > "$tmp/j2.ndjson"
cat "$tmp/j1.ndjson" "$tmp/j2.ndjson" | "$EDDY" run "$tmp/join.sql" --table "REF=$tmp/ref.ndjson" > "$tmp/jn.file" 2>&1
"$MOCK" produce "$B" jn k < "$tmp/j1.ndjson"
APP=join member g jn --table "REF=$tmp/ref.ndjson"
wait_for "reading partitions" "$tmp/g.err"
APP=join member h jn --table "REF=$tmp/ref.ndjson"
wait_for "taken up from" "$tmp/h.err"
"$MOCK" produce "$B" jn k < "$tmp/j2.ndjson"
sleep 2
kill -TERM $pid_g $pid_h
wait $pid_g
rcg=$?
wait $pid_h
rch=$?
# the last process reads to the end, where the hour's windows close
timeout 60 "$EDDY" run "$tmp/join.sql" --table "REF=$tmp/ref.ndjson" --state "$tmp/i.state" --shared-state "$tmp/jn.shared" \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/jn?group=jn&start=earliest&stop=caught_up&$G" > "$tmp/i.out" 2> "$tmp/i.err"
rci=$?
# ROWTIME aside (rows() drops it): the runs may straddle an hour
if [ $rcg -eq 0 ] && [ $rch -eq 0 ] && [ $rci -eq 0 ] && [ ! -s "$tmp/g.out" ] && [ ! -s "$tmp/h.out" ] &&
   [ "$(wc -l < "$tmp/i.out")" -eq 7 ] && [ "$(rows "$tmp/i.out")" = "$(rows "$tmp/jn.file")" ]; then
  pass "windows open when two processes stop go on in the next, with a table join: one row per key, the one run's counts"
else
  fail "windows open when two processes stop go on in the next, with a table join (exits $rcg $rch $rci)" \
    "$tmp/i.out" "$tmp/i.err" "$tmp/h.err"
fi

"$EDDY" state "$tmp/jn.shared" > "$tmp/state.out" 2>&1
if [ "$(grep -c '^partition [0-3] of jn: generation [0-9]*, of .*join.sql, written by .*; goes on at offset [0-9]*; [0-9]* bytes of state$' "$tmp/state.out")" -eq 4 ]; then
  pass "eddy state on the shared directory: each partition's newest state, its writer and its offset"
else
  fail "eddy state on the shared directory: each partition's newest state, its writer and its offset" "$tmp/state.out"
fi

# ---- each partition its own clock: records with their own ROWTIME need be in order only within it ----
awk 'BEGIN { for (i = 0; i < 700; i++) printf "{\"ROWTIME\":\"2024-01-01 10:%02d:%02d\",\"k\":\"k%d\",\"seq\":%d,\"price\":%d}\n",
  int(i / 60), i % 60, i % 7, 80000 + i, i % 100 }' > "$tmp/rt.ndjson"
"$MOCK" produce "$B" rt k < "$tmp/rt.ndjson"
"$EDDY" run "$tmp/slide.sql" < "$tmp/rt.ndjson" > "$tmp/rt.file" 2>&1
timeout 60 "$EDDY" run "$tmp/slide.sql" --stats --state "$tmp/rt.state" --shared-state "$tmp/rt.shared" \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/rt?group=rt&start=earliest&stop=caught_up&$G" > "$tmp/rt.out" 2> "$tmp/rt.err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^eddy: 700 records in, 700 rows out, 0 errors' "$tmp/rt.err" && [ "$(rows "$tmp/rt.out")" = "$(rows "$tmp/rt.file")" ]; then
  pass "records with their own ROWTIME, in order within each partition: no error rows, the one run's rows"
else
  fail "records with their own ROWTIME, in order within each partition: no error rows, the one run's rows (exit $rc)" "$tmp/rt.err"
fi

# ---- exactly once into Kafka through a kill: committed rows are one run's ----
gen 1500 40000 > "$tmp/t1.ndjson"
gen 1500 50000 > "$tmp/t2.ndjson"
cat "$tmp/t1.ndjson" "$tmp/t2.ndjson" | "$EDDY" run "$tmp/slide.sql" | rows > "$tmp/tx.file"
committed() { "$MOCK" committed "$B" out eddy-transactions | cut -f3 | rows; }
wait_committed() {
  i=0
  while [ "$(committed | wc -l)" -lt "$1" ] && [ $i -lt 400 ]; do sleep 0.1; i=$((i + 1)); done
}
"$MOCK" produce "$B" tx k < "$tmp/t1.ndjson"
member e tx --output "DESTINATION_SQL_STREAM=kafka://$B/out?key=k"
wait_committed 1500
member f tx --output "DESTINATION_SQL_STREAM=kafka://$B/out?key=k"
wait_for "taken up from" "$tmp/f.err"
"$MOCK" produce "$B" tx k < "$tmp/t2.ndjson" &
sleep 0.3
kill -KILL $pid_e
wait $pid_e 2> /dev/null
wait_committed 3000
sleep 1
kill -TERM $pid_f
wait $pid_f
rcf=$?
if [ $rcf -eq 0 ] && [ "$(committed)" = "$(cat "$tmp/tx.file")" ]; then
  pass "Kafka output in transactions: through a kill -9 what read_committed consumers see is one run's rows, none twice"
else
  committed > "$tmp/tx.got"
  diff "$tmp/tx.got" "$tmp/tx.file" | head -5 > "$tmp/tx.diff"
  fail "Kafka output in transactions: through a kill -9 what read_committed consumers see is one run's rows (exit $rcf)" \
    "$tmp/tx.diff" "$tmp/e.err" "$tmp/f.err"
fi

finish
