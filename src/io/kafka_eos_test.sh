#!/bin/sh
# Exactly-once Kafka output with --state (src/io/kafka_txn.c) against
# librdkafka's mock cluster: a Kafka-in, Kafka-out application is killed
# with SIGKILL again and again (at random moments, just after a checkpoint
# is renamed into place, while a transaction's commit waits for the broker,
# and when a checkpoint is on disk but its transaction cannot commit) and
# restarted with the same state directory while records keep
# coming; what a read_committed consumer sees of its output must be the
# rows of one uninterrupted run, none missing, none doubled. Also: a
# transaction the broker refuses to commit is an error (exit 1) and its
# rows come after a restart; the commit topic must exist; transactional=false
# is at least once as before.
#
# The mock cluster keeps no transaction markers: its consumers see aborted
# messages even read_committed, and EndTxn changes nothing there. So what a
# read_committed consumer sees is worked out by `kafka_mock committed` from
# eddy's commit records (each lists its transaction's offsets): a
# transaction counts as committed once its record is in the log, which is
# also what eddy's restart sees. Against a real broker the record becomes
# visible exactly when the transaction commits; see kafka_txn.c.
#
# One line per check, then "N passed, N failed"; exit 77 (skipped) when
# kafka_mock was not built. Environment: EDDY, KAFKA_MOCK (kafka_test_lib.sh); KILLS (24).

test_name=kafka_eos_test
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kafka_test_lib.sh"
KILLS=${KILLS:-24}
mock_start in:4 out:4 out.dear:4 ref:4 fenced:4 gin:4 eddy-transactions:1
# broker 3 leads only the commit topic, so that it can stop answering while the others go on
for t in in out out.dear; do
  for p in 0 1 2 3; do echo "leader $t $p $((p % 2 + 1))" >> "$tmp/ctl"; done
done
mock leader eddy-transactions 0 3

