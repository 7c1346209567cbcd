#!/usr/bin/env bash
# Memory per key, Redoubt against a real redis-server holding the same data (issue 3).
#
#   benchmarks/memory-compare.sh [keys ...]          (default: 1000000)
#
# For each key count and each load method, starts fresh servers side by side on loopback: one redis-server
# and one Redoubt per JVM option set in REDOUBT_JVM_VARIANTS (';'-separated; an empty entry means the JVM's
# defaults). Loads them one after the other (two cores: a loader never competes with another server's
# load), then prints keys, used_memory, process RSS, bytes per key and, for Redoubt, the Java heap in use
# after a full GC. Load methods:
#   populate  DEBUG POPULATE N <prefix> 32; the prefix is chosen so that most keys are 16 bytes
#             (prefix:1234567). A server without DEBUG POPULATE is loaded with the same keys and values by
#             io.redoubt.benchmarks.GrowthLatency --style populate (pipelined SETs).
#   benchmark redis-benchmark -t set -n N -r N -d 32 -P 16 -c 50: random 16-byte keys (key:000000012345),
#             about 63 % of N distinct, the rest overwrites.
# Environment: REDIS_PORT (7631), REDOUBT_PORT (7632, then +1 per variant), JAVA_HOME, METHODS
# ("populate benchmark"), REDOUBT_JVM_VARIANTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
REDIS_PORT="${REDIS_PORT:-7631}"
REDOUBT_PORT="${REDOUBT_PORT:-7632}"
METHODS="${METHODS:-populate benchmark}"
REDOUBT_JVM_VARIANTS="${REDOUBT_JVM_VARIANTS-;-Xms64m -Xmx256m -XX:MaxDirectMemorySize=32g}"
KEYS=("$@")
[ ${#KEYS[@]} -eq 0 ] && KEYS=(1000000)

SERVER_JAR="$(ls "$ROOT"/server/target/redoubt-server-*-all.jar 2>/dev/null | head -n 1 || true)"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [ -z "$SERVER_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" ./mvnw -o -q -DskipTests package -pl server,benchmarks -am) >&2
  SERVER_JAR="$(ls "$ROOT"/server/target/redoubt-server-*-all.jar | head -n 1)"
fi

IFS=';' read -r -a VARIANTS <<<"$REDOUBT_JVM_VARIANTS"
[ ${#VARIANTS[@]} -eq 0 ] && VARIANTS=("")

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT INT TERM

cli() { redis-cli -p "$1" "${@:2}"; }

wait_ready() {
  for _ in $(seq 300); do
    [ "$(cli "$1" PING 2>/dev/null)" = "PONG" ] && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  return 1
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --enable-debug-command local --pidfile "/tmp/memory-compare-redis-$REDIS_PORT.pid" >/dev/null
  wait_ready "$REDIS_PORT"
  REDIS_PID="$(cli "$REDIS_PORT" INFO server | tr -d '\r' | awk -F: '$1=="process_id"{print $2}')"
  PIDS+=("$REDIS_PID")
}

# start_redoubt PORT JVM-OPTIONS: sets REDOUBT_PID.
start_redoubt() {
  local opts
  read -r -a opts <<<"$2"
  "$JAVA" --enable-native-access=ALL-UNNAMED "${opts[@]}" -jar "$SERVER_JAR" --port "$1" --bind 127.0.0.1 \
    --save "" >"/tmp/memory-compare-redoubt-$1.log" 2>&1 &
  REDOUBT_PID=$!
  PIDS+=("$REDOUBT_PID")
  wait_ready "$1"
}

# A prefix that makes PREFIX:<n-1> 16 bytes long (keys below the top decade are shorter).
populate_prefix() {
  local last=$(( $1 - 1 )) pad
  pad=$(( 12 - ${#last} ))
  [ $pad -lt 0 ] && pad=0
  printf 'key%s' "$(printf '%*s' "$pad" '' | tr ' ' '_')"
}

# load PORT METHOD N: prints the loader used.
load() {
  local port=$1 method=$2 n=$3 prefix reply
  if [ "$method" = populate ]; then
    prefix="$(populate_prefix "$n")"
    reply="$(cli "$port" DEBUG POPULATE "$n" "$prefix" 32 2>&1 || true)"
    if [ "$reply" = "OK" ]; then
      echo "DEBUG POPULATE"
    else
      "$JAVA" -cp "$BENCH_JAR" io.redoubt.benchmarks.GrowthLatency --port "$port" --keys "$n" --style populate \
        --prefix "$prefix" --connections 2 --pipeline 64 >/dev/null
      echo "pipelined SET (no DEBUG POPULATE)"
    fi
  else
    redis-benchmark -p "$port" -t set -n "$n" -r "$n" -d 32 -P 16 -c 50 -q >/dev/null 2>&1
    echo "redis-benchmark"
  fi
}

info_field() { cli "$1" INFO "$2" 2>/dev/null | tr -d '\r' | awk -F: -v f="$3" '$1==f{print $2}'; }

dbsize() {
  local r
  r="$(cli "$1" DBSIZE 2>/dev/null || true)"
  [[ "$r" =~ ^[0-9]+$ ]] && echo "$r" || echo "n/a"
}

rss_bytes() { awk '/^VmRSS/ {print $2 * 1024}' "/proc/$1/status"; }

# Java heap in use after a full GC, in bytes (G1 and ZGC formats both say "used <n><unit>").
heap_after_gc() {
  "$JCMD" "$1" GC.run >/dev/null
  "$JCMD" "$1" GC.heap_info | grep -o 'used [0-9]*[KMG]' | head -n 1 |
    awk '{v=$2; u=substr(v,length(v)); v=substr(v,1,length(v)-1); m=(u=="K"?1024:(u=="M"?1048576:1073741824)); print v*m}'
}

per_key() { awk -v b="$1" -v k="$2" 'BEGIN{ if (b ~ /^[0-9]+$/ && k ~ /^[0-9]+$/ && k > 0) printf "%.1f", b/k; else printf "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.2f", a/b; else printf "n/a" }'; }
mib() { awk -v b="$1" 'BEGIN{ if (b ~ /^[0-9]+$/) printf "%.1f", b/1048576; else printf "n/a" }'; }

echo "# memory-compare $(date -u +%FT%TZ) on $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo)"
echo "# $(redis-server --version | cut -d' ' -f1-3,6), Java $("$JAVA" -version 2>&1 | head -n 1 | cut -d'"' -f2), $(basename "$SERVER_JAR")"
for n in "${KEYS[@]}"; do
  for method in $METHODS; do
    start_redis
    names=(redis); ports=("$REDIS_PORT"); pids=("$REDIS_PID")
    i=0
    for v in "${VARIANTS[@]}"; do
      port=$((REDOUBT_PORT + i))
      start_redoubt "$port" "$v"
      names+=("redoubt${v:+ [$v]}"); ports+=("$port"); pids+=("$REDOUBT_PID")
      i=$((i + 1))
    done
    empty_rss=(); for p in "${pids[@]}"; do empty_rss+=("$(rss_bytes "$p")"); done
    loaders=()
    for idx in "${!ports[@]}"; do
      start=$(date +%s.%N)
      loader="$(load "${ports[$idx]}" "$method" "$n")"
      loaders+=("$loader, $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.0f s", e-s}')")
    done
    echo
    echo "## $n keys requested, method $method"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' server loader keys "used_memory MiB" "used B/key" \
      "RSS MiB (empty)" "RSS B/key" "(RSS-empty) B/key" "RSS after GC B/key" "heap after GC MiB"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    base_used=""; base_rss=""; ratios=()
    for idx in "${!ports[@]}"; do
      port=${ports[$idx]}; pid=${pids[$idx]}
      keys="$(dbsize "$port")"
      used="$(info_field "$port" memory used_memory)"; used="${used:-n/a}"
      rss="$(rss_bytes "$pid")"
      if [ "$idx" -eq 0 ]; then
        heap="-"; rss_gc="$rss"; base_keys="$keys"; base_used="$used"; base_rss="$rss"
      else
        heap="$(mib "$(heap_after_gc "$pid")")"; rss_gc="$(rss_bytes "$pid")"
      fi
      [ "$keys" = "n/a" ] && keys_for_ratio="$base_keys" || keys_for_ratio="$keys"
      printf '| %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s |\n' "${names[$idx]}" "${loaders[$idx]}" "$keys" \
        "$(mib "$used")" "$(per_key "$used" "$keys_for_ratio")" "$(mib "$rss")" "$(mib "${empty_rss[$idx]}")" \
        "$(per_key "$rss" "$keys_for_ratio")" "$(per_key $((rss - empty_rss[idx])) "$keys_for_ratio")" \
        "$(per_key "$rss_gc" "$keys_for_ratio")" "$heap"
      if [ "$idx" -gt 0 ]; then
        ratios+=("${names[$idx]}: used_memory $(ratio "$used" "$base_used"), RSS $(ratio "$rss" "$base_rss"), RSS after GC $(ratio "$rss_gc" "$base_rss")")
      fi
    done
    for r in "${ratios[@]}"; do echo "ratio Redoubt/Redis, $r"; done
    ratios=()
    cleanup
  done
done
