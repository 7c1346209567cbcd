package io.redoubt.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.RequestParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parsing of pipelined requests: one pre-built direct buffer holds {@value #PIPELINE} GET or SET requests
 * (redis-benchmark's shapes: 16-byte keys, 3-byte values), parsed from the start on each invocation.
 * Scores are per request.
 *
 * <pre>
 * ./mvnw -o -q -pl benchmarks -am package -DskipTests
 * $JAVA_HOME/bin/java -jar benchmarks/target/benchmarks.jar RequestParserBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestParserBenchmark {
    static final int PIPELINE = 64;

    @Param({"GET", "SET"})
    public String command;

    private final RequestParser parser = new RequestParser();
    private final CommandArgs args = new CommandArgs();
    private ByteBuf requests;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < PIPELINE; i++) {
            String key = String.format("key:%012d", i);
            if (command.equals("GET")) {
                sb.append("*2\r\n$3\r\nGET\r\n$16\r\n").append(key).append("\r\n");
            } else {
                sb.append("*3\r\n$3\r\nSET\r\n$16\r\n").append(key).append("\r\n$3\r\nxxx\r\n");
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        // The allocator connections read into (Netty 4.2's adaptive one), so copies behave as in the server.
        requests = ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown
    public void tearDown() {
        requests.release();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public void parsePipeline(Blackhole bh) {
        ByteBuf in = requests;
        in.readerIndex(0);
        while (parser.parse(in, args, true)) {
            bh.consume(args.length(1));
        }
    }
}
