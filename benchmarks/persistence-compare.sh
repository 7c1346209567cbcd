#!/usr/bin/env bash
# Persistence costs, Redoubt against a real redis-server on the same data (issue 5).
#
#   benchmarks/persistence-compare.sh [keys ...]        (default: 1000000)
#   PARTS="save" benchmarks/persistence-compare.sh 1000000 10000000
#   PARTS="aof" ROUNDS=3 benchmarks/persistence-compare.sh
#
# PARTS (default "save aof"):
#   save  For each key count, one server at a time (two cores: nothing else competes): DEBUG POPULATE N
#         (keys key:0..N-1, 32-byte values), then io.redoubt.benchmarks.SaveProbe: SET latency from 4
#         closed-loop clients during a 3 s baseline and while one BGSAVE runs; save time; RSS before and
#         peak (Redis: also parent + forked child, the child's private dirty pages, rdb_last_cow_size);
#         dump.rdb bytes. Then the load time at start of that dump.rdb: from process start to the first
#         PONG (JVM start included for Redoubt), and the server's own logged figure.
#   aof   redis-benchmark SET throughput with no persistence, appendfsync everysec and appendfsync always,
#         at -P 1 and -P 16, six servers (3 modes x 2) running at once, measured one after the other
#         (interleaved, order alternating by round), medians of ROUNDS; ratios to no persistence per server,
#         and Redoubt/Redis per mode.
# Environment: SERVERS ("redis redoubt"), JAVA_HOME, ROUNDS (3), REQUESTS (100000 at -P 1; x4 at -P 16), CLIENTS (50), KEYSPACE (100000),
#   REDOUBT_JAVA_OPTS (aof part), SAVE_JAVA_OPTS (save part), WORK (a directory on the disk to measure; default a fresh one under /tmp).
# Every server and load generator is stopped on exit; background loads run under `timeout`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JAVA_HOME/bin/java" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA="$JAVA_HOME/bin/java"
PARTS="${PARTS:-save aof}"
ROUNDS="${ROUNDS:-3}"
REQUESTS="${REQUESTS:-100000}"
CLIENTS="${CLIENTS:-50}"
KEYSPACE="${KEYSPACE:-100000}"
SERVERS="${SERVERS:-redis redoubt}"
# As compare-redis.sh, with room for 10M keys off-heap (direct memory).
REDOUBT_JAVA_OPTS="${REDOUBT_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:MaxDirectMemorySize=16g -XX:+AlwaysPreTouch -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled"}"
# The save part measures RSS, so no pre-touched fixed heap there (it would show as 1 GB of RSS from the start).
SAVE_JAVA_OPTS="${SAVE_JAVA_OPTS:-"-Xmx1g -XX:MaxDirectMemorySize=16g -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled"}"
KEYS=("$@")
[ ${#KEYS[@]} -eq 0 ] && KEYS=(1000000)

for tool in redis-server redis-cli redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "persistence-compare: $tool not found" >&2; exit 1; }
done
SERVER_JAR="$(ls "$ROOT"/server/target/redoubt-server-*-all.jar 2>/dev/null | head -n 1 || true)"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [ -z "$SERVER_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" ./mvnw -o -q -DskipTests package -pl server,benchmarks -am) >&2
  SERVER_JAR="$(ls "$ROOT"/server/target/redoubt-server-*-all.jar | head -n 1)"
fi

WORK="${WORK:-$(mktemp -d /tmp/persistence-compare.XXXXXX)}"
mkdir -p "$WORK"
PIDS=()
stop_pid() { # SIGTERM, then SIGKILL after 20 s
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  PIDS=()
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
spare_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 20000))
    port_free "$p" && { echo "$p"; return; }
  done
  echo "persistence-compare: no free port" >&2; exit 1
}
cli() { redis-cli -p "$1" "${@:2}"; }
info_field() { cli "$1" INFO "$2" 2>/dev/null | tr -d '\r' | awk -F: -v f="$3" '$1==f{print $2}'; }
now() { date +%s.%N; }
wait_pong() { # port pid -> waits until PING answers PONG (not -LOADING); fails if the process dies
  for _ in $(seq 60000); do
    [ "$(cli "$1" PING 2>/dev/null)" = PONG ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "server on port $1 exited" >&2; return 1; }
    sleep 0.01
  done
  echo "server on port $1 did not answer PONG" >&2; return 1
}

