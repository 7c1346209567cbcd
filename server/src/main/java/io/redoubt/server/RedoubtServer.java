package io.redoubt.server;

import io.redoubt.server.config.ConfigException;
import io.redoubt.server.config.ConfigFile;
import io.redoubt.server.config.ServerConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running Redoubt server, standalone or embedded in another JVM. Several may run in one JVM, each with
 * its own port, keyspace and thread.
 *
 * <pre>{@code
 * try (RedoubtServer server = RedoubtServer.builder().port(0).set("save", "").start()) {
 *     Jedis jedis = new Jedis(server.host(), server.port());
 *     jedis.set("k", "v");
 * }
 * }</pre>
 */
public final class RedoubtServer implements AutoCloseable {
    public static final String VERSION = "7.2.4";

    private final Server server;
    private final NetServer net;
    private volatile boolean stopped;
    private volatile Runnable onShutdown = () -> { };

    private RedoubtServer(Server server, NetServer net) {
        this.server = server;
        this.net = net;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with a configuration already filled in. */
    public static RedoubtServer start(ServerConfig config) throws IOException {
        Server server = new Server(config);
        try {
            // With appendonly yes the log, not dump.rdb, is the data set loaded at start (as Redis).
            server.aof().loadAtStart();
        } catch (io.redoubt.server.persist.aof.AofException e) {
            server.log().warning(e.getMessage());
            server.aof().close();
            server.release();
            throw new IOException(e.getMessage(), e);
        }
        NetServer net = new NetServer(server);
        net.start(config.get("bind"), config.getInt("port"), "redoubt-" + config.getInt("port"));
        RedoubtServer rs = new RedoubtServer(server, net);
        server.owner(rs);
        return rs;
    }

    /** The port the server listens on (the one chosen when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** An address clients can connect to: the first bound address, loopback for wildcards. */
    public String host() {
        InetSocketAddress a = (InetSocketAddress) net.listeners().get(0).localAddress();
        if (a.getAddress().isAnyLocalAddress()) {
            return a.getAddress() instanceof java.net.Inet6Address ? "::1" : "127.0.0.1";
        }
        return a.getAddress().getHostAddress();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host(), port());
    }

    /** The server's internals, for tests and tools in this project. */
    public Server internals() {
        return server;
    }

    /** Runs {@code task} on the keyspace thread and waits for its result. */
    public <T> T call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        server.loop().execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to do once the server has stopped by SHUTDOWN (the standalone server exits the JVM). */
    public void onShutdown(Runnable action) {
        this.onShutdown = action;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Stops listening, closes every connection and frees the keyspace. Safe to call twice. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        net.stop();
        server.aof().close();
        server.release();
        onShutdown.run();
    }

    /** Fluent configuration of a server to start. Any redis.conf directive may be set. */
    public static final class Builder {
        private final ServerConfig config = new ServerConfig();
        /** The file loaded by {@link #configFile}, which CONFIG REWRITE then rewrites. */
        private String configPath = "";

        private Builder() {
            try {
                config.set("bind", "127.0.0.1");
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Port to listen on; 0 picks a free one (read it back with {@link RedoubtServer#port()}). */
        public Builder port(int port) {
            return set("port", Integer.toString(port));
        }

        public Builder bind(String addresses) {
            return set("bind", addresses);
        }

        /** Sets a directive as redis.conf or CONFIG SET would; throws IllegalArgumentException when invalid. */
        public Builder set(String directive, String value) {
            try {
                config.set(directive, value);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(directive + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** Loads a redis.conf-style file; later {@link #set} calls override it. */
        public Builder configFile(Path file) throws IOException {
            try {
                ConfigFile.load(file, config);
            } catch (ConfigException e) {
                throw new IOException(e.getMessage(), e);
            }
            configPath = file.toAbsolutePath().toString();
            return this;
        }

        public ServerConfig config() {
            return config;
        }

        public RedoubtServer start() throws IOException {
            RedoubtServer rs = RedoubtServer.start(config);
            rs.server.configFile(configPath);
            return rs;
        }
    }
}
