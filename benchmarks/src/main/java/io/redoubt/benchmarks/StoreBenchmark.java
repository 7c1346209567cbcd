package io.redoubt.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redoubt.store.Database;
import io.redoubt.store.Databases;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The off-heap database alone, at {@value #KEYS} keys: look-up, overwrite, and delete followed by
 * re-insert (so the table stays full). Keys are 16 bytes in one direct buffer at {@code i * 16}, picked
 * with {@code i++ & MASK}; values are 3 bytes, as redis-benchmark's defaults.
 *
 * <pre>
 * ./mvnw -o -q -pl benchmarks -am package -DskipTests
 * $JAVA_HOME/bin/java -jar benchmarks/target/benchmarks.jar StoreBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {
    static final int KEYS = 1 << 20;
    static final int MASK = KEYS - 1;
    static final int KEY_LENGTH = 16;

    private Database db;
    private ByteBuf keys;
    private ByteBuf value;
    private int i;

    @Setup
    public void setUp() {
        db = Databases.newOffHeap();
        keys = Unpooled.directBuffer(KEYS * KEY_LENGTH);
        for (int k = 0; k < KEYS; k++) {
            keys.writeBytes(String.format("key:%012d", k).getBytes(StandardCharsets.US_ASCII));
        }
        value = Unpooled.directBuffer(3).writeBytes("xxx".getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < KEYS; k++) {
            db.putString(keys, k * KEY_LENGTH, KEY_LENGTH, value, 0, 3, Database.NO_EXPIRY);
        }
        if (db.size() != KEYS) {
            throw new IllegalStateException("size " + db.size());
        }
    }

    @TearDown
    public void tearDown() {
        db.release();
        keys.release();
        value.release();
    }

    @Benchmark
    public long get() {
        int k = i++ & MASK;
        long ref = db.find(keys, k * KEY_LENGTH, KEY_LENGTH);
        return ref == Database.NONE ? -1 : db.valueLength(ref);
    }

    @Benchmark
    public long put() {
        int k = i++ & MASK;
        return db.putString(keys, k * KEY_LENGTH, KEY_LENGTH, value, 0, 3, Database.NO_EXPIRY);
    }

    @Benchmark
    public long deleteAndReinsert() {
        int k = i++ & MASK;
        long ref = db.find(keys, k * KEY_LENGTH, KEY_LENGTH);
        db.delete(ref);
        return db.putString(keys, k * KEY_LENGTH, KEY_LENGTH, value, 0, 3, Database.NO_EXPIRY);
    }
}
