package io.redoubt.server.clients;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.codec.StringCodec;
import io.redoubt.server.testutil.TargetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lettuce (Netty-based, RESP3 by default through HELLO) against an embedded server: sync, async, pipelined. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LettuceIT {
    private TargetServer server;
    private RedisClient client;

    @BeforeAll
    void start() throws IOException {
        server = TargetServer.start();
        client = RedisClient.create(RedisURI.builder().withHost(server.host()).withPort(server.port())
                .withTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void empty() {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        }
    }

    @Test
    void sync_commands() {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> sync = c.sync();
            assertEquals("PONG", sync.ping());
            assertEquals("OK", sync.set("k", "v"));
            assertEquals("v", sync.get("k"));
            assertNull(sync.get("missing"));
            assertEquals("OK", sync.set("t", "v", SetArgs.Builder.ex(100)));
            assertTrue(sync.ttl("t") > 0);
            assertEquals(3L, sync.incrby("n", 3));
            assertEquals(2L, sync.exists("k", "t"));
            assertEquals(1L, sync.del("k"));
            assertEquals("string", sync.type("t"));
        }
    }

    @Test
    void async_commands_pipelined() {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisAsyncCommands<String, String> async = c.async();
            c.setAutoFlushCommands(false);
            List<RedisFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                futures.add(async.set("key:" + i, Integer.toString(i)));
                futures.add(async.incr("counter"));
            }
            RedisFuture<String> last = async.get("key:999");
            futures.add(last);
            c.flushCommands();
            assertTrue(LettuceFutures.awaitAll(Duration.ofSeconds(30), futures.toArray(new RedisFuture[0])));
            c.setAutoFlushCommands(true);
            assertEquals("999", last.toCompletableFuture().join());
            assertEquals("1000", c.sync().get("counter"));
        }
    }

    @Test
    void async_single_commands() throws Exception {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisAsyncCommands<String, String> async = c.async();
            assertEquals("OK", async.set("a", "1").get(10, TimeUnit.SECONDS));
            assertEquals("1", async.get("a").get(10, TimeUnit.SECONDS));
            assertEquals(2L, async.incr("a").get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void resp3_hello_negotiated() {
        ClientOptions resp3 = ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build();
        client.setOptions(resp3);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            // Lettuce sent HELLO 3 during the handshake; HELLO's own reply is a map in RESP3.
            Map<?, ?> hello = c.sync().dispatch(CommandType.HELLO, new MapOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add(3));
            assertEquals(3L, hello.get("proto"));
            assertEquals("redis", hello.get("server"));
            assertEquals("OK", c.sync().set("k", "v"));
            assertEquals("v", c.sync().get("k"));
        } finally {
            client.setOptions(ClientOptions.create());
        }
    }

    @Test
    void binary_codec() {
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            byte[] key = {0, 1, 2, (byte) 0xff};
            byte[] value = new byte[70_000];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) (i * 31);
            }
            c.sync().set(key, value);
            assertArrayEquals(value, c.sync().get(key));
        }
    }
}
