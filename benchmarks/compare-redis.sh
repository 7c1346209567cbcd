#!/usr/bin/env bash
# Redoubt against a real redis-server, side by side in one run, with redis-benchmark.
#
#   benchmarks/compare-redis.sh                 # 3 rounds, SET GET INCR MSET at -P 1 and -P 16
#   ROUNDS=5 REQUESTS=200000 benchmarks/compare-redis.sh
#
# Both servers run at once on spare loopback ports (Redis with --save "" --appendonly no, Redoubt with
# --save ""). For every round, pipeline depth and test, Redoubt and Redis are measured one after the
# other (Redoubt, Redis, Redoubt, Redis…), so that the load of a noisy machine falls on both alike. The
# medians over the rounds of requests/s, p50 and p99 (ms) are printed with the ratio Redoubt/Redis, and
# the server's CPU time per request (user + system, from /proc, JVM threads included): the figure that
# moves least when other programs compete for the cores. Only ratios from one run mean anything;
# absolute figures move with the machine's load.
#
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), ROUNDS (3), REQUESTS per test at
# -P 1 (100000; x4 at -P 16; MSET does a quarter), CLIENTS (50), KEYSPACE (-r, 100000), TESTS
# ("set get incr mset"; also lpush lpop sadd hset zadd lrange_100 …: for lrange_* redis-benchmark first fills
# the list with as many LPUSHes as requests, and only the last CSV line, the LRANGE itself, is kept: its CPU
# us then include the fill), PIPELINES ("1 16"), WARMUP requests per test before measuring (300000),
# REDOUBT_JAVA_OPTS (JVM flags; default below), REDIS_SERVER, REDIS_BENCHMARK, RESULTS (raw CSV file).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-100000}
CLIENTS=${CLIENTS:-50}
KEYSPACE=${KEYSPACE:-100000}
TESTS=${TESTS:-"set get incr mset"}
PIPELINES=${PIPELINES:-"1 16"}
WARMUP=${WARMUP:-300000}
REDIS_SERVER=${REDIS_SERVER:-redis-server}
REDIS_BENCHMARK=${REDIS_BENCHMARK:-redis-benchmark}
# A fixed heap touched at start (no resizing or page faults while measuring); Parallel GC, whose write
# barriers are the cheapest, since the command path allocates ~nothing and collections are rare; no
# Netty leak sampling (it captures a stack trace for one buffer in 128). Direct memory, where the store
# lives, defaults to the heap size: 1 GB is ample for -r 100000. See docs/benchmarks.md.
REDOUBT_JAVA_OPTS=${REDOUBT_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled"}

for tool in "$REDIS_SERVER" "$REDIS_BENCHMARK" redis-cli; do
    command -v "$tool" >/dev/null || { echo "compare-redis: $tool not found" >&2; exit 1; }
done

jar=$(ls "$ROOT"/server/target/redoubt-server-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then
    echo "Building the server jar..." >&2
    (cd "$ROOT" && ./mvnw -o -q -pl server -am package -DskipTests)
    jar=$(ls "$ROOT"/server/target/redoubt-server-*-all.jar | head -1)
fi

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
spare_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 20000))
        if port_free "$p" && [ "$p" != "${1:-}" ]; then
            echo "$p"
            return
        fi
    done
    echo "compare-redis: no free port" >&2
    exit 1
}