# a random whole number below $1
rnd() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }
# the inode and time of the checkpoint in $1 (inodes are used again), or 0
ckpt_id() { stat -c '%i %y' "$1/checkpoint" 2>/dev/null || echo 0; }
# wait_checkpoint DIR [WAS]: until a checkpoint replaces the one there now (or WAS) (5 s at most)
wait_checkpoint() {
  was=${2:-$(ckpt_id "$1")}
  i=0
  while [ "$(ckpt_id "$1")" = "$was" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
}

# each key's last four prices: the sliding window's state must survive
# every restart; the dearer records go to a second topic, in the same
# transactions
slide_sql "$tmp/slide.sql"
cat >> "$tmp/slide.sql" <<'EOF'
CREATE OR REPLACE STREAM "DEAR" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE PUMP "D" AS INSERT INTO "DEAR"
    SELECT STREAM "k", "seq", "price" FROM "SOURCE_SQL_STREAM_001" WHERE "price" >= 80;
EOF
IN="SOURCE_SQL_STREAM_001=kafka://$B/in?start=earliest"
# run_app STATE TOPIC: in the background (DESTINATION_SQL_STREAM to TOPIC, DEAR to TOPIC.dear), pid in $app
run_app() {
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$EDDY" run "$tmp/slide.sql" --state "$1" \
    --checkpoint-every 0.2 --input "$IN" --output "DESTINATION_SQL_STREAM=kafka://$B/$2?key=k" \
    --output "DEAR=kafka://$B/$2.dear" >> "$tmp/$2.out" 2>> "$tmp/$2.err" &
  app=$!
}
# file_rows FILE: the uninterrupted run's rows of both outputs, as committed_rows gives them
file_rows() {
  "$EDDY" run "$tmp/slide.sql" --output DESTINATION_SQL_STREAM --output DEAR --stream-field < "$1" 2>&1 |
    sed 's/"ROWTIME":"[^"]*",//' | sort
}
# committed_rows TOPIC: what read_committed consumers see of TOPIC and TOPIC.dear
committed_rows() {
  { "$MOCK" committed "$B" "$1" eddy-transactions | cut -f3 | sed 's/^{/{"STREAM":"DESTINATION_SQL_STREAM",/'
    "$MOCK" committed "$B" "$1.dear" eddy-transactions | cut -f3 | sed 's/^{/{"STREAM":"DEAR",/'; } |
    sed 's/"ROWTIME":"[^"]*",//' | sort
}

# ---- one uninterrupted run: its committed rows are the file run's ----
gen 3000 0 > "$tmp/first.ndjson"
"$MOCK" produce "$B" in k < "$tmp/first.ndjson" || { echo "kafka_eos_test: cannot produce to the mock cluster"; exit 1; }
file_rows "$tmp/first.ndjson" > "$tmp/first.file"
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/ref.state" --checkpoint-every 0.2 --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/ref?key=k" --output "DEAR=kafka://$B/ref.dear" > "$tmp/ref.out" 2> "$tmp/ref.err"
rc=$?
if [ $rc -eq 0 ] && grep -q '"DEAR"' "$tmp/first.file" && [ "$(committed_rows ref)" = "$(cat "$tmp/first.file")" ] &&
   "$MOCK" read "$B" eddy-transactions | grep -q '"eddy":"commit".*"topic":"ref","partition":[0-9]*,.*"topic":"ref.dear","partition":[0-9]*,'; then
  pass "an uninterrupted run: its transactions' rows in two topics (one commit record for both) are the file run's"
else
  fail "an uninterrupted run: its transactions' rows in two topics are the file run's (exit $rc)" "$tmp/ref.err"
fi
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/two.state" --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/ref?key=k" --output "DEAR=kafka://$B/ref.dear?kafka.linger.ms=1" > /dev/null 2> "$tmp/two.err"
rc=$?
if [ $rc -ne 0 ] && grep -q 'ref.dear: exactly-once Kafka outputs share one transaction, so they must name the same brokers with the same settings' "$tmp/two.err"; then
  pass "two Kafka outputs with other settings cannot share a transaction: said at start"
else
  fail "two Kafka outputs with other settings cannot share a transaction: said at start (exit $rc)" "$tmp/two.err"
fi
if grep -q '^eddy-slide-[0-9a-f]\{16\}$' "$tmp/ref.state/kafka-transactional-id" &&
   "$EDDY" state "$tmp/ref.state" | grep -q "^kafka transaction: id $(cat "$tmp/ref.state/kafka-transactional-id");"; then
  pass "eddy state shows the transaction; its transactional id is kept in the state directory"
else
  fail "eddy state shows the transaction; its transactional id is kept in the state directory"
fi

# ---- kill -9 again and again while records come ----
# records keep coming, 400 at a time, until the kills are done
cp "$tmp/first.ndjson" "$tmp/all.ndjson"
: > "$tmp/feeding"
(
  n=3000
  while [ -f "$tmp/feeding" ] && [ $n -lt 60000 ]; do
    gen 400 $n > "$tmp/batch.ndjson"
    "$MOCK" produce "$B" in k < "$tmp/batch.ndjson" 2>> "$tmp/feeder.err" && cat "$tmp/batch.ndjson" >> "$tmp/all.ndjson"
    n=$((n + 400))
    sleep 0.1
  done
) &
feeder=$!
pids="$pids $feeder"
kills=0 how="" pinned=""
while [ $kills -lt "$KILLS" ]; do
  run_app "$tmp/s" out
  case $((kills % 4)) in
  0) sleep "0.$(printf %03d "$(rnd 900)")"; how="${how}r" ;;           # at a random moment (starting up too)
  1) wait_checkpoint "$tmp/s"; how="${how}c" ;;                          # just after a checkpoint's rename
  2) mock delay 1 26 1500; wait_checkpoint "$tmp/s"; sleep 0.3; how="${how}e" ;;   # while its commit waits for EndTxn
  3) # a checkpoint on disk whose transaction cannot commit: its commit record waits for broker 3
     wait_checkpoint "$tmp/s"; sleep 0.1; last=$(ckpt_id "$tmp/s"); mock down 3; wait_checkpoint "$tmp/s" "$last"
     sleep 0.3; how="${how}p" ;;
  esac
  kill -KILL $app 2>/dev/null
  wait $app 2>/dev/null
  [ $((kills % 4)) -ne 3 ] || mock up 3
  kills=$((kills + 1))
  # its transactions' coordinator is broker 1, whose EndTxn answers are delayed above
  [ -n "$pinned" ] || [ ! -s "$tmp/s/kafka-transactional-id" ] || { pinned=1 && mock coordinator transaction "$(cat "$tmp/s/kafka-transactional-id")" 1; }
