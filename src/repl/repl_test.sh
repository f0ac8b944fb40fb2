#!/bin/sh
# The REPL as a person uses it: eddy runs in a tmux pseudo-terminal, keys
# are typed with send-keys and the screen is read back with capture-pane.
# Prints one line per check and "N passed, N failed"; skips (exit 77, as
# automake's harnesses count a skip) when tmux is not installed.
# Usage: repl_test.sh   (EDDY names the binary, default ./eddy)

EDDY=${EDDY:-$(pwd)/eddy}
if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP repl_test: tmux is not installed (apt-get install tmux)"
  exit 77
fi
if [ ! -x "$EDDY" ]; then
  echo "repl_test: no eddy binary at $EDDY" >&2
  exit 1
fi

tmp=$(mktemp -d)
sock="eddy-repl-test-$$"
T() { tmux -L "$sock" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() {
  fail=$((fail + 1))
  echo "FAIL $1"
  screen | tail -15 | sed 's/^/    | /'
}

# the whole screen and its scrollback, wrapped lines joined
screen() { T capture-pane -p -J -S -2000 -t repl 2>/dev/null || cat "$tmp/last-screen" 2>/dev/null; }

# type a line and press Enter (a ';' at the end of an argument would end the tmux command)
typ() {
  case "$1" in
    *\;) T send-keys -t repl -l "${1%;}"; T send-keys -t repl -l '\;' ;;
    *) T send-keys -t repl -l "$1" ;;
  esac
  T send-keys -t repl Enter
}

