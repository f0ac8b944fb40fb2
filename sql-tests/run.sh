#!/bin/sh
# Data-driven SQL tests. Each case is a folder sql-tests/<topic>/<case>/ with
#   query.sql (or app.sql)  the application, run as: eddy run query.sql
#   kda.json (or kda.yaml)  with no SQL file: a KDA application's configuration,
#                           run as: eddy run --kda kda.json (sql-tests/kda-config/)
#   input.ndjson            standard input (optional; empty when absent)
#   args                    extra command-line arguments, one line (optional)
#   mode                    the eddy command instead of run: check or explain (optional)
#   expected.ndjson         exact standard output (absent = none)
#   expected.err            exact standard error: diagnostics or error rows (absent = none)
#   expected.rc             exit status (absent = 0)
# The clock is pinned with --now so arrival times and ERROR_TIME repeat.
# Prints one line per case and a final "N passed, N failed".
# Usage: run.sh [case-folder-substring]

EDDY=${EDDY:-$(pwd)/eddy}
DIR=${SQL_TESTS_DIR:-$(dirname "$0")}
NOW='2000-01-01 00:00:00'
filter=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
for q in $(find "$DIR" -name query.sql -o -name app.sql -o -name kda.json -o -name kda.yaml | sort); do
  case_dir=$(dirname "$q")
  name=${case_dir#"$DIR"/}
  case "$name" in *"$filter"*) ;; *) continue ;; esac
  sql=$(basename "$q")
  case "$sql" in
    kda.*) if [ -f "$case_dir/app.sql" ] || [ -f "$case_dir/query.sql" ]; then continue; fi
           sql="--kda $sql" ;;
  esac
  args=""
  [ -f "$case_dir/args" ] && args=$(cat "$case_dir/args")
  input=/dev/null
  [ -f "$case_dir/input.ndjson" ] && input="$case_dir/input.ndjson"
  mode=run
  [ -f "$case_dir/mode" ] && mode=$(cat "$case_dir/mode")
  # shellcheck disable=SC2086
  (cd "$case_dir" && "$EDDY" "$mode" $sql --now "$NOW" $args) < "$input" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  want_rc=0
  [ -f "$case_dir/expected.rc" ] && want_rc=$(cat "$case_dir/expected.rc")
  ok=1
  why=""
  if [ "$rc" != "$want_rc" ]; then ok=0; why="exit status $rc, expected $want_rc"; fi
  exp_out="$case_dir/expected.ndjson"; [ -f "$exp_out" ] || exp_out=/dev/null
  exp_err="$case_dir/expected.err"; [ -f "$exp_err" ] || exp_err=/dev/null
  if ! cmp -s "$tmp/out" "$exp_out"; then ok=0; why="$why${why:+; }stdout differs"; fi
  if ! cmp -s "$tmp/err" "$exp_err"; then ok=0; why="$why${why:+; }stderr differs"; fi
  if [ $ok = 1 ]; then
    pass=$((pass + 1))
    echo "PASS $name"
  else
    fail=$((fail + 1))
    echo "FAIL $name: $why"
    if ! cmp -s "$tmp/out" "$exp_out"; then diff "$exp_out" "$tmp/out" | head -20 | sed 's/^/    /'; fi
    if ! cmp -s "$tmp/err" "$exp_err"; then diff "$exp_err" "$tmp/err" | head -20 | sed 's/^/    /'; fi
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
