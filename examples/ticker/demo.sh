#!/bin/sh
# `make demo`: the sample KDA application over recorded stock ticks, with
# what it does, its rows, and the error stream explained.
# Usage: demo.sh EDDY EXAMPLES_DIR
EDDY=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

cat <<TXT
== The application: $dir/app.sql
A KDA application in the getting-started shape: ticks arrive in the input
stream SOURCE_SQL_STREAM_001, a pump keeps the big movers in technology
(|CHANGE| >= 1.5) and labels each UP or DOWN, and DESTINATION_SQL_STREAM is
written out.

TXT
sed 's/^/    /' "$dir/app.sql"
n=$(wc -l < "$dir/input.ndjson")
cat <<TXT

== Running it over $n recorded ticks:
   $EDDY run $dir/app.sql < $dir/input.ndjson

TXT
"$EDDY" run "$dir/app.sql" --errors "$tmp/errors.ndjson" --stats < "$dir/input.ndjson" 2> "$tmp/stats"
rc=$?
cat <<TXT

== The error stream
Line 121 of the input is a deliberately bad tick: its CHANGE is "n/a", not a
number. Bad input never stops the stream and is never dropped: the record
goes to the error stream (standard error, or --errors FILE) with the reason,
its line and the record itself, and the run goes on:

TXT
cat "$tmp/errors.ndjson"
echo
cat "$tmp/stats"
exit $rc
