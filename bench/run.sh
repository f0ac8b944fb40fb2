#!/bin/sh
# The eddy benchmark, run by `make bench` (never by `make check`).
#
#   run.sh EDDY GEN MEASURE DATADIR
#
# Generates the ticker inputs into DATADIR once, then runs each benchmark
# query over each input through MEASURE and prints one table row per run:
# wall seconds, CPU seconds, records/s and MB/s (input bytes, 10^6), peak RSS
# and the rows eddy wrote. Baselines show what the machine itself costs:
# `cat` only moves the bytes, `wc -l` touches every byte once; jq (when
# installed, 1M input only, since it is slow) is a familiar NDJSON filter.
# Peers: when node and @duckdb/node-api are installed (make bench installs
# the latter into test-node/ when npm is there), single-threaded DuckDB runs
# the filter, the tumbling and the 10 s sliding window over the same files
# (bench/duckdb.js says how its SQL corresponds to eddy's), and a last table
# gives eddy's records/s against each peer's, with both row counts.
#
# Environment:
#   BENCH_SIZES   record counts to run (default "1000000 10000000")
#   BENCH_REPEAT  runs per cell, the fastest is reported (default 1)
#   BENCH_ONLY    run only the rows whose name contains this text
#   BENCH_PAUSE_RECORDS  records (and keys) of the pause benchmark (default 4000000)
#   BENCH_KINESIS_RECORDS, BENCH_KINESIS_CALLGRIND: see bench/kinesis.sh
#   BENCH_ANOMALY_RECORDS  records of the HOTSPOTS and RANDOM_CUT_FOREST rows
#                 (default 1000000)
#   BENCH_BASELINE  another eddy binary (say, built from main): the HOTSPOTS
#                 and RANDOM_CUT_FOREST rows are run with it too, side by
#                 side, and their outputs compared byte for byte
#
# Exit status is non-zero if any measured command failed.

set -u

