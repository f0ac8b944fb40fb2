# What the Kafka checks share (sourced by src/io/kafka_test.sh,
# kafka_eos_test.sh and kafka_state_test.sh after they set test_name):
# finding kafka_mock (exit 77, skipped, without it), a temporary directory
# removed at exit (kept with KEEP=1) with the processes started in the
# background stopped, counting checks, librdkafka's mock cluster started
# on loopback ports, and the records the checks produce.
#
# Environment: EDDY (the binary), KAFKA_MOCK (the helper, built by make check).

set -u
EDDY=${EDDY:-$(pwd)/eddy}
MOCK=${KAFKA_MOCK:-$(pwd)/kafka_mock}
if [ ! -x "$MOCK" ]; then
  echo "$test_name: skipped: kafka_mock was not built (librdkafka is missing)"
  exit 77
fi

tmp=$(mktemp -d)
pids=""   # the broker and the eddy processes started in the background, stopped at the end
trap 'kill $pids 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

passed=0 failed=0
pass() { passed=$((passed + 1)) && echo "PASS $1"; }
# fail NAME [FILE...]: a failed check, with the end of each file that tells why
fail() {
  failed=$((failed + 1)) && echo "FAIL $1" && shift
  for f; do test -f "$f" && tail -n 20 "$f" | sed 's/^/    /'; done
  return 0
}
# the summary line, and the exit status
finish() {
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# mock_start TOPIC:PARTITIONS...: the mock cluster, its brokers in $B; commands
# (topic, errors, leader, ...) go to it through $tmp/ctl, which it follows
mock_start() {
  : > "$tmp/ctl"
  tail -f "$tmp/ctl" | "$MOCK" serve "$tmp/boot" "$@" > "$tmp/mock.log" 2>&1 &
  pids="$pids $!"
  i=0
  while [ ! -s "$tmp/boot" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$tmp/boot" ] || { echo "$test_name: the mock cluster did not start"; cat "$tmp/mock.log"; exit 1; }
  B=$(cat "$tmp/boot")
}
mock() { echo "$*" >> "$tmp/ctl"; sleep 0.2; }
# group settings that make the mock's rebalances take seconds, not a minute
G="kafka.session.timeout.ms=6000&kafka.heartbeat.interval.ms=300"

# gen N FIRST: N records; key k0..k6, seq numbering them from FIRST
gen() {
  awk -v n="$1" -v f="$2" 'BEGIN { for (i = f; i < f + n; i++)
    printf "{\"k\":\"k%d\",\"seq\":%d,\"price\":%d}\n", i % 7, i, (i * 37) % 100 }'
}
# slide_sql FILE: the application the scripts run, a window over each key's
# last rows: per key the same in any run that keeps each key's order
slide_sql() {
  cat > "$1" <<'EOF'
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" ("k" VARCHAR(8), "seq" INTEGER, "price" INTEGER);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "seq" INTEGER, "total" INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM "k", "seq", SUM("price") OVER (PARTITION BY "k" ROWS 3 PRECEDING) FROM "SOURCE_SQL_STREAM_001";
EOF
}
# wait_for TEXT FILE: until FILE says TEXT (40 s at most)
wait_for() {
  i=0
  while ! grep -q "$1" "$2" 2>/dev/null && [ $i -lt 400 ]; do sleep 0.1; i=$((i + 1)); done
}
# rows without ROWTIME and ROW_ID, sorted: what runs at other times share
rows() { cat "$@" 2> /dev/null | sed 's/"ROWTIME":"[^"]*",//; s/"ROW_ID":"[^"]*",//' | sort; }
# wait_rows N FILE...: until the files hold N distinct rows together (40 s at most)
wait_rows() {
  n=$1
  shift
  i=0
  while [ "$(rows "$@" | uniq | wc -l)" -lt "$n" ] && [ $i -lt 400 ]; do sleep 0.1; i=$((i + 1)); done
}
