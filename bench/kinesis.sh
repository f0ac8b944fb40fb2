#!/bin/sh
# The Kinesis part of `make bench` (bench/run.sh runs it when node and
# kinesalite are installed, as ./bootstrap installs them into test-node/).
#
#   kinesis.sh EDDY GEN MEASURE
#
# kinesalite (in memory, on a loopback port) holds a 4-shard input stream
# of N ticker records (without ROWTIME); eddy runs bench/kinesis.sql (a filter into
# DESTINATION_SQL_STREAM) four ways: file to stdout, Kinesis to stdout,
# file to a Kinesis stream, Kinesis to a Kinesis stream. Each row: wall
# and CPU seconds of eddy alone (not kinesalite), records/s, eddy's CPU
# microseconds a record and rows out. With valgrind installed, callgrind
# also counts eddy's instructions a record for the file path and the
# Kinesis-to-Kinesis path, which do not depend on the machine's load.
# kinesalite is far slower than Kinesis, so records/s here is its rate,
# not eddy's; the CPU columns are eddy's own cost.
#
# Environment: BENCH_KINESIS_RECORDS (default 100000),
# BENCH_KINESIS_CALLGRIND=0 to skip callgrind.

set -u
EDDY=$1
GEN=$2
MEASURE=$3
BENCHDIR=$(cd "$(dirname "$0")" && pwd)
N=${BENCH_KINESIS_RECORDS:-100000}
helper=$BENCHDIR/../src/io/kinesis_test_helper.js
mods=
for d in "$(pwd)/test-node/node_modules" "$BENCHDIR/../test-node/node_modules"; do
    [ -z "$mods" ] && [ -d "$d/kinesalite" ] && mods=$(cd "$d" && pwd)
done
if ! command -v node > /dev/null 2>&1 || [ -z "$mods" ] || [ ! -d "$mods/aws4" ]; then
    echo "(node, kinesalite or aws4 not installed: the Kinesis benchmark skipped; ./bootstrap installs them)" >&2
    exit 0
fi
export NODE_PATH=$mods
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_KINESIS AWS_SESSION_TOKEN AWS_DEFAULT_REGION
export AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
tmp=$(mktemp -d) || exit 1
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2> /dev/null
    wait 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

node "$helper" serve "$tmp/port" 0 > "$tmp/server.log" 2>&1 &
server=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/port" ] || { echo "kinesalite did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }
E=http://127.0.0.1:$(cat "$tmp/port")

# the ticker records without their ROWTIME: a Kinesis record's ROWTIME is
# when eddy reads it, as in KDA (records from 4 shards carrying their own
# would come late to the merged stream)
f=$tmp/ticker-$N.ndjson
"$GEN" "$N" | sed 's/"ROWTIME":"[^"]*",//' > "$f" || exit 1
t0=$(date +%s.%N)
node "$helper" create "$E" bench_in 4 && node "$helper" put "$E" bench_in "$f" || exit 1
t1=$(date +%s.%N)
echo
echo "Kinesis (kinesalite on loopback): $N ticker records put into a 4-shard stream in $(echo "$t1 - $t0" | bc) s"
IN="SOURCE_SQL_STREAM_001=kinesis://bench_in?endpoint=$E&start=trim_horizon&stop=caught_up&poll_ms=0&idle_ms=50"
OUT="DESTINATION_SQL_STREAM=kinesis://bench_out?endpoint=$E&partition_key=TICKER_SYMBOL"

kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# sink NAME: whether the path NAME ends in a Kinesis stream (made afresh for it)
sink() { case $1 in *-kinesis) return 0 ;; esac; return 1; }
printf '%-16s %8s %8s %10s %12s %10s\n' path wall_s cpu_s records/s cpu_us/rec rows_out
failed=0
# row NAME INPUT COMMAND...: one measured run of eddy
row() {
    name=$1 input=$2
    shift 2
    sink "$name" && node "$helper" create "$E" bench_out 4 > /dev/null 2>&1
    if ! line=$("$MEASURE" -i "$input" -- "$@" 2> "$tmp/err"); then
        printf '%-16s FAILED: %s\n' "$name" "$line"
        sed 's/^/    /' "$tmp/err" | head -5
        failed=1
    else
        rows=$(sed -n 's/.* \([0-9][0-9]*\) rows out.*/\1/p' "$tmp/err" | tail -1)
        awk -v name="$name" -v n="$N" -v wall="$(kv wall "$line")" -v cpu="$(kv cpu "$line")" -v rows="${rows:-?}" 'BEGIN {
            printf "%-16s %8.3f %8.3f %10.0f %12.2f %10s\n", name, wall, cpu, n / (wall > 0 ? wall : 0.001), cpu * 1e6 / n, rows }'
    fi
    sink "$name" && node "$helper" delete "$E" bench_out > /dev/null 2>&1
}
q=$BENCHDIR/kinesis.sql
row file-stdout "$f" "$EDDY" run "$q" --stats
row kinesis-stdout /dev/null "$EDDY" run "$q" --stats --input "$IN"
row file-kinesis "$f" "$EDDY" run "$q" --stats --output "$OUT"
row kinesis-kinesis /dev/null "$EDDY" run "$q" --stats --input "$IN" --output "$OUT"

# callgrind: eddy's instructions a record, file path against Kinesis to Kinesis
if [ "${BENCH_KINESIS_CALLGRIND:-1}" != 0 ] && command -v valgrind > /dev/null 2>&1; then
    # instr NAME INPUT COMMAND...: instructions of every thread of eddy
    instr() {
        name=$1 input=$2
        shift 2
        sink "$name" && node "$helper" create "$E" bench_out 4 > /dev/null 2>&1
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" < "$input" > /dev/null 2> "$tmp/cg"
        n=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg" | tail -1)
        sink "$name" && node "$helper" delete "$E" bench_out > /dev/null 2>&1
        awk -v name="$name" -v n="${n:-0}" -v recs="$N" 'BEGIN { printf "%-16s %14.0f instructions, %8.0f a record\n", name, n, n / recs }'
    }
    instr file-stdout "$f" "$EDDY" run "$q"
    instr kinesis-kinesis /dev/null "$EDDY" run "$q" --input "$IN" --output "$OUT"
fi
exit $failed
