#!/usr/bin/env bash
# Runs units of Redis's own Tcl test suite (external-server mode) against a server already listening on
# 127.0.0.1:PORT and prints "unit ok err exception status" per unit. Fetches nothing: pass the path of a Redis
# source tree (e.g. a 7.2.x checkout). Tests tagged external:skip are skipped by the suite itself.
# Usage: tests/tcl/run-redis-suite.sh REDIS_SRC PORT OUTDIR [unit ...]
set -u
src=${1:?redis source tree}; port=${2:?port}; out=${3:?output dir}; shift 3
units=("$@")
[ ${#units[@]} -eq 0 ] && units=(unit/type/list unit/type/list-2 unit/type/list-3 unit/type/hash unit/type/set
  unit/type/zset unit/type/incr unit/type/string unit/keyspace unit/scan unit/expire unit/multi unit/pubsub
  unit/sort unit/info-command unit/protocol)
limit=${UNIT_TIMEOUT:-300}
mkdir -p "$out"
# Every external-mode unit starts with FUNCTION FLUSH; with FUNCTION_FLUSH_SHIM=1 the harness in the given tree is
# edited to ignore its error, so a server without FUNCTION still gets per-test results instead of one crash per unit.
if [ "${FUNCTION_FLUSH_SHIM:-0}" = 1 ]; then
  sed -i 's/^    r function flush$/    catch {r function flush}/' "$src/tests/support/server.tcl"
fi
# Some tests exec the binaries from src/; use the installed ones when the tree is not built.
for b in redis-server redis-cli redis-benchmark redis-check-aof redis-check-rdb; do
  [ -e "$src/src/$b" ] || { command -v $b >/dev/null && ln -sf "$(command -v $b)" "$src/src/$b"; }
done
for u in "${units[@]}"; do
  log="$out/$(echo "$u" | tr / _).log"
  (cd "$src" && timeout "$limit" tclsh8.6 tests/test_helper.tcl --host 127.0.0.1 --port "$port" \
     --single "$u" --clients 1 --baseport "${BASEPORT:-21111}" --timeout "$limit" --tags -needs:debug ${EXTRA_ARGS:-}) >"$log" 2>&1
  rc=$?
  sed -i 's/\x1b\[[0-9;]*m//g' "$log"   # the runner colours its tags
  # The runner repeats failed tests in a closing summary: count only the per-test lines above it.
  body=$(sed '/The End$/,$d' "$log")
  ok=$(grep -c '^\[ok\]' <<<"$body"); err=$(grep -c '^\[err\]' <<<"$body"); exc=$(grep -c '^\[exception\]' <<<"$body")
  status=done; [ $rc -eq 124 ] && status=timeout; [ $rc -ne 0 ] && [ $rc -ne 124 ] && status="exit$rc"
  echo "$u $ok $err $exc $status"
done