work=$(mktemp -d /tmp/compare-redis.XXXXXX)
redis_pid=""
redoubt_pid=""
stop() { # pid: SIGTERM, then SIGKILL if it has not exited within 10 s
    [ -n "$1" ] || return 0
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
}
cleanup() {
    stop "$redoubt_pid"
    stop "$redis_pid"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_port=$(spare_port)
redoubt_port=$(spare_port "$redis_port")
(cd "$work" && exec "$REDIS_SERVER" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize no --logfile "$work/redis.log") &
redis_pid=$!
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $REDOUBT_JAVA_OPTS -jar "$jar" --port "$redoubt_port" --bind 127.0.0.1 --save "" \
    >"$work/redoubt.log" 2>&1 &
redoubt_pid=$!

wait_ready() {
    for _ in $(seq 1 200); do
        [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return
        sleep 0.1
    done
    echo "compare-redis: server on port $1 did not start" >&2
    cat "$work"/*.log >&2
    exit 1
}
wait_ready "$redis_port"
wait_ready "$redoubt_port"

name_of() { [ "$1" = "$redoubt_port" ] && echo redoubt || echo redis; }

for t in $TESTS; do
    # lrange_100 and the like are redis-benchmark test names, not commands
    case "$t" in *_*) continue ;; esac
    if redis-cli -p "$redoubt_port" "$t" __compare_probe__ 1 2>&1 | grep -qi 'unknown command'; then
        echo "compare-redis: warning: Redoubt does not know $t yet; its figures are error replies" >&2
    fi
done
redis-cli -p "$redoubt_port" del __compare_probe__ >/dev/null
redis-cli -p "$redis_port" del __compare_probe__ >/dev/null

requests_for() { # test pipeline
    local n=$REQUESTS
    [ "$2" -gt 1 ] && n=$((n * 4))
    [ "$1" = mset ] && n=$((n / 4))
    echo "$n"
}

ticks() { # pid -> CPU clock ticks used so far (utime + stime)
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}
CLK_TCK=$(getconf CLK_TCK)

run_one() { # port test pipeline requests -> "rps,p50,p99,cpu_us_per_request"; zeros when the test failed
    local out pid t0 t1
    pid=$redis_pid
    [ "$1" = "$redoubt_port" ] && pid=$redoubt_pid
    t0=$(ticks "$pid")
    out=$("$REDIS_BENCHMARK" -h 127.0.0.1 -p "$1" -t "$2" -P "$3" -n "$4" -c "$CLIENTS" -r "$KEYSPACE" --csv 2>/dev/null \
        | awk -F, 'NR > 1 { last = $0 } END { if (last != "") { $0 = last; gsub(/"/, ""); print $2 "," $5 "," $7 } }' || true)
    t1=$(ticks "$pid")
    [ -n "$out" ] || { echo "0,0,0,0"; return; }
    echo "$out,$(awk -v d=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$4" 'BEGIN { printf "%.2f", d * 1e6 / hz / n }')"
}

echo "Redoubt $(basename "$jar") on :$redoubt_port (JVM: $REDOUBT_JAVA_OPTS), $("$REDIS_SERVER" --version | cut -d' ' -f1-3) on :$redis_port"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds, $CLIENTS clients, -r $KEYSPACE"
echo "Warming up (JIT) ..."
for p in $PIPELINES; do
    for t in $TESTS; do
        for port in "$redoubt_port" "$redis_port"; do
            run_one "$port" "$t" "$p" "$WARMUP" >/dev/null
        done
    done
done

results=${RESULTS:-$work/results.csv}
echo "target,pipeline,test,round,rps,p50_ms,p99_ms,cpu_us_per_request" >"$results"
for round in $(seq 1 "$ROUNDS"); do
    for p in $PIPELINES; do
        for t in $TESTS; do
            n=$(requests_for "$t" "$p")
            # Alternate which target goes first, so neither always runs right after the other's burst.
            if [ $((round % 2)) -eq 1 ]; then order="$redoubt_port $redis_port"; else order="$redis_port $redoubt_port"; fi
            for port in $order; do
                line=$(run_one "$port" "$t" "$p" "$n")
                echo "$(name_of "$port"),$p,$t,$round,$line" >>"$results"
                printf '  round %d  -P %-2s %-5s %-8s %s\n' "$round" "$p" "$t" "$(name_of "$port")" "$line"
            done
        done
    done
done

echo
awk -F, -v tests="$TESTS" -v pipelines="$PIPELINES" '
function median(key,    n, i, j, tmp, a) {
    n = split(vals[key], a, " ")
    for (i = 2; i <= n; i++) { tmp = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > tmp + 0; j--) a[j + 1] = a[j]; a[j + 1] = tmp }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function ratio(a, b) { return b + 0 == 0 ? "n/a" : sprintf("%.2f", a / b) }
NR > 1 {
    for (m = 5; m <= 8; m++) { k = $1 SUBSEP $2 SUBSEP $3 SUBSEP m; vals[k] = vals[k] (vals[k] == "" ? "" : " ") $m }
}
END {
    printf "%-10s %-3s | %12s %8s %8s %7s | %12s %8s %8s %7s | %9s %9s %9s %9s\n", "test", "-P", "Redoubt rps", "p50 ms", "p99 ms", "CPU us",
        "Redis rps", "p50 ms", "p99 ms", "CPU us", "rps ratio", "p50 ratio", "p99 ratio", "CPU ratio"
    np = split(pipelines, ps, " "); nt = split(tests, ts, " ")
    for (i = 1; i <= np; i++) for (j = 1; j <= nt; j++) {
        p = ps[i]; t = ts[j]
        for (m = 5; m <= 8; m++) { o[m] = median("redoubt" SUBSEP p SUBSEP t SUBSEP m); r[m] = median("redis" SUBSEP p SUBSEP t SUBSEP m) }
        printf "%-10s %-3s | %12.0f %8.3f %8.3f %7.2f | %12.0f %8.3f %8.3f %7.2f | %9s %9s %9s %9s\n", toupper(t), p, o[5], o[6], o[7], o[8],
            r[5], r[6], r[7], r[8], ratio(o[5], r[5]), ratio(o[6], r[6]), ratio(o[7], r[7]), ratio(o[8], r[8])
    }
}' "$results"
echo "(medians of $ROUNDS rounds; CPU us = server CPU time per request; ratios are Redoubt/Redis:"
echo " rps > 1 and latency or CPU < 1 favour Redoubt)"
