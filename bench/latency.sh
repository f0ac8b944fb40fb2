#!/bin/sh
# Latency through a filter at paced rates, eddy beside `cat` (the floor: a
# pipe and a process), run by `make bench`.
#
#   latency.sh EDDY LATENCY
#
# For each rate, bench/latency feeds each command paced records for
# BENCH_LATENCY_SECONDS (default 4) and prints the percentiles of the time
# each record takes to come out. The goal (issue: a tail close to a pipe's)
# is eddy's p99 within 2 x cat's p99 + 100 us at every rate; a row says
# whether it is met. Wall-clock figures: run it on a quiet machine.
# Then the same at 10k records/s with another process keeping one CPU busy
# (a shell loop), beside jq when it is installed (the issue's goal: no worse
# than jq's p99 there). BENCH_LATENCY_BUSY=0 skips that part.
set -u
EDDY=$1
LATENCY=$2
BENCHDIR=$(dirname "$0")
SECONDS_EACH=${BENCH_LATENCY_SECONDS:-4}
RATES=${BENCH_LATENCY_RATES:-"10000 100000 300000 1000000"}
status=0
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
printf '%-10s %-6s %9s %9s %9s %9s  %s\n' rate cmd p50_us p99_us p999_us max_us goal
for rate in $RATES; do
    c=$("$LATENCY" "$rate" "$SECONDS_EACH" -- cat) || status=1
    e=$("$LATENCY" "$rate" "$SECONDS_EACH" -- "$EDDY" run "$BENCHDIR/latency.sql") || status=1
    for pair in "cat|$c" "eddy|$e"; do
        name=${pair%%|*} line=${pair#*|}
        goal=
        if [ "$name" = eddy ]; then
            goal=$(awk -v e="$(field "$e" p99_us)" -v c="$(field "$c" p99_us)" \
                'BEGIN { lim = 2 * c + 100; printf "%s (p99 <= %.0f us)", (e <= lim ? "met" : "NOT met"), lim }')
        fi
        printf '%-10s %-6s %9s %9s %9s %9s  %s\n' "$rate" "$name" "$(field "$line" p50_us)" "$(field "$line" p99_us)" \
            "$(field "$line" p999_us)" "$(field "$line" max_us)" "$goal"
    done
done
if [ "${BENCH_LATENCY_BUSY:-1}" != 0 ]; then
    sh -c 'while :; do :; done' &
    busy=$!
    trap 'kill $busy 2>/dev/null' EXIT INT TERM
    echo "with one CPU kept busy by another process, 10000 records/s:"
    printf '%-10s %-6s %9s %9s %9s %9s  %s\n' rate cmd p50_us p99_us p999_us max_us goal
    c=$("$LATENCY" 10000 "$SECONDS_EACH" -- cat) || status=1
    e=$("$LATENCY" 10000 "$SECONDS_EACH" -- "$EDDY" run "$BENCHDIR/latency.sql") || status=1
    j=
    if command -v jq > /dev/null 2>&1; then
        j=$("$LATENCY" 10000 "$SECONDS_EACH" -- jq -c --unbuffered 'select(.PRICE > 0)') || status=1
    fi
    for pair in "cat|$c" "jq|$j" "eddy|$e"; do
        name=${pair%%|*} line=${pair#*|}
        [ -n "$line" ] || continue
        goal=
        if [ "$name" = eddy ] && [ -n "$j" ]; then
            goal=$(awk -v e="$(field "$e" p99_us)" -v q="$(field "$j" p99_us)" \
                'BEGIN { printf "%s (jq p99 %s us)", (e <= q ? "met" : "NOT met"), q }')
        fi
        printf '%-10s %-6s %9s %9s %9s %9s  %s\n' 10000 "$name" "$(field "$line" p50_us)" "$(field "$line" p99_us)" \
            "$(field "$line" p999_us)" "$(field "$line" max_us)" "$goal"
    done
    kill $busy 2>/dev/null
fi
exit $status
