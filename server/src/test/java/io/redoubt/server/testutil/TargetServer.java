package io.redoubt.server.testutil;

import io.redoubt.server.RedoubtServer;

import java.io.IOException;

/**
 * The server an integration test talks to: an embedded Redoubt, or with {@code -Dit.target=redis} a real
 * redis-server, which checks that the test's own expectations are Redis's.
 */
public interface TargetServer extends AutoCloseable {
    String host();

    int port();

    @Override
    void close();

    static TargetServer start() throws IOException {
        if ("redis".equals(System.getProperty("it.target"))) {
            RealRedis redis = RealRedis.start(Programs.require("redis-server", "redis-server"));
            return new TargetServer() {
                @Override
                public String host() {
                    return redis.host();
                }

                @Override
                public int port() {
                    return redis.port();
                }

                @Override
                public void close() {
                    redis.close();
                }
            };
        }
        RedoubtServer server = RedoubtServer.builder().port(0).set("save", "").start();
        return new TargetServer() {
            @Override
            public String host() {
                return server.host();
            }

            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