if [ $# -ne 4 ]; then
    echo "usage: run.sh EDDY GEN MEASURE DATADIR" >&2
    exit 2
fi
EDDY=$1
GEN=$2
MEASURE=$3
DATADIR=$4
BENCHDIR=$(dirname "$0")
SIZES=${BENCH_SIZES:-"1000000 10000000"}
REPEAT=${BENCH_REPEAT:-1}
ONLY=${BENCH_ONLY:-}
QUERIES="projection filter pump tumble slide10s slide10m tumblekeys slidekeys"

# Paths given relative to the build tree must survive the cd-free exec below;
# make them absolute so measure's execvp does not search PATH for them.
case $EDDY in /*) ;; *) EDDY=$(pwd)/$EDDY ;; esac
case $GEN in /*) ;; *) GEN=$(pwd)/$GEN ;; esac
case $MEASURE in /*) ;; *) MEASURE=$(pwd)/$MEASURE ;; esac

mkdir -p "$DATADIR" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# 1000000 -> 1M, 2500 -> 2500: file names and table labels.
label() {
    if [ $(($1 % 1000000)) -eq 0 ]; then
        echo "$(($1 / 1000000))M"
    elif [ $(($1 % 1000)) -eq 0 ]; then
        echo "$(($1 / 1000))k"
    else
        echo "$1"
    fi
}

datafile() {
    echo "$DATADIR/ticker-$(label "$1").ndjson"
}

# The generator is deterministic, so its byte count for N records (gen -s N)
# identifies a complete, current file; anything else is regenerated, through
# a temporary name so an interrupted run never leaves a short file behind.
for n in $SIZES; do
    f=$(datafile "$n")
    want=$("$GEN" -s "$n") || exit 1
    have=$(wc -c 2>/dev/null < "$f" | tr -d ' ')
    if [ "${have:-}" != "$want" ]; then
        echo "generating $f ($n records, $want bytes)" >&2
        "$GEN" "$n" > "$f.tmp" && mv "$f.tmp" "$f" || { rm -f "$f.tmp"; exit 1; }
    fi
done

# key=value lookup in one measure output line.
kv() {
    echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

failed=0
input=       # when set, the file run() reads instead of the ticker data
printf '%-15s %8s %8s %8s %12s %9s %10s %10s\n' \
    query records wall_s cpu_s records/s MB/s rss_kb rows_out
printf '%-15s %8s %8s %8s %12s %9s %10s %10s\n' \
    --------------- -------- -------- -------- ------------ --------- ---------- ----------

# run NAME N ROWS_MODE COMMAND...: measures COMMAND with the N-record file
# on stdin, keeps the fastest of REPEAT runs and prints its row. ROWS_MODE is
# "stats" to take rows out from eddy's --stats line, "duckdb" from
# bench/duckdb.js's line, "lines" to count the lines of its output (through
# a pipe, measure -c), "-" for none. The best wall time and the rows are
# kept in $tmp/NAME-N for the peer table.
run() {
    name=$1 n=$2 rows_mode=$3
    shift 3
    case $name in *"$ONLY"*) ;; *) return 0 ;; esac
    f=${input:-$(datafile "$n")}
    bytes=$(wc -c < "$f" | tr -d ' ')
    best="" rows="-"
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        i=$((i + 1))
        count=
        [ "$rows_mode" = lines ] && count=-c
        if ! line=$("$MEASURE" -i "$f" $count -- "$@" 2>"$tmp/err"); then
            printf '%-15s %8s FAILED: %s\n' "$name" "$(label "$n")" "$line"
            sed 's/^/    /' "$tmp/err" | head -5
            failed=1
            return 0
        fi
        wall=$(kv wall "$line")
        if [ -z "$best" ] || awk "BEGIN { exit !($wall < $(kv wall "$best")) }"; then
            best=$line
            if [ "$rows_mode" = lines ]; then
                rows=$(kv out_lines "$line")
            elif [ "$rows_mode" != - ]; then
                rows=$(sed -n 's/.* \([0-9][0-9]*\) rows out.*/\1/p' "$tmp/err" | tail -1)
                [ -n "$rows" ] || rows="?"
            fi
        fi
    done
    echo "$(kv wall "$best") $rows" > "$tmp/$name-$n"
    awk -v name="$name" -v lbl="$(label "$n")" -v n="$n" -v bytes="$bytes" \
        -v wall="$(kv wall "$best")" -v cpu="$(kv cpu "$best")" \
        -v rss="$(kv maxrss_kb "$best")" -v rows="$rows" 'BEGIN {
            w = wall > 0 ? wall : 0.001
            printf "%-15s %8s %8.3f %8.3f %12.0f %9.1f %10s %10s\n",
                name, lbl, wall, cpu, n / w, bytes / 1e6 / w, rss, rows
        }'
}

for n in $SIZES; do
    run "cat" "$n" - cat
    run "wc-l" "$n" - wc -l
done
if command -v jq >/dev/null 2>&1; then
    for n in $SIZES; do
        [ "$n" -le 1000000 ] || continue
        run "jq-filter" "$n" lines jq -c 'select(.PRICE > 50)'
    done
else
    echo "(jq not installed: jq baseline skipped)" >&2
fi
for q in $QUERIES; do
    for n in $SIZES; do
        run "$q" "$n" stats "$EDDY" run "$BENCHDIR/$q.sql" --stats
    done
done

# Peers: single-threaded DuckDB over the same files, from test-node/.
duckdb_mods=
for d in "$(pwd)/test-node/node_modules" "$BENCHDIR/../test-node/node_modules"; do
    [ -z "$duckdb_mods" ] && [ -d "$d/@duckdb/node-api" ] && duckdb_mods=$(cd "$d" && pwd)
done
PEER_QUERIES="filter tumble slide10s"
if command -v node > /dev/null 2>&1 && [ -n "$duckdb_mods" ]; then
    for q in $PEER_QUERIES; do
        for n in $SIZES; do
            NODE_PATH=$duckdb_mods run "duckdb-$q" "$n" duckdb node "$BENCHDIR/duckdb.js" "$q" "$(datafile "$n")"
        done
    done
else
    echo "(node or @duckdb/node-api not installed: the DuckDB comparison skipped; make bench installs it with npm)" >&2