# wait until the screen matches an extended regex (up to $2 tenths of a second)
wait_for() {
  i=0
  while [ "$i" -lt "${2:-50}" ]; do
    if screen | grep -Eq -- "$1"; then return 0; fi
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# the check passes when the screen matches within the time
expect() {
  if wait_for "$2" "${3:-50}"; then ok "$1"; else bad "$1 (screen lacks /$2/)"; fi
}

prompts() { screen | grep -c '^eddy> '; }

# wait for the n-th prompt
wait_prompt() {
  i=0
  while [ "$i" -lt 50 ]; do
    [ "$(prompts)" -ge "$1" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# Ctrl-C a live query and wait for the prompt it gives back
interrupt() {
  n=$(prompts)
  T send-keys -t repl C-c
  wait_prompt $((n + 1)) >/dev/null
}

mkdir -p "$tmp/home"
T -f /dev/null new-session -d -s repl -x 150 -y 50 \
  "cd '$tmp' && HOME='$tmp/home' TERM=xterm '$EDDY' repl; echo \$? > '$tmp/rc'; sleep 2"

expect "prompt" '^eddy> $'

typ 'CREATE STREAM orders (id INTEGER, price REAL);'
expect "CREATE STREAM is kept" '^created stream "ORDERS"'

typ 'SELECT STREAM prce FROM orders;'
expect "typo: the error names the column" '^<stdin>:1:15: error: unknown column "PRCE" in "ORDERS" \(did you mean "PRICE"\?\)'
expect "typo: the caret is under it" '^                \^\^\^\^$'

typ 'SELECT price FROM orders;'
expect "a query typed by hand says STREAM (rule S4)" '^<stdin>:1:1: error: a query over a stream must be SELECT STREAM'

typ 'SHOW STREAMS'
expect "SHOW STREAMS without ';'" '^ORDERS +2 +-$'

typ 'describe orders;'
expect "DESCRIBE lists the columns" '^  PRICE +REAL$'

typ '\demo 50'
expect "\\demo declares and feeds the source stream" '^demo: 50 rows/s into SOURCE_SQL_STREAM_001'

# Tab completes a stream name
T send-keys -t repl -l 'DESCRIBE source_sql'
T send-keys -t repl Tab
T send-keys -t repl Enter
expect "Tab completes a stream name" '^stream "SOURCE_SQL_STREAM_001"'

n=$(prompts)
typ 'SELECT STREAM ticker_symbol, price'
expect "continuation prompt" '^  \.\.\.> $'
typ 'FROM source_sql_stream_001 WHERE PRICE > 50;'
expect "live query: the header" '^ROWTIME +\| TICKER_SYMBOL \| +PRICE *$'
rowre='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ \| [A-Z]+ +\| +[0-9.]+$'
i=0
while [ "$i" -lt 60 ] && [ "$(screen | grep -Ec "$rowre")" -lt 5 ]; do sleep 0.1; i=$((i + 1)); done
rows=$(screen | grep -Ec "$rowre")
if [ "$rows" -ge 5 ]; then ok "live rows arrive ($rows so far)"; else bad "live rows arrive (only $rows)"; fi
low=$(screen | grep -E "$rowre" | awk -F'|' '$3 + 0 <= 50' | wc -l)
if [ "$low" -eq 0 ]; then ok "live rows pass the WHERE (PRICE > 50)"; else bad "live rows pass the WHERE: $low rows with PRICE <= 50"; fi
if [ "$(prompts)" -eq "$n" ]; then ok "no prompt while the query runs"; else bad "no prompt while the query runs"; fi

T send-keys -t repl C-c
expect "Ctrl-C stops the query" '^\([0-9]+ rows\)$'
if wait_prompt $((n + 1)) && screen | grep -v '^ *$' | tail -1 | grep -q '^eddy> *$'; then ok "the prompt is back"; else bad "the prompt is back"; fi

# the application keeps running: the source stream still counts rows
stats_rows() { screen | grep -E '^SOURCE_SQL_STREAM_001 +[0-9]+' | tail -1 | awk '{print $2}'; }
typ '\stats'
expect "\\stats after Ctrl-C" '^SOURCE_SQL_STREAM_001 +[0-9]+ +[0-9]+ +0$'
before=$(stats_rows)
after=$before
i=0
while [ "$i" -lt 10 ] && [ "$after" = "$before" ]; do
  sleep 0.3
  typ '\stats'
  sleep 0.2
  after=$(stats_rows)
  i=$((i + 1))
done
if [ -n "$before" ] && [ -n "$after" ] && [ "$after" -gt "$before" ]; then
  ok "the application keeps running ($before -> $after rows)"
else
  bad "the application keeps running ($before -> $after rows)"
fi

# INSERT ... VALUES typed by hand reaches the running pump
typ "INSERT INTO source_sql_stream_001 (ticker_symbol, price) VALUES ('ZZZZ', 1.5), ('YYYY', 2);"
expect "INSERT ... VALUES typed by hand" '^inserted 2 rows into "SOURCE_SQL_STREAM_001"$'
typ "INSERT INTO source_sql_stream_001 VALUES ('ZZZZ');"
expect "INSERT ... VALUES checks the row" 'error: row 1 of VALUES has 1 value; "SOURCE_SQL_STREAM_001" takes 4'

# \mode csv: live rows as CSV with a header
typ '\mode csv'
typ 'SELECT STREAM ticker_symbol, price FROM source_sql_stream_001;'
expect "\\mode csv: the header" '^ROWTIME,TICKER_SYMBOL,PRICE$'
expect "\\mode csv: rows" '^[0-9-]+ [0-9:.]+,[A-Z]+,[0-9.]+$'
interrupt
typ '\mode table'

# Ctrl-C in the middle of a statement drops it
typ 'CREATE PUMP p AS'
T send-keys -t repl C-c
typ 'SHOW PUMPS'
expect "Ctrl-C drops a half-typed statement" '^no pumps yet'

# a pump, a runtime error row, \save and \i
typ 'CREATE STREAM dest (ticker VARCHAR(4), ratio DOUBLE);'
typ 'CREATE PUMP p AS INSERT INTO dest SELECT STREAM ticker_symbol, price / (change - change) FROM source_sql_stream_001;'
expect "CREATE PUMP is kept" '^created pump "P"'
# error rows are shown before the next prompt: press Enter until some came
i=0
while [ "$i" -lt 20 ] && ! screen | grep -Eq '^error: [A-Z_]+: .*pump "P"'; do
  sleep 0.2
  typ ''
  i=$((i + 1))
done
expect "error rows print one line each" '^error: [A-Z_]+: .*pump "P"' 1
typ 'SHOW PUMPS'
expect "SHOW PUMPS" '^P +DEST +SOURCE_SQL_STREAM_001$'
typ "\\save $tmp/app.sql"
expect "\\save" '^saved 4 statements to '
if grep -q '^CREATE PUMP p AS INSERT INTO dest' "$tmp/app.sql" 2>/dev/null; then ok "\\save writes the statements"; else bad "\\save writes the statements"; fi
typ 'DROP PUMP p'
expect "DROP PUMP" '^dropped pump "P"'
typ "\\i $tmp/app.sql"
expect "\\i stops at an error, with the file's line" "^$tmp/app.sql:3:15: error: stream \"ORDERS\" already exists"
printf 'CREATE PUMP p2 AS INSERT INTO dest\n  SELECT STREAM ticker_symbol, price FROM source_sql_stream_001;\n' > "$tmp/pump.sql"
typ "\\i $tmp/pump.sql"
expect "\\i runs a file" '^created pump "P2"'

# the last non-blank line of the screen is a fresh prompt (not a continuation)
at_prompt() {
  i=0
  while [ "$i" -lt 30 ]; do
    screen | grep -v '^ *$' | tail -1 | grep -q '^eddy> *$' && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# ---- newcomer 8: other shells' habits, SHOW, \help TOPIC, \mode, \timing, SHOW GRAPH ----
typ '.mode csv'
expect ".mode csv (duckdb) sets the format and says so" '^Output format is csv\.$'
if at_prompt; then ok ".mode csv opens no continuation prompt"; else bad ".mode csv opens no continuation prompt"; fi
typ '\mode table'
expect "\\mode table confirms (psql's \\pset format)" '^Output format is table\.$'
typ 'help'
expect "help alone (psql) shows the help" '^  \\q +quit \(also quit, exit, \.quit, Ctrl-D\)$'
if at_prompt; then ok "help opens no continuation prompt"; else bad "help opens no continuation prompt"; fi
typ '\help input'
expect "\\help input explains \\input" 'auto\.offset\.reset=earliest'
typ '\help nosuch'
expect "\\help of an unknown topic says so" '^no help for "nosuch"'
typ 'SHOW TABLES'
expect "SHOW TABLES says there are streams, and lists them" "^eddy's SQL has streams, not tables"
typ 'SHOW'
expect "SHOW alone says what it shows" '^SHOW what\? SHOW STREAMS \| SHOW PUMPS'
typ 'SELECT STREAM ticker_symbol'
typ 'exit'
expect "exit inside a statement is not SQL: it says how to quit" '^Use \\q to quit, or Ctrl-C to drop the statement being typed\.$'
T send-keys -t repl C-c

# ---- newcomer 7: \input of a finite file: a query typed after it sees its rows from the first ----
printf '{"n":1,"s":"one"}\n{"n":2,"s":"two"}\n{"n":3,"s":"three"}\n' > "$tmp/three.ndjson"
typ "\\input three $tmp/three.ndjson"
expect "\\input of an undeclared stream takes its columns from the file" '^feeding THREE from '
sleep 0.5   # long enough for the whole file to have been read
typ 'SELECT STREAM "n", "s" FROM three;'
expect "a query typed after \\input sees the file's first row" '^[0-9-]+ [0-9:.]+ \| +1 \| one'
expect "... and its last" '^[0-9-]+ [0-9:.]+ \| +3 \| three'
interrupt
typ 'SHOW GRAPH'
expect "SHOW GRAPH draws the pumps" '^SOURCE_SQL_STREAM_001 -> \[P2\] -> DEST$'
if ! screen | grep -q -- '-> (output)'; then ok "a stopped query is gone from SHOW GRAPH"; else bad "a stopped query is gone from SHOW GRAPH"; fi
printf 'first line\nsecond line\n' > "$tmp/app.log"
typ "\\input log $tmp/app.log --format lines"
expect "\\input --format lines: one column, LINE" '^feeding LOG from .* \(lines\)'
printf 'sym,qty\nAAA,5\nBBB,7\n' > "$tmp/q.csv"
typ "\\input q $tmp/q.csv"
expect "\\input of a .csv file reads CSV with a header" '^feeding Q from .* \(CSV with a header\)'

# ---- newcomer 9: LIMIT, \o, tables that fit the terminal; \timing at the end ----
n=$(prompts)
typ 'SELECT STREAM line FROM log LIMIT 2;'
expect "lines: each line is a row" '^[0-9-]+ [0-9:.]+ \| second line'
expect "SELECT STREAM ... LIMIT 2 ends by itself" '^\(2 rows\)$'
if wait_prompt $((n + 1)) && at_prompt; then ok "after LIMIT the prompt is back without Ctrl-C"; else bad "after LIMIT the prompt is back without Ctrl-C"; fi
typ '\timing on'
expect "timing on says so" '^Timing is on\.$'
typ 'SELECT STREAM "sym", "qty" FROM q LIMIT 3;'
expect "CSV: the file's rows" '^[0-9-]+ [0-9:.]+ \| BBB +\| +7 *$'
sleep 0.3
interrupt
if screen | grep -A1 '^(2 rows)$' | grep -q '^Time: [0-9.]* ms$'; then ok "timing: the time comes at the end of a live query, after its row count"
else bad "timing: the time comes at the end of a live query, after its row count"; fi
typ '\timing off'
typ "\\o $tmp/rows.txt"
expect "\\o FILE" '^query output goes to .*rows\.txt'
typ 'SELECT STREAM "n" FROM three LIMIT 3;'
expect "\\o: the row count says where the rows went" '^\(3 rows written to .*rows\.txt\)$'
typ '.output'
expect ".output alone: back to the terminal" '^query output goes to the terminal$'
if [ "$(grep -c '^[0-9-]* [0-9:.]* |' "$tmp/rows.txt")" = 3 ]; then ok "\\o FILE: the rows are in the file"; else bad "\\o FILE: the rows are in the file ($(cat "$tmp/rows.txt"))"; fi
long=$(printf '%060d' 7)
printf '{"c1":"%s","c2":"%s","c3":"%s","c4":"%s","c5":"%s","c6":"%s","c7":"%s","n":12345}\n' \
  "$long" "$long" "$long" "$long" "$long" "$long" "$long" > "$tmp/wide.ndjson"
typ "\\input wide $tmp/wide.ndjson"
expect "\\input of a wide file" '^feeding WIDE from '
typ 'SELECT STREAM * FROM wide LIMIT 1;'
expect "a wide table: values cut with an ellipsis" '^[0-9-]+ [0-9:.]+ \| 0000.*…'
# header, rule and row: as long as each other (an ellipsis counted as one), within the 150 columns
lens=$(screen | grep -A2 '^ROWTIME .*| c1' | tail -3 | LC_ALL=C sed 's/\xe2\x80\xa6/./g' | LC_ALL=C awk '{ print length($0) }' | sort -u)
if [ "$(echo "$lens" | wc -l)" = 1 ] && [ "$lens" -le 150 ]; then ok "a wide table fits the terminal and stays aligned ($lens columns)"
else bad "a wide table fits the terminal and stays aligned (line lengths: $(echo $lens))"; fi

screen > "$tmp/last-screen"
[ -n "${REPL_TEST_SHOW:-}" ] && cat "$tmp/last-screen"
# psql reads a backslash command even inside a statement: \q quits
typ 'CREATE STREAM half ('
typ '\q'
i=0
while [ "$i" -lt 50 ] && [ ! -f "$tmp/rc" ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ]; then ok "\\q inside a half-typed statement ends the session (exit 0)"; else bad "\\q inside a half-typed statement ends the session (rc $(cat "$tmp/rc" 2>/dev/null))"; fi
if grep -q '^SELECT\\040STREAM\\040ticker_symbol,\\040price\\040FROM\\040' "$tmp/home/.eddy_history" 2>/dev/null; then
  ok "a statement typed on two lines is one history entry"
else
  bad "a statement typed on two lines is one history entry"
fi
if grep -q 'demo' "$tmp/home/.eddy_history" 2>/dev/null; then ok "history is kept in ~/.eddy_history"; else bad "history is kept in ~/.eddy_history"; fi

# the CLI's --demo feeds the same ticker without the REPL: rows flow until SIGINT, which ends it cleanly
# (--foreground: timeout signals eddy alone, not its process group, where a
# sanitizer's leak checker may be at work as eddy exits)
timeout --foreground --preserve-status -s INT 2 "$EDDY" --demo 50 \
    -e "SELECT STREAM ticker_symbol, price FROM source_sql_stream_001 WHERE price > 0" > "$tmp/demo.out" 2> "$tmp/demo.err"
rc=$?
n=$(wc -l < "$tmp/demo.out")
if [ "$rc" = 0 ] && [ "$n" -ge 20 ] && ! grep -qv '"TICKER_SYMBOL":"[A-Z]*","PRICE":[0-9.]*}$' "$tmp/demo.out"; then
    ok "--demo streams ticker rows until Ctrl-C ($n rows, exit 0)"
else
    bad "--demo streams ticker rows until Ctrl-C (rc $rc, $n rows: $(head -c 200 "$tmp/demo.out") $(head -c 200 "$tmp/demo.err"))"
fi

# several live inputs: a quiet pipe does not hold back the rows of another
mkfifo "$tmp/fa" "$tmp/fb"
cat > "$tmp/two.sql" <<'SQL'
CREATE STREAM a (v INTEGER);
CREATE STREAM b (v INTEGER);
CREATE STREAM DESTINATION_SQL_STREAM (src VARCHAR(1), v INTEGER);
CREATE PUMP pa AS INSERT INTO DESTINATION_SQL_STREAM SELECT STREAM 'a', v FROM a;
CREATE PUMP pb AS INSERT INTO DESTINATION_SQL_STREAM SELECT STREAM 'b', v FROM b;
SQL
: > "$tmp/two.out"   # there before the wait below reads it
timeout 20 "$EDDY" run "$tmp/two.sql" --input a="$tmp/fa" --input b="$tmp/fb" > "$tmp/two.out" 2> "$tmp/two.err" &
eddy_pid=$!
exec 9<> "$tmp/fa"   # read-write: the open never blocks, even if eddy has gone
exec 8<> "$tmp/fb"
echo '{"v":1}' >&9
echo '{"v":2}' >&9
i=0
while [ "$i" -lt 50 ] && [ "$(wc -l < "$tmp/two.out")" -lt 2 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(wc -l < "$tmp/two.out")" = 2 ]; then ok "a live input's rows flow while another stays quiet"; else bad "a live input's rows flow while another stays quiet ($(cat "$tmp/two.out" "$tmp/two.err"))"; fi
echo '{"v":3}' >&8
exec 8>&-
exec 9>&-
wait "$eddy_pid"
rc=$?
if [ "$rc" = 0 ] && [ "$(cut -d, -f2- "$tmp/two.out" | tr -d '\n')" = '"SRC":"a","V":1}"SRC":"a","V":2}"SRC":"b","V":3}' ]; then
    ok "both live inputs are read to their end (exit 0)"
else
    bad "both live inputs are read to their end (rc $rc: $(cat "$tmp/two.out" "$tmp/two.err"))"
fi

# ---- scripts: eddy repl < FILE (newcomer 7, 8, 9) ----
# script NAME RC CHECK [OPTIONS]: the script in $in through eddy repl OPTIONS;
# passes when it exits RC and the shell test CHECK holds (its output is in $out)
in="$tmp/s.in"
out="$tmp/s.out"
script() {
  name=$1 want=$2 check=$3
  shift 3
  timeout --foreground 30 "$EDDY" repl "$@" < "$in" > "$out" 2>&1
  rc=$?
  if [ "$rc" = "$want" ] && eval "$check"; then ok "$name"; else bad "$name (rc $rc: $(tail -5 "$out"))"; fi
}
# as duckdb's shell: a script goes on after an error, and exits 1 at its end
printf 'SELEC 1;\nSHOW STREAMS\n' > "$in"
script "a piped script goes on after an error and exits 1" 1 \
  'grep -q "did you mean SELECT" "$out" && grep -q "^no streams yet" "$out"'
printf 'CREATE STREAM s (a INTEGER);\nCREATE STREAM s (a INTEGER);\n' > "$tmp/dup.sql"
printf '\\i %s\n' "$tmp/dup.sql" > "$in"
script "an error in a file run with \\i: exit 1" 1 true
printf 'exit;\nSHOW STREAMS\n' > "$in"
script "exit; (psql) ends a script" 0 '! grep -q "no streams" "$out"'
printf '\\input l %s\nSELECT STREAM * FROM l;\n' "$tmp/app.log" > "$in"
script "eddy repl --format lines: a script's query shows the file's rows and ends when they are read" 0 \
    'grep -q "| second line" "$out" && grep -q "^(2 rows)$" "$out"' --format lines
printf 'a;b\n1;x\n2;y\n' > "$tmp/semi.txt"
printf '\\input t %s\nSELECT STREAM "b" FROM t;\n' "$tmp/semi.txt" > "$in"
script "eddy repl --format=csv --delimiter ';' --header" 0 'grep -q "| y" "$out"' --format=csv --delimiter ';' --header
printf '\\demo 200\nSELECT STREAM ticker_symbol FROM source_sql_stream_001 LIMIT 4;\n' > "$in"
script "a script's LIMIT over the demo waits for its rows" 0 'grep -q "^(4 rows)$" "$out"'
# an error row quotes the record's value: its escape sequences are shown, not obeyed
printf '{"s":"x\\u001b]0;pwn\\u0007y"}\n' > "$tmp/esc.ndjson"
printf '\\input e %s\nSELECT STREAM CAST(s AS INTEGER) AS i FROM e;\n' "$tmp/esc.ndjson" > "$in"
script "an error row's message shows a value's control characters escaped" 0 \
    'grep -q "x.x1b]0;pwn.x07y" "$out" && ! grep -q "$(printf "\\033")" "$out"'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