done
rm -f "$tmp/feeding"
wait $feeder
# the last run reads what is left and stops
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/s" --checkpoint-every 0.2 --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/out?key=k" --output "DEAR=kafka://$B/out.dear" >> "$tmp/out.out" 2> "$tmp/last.err"
rc=$?
file_rows "$tmp/all.ndjson" > "$tmp/want"
committed_rows out > "$tmp/got"
"$MOCK" read "$B" out | cut -f3 > "$tmp/out.raw"
"$MOCK" committed "$B" out eddy-transactions | cut -f3 > "$tmp/out.committed"
records=$(wc -l < "$tmp/all.ndjson")
missing=$(comm -13 "$tmp/got" "$tmp/want" | wc -l)
extra=$(comm -23 "$tmp/got" "$tmp/want" | wc -l)
if [ $rc -eq 0 ] && [ "$records" -gt 3000 ] && [ -s "$tmp/want" ] && [ "$missing" -eq 0 ] && [ "$extra" -eq 0 ]; then
  pass "$kills kills -9 ($how) over $records records: read_committed sees the uninterrupted run's rows, none missing, none doubled"
else
  fail "$kills kills -9 ($how) over $records records: read_committed sees the uninterrupted run's rows ($missing missing, $extra doubled or wrong; exit $rc)" "$tmp/last.err" "$tmp/out.err"
fi
# the kills did land inside transactions: their rows are in the log, aborted
aborted=$(( $(wc -l < "$tmp/out.raw") - $(wc -l < "$tmp/out.committed") ))
# (a kill aimed at a commit may land just after it under load, so not every one goes back)
went_back=$(grep -c 'did not commit: resuming from the checkpoint before it' "$tmp/out.err")
if [ "$aborted" -gt 0 ] && [ "$went_back" -ge 1 ]; then
  pass "kills inside transactions: $aborted rows of aborted transactions in the log (what read_uncommitted would see twice), redone after $went_back restarts went back a checkpoint"
else
  fail "kills inside transactions: rows of aborted transactions in the log ($aborted), a restart that went back a checkpoint" "$tmp/out.err"
fi

# ---- a process of a group killed: the next one reads from the last committed checkpoint ----
# The group's offsets are the checkpoint's whose transaction committed: the
# records after it have their rows in a transaction the kill aborts, so the
# process that takes the partitions over must read them again.
G="group=ga&start=earliest&kafka.session.timeout.ms=6000&kafka.heartbeat.interval.ms=300"
gen 1000 100000 > "$tmp/gin.ndjson"
"$MOCK" produce "$B" gin k < "$tmp/gin.ndjson"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$EDDY" run "$tmp/slide.sql" --state "$tmp/ga" --checkpoint-every 0.2 \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/gin?$G" --output "DESTINATION_SQL_STREAM=kafka://$B/g?key=k" \
  --output "DEAR=kafka://$B/g.dear" > /dev/null 2> "$tmp/ga.err" &
app=$!
i=0
while ! grep -q '"checkpoint":2,' "$tmp/ga.commits" 2>/dev/null && [ $i -lt 150 ]; do
  sleep 0.1; i=$((i + 1)); "$MOCK" read "$B" eddy-transactions > "$tmp/ga.commits" 2>/dev/null
done
# records keep coming while it is killed
n=101000
while [ $n -lt 105000 ]; do
  gen 200 $n > "$tmp/batch.ndjson"
  "$MOCK" produce "$B" gin k < "$tmp/batch.ndjson" 2>> "$tmp/feeder.err" && cat "$tmp/batch.ndjson" >> "$tmp/gin.ndjson"
  n=$((n + 200))
  [ $n -ne 103000 ] || { kill -KILL $app; wait $app 2>/dev/null; }
done
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/gb" --checkpoint-every 0.2 \
  --input "SOURCE_SQL_STREAM_001=kafka://$B/gin?$G&stop=caught_up" --output "DESTINATION_SQL_STREAM=kafka://$B/g?key=k" \
  --output "DEAR=kafka://$B/g.dear" > /dev/null 2> "$tmp/gb.err"