fi

# One core: the peer queries again with eddy pinned to one CPU (taskset),
# where it runs on one thread: what the one-core comparison with
# single-threaded DuckDB is about, and the two-core gain beside it.
if command -v taskset > /dev/null 2>&1 && [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ]; then
    for q in $PEER_QUERIES; do
        for n in $SIZES; do
            run "$q-1cpu" "$n" stats taskset -c 0 "$EDDY" run "$BENCHDIR/$q.sql" --stats
        done
    done
else
    echo "(taskset missing or one CPU: the one-core rows skipped)" >&2
fi

# Checkpoints (--state): the same queries with a checkpoint every second,
# beside the runs above; the --stats line says how many were taken, their
# size and the longest the stream waited for one.
# Each run starts from no state (with BENCH_REPEAT, a run after the first
# would otherwise resume at the end of the input and do nothing).
for q in tumble tumblekeys slide10s slide10m; do
    for n in $SIZES; do
        run "$q+ckpt" "$n" stats sh -c 'rm -rf "$1" && shift && exec "$@"' sh "$tmp/state" \
            "$EDDY" run "$BENCHDIR/$q.sql" --stats --state "$tmp/state" --checkpoint-every 1
        case "$q+ckpt" in *"$ONLY"*) sed -n 's/^eddy: \([0-9]* checkpoint.*\)/             (\1)/p' "$tmp/err" | tail -1 ;; esac
    done
done

# Log parsing: a 1M-line Apache common log (gen_apache, next to gen_ticker)
# read with --format lines, through W3C_LOG_PARSE and REGEX_LOG_PARSE.
GEN_APACHE=$(dirname "$GEN")/gen_apache
LOGN=1000000
logfile="$DATADIR/apache-$(label $LOGN).log"
want=$("$GEN_APACHE" -s $LOGN) || exit 1
have=$(wc -c 2>/dev/null < "$logfile" | tr -d ' ')
if [ "${have:-}" != "$want" ]; then
    echo "generating $logfile ($LOGN lines, $want bytes)" >&2
    "$GEN_APACHE" $LOGN > "$logfile.tmp" && mv "$logfile.tmp" "$logfile" || { rm -f "$logfile.tmp"; exit 1; }
fi
input=$logfile
for q in w3c regexlog; do
    run "$q-log" $LOGN stats "$EDDY" run "$BENCHDIR/$q.sql" --format lines --stats
done
input=

# Anomaly functions: HOTSPOTS with the KDA developer guide's parameters over
# points drawn as the guide's generator draws them (gen_points, next to
# gen_ticker), and RANDOM_CUT_FOREST and RANDOM_CUT_FOREST_WITH_EXPLANATION
# with 100 trees of 256 over the ticker's CHANGE and PRICE. Every row is
# scored, so records/s is the functions' own speed.
AN=${BENCH_ANOMALY_RECORDS:-1000000}
# make FILE from GENERATOR N unless it holds exactly what that would write
ensure() {
    want=$("$1" -s "$2") || exit 1
    have=$(wc -c 2>/dev/null < "$3" | tr -d ' ')
    if [ "${have:-}" != "$want" ]; then
        echo "generating $3 ($2 records, $want bytes)" >&2
        "$1" "$2" > "$3.tmp" && mv "$3.tmp" "$3" || { rm -f "$3.tmp"; exit 1; }
    fi
}
for q in hotspot rcf rcfexpl; do
    case $q in *"$ONLY"*) ;; *) continue ;; esac
    if [ $q = hotspot ]; then
        input="$DATADIR/points-$(label "$AN").ndjson"
        ensure "$(dirname "$GEN")/gen_points" "$AN" "$input"
    else
        input=$(datafile "$AN")
        ensure "$GEN" "$AN" "$input"
    fi
    run "$q" "$AN" stats "$EDDY" run "$BENCHDIR/$q.sql" --stats
    [ -n "${BENCH_BASELINE:-}" ] || continue
    run "$q-base" "$AN" stats "$BENCH_BASELINE" run "$BENCHDIR/$q.sql" --stats
    "$EDDY" run "$BENCHDIR/$q.sql" < "$input" > "$tmp/new.out" 2>/dev/null
    "$BENCH_BASELINE" run "$BENCHDIR/$q.sql" < "$input" > "$tmp/base.out" 2>/dev/null
    if cmp -s "$tmp/new.out" "$tmp/base.out"; then
        echo "             (output identical to the baseline's, $(wc -l < "$tmp/new.out" | tr -d ' ') rows)"
    else
        echo "             (OUTPUT DIFFERS from the baseline's)"
        failed=1
    fi
