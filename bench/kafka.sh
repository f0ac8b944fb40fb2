#!/bin/sh
# The Kafka benchmark, run by `make bench` after run.sh (never by make
# check): records from a 4-partition topic of librdkafka's mock cluster
# (on loopback, in one process of its own) through the filter and the
# 10-second sliding-window benchmark queries into a Kafka topic, read until
# caught up: by one process without a group (it reads every partition),
# and by one and by two processes of one consumer group; then by one
# process with --state (a checkpoint a second) writing at least once
# (transactional=false) and exactly once (a transaction per checkpoint);
# then by one and two processes of a group with --shared-state (each
# partition's state in a shared directory, exactly once).
# One table row per
# run: wall seconds (in a group, most of them are the mock's group join: 3 s
# for the first members, more for a rebalance); records/s over the wall
# time; eddy's CPU seconds (all its processes), microseconds of CPU per
# record and records per CPU second; the rows written. The mock cluster's
# own CPU is not counted, but it shares the machine's cores.
#
#   kafka.sh EDDY KAFKA_MOCK MEASURE GEN
#
# Environment: BENCH_KAFKA_RECORDS (default 150000: the mock keeps only
# about 60,000 messages a partition, and the ticker's keys are not spread
# evenly over the 4 partitions).

set -u
if [ $# -ne 4 ]; then
    echo "usage: kafka.sh EDDY KAFKA_MOCK MEASURE GEN" >&2
    exit 2
fi
EDDY=$1 MOCK=$2 MEASURE=$3 GEN=$4
N=${BENCH_KAFKA_RECORDS:-150000}
tmp=$(mktemp -d) || exit 1
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

: > "$tmp/ctl"
tail -f "$tmp/ctl" | "$MOCK" serve "$tmp/boot" in:4 eddy-transactions:1 > "$tmp/mock.log" 2>&1 &
server=$!
i=0
while [ ! -s "$tmp/boot" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/boot" ] || { echo "kafka bench: the mock cluster did not start" >&2; cat "$tmp/mock.log" >&2; exit 1; }
B=$(cat "$tmp/boot")

# without their ROWTIME: four partitions interleave, and a stream's ROWTIME never goes back
echo "producing $N ticker records to a 4-partition topic, keyed by TICKER_SYMBOL" >&2
"$GEN" "$N" | sed 's/"ROWTIME":"[^"]*",//' | "$MOCK" produce "$B" in TICKER_SYMBOL || exit 1

SRC='CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);'
cat > "$tmp/filter.sql" <<EOF
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM * FROM SOURCE_SQL_STREAM_001 WHERE PRICE > 50;
EOF
cat > "$tmp/slide10s.sql" <<EOF
$SRC
CREATE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), AVG_PRICE DOUBLE, MIN_PRICE DOUBLE, MAX_PRICE DOUBLE);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM TICKER_SYMBOL, AVG(PRICE) OVER W AS AVG_PRICE, MIN(PRICE) OVER W AS MIN_PRICE, MAX(PRICE) OVER W AS MAX_PRICE
FROM SOURCE_SQL_STREAM_001
WINDOW W AS (PARTITION BY TICKER_SYMBOL RANGE INTERVAL '10' SECOND PRECEDING);
EOF

kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# run QUERY PROCS GROUP [STATE]: PROCS processes (of consumer group GROUP,
# or without one when it is "-") from the topic to out-QUERY-GROUP-STATE;
# STATE "state" or "eos": --state, writing at least once or exactly once;
# "shared": --state and --shared-state, exactly once;
# sets wall, cpu, rows
run() {
    q=$1 procs=$2 g=$3 st=${4:-}
    tag="$q-$g$st"
    in="SOURCE_SQL_STREAM_001=kafka://$B/in?start=earliest&stop=caught_up"
    [ "$g" = - ] || in="$in&group=$g&kafka.session.timeout.ms=6000&kafka.heartbeat.interval.ms=300"
    out="DESTINATION_SQL_STREAM=kafka://$B/out-$tag"
    set --
    case $st in
    state) set -- --state "$tmp/state-$tag" --checkpoint-every 1; out="$out?transactional=false" ;;
    eos) set -- --state "$tmp/state-$tag" --checkpoint-every 1 ;;
    shared) ;;
    esac
    start=$(date +%s.%N)
    p=1
    while [ $p -le "$procs" ]; do
        # each process its own state directory (with --shared-state, the partitions' one is shared)
        [ "$st" = shared ] && set -- --state "$tmp/state-$tag-$p" --shared-state "$tmp/shared-$tag" --checkpoint-every 1
        "$MEASURE" -- "$EDDY" run "$tmp/$q.sql" --stats --input "$in" --output "$out" "$@" > "$tmp/m$p" 2> "$tmp/e$p" &
        eval "pid$p=\$!"
        p=$((p + 1))
    done
    status=0
    p=1
    while [ $p -le "$procs" ]; do
        eval "wait \$pid$p" || status=1
        p=$((p + 1))
    done
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    cpu=0 rows=0
    p=1
    while [ $p -le "$procs" ]; do
        cpu=$(awk -v a="$cpu" -v b="$(kv cpu "$(cat "$tmp/m$p")")" 'BEGIN { printf "%.3f", a + b }')
        r=$(sed -n 's/.* \([0-9][0-9]*\) rows out.*/\1/p' "$tmp/e$p" | tail -1)
        rows=$((rows + ${r:-0}))
        p=$((p + 1))
    done
    if [ $status -ne 0 ]; then
        echo "kafka bench: $q with $procs process(es) failed:" >&2
        cat "$tmp"/e* >&2
        return 1
    fi
}

printf '%-10s %-8s %8s %8s %12s %8s %10s %12s %10s\n' query procs records wall_s records/s cpu_s cpu_us/rec records/cpu_s rows_out
failed=0
for q in filter slide10s; do
    for run in "1 -" "1 g1" "2 g2" "1 - state" "1 - eos" "1 g3 shared" "2 g4 shared"; do
        set -- $run
        g=$2 label="$1 group"
        [ "$g" = - ] && label="1 alone"
        [ $# -eq 3 ] && label="$1 $3"
        [ "$g" = - ] || g="$q-$g"
        run "$q" "$1" "$g" "${3:-}" || { failed=1; continue; }
        awk -v q="$q" -v p="$label" -v n="$N" -v w="$wall" -v c="$cpu" -v r="$rows" 'BEGIN {
            if (w <= 0.001) w = 0.001
            cc = c > 0.001 ? c : 0.001
            printf "%-10s %-8s %8d %8.2f %12.0f %8.2f %10.2f %12.0f %10d\n", q, p, n, w, n / w, c, c * 1e6 / n, n / cc, r }'
    done
done
exit $failed