# start SERVER PORT DIR [args...]: sets SPID (the server's pid); output in DIR/../SERVER-PORT.log
start() {
  local server=$1 port=$2 dir=$3
  shift 3
  mkdir -p "$dir"
  local log="$dir/../$server-$port.log"
  if [ "$server" = redis ]; then
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize no --enable-debug-command local "$@" >"$log" 2>&1 &
  else
    # shellcheck disable=SC2086
    "$JAVA" --enable-native-access=ALL-UNNAMED $JOPTS -jar "$SERVER_JAR" --port "$port" --bind 127.0.0.1 \
      --dir "$dir" "$@" >"$log" 2>&1 &
  fi
  SPID=$!
  PIDS+=("$SPID")
  SLOG=$log
}
stop() { stop_pid "$1"; local keep=(); for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; PIDS=("${keep[@]}"); }
mib() { awk -v b="$1" 'BEGIN{ if (b ~ /^[0-9]+$/) printf "%.0f", b/1048576; else printf "n/a" }'; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }

echo "# persistence-compare $(date -u +%FT%TZ) on $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, disk $(df -h "$WORK" | awk 'NR==2{print $1}')"
echo "# $(redis-server --version | cut -d' ' -f1-3), Java $("$JAVA" -version 2>&1 | head -n 1 | cut -d'"' -f2), $(basename "$SERVER_JAR"); load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ " $PARTS " == *" save "* ]]; then
  JOPTS=$SAVE_JAVA_OPTS
  echo "# save part: Redoubt JVM $JOPTS"
  for n in "${KEYS[@]}"; do
    need_kb=$(( n / 1000 * 400 ))
    avail_kb=$(awk '/MemAvailable/{print $2}' /proc/meminfo)
    if [ "$avail_kb" -lt "$need_kb" ]; then
      echo "# skipping $n keys: $((avail_kb / 1024)) MB available, about $((need_kb / 1024)) MB needed" >&2
      continue
    fi
    echo
    echo "## BGSAVE of $n keys (DEBUG POPULATE $n key 32), then load at start"
    printf '%-8s | %8s %9s | %8s %8s %10s %11s %9s | %8s %8s %8s %8s | %8s %8s %8s %8s | %9s %9s\n' \
      server "save s" "file MB" "RSS MB" "peak MB" "+child MB" "child dirty" "COW MB" \
      "base p50" "p99" "p99.9" "max" "save p50" "p99" "p99.9" "max" "load s" "logged"
    for server in $SERVERS; do
      port=$(spare_port)
      dir="$WORK/$server-$n/data"
      extra=(--save "" --appendonly no)
      start "$server" "$port" "$dir" "${extra[@]}"
      wait_pong "$port" "$SPID"
      t0=$(now)
      [ "$(cli "$port" DEBUG POPULATE "$n" key 32)" = OK ] || { echo "DEBUG POPULATE failed on $server" >&2; exit 1; }
      populate_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')
      result=$(timeout 900 "$JAVA" -cp "$BENCH_JAR" io.redoubt.benchmarks.SaveProbe --port "$port" --pid "$SPID" \
        --keys "$n" --label "$server" | tee "$WORK/$server-$n.probe" | grep '^result ')
      bytes=$(stat -c %s "$dir/dump.rdb")
      stop "$SPID"
      # Load time: process start to first PONG, on the dump just written.
      port=$(spare_port)
      t0=$(now)
      start "$server" "$port" "$dir" "${extra[@]}"
      wait_pong "$port" "$SPID"
      load_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}')
      keys_loaded=$(cli "$port" DBSIZE)
      [ "$keys_loaded" = "$n" ] || echo "# warning: $server loaded $keys_loaded keys, not $n" >&2
      if [ "$server" = redis ]; then
        logged=$(grep -o 'DB loaded from disk: [0-9.]* seconds' "$SLOG" | awk '{print $5}' | tail -n 1)
      else
        logged=$(grep -io 'in [0-9.]* *s\b\|[0-9.]* *seconds' "$SLOG" | grep -o '[0-9.]*' | tail -n 1 || true)
      fi
      stop "$SPID"
      cow=$(field "$result" rdb_last_cow_size)
      printf '%-8s | %8.2f %9s | %8s %8s %10s %11s %9s | %8s %8s %8s %8s | %8s %8s %8s %8s | %9s %9s\n' \
        "$server" "$(awk -v m="$(field "$result" save_ms)" 'BEGIN{print m/1000}')" "$(mib "$bytes")" \
        "$(mib "$(field "$result" rss_before)")" "$(mib "$(field "$result" rss_peak)")" \
        "$(mib "$(field "$result" rss_peak_with_children)")" "$(mib "$(field "$result" child_private_dirty_peak)")" \
        "$(mib "$cow")" \
        "$(field "$result" base_p50_ms)" "$(field "$result" base_p99_ms)" "$(field "$result" base_p999_ms)" "$(field "$result" base_max_ms)" \
        "$(field "$result" save_p50_ms)" "$(field "$result" save_p99_ms)" "$(field "$result" save_p999_ms)" "$(field "$result" save_max_ms)" \
        "$load_s" "${logged:-n/a}"
      echo "$server,$n,$populate_s,$bytes,$load_s,${logged:-},$result" >>"$WORK/save.csv"
      rm -rf "$WORK/$server-$n"
    done
  done
  echo "(save s: BGSAVE to rdb_bgsave_in_progress:0; RSS: the server before the save and its peak during it; +child: peak of"
  echo " parent + forked child RSS (shared pages counted twice); child dirty: the child's private dirty pages at their peak;"
  echo " COW: Redis's rdb_last_cow_size; latencies: SET ms from 4 closed-loop clients, 3 s baseline vs during the save;"
  echo " load s: process start to first PONG, JVM start included; logged: the server's own load time in s)"