rc=$?
file_rows "$tmp/gin.ndjson" | grep '"DEAR"' | sed 's/"STREAM":"DEAR",//' | sort -u > "$tmp/gwant"
"$MOCK" committed "$B" g.dear eddy-transactions | cut -f3 | sed 's/"ROWTIME":"[^"]*",//' | sort -u > "$tmp/ggot"
missing=$(comm -13 "$tmp/ggot" "$tmp/gwant" | wc -l)
if [ $rc -eq 0 ] && [ -s "$tmp/gwant" ] && [ "$missing" -eq 0 ] && cmp -s "$tmp/ggot" "$tmp/gwant"; then
  pass "one process of a group killed: the one taking its partitions over reads from its last committed checkpoint, no row lost"
else
  fail "one process of a group killed: the one taking its partitions over loses no row ($missing missing, exit $rc)" "$tmp/ga.err" "$tmp/gb.err"
fi

# ---- a transaction the broker will not commit: exit 1, said, nothing lost ----
# a transactional id of the user's own, whose coordinator has no delayed answers left over from above
mock coordinator transaction fenced-test 2
mock errors 26 90 1    # the next EndTxn: PRODUCER_FENCED, which no retry mends
F="kafka://$B/fenced?kafka.transactional.id=fenced-test"
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/f" --checkpoint-every 0.2 --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=$F&key=k" --output "DEAR=$F" > "$tmp/f1.out" 2> "$tmp/f1.err"
rc1=$?
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/f" --checkpoint-every 0.2 --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=$F&key=k" --output "DEAR=$F" > "$tmp/f2.out" 2> "$tmp/f2.err"
rc2=$?
"$MOCK" committed "$B" fenced eddy-transactions | cut -f3 | sort > "$tmp/fenced.committed"
sed 's/"STREAM":"[A-Z_]*",//' "$tmp/want" | sort > "$tmp/want.one"
if [ $rc1 -eq 1 ] && grep -q 'transaction of checkpoint 1 could not commit: .*fenced' "$tmp/f1.err" &&
   grep -q '([1-9][0-9]* rows* not written)' "$tmp/f1.err" && [ ! -f "$tmp/f/kafka-transactional-id" ] && [ $rc2 -eq 0 ] &&
   [ "$(rows "$tmp/fenced.committed")" = "$(cat "$tmp/want.one")" ]; then
  pass "a commit the broker refuses: exit 1 with the reason; the restart writes those rows, each once"
else
  fail "a commit the broker refuses: exit 1 with the reason; the restart writes those rows, each once (exits $rc1 $rc2)" "$tmp/f1.err" "$tmp/f2.err"
fi

# ---- the commit topic must exist; transactional=false is at least once ----
mock topic_error nosuch 3
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/n" --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/ref?txn_topic=nosuch" > /dev/null 2> "$tmp/n.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'commit records in topic "nosuch", which cannot be used.*transactional=false' "$tmp/n.err"; then
  pass "a commit topic that does not exist: said at start, with what to do, exit 1"
else
  fail "a commit topic that does not exist: said at start, exit 1 (exit $rc)" "$tmp/n.err"
fi
before=$("$MOCK" read "$B" eddy-transactions | wc -l)
timeout 60 "$EDDY" run "$tmp/slide.sql" --state "$tmp/p" --input "$IN&stop=caught_up" \
  --output "DESTINATION_SQL_STREAM=kafka://$B/plain?transactional=false" > /dev/null 2> "$tmp/p.err"
rc=$?
"$EDDY" run "$tmp/slide.sql" --input "$IN&stop=caught_up" --output "DESTINATION_SQL_STREAM=kafka://$B/plain?transactional=true" \
  > /dev/null 2> "$tmp/p2.err"
rc2=$?
"$MOCK" read "$B" plain | cut -f3 > "$tmp/plain.read"
if [ $rc -eq 0 ] && [ "$("$MOCK" read "$B" eddy-transactions | wc -l)" -eq "$before" ] && [ ! -f "$tmp/p/kafka-transactional-id" ] &&
   [ "$(rows "$tmp/plain.read")" = "$(grep '"DESTINATION_SQL_STREAM"' "$tmp/want" | sed 's/"STREAM":"[A-Z_]*",//')" ] && [ $rc2 -ne 0 ] && grep -q 'transactional=true needs --state' "$tmp/p2.err"; then
  pass "transactional=false with --state: no transaction, at least once; transactional=true without --state is refused"
else
  fail "transactional=false with --state: no transaction; transactional=true without --state is refused (exits $rc $rc2)" "$tmp/p.err" "$tmp/p2.err"
fi

finish
