package io.redoubt.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.redoubt.server.DetachedClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One request through the real command path without sockets: RESP parser, dispatcher (command look-up,
 * generic checks, statistics, latency histogram, slow log), handler, off-heap store and reply writer.
 * Requests for {@value #KEYS} keys (redis-benchmark's shapes: 16-byte keys, 3-byte values) are pre-built in
 * one direct buffer and picked with {@code i++ & MASK}; the keys exist before GET runs. The reply buffer is
 * cleared per operation. Expect ~0 B/op with {@code -prof gc}.
 *
 * <pre>
 * ./mvnw -o -q -pl benchmarks -am package -DskipTests
 * $JAVA_HOME/bin/java -jar benchmarks/target/benchmarks.jar CommandPathBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandPathBenchmark {
    static final int KEYS = 1 << 16;
    static final int MASK = KEYS - 1;

    @Param({"GET", "SET"})
    public String command;

    private DetachedClient client;
    private ByteBuf requests;
    private final int[] starts = new int[KEYS + 1];
    private int i;

    @Setup
    public void setUp() {
        client = DetachedClient.create();
        ByteBuf sets = Unpooled.buffer();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < KEYS; k++) {
            String key = String.format("key:%012d", k);
            sets.writeBytes(("*3\r\n$3\r\nSET\r\n$16\r\n" + key + "\r\n$3\r\nxxx\r\n").getBytes(StandardCharsets.US_ASCII));
            if (command.equals("GET")) {
                sb.append("*2\r\n$3\r\nGET\r\n$16\r\n").append(key).append("\r\n");
            } else {
                sb.append("*3\r\n$3\r\nSET\r\n$16\r\n").append(key).append("\r\n$3\r\nyyy\r\n");
            }
        }
        if (client.execute(sets) != KEYS) {
            throw new IllegalStateException("pre-load failed");
        }
        sets.release();
        client.clearReplies();
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        // The allocator connections read into (Netty 4.2's adaptive one), so copies behave as in the server.
        requests = ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        // Each request has the same length; remember where each starts so an operation only moves indexes.
        int length = bytes.length / KEYS;
        for (int k = 0; k <= KEYS; k++) {
            starts[k] = k * length;
        }
        requests.setIndex(0, length);
        client.execute(requests);
        String reply = client.replies().toString(StandardCharsets.US_ASCII);
        if (!reply.equals(command.equals("GET") ? "$3\r\nxxx\r\n" : "+OK\r\n")) {
            throw new IllegalStateException("unexpected reply " + reply);
        }
        client.clearReplies();
    }

    @TearDown
    public void tearDown() {
        requests.release();
        client.close();
    }

    @Benchmark
    public int execute() {
        int k = i++ & MASK;
        ByteBuf in = requests;
        in.setIndex(starts[k], starts[k + 1]);
        client.clearReplies();
        client.execute(in);
        return client.replies().readableBytes();
    }
}