fi

if [[ " $PARTS " == *" aof "* ]]; then
  JOPTS=$REDOUBT_JAVA_OPTS
  echo "# aof part: Redoubt JVM $JOPTS"
  echo
  echo "## SET throughput by persistence mode: redis-benchmark -t set -c $CLIENTS -r $KEYSPACE, $ROUNDS rounds"
  declare -A PORT
  for server in $SERVERS; do
    for mode in none everysec always; do
      port=$(spare_port)
      case $mode in
        none) args=(--save "" --appendonly no) ;;
        *) args=(--save "" --appendonly yes --appendfsync "$mode") ;;
      esac
      start "$server" "$port" "$WORK/aof-$server-$mode/data" "${args[@]}"
      wait_pong "$port" "$SPID"
      PORT[$server,$mode]=$port
    done
  done
  run_one() { # port pipeline requests -> rps
    timeout 600 redis-benchmark -h 127.0.0.1 -p "$1" -t set -P "$2" -n "$3" -c "$CLIENTS" -r "$KEYSPACE" --csv 2>/dev/null \
      | awk -F, 'NR > 1 { gsub(/"/, ""); last = $2 } END { print (last == "" ? 0 : last) }'
  }
  echo "Warming up (JIT) ..."
  for server in $SERVERS; do
    for mode in none everysec always; do
      run_one "${PORT[$server,$mode]}" 16 200000 >/dev/null
    done
  done
  results="$WORK/aof.csv"
  : >"$results"
  for round in $(seq 1 "$ROUNDS"); do
    for p in 1 16; do
      n=$REQUESTS
      [ "$p" -gt 1 ] && n=$((REQUESTS * 4))
      order="$SERVERS"
      [ $((round % 2)) -eq 0 ] && order="$(echo $SERVERS | awk "{for (i = NF; i > 0; i--) printf \"%s \", \$i}")"
      for mode in none everysec always; do
        for server in $order; do
          rps=$(run_one "${PORT[$server,$mode]}" "$p" "$n")
          echo "$server,$mode,$p,$round,$rps" >>"$results"
          printf '  round %d  -P %-2s %-8s %-8s %12s\n' "$round" "$p" "$mode" "$server" "$rps"
        done
      done
    done
  done
  echo
  awk -F, '
  function median(key,    n, i, j, tmp, a) {
      n = split(vals[key], a, " ")
      for (i = 2; i <= n; i++) { tmp = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > tmp + 0; j--) a[j + 1] = a[j]; a[j + 1] = tmp }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function ratio(a, b) { return b + 0 == 0 ? "n/a" : sprintf("%.2f", a / b) }
  { k = $1 SUBSEP $2 SUBSEP $3; vals[k] = vals[k] (vals[k] == "" ? "" : " ") $5 }
  END {
      printf "%-4s %-9s | %12s %9s | %12s %9s | %13s\n", "-P", "mode", "Redoubt rps", "vs none", "Redis rps", "vs none", "Redoubt/Redis"
      split("1 16", ps, " "); split("none everysec always", ms, " ")
      for (i = 1; i <= 2; i++) for (j = 1; j <= 3; j++) {
          p = ps[i]; m = ms[j]
          o = median("redoubt" SUBSEP m SUBSEP p); r = median("redis" SUBSEP m SUBSEP p)
          o0 = median("redoubt" SUBSEP "none" SUBSEP p); r0 = median("redis" SUBSEP "none" SUBSEP p)
          printf "%-4s %-9s | %12.0f %9s | %12.0f %9s | %13s\n", p, m, o, ratio(o, o0), r, ratio(r, r0), ratio(o, r)
      }
  }' "$results"
  echo "(medians of $ROUNDS rounds; 'vs none' = throughput relative to the same server without persistence)"
fi
