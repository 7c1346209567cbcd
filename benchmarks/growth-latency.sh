#!/usr/bin/env bash
# SET latency while the keyspace grows from 0 to N keys, and GC pauses under load, Redoubt against a real
# redis-server in the same run (issue 3).
#
#   benchmarks/growth-latency.sh [keys]           (default: 10000000)
#
# For redis-server, then for Redoubt once per collector in GC_VARIANTS (';'-separated JVM options; default
# G1 and generational ZGC), one after the other on loopback:
#   1. io.redoubt.benchmarks.GrowthLatency writes N distinct 16-byte keys with 32-byte values through
#      CONNECTIONS pipelined connections (PIPELINE commands per batch) into the empty server and prints
#      p50/p99/p99.9/p99.99/max of SET per tenth of the key range (the table doubles in some of them);
#   2. the heap in use after the load (no GC forced) and process RSS;
#   3. redis-benchmark -t set,get -n REQUESTS -r N -P 16 -c 50 against the loaded server;
#   4. Redoubt only: GC pauses from -Xlog:gc*,safepoint (count, longest, total) and every safepoint's
#      time-to-safepoint plus stop time, up to this point; then the heap after a full GC.
# Environment: JAVA_HOME, PORT (7641), CONNECTIONS (4), PIPELINE (16), REQUESTS (2000000), GC_VARIANTS,
# REDOUBT_HEAP (JVM options added to every variant, default none), LOG_DIR (/tmp/growth-latency).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
PORT="${PORT:-7641}"
CONNECTIONS="${CONNECTIONS:-4}"
PIPELINE="${PIPELINE:-16}"
REQUESTS="${REQUESTS:-2000000}"
GC_VARIANTS="${GC_VARIANTS:--XX:+UseG1GC;-XX:+UseZGC}"
REDOUBT_HEAP="${REDOUBT_HEAP:-}"
LOG_DIR="${LOG_DIR:-/tmp/growth-latency}"
N="${1:-10000000}"
mkdir -p "$LOG_DIR"

SERVER_JAR="$(ls "$ROOT"/server/target/redoubt-server-*-all.jar 2>/dev/null | head -n 1 || true)"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [ -z "$SERVER_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" ./mvnw -o -q -DskipTests package -pl server,benchmarks -am) >&2
  SERVER_JAR="$(ls "$ROOT"/server/target/redoubt-server-*-all.jar | head -n 1)"
fi

PID=""
cleanup() {
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
    PID=""
  fi
}
trap cleanup EXIT INT TERM

wait_ready() {
  for _ in $(seq 300); do
    [ "$(redis-cli -p "$PORT" PING 2>/dev/null)" = "PONG" ] && return 0
    sleep 0.1
  done
  echo "server on port $PORT did not start" >&2
  return 1
}

rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

heap_used() { "$JCMD" "$1" GC.heap_info | grep -o 'used [0-9]*[KMG]' | head -n 1 | cut -d' ' -f2; }

# Longest and total GC pause (ms) and the longest safepoint (time to reach it + time at it), from a log.
gc_summary() {
  awk '
    /\[gc *\]|\[gc,phases *\]|\[gc,start *\]/ && /Pause/ && /[0-9.]+ms$/ {
      v = $NF; sub(/ms$/, "", v); v += 0; n++; sum += v; if (v > max) { max = v; what = $0 } }
    /\[safepoint *\]/ && /Total: [0-9]+ ns/ {
      match($0, /Total: [0-9]+ ns/); t = substr($0, RSTART + 7, RLENGTH - 10) / 1e6
      if (t > smax) { smax = t; sname = $0 } }
    END {
      sub(/^.*\] /, "", what); sub(/^.*Safepoint "/, "", sname); sub(/".*$/, "", sname)
      printf "GC pauses: %d, longest %.3f ms, total %.1f ms (longest: %s); longest safepoint %.3f ms (%s)\n",
        n, max, sum, what, smax, sname }' "$1"
}

run_one() {
  local name=$1 kind=$2 opts=$3 gclog jvm
  gclog="$LOG_DIR/gc-$(echo "$opts" | tr -c 'A-Za-z0-9\n' '_').log"
  echo
  echo "### $name"
  if [ "$kind" = redis ]; then
    redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$LOG_DIR/redis.pid" >/dev/null
    wait_ready
    PID="$(redis-cli -p "$PORT" INFO server | tr -d '\r' | awk -F: '$1=="process_id"{print $2}')"
  else
    read -r -a jvm <<<"$opts $REDOUBT_HEAP"
    "$JAVA" --enable-native-access=ALL-UNNAMED "${jvm[@]}" \
      "-Xlog:gc*,safepoint:file=$gclog:uptime,level,tags" \
      -jar "$SERVER_JAR" --port "$PORT" --bind 127.0.0.1 --save "" >"$LOG_DIR/redoubt.log" 2>&1 &
    PID=$!
    wait_ready
  fi
  "$JAVA" -cp "$BENCH_JAR" io.redoubt.benchmarks.GrowthLatency --port "$PORT" --keys "$N" \
    --connections "$CONNECTIONS" --pipeline "$PIPELINE" --label "$name"
  if [ "$kind" = redis ]; then
    echo "after load: RSS $(rss_mib "$PID") MiB, used_memory $(redis-cli -p "$PORT" INFO memory | tr -d '\r' | awk -F: '$1=="used_memory_human"{print $2}')"
  else
    echo "after load: RSS $(rss_mib "$PID") MiB, Java heap used (no GC forced) $(heap_used "$PID")"
  fi
  echo "redis-benchmark -t set,get -n $REQUESTS -r $N -P 16 -c 50:"
  redis-benchmark -p "$PORT" -t set,get -n "$REQUESTS" -r "$N" -d 32 -P 16 -c 50 -q 2>/dev/null | tr '\r' '\n' |
    grep -v 'rps=' | sed '/^ *$/d'
  if [ "$kind" = redoubt ]; then
    echo "after redis-benchmark: RSS $(rss_mib "$PID") MiB, Java heap used (no GC forced) $(heap_used "$PID")"
    gc_summary "$gclog"
    "$JCMD" "$PID" GC.run >/dev/null
    echo "after a full GC: Java heap used $(heap_used "$PID"), RSS $(rss_mib "$PID") MiB; GC log: $gclog"
  fi
  cleanup
}

echo "# growth-latency $(date -u +%FT%TZ): $N keys, $CONNECTIONS connections x pipeline $PIPELINE; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(redis-server --version | cut -d' ' -f1-3,6), Java $("$JAVA" -version 2>&1 | head -n 1 | cut -d'"' -f2), $(basename "$SERVER_JAR")"
run_one "redis" redis ""
IFS=';' read -r -a VARIANTS <<<"$GC_VARIANTS"
for v in "${VARIANTS[@]}"; do
  run_one "redoubt $v${REDOUBT_HEAP:+ $REDOUBT_HEAP}" redoubt "$v"
done
