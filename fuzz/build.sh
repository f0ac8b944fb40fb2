#!/bin/sh
# Builds the libFuzzer targets and their seed corpora.
# Run after a configured and built tree (./configure && make), so that
# config.h and the generated parser/grammar.c and parser/lexer.c exist;
# BUILD names the build directory when it is not the source tree:
#   sh fuzz/build.sh            -> fuzz/out/fuzz_sql, fuzz_ndjson, fuzz_csv,
#                                  fuzz_run, fuzz_logparse and fuzz/seeds/<target>/
#   BUILD=../b sh fuzz/build.sh    (an out-of-tree build in ../b)
# The committed corpora are fuzz/corpus/<target>/ (see fuzz/README.md);
# fuzz/seeds/ is made from sql-tests/ and examples/ each time, never committed.
# CC, CXX and FUZZ_FLAGS may be overridden.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD:-$top}" && pwd)
cd "$top"
CC=${CC:-clang}
CXX=${CXX:-clang++}
FUZZ_FLAGS=${FUZZ_FLAGS:--g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined}
for f in config.h parser/grammar.c parser/lexer.c; do
  [ -f "$build/$f" ] || { echo "fuzz/build.sh: $build/$f is missing: run ./configure && make first (BUILD names an out-of-tree build)" >&2; exit 1; }
done
out=fuzz/out
obj=$out/obj
mkdir -p "$obj"

# the engine: libeddy_a_SOURCES of Makefile.am, plus the generated front end
srcs=$({ sed -n '/^libeddy_a_SOURCES/,/^[^\t ]/p' Makefile.am | tr ' \t\\' '\n\n\n' | grep -E '\.(c|cc)$'
        echo parser/grammar.c; echo parser/lexer.c; } | sort -u)
CPPFLAGS="-DHAVE_CONFIG_H -D_GNU_SOURCE -I. -I$build"
PCRE2_CFLAGS=$(pkg-config --cflags libpcre2-8 2>/dev/null || true)
PCRE2_LIBS=$(pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
# the Kinesis source in the engine links libcurl and libcrypto
NET_LIBS=$(pkg-config --libs libcurl libcrypto rdkafka 2>/dev/null || echo -lcurl -lcrypto -lrdkafka)
objs=""
# engine objects get the sanitizers and coverage, but not the fuzzer main
ENGINE_FLAGS=$(echo "$FUZZ_FLAGS" | sed 's/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,/')
# an object is rebuilt when its source or any header is newer (no dependency tracking here)
newest_h=$(ls -t "$build/config.h" $(find src parser planner executor functions -name '*.h') | head -1)
for s in $srcs; do
  o=$obj/$(echo "$s" | tr / _).o
  case "$s" in parser/grammar.c|parser/lexer.c) s=$build/$s ;; esac
  if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
    case "$s" in
      *.cc) $CXX $CPPFLAGS $ENGINE_FLAGS -fno-exceptions -fno-rtti -c "$s" -o "$o" ;;
      *) $CC -std=c11 $CPPFLAGS $PCRE2_CFLAGS $ENGINE_FLAGS -w -c "$s" -o "$o" ;;
    esac
  fi
  objs="$objs $o"
done
for t in fuzz_sql fuzz_ndjson fuzz_csv fuzz_run fuzz_logparse; do
  $CC -std=c11 $CPPFLAGS $FUZZ_FLAGS -Wall -Wno-unused-function -c fuzz/$t.c -o "$obj/$t.o"
  $CXX $FUZZ_FLAGS "$obj/$t.o" $objs $PCRE2_LIBS $NET_LIBS -lpthread -ljansson -lyaml -ldouble-conversion -lm -o "$out/$t"
done

# seeds from the SQL tests, apart from the committed corpora (never committed)
c=fuzz/seeds
rm -rf "$c"
mkdir -p "$c/fuzz_sql" "$c/fuzz_ndjson" "$c/fuzz_csv" "$c/fuzz_run" "$c/fuzz_logparse"
i=0
for q in $(find sql-tests -name query.sql -o -name app.sql | sort); do
  i=$((i + 1))
  cp "$q" "$c/fuzz_sql/q$i"
  d=$(dirname "$q")
  if [ -s "$d/input.ndjson" ]; then
    # the SQL, a NUL, then its input: fuzz_sql runs the application over it
    { cat "$q"; printf '\000'; cat "$d/input.ndjson"; } > "$c/fuzz_sql/r$i"
    cp "$d/input.ndjson" "$c/fuzz_run/i$i"
    # first byte: the output format (0 NDJSON); lines follow
    { printf '\000'; cat "$d/input.ndjson"; } > "$c/fuzz_ndjson/n$i"
  fi
done
for f in $(find sql-tests examples -name '*.csv' | sort); do
  i=$((i + 1))
  { printf '\004'; cat "$f"; } > "$c/fuzz_csv/h$i"   # ',' with a header
  { printf '\120'; cat "$f"; } > "$c/fuzz_csv/c$i"   # ',' without, CSV out, destination records
done
# log parsers: the committed corpus was taken from sql-tests/logparse (see fuzz/README.md)
cp fuzz/corpus/fuzz_logparse/* "$c/fuzz_logparse/" 2>/dev/null || true
echo "fuzz/build.sh: built $out/fuzz_sql $out/fuzz_ndjson $out/fuzz_csv $out/fuzz_run $out/fuzz_logparse; seeds in $c/"