done
input=

# eddy against each peer that ran: records/s both ways, eddy's ratio, and
# the rows each wrote (a peer computing something else would show here).
# eddy's rows are those of its default threads, then (eddy-1cpu) of one CPU.
peer_row() {   # PEER QUERY N
    [ -f "$tmp/$2-$3" ] && [ -f "$tmp/$1-$3" ] || return 0
    read -r ew er < "$tmp/$2-$3"
    read -r pw pr < "$tmp/$1-$3"
    same=ok
    [ "$er" = "$pr" ] || { same=DIFFER; failed=1; }
    awk -v peer="${1%%-*}" -v q="$2" -v lbl="$(label "$3")" -v n="$3" -v ew="$ew" -v pw="$pw" -v er="$er" -v pr="$pr" \
        -v same="$same" 'BEGIN {
            e = n / (ew > 0 ? ew : 0.001); p = n / (pw > 0 ? pw : 0.001)
            printf "%-8s %-12s %8s %12.0f %12.0f %7.2fx %10s %10s %s\n", peer, q, lbl, p, e, e / p, pr, er, same
        }'
}
peers_ran=
for f in "$tmp"/duckdb-* "$tmp"/jq-*; do [ -f "$f" ] && peers_ran=1; done
if [ -n "$peers_ran" ]; then
    echo
    printf '%-8s %-12s %8s %12s %12s %8s %10s %10s\n' peer query records peer_rec/s eddy_rec/s ratio peer_rows eddy_rows
    for n in $SIZES; do peer_row jq-filter filter "$n"; done
    for q in $PEER_QUERIES; do
        for n in $SIZES; do peer_row "duckdb-$q" "$q" "$n"; peer_row "duckdb-$q" "$q-1cpu" "$n"; done
    done
fi

# Two cores against one: the default threads' records/s over one CPU's.
if ls "$tmp"/*-1cpu-* > /dev/null 2>&1; then
    echo
    printf '%-12s %8s %14s %14s %8s\n' query records one_cpu_rec/s default_rec/s gain
    for q in $PEER_QUERIES; do
        for n in $SIZES; do
            [ -f "$tmp/$q-$n" ] && [ -f "$tmp/$q-1cpu-$n" ] || continue
            read -r dw dr < "$tmp/$q-$n"
            read -r ow or < "$tmp/$q-1cpu-$n"
            awk -v q="$q" -v lbl="$(label "$n")" -v n="$n" -v dw="$dw" -v ow="$ow" 'BEGIN {
                d = n / (dw > 0 ? dw : 0.001); o = n / (ow > 0 ? ow : 0.001)
                printf "%-12s %8s %14.0f %14.0f %7.2fx\n", q, lbl, o, d, d / o
            }'
        done
    done
fi

# Pauses: millions of keys in one window, each record timed on its own
# (bench/pause.c, next to gen_ticker), so a table that rehashed in one go
# would show as a long record.
PAUSE=$(dirname "$GEN")/pause
case pause in *"$ONLY"*)
    echo
    "$PAUSE" "${BENCH_PAUSE_RECORDS:-4000000}" || failed=1 ;;
esac

# Kinesis: a 4-shard stream through a filter into a Kinesis stream, against
# kinesalite, when ./bootstrap installed it (bench/kinesis.sh).
case kinesis in *"$ONLY"*)
    sh "$BENCHDIR/kinesis.sh" "$EDDY" "$GEN" "$MEASURE" || failed=1 ;;
esac

exit $failed
