# What the Kinesis checks share (sourced by src/io/kinesis_test.sh and
# src/io/kinesis_sink_test.sh after they set test_name and here): finding
# node and kinesalite (exit 77, skipped, without them), a temporary
# directory cleaned up at exit, the tests' own credentials, counting
# checks, kinesalite started on a loopback port, and records to put.
#
# Environment: EDDY (the binary), KINESIS_TEST_NODE_MODULES (a node_modules
# holding kinesalite and aws4; else test-node/node_modules of the build or
# source tree).

set -u
EDDY=${EDDY:-$(pwd)/eddy}
helper=$here/kinesis_test_helper.js
mods=${KINESIS_TEST_NODE_MODULES:-}
for d in "$(pwd)/test-node/node_modules" "$here/../../test-node/node_modules"; do
  [ -z "$mods" ] && [ -d "$d/kinesalite" ] && mods=$(cd "$d" && pwd)
done
if ! command -v node >/dev/null 2>&1; then
  echo "$test_name: skipped: node is not installed"
  exit 77
fi
if [ -z "$mods" ] || [ ! -d "$mods/kinesalite" ] || [ ! -d "$mods/aws4" ]; then
  echo "$test_name: skipped: kinesalite and aws4 are not installed (npm install --prefix test-node kinesalite aws4)"
  exit 77
fi
export NODE_PATH=$mods

tmp=$(mktemp -d)
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The tests' own credentials; the user's AWS files and settings stay out.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_KINESIS AWS_SESSION_TOKEN AWS_DEFAULT_REGION
SECRET=kinesis-test-secret-never-shown
export AWS_ACCESS_KEY_ID=AKIDKINESISTEST AWS_SECRET_ACCESS_KEY=$SECRET AWS_REGION=us-east-1
export AWS_SHARED_CREDENTIALS_FILE="$tmp/no-credentials" AWS_CONFIG_FILE="$tmp/no-config"
# and never the machine's own role: no instance metadata, no container or web identity credentials
export AWS_EC2_METADATA_DISABLED=true
unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
  echo "FAIL $1"
  shift
  for f in "$@"; do [ -f "$f" ] && sed 's/^/    /' "$f" | head -n 20; done
  if [ -n "${server:-}" ] && ! kill -0 "$server" 2>/dev/null; then
    echo "    kinesalite is no longer running; its log:"
    sed 's/^/    /' "$tmp/server.log" | tail -n 20
  fi
  failed=$((failed + 1))
}
# verdict STATUS NAME [FILE...]: PASS NAME when the check before it
# succeeded (STATUS 0), else FAIL NAME with the FILEs shown
verdict() {
  st=$1 name=$2
  shift 2
  if [ "$st" -eq 0 ]; then pass "$name"; else fail "$name" "$@"; fi
}
h() { node "$helper" "$@"; }

# start_server [PORT]: kinesalite on 127.0.0.1 (its data kept in $tmp/db, so
# that a restart on the same port finds the streams again)
start_server() {
  rm -f "$tmp/port"
  node "$helper" serve "$tmp/port" "${1:-0}" "$tmp/db" > "$tmp/server.log" 2>&1 3>&- &
  server=$!
  pids="$pids $server"
  i=0
  while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$tmp/port" ] || { echo "$test_name: kinesalite did not start"; cat "$tmp/server.log"; exit 1; }
  port=$(cat "$tmp/port")
  E=http://127.0.0.1:$port
}

# gen N FIRST: N records; partition key k0..k6, seq numbering them from FIRST
gen() {
  awk -v n="$1" -v f="$2" 'BEGIN { for (i = f; i < f + n; i++)
    printf "{\"k\":\"k%d\",\"seq\":%d,\"price\":%d,\"name\":\"r%d\"}\n", i % 7, i, (i * 37) % 100, i }'
}

# rows without ROWTIME, sorted: what two runs that read at other times share
rows() { sed 's/"ROWTIME":"[^"]*",//' "$1" | sort; }

# every partition key's seq increasing, and no row twice
in_order() {
  sed -n 's/.*"k":"\([^"]*\)","seq":\([0-9]*\).*/\1 \2/p' "$1" |
    awk '{ if (($1 in last) && $2 + 0 <= last[$1] + 0) bad = 1; last[$1] = $2 } END { exit bad }'
}

# exactly_once FILE N: N rows, none twice, each partition key's in order
exactly_once() { [ "$(wc -l < "$1")" -eq "$2" ] && [ "$(sort -u "$1" | wc -l)" -eq "$2" ] && in_order "$1"; }

# wait_rows FILE N: until FILE has N lines (30 s at most)
wait_rows() {
  i=0
  while [ "$(wc -l < "$1" 2>/dev/null || echo 0)" -lt "$2" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
}

