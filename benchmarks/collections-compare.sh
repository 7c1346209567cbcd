#!/usr/bin/env bash
# Large collections (issue 4): one list, set, hash and sorted set of ELEMENTS elements each, Redoubt against a
# real redis-server in the same run, with io.redoubt.benchmarks.CollectionScale (see its javadoc).
#
#   benchmarks/collections-compare.sh               # 1,000,000 elements, 50,000 ops per operation, 3 rounds
#   ELEMENTS=200000 OPS=20000 ROUNDS=2 benchmarks/collections-compare.sh
#
# Environment: JAVA_HOME, ELEMENTS, OPS, ROUNDS, REDOUBT_JAVA_OPTS, REDIS_SERVER.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ELEMENTS=${ELEMENTS:-1000000}
OPS=${OPS:-50000}
ROUNDS=${ROUNDS:-3}
REDIS_SERVER=${REDIS_SERVER:-redis-server}
REDOUBT_JAVA_OPTS=${REDOUBT_JAVA_OPTS:-"-Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled"}

jar=$(ls "$ROOT"/server/target/redoubt-server-*-all.jar 2>/dev/null | head -1 || true)
bench="$ROOT/benchmarks/target/benchmarks.jar"
if [ -z "$jar" ] || [ ! -f "$bench" ]; then
    (cd "$ROOT" && ./mvnw -o -q -pl server,benchmarks -am package -DskipTests) >&2
    jar=$(ls "$ROOT"/server/target/redoubt-server-*-all.jar | head -1)
fi

spare_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ "$p" != "${1:-}" ]; then echo "$p"; return; fi
    done
    echo "collections-compare: no free port" >&2; exit 1
}

work=$(mktemp -d /tmp/collections-compare.XXXXXX)
redis_pid=""; redoubt_pid=""
stop() {
    [ -n "$1" ] || return 0
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}
cleanup() { stop "$redoubt_pid"; stop "$redis_pid"; rm -rf "$work"; }
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
for port in "$redis_port" "$redoubt_port"; do
    for _ in $(seq 1 200); do [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
done

echo "Redoubt on :$redoubt_port (JVM: $REDOUBT_JAVA_OPTS), $("$REDIS_SERVER" --version | cut -d' ' -f1-3) on :$redis_port"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $ELEMENTS elements per key, $OPS ops x $ROUNDS rounds"
"$JAVA_HOME/bin/java" -cp "${CLASSPATH_EXTRA:+$CLASSPATH_EXTRA:}$bench" io.redoubt.benchmarks.CollectionScale \
    --redoubt "$redoubt_port" --redis "$redis_port" --elements "$ELEMENTS" --ops "$OPS" --rounds "$ROUNDS"
