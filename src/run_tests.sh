#!/bin/sh
# The whole test suite, as `make check` runs it: the CUnit tests, the SQL
# cases, the command-line and REPL checks, and the Kinesis and Kafka checks. Each part prints its own
# lines; this adds them up and ends with one line "N passed, N failed"
# that counts every test run. A part that cannot run here (a tool it needs
# is missing) is reported as skipped, never as passed.
#
# Environment: EDDY (the binary), UNIT_TESTS (the CUnit runner), FUZZ_REPLAY
# (fuzz/replay.c: the fuzz corpora through their targets),
# SQL_TESTS_DIR (sql-tests/), and TESTS_SRCDIR (the source tree).

set -u
top=${TESTS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
EDDY=${EDDY:-$(pwd)/eddy}
UNIT_TESTS=${UNIT_TESTS:-$(pwd)/unit_tests}
SQL_TESTS_DIR=${SQL_TESTS_DIR:-$top/sql-tests}
export EDDY SQL_TESTS_DIR
# no check may ask a machine's real instance metadata service for credentials
export AWS_EC2_METADATA_DISABLED=true
unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0
failed=0
skipped=""

# part NAME COMMAND...: runs it with its output shown, then takes its counts
# from its last "N passed, N failed" line (exit 77: skipped).
part() {
  name=$1
  shift
  echo "== $name"
  "$@" > "$tmp/out" 2>&1
  rc=$?
  cat "$tmp/out"
  if [ $rc -eq 77 ]; then
    skipped="$skipped $name"
    return
  fi
  counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/out" | tail -n 1)
  if [ -z "$counts" ]; then
    echo "FAIL $name: exited $rc without a count of its tests"
    failed=$((failed + 1))
    return
  fi
  p=${counts%% passed*}
  f=${counts#*passed, }
  f=${f%% failed*}
  passed=$((passed + p))
  failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $name: exited $rc although no test failed"
    failed=$((failed + 1))
  fi
}

# CUnit's summary row "tests  Total Ran Passed Failed Inactive" as a count line
unit() {
  "$UNIT_TESTS" > "$tmp/unit" 2>&1
  rc=$?
  cat "$tmp/unit"
  set -- $(grep -E '^ *tests ' "$tmp/unit" | tail -n 1)
  [ $# -ge 5 ] || { echo "unit_tests: no CUnit summary (exit $rc)"; return 1; }
  echo "$4 passed, $5 failed"
  return $rc
}

part "unit tests (CUnit)" unit
part "SQL cases" sh "$SQL_TESTS_DIR/run.sh"
# every fuzz target over its committed corpus, one PASS/FAIL line a target
FUZZ_REPLAY=${FUZZ_REPLAY:-$(pwd)/fuzz_replay}
if [ -x "$FUZZ_REPLAY" ]; then
  part "fuzz corpora replay" "$FUZZ_REPLAY" "$top/fuzz/corpus"
fi
for t in "$top"/src/cli/cli_test.sh "$top"/src/cli/limits_test.sh "$top"/src/cli/checkpoint_test.sh "$top"/src/repl/repl_test.sh \
    "$top"/src/io/kinesis_test.sh "$top"/src/io/kinesis_sink_test.sh "$top"/src/io/aws_creds_test.sh "$top"/src/io/kafka_test.sh "$top"/src/io/kafka_eos_test.sh "$top"/src/io/kafka_state_test.sh; do
  [ -f "$t" ] || continue
  part "$(basename "$t" .sh)" sh "$t"
done
# The parts that read files and pipes again with the other --threads
# setting than this run's (eddy's default: 2 with two CPUs or more, else
# 1), so both the one-thread path and the reader threads are checked on
# any machine; then the checks of the threads themselves.
cpus=$(nproc 2>/dev/null || echo 1)
this=${EDDY_THREADS:-$([ "$cpus" -ge 2 ] && echo 2 || echo 1)}
other=$([ "$this" -eq 1 ] && echo 2 || echo 1)
part "SQL cases (EDDY_THREADS=$other)" env EDDY_THREADS=$other sh "$SQL_TESTS_DIR/run.sh"
for t in "$top"/src/cli/cli_test.sh "$top"/src/cli/limits_test.sh "$top"/src/cli/checkpoint_test.sh; do
  [ -f "$t" ] || continue
  part "$(basename "$t" .sh) (EDDY_THREADS=$other)" env EDDY_THREADS=$other sh "$t"
done
# and with the reader thread handing every batch over undecoded, so that
# the main thread's decoder (reader.c, InputThread.defer) reads every case,
# and the main thread writing the output files beside their writer thread
# (reader.c, judge_write_here), which otherwise only long runs do
part "SQL cases (EDDY_THREADS=2, EDDY_READER_DEFER=32, EDDY_WRITE_HERE=1)" env EDDY_THREADS=2 EDDY_READER_DEFER=32 EDDY_WRITE_HERE=1 sh "$SQL_TESTS_DIR/run.sh"
# and with the reader thread stopping for good after its first two records,
# the main thread reading the rest itself (reader.c, judge_contention),
# which otherwise only a machine whose CPUs are busy with other work sees
part "SQL cases (EDDY_THREADS=2, EDDY_READER_RETREAT=2)" env EDDY_THREADS=2 EDDY_READER_RETREAT=2 sh "$SQL_TESTS_DIR/run.sh"
[ -f "$top/src/cli/threads_test.sh" ] && part "threads_test" sh "$top/src/cli/threads_test.sh"

echo
[ -z "$skipped" ] || echo "skipped:$skipped (see their lines above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
