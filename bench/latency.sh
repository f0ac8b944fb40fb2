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
exit $status
