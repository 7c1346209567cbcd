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

    /**
     * Starts a server with a configuration already filled in: loads the append-only log when it is on, listens,
     * then loads the dump file of {@code dir} (answering -LOADING meanwhile) and returns once it is in. A
     * corrupt dump is an IOException naming the file and offset: the server stops again.
     */
    public static RedoubtServer start(ServerConfig config) throws IOException {
        Server server = new Server(config);
        try {
            // With appendonly yes the log, not dump.rdb, is the data set loaded at start (as Redis).
            server.aof().loadAtStart();
            server.snapshots().prepareLoadAtStart();
        } catch (io.redoubt.server.persist.aof.AofException e) {
            server.log().warning(e.getMessage());
            server.aof().close();
            server.release();
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            server.aof().close();
            server.release();
            throw e;
        }
        NetServer net = new NetServer(server);
        net.start(config.get("bind"), config.getInt("port"), "redoubt-" + config.getInt("port"));
        RedoubtServer rs = new RedoubtServer(server, net);
        server.owner(rs);
        try {
            // Otherwise dump.rdb, once listening: clients get -LOADING until it is in, as with Redis.
            server.snapshots().loadAtStart();
        } catch (IOException | RuntimeException e) {
            server.log().warning(e.getMessage());
            rs.close();
            throw e;
        }
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
        if (privateDir != null) {
            deleteTree(privateDir);
        }
        onShutdown.run();
    }

    /** The temporary {@code dir} the builder made because none was given; removed on close. */
    private volatile Path privateDir;

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    java.nio.file.Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: a temporary directory left behind harms nothing.
                }
            });
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /**
     * Fluent configuration of a server to start. Any redis.conf directive may be set.
     *
     * <p>Files: unless {@code dir} is set (directly or by the config file), an embedded server works in a
     * private temporary directory that {@link #close} deletes, so a test never writes {@code dump.rdb} into
     * the working directory. Set {@code dir} to keep the dump across restarts. The default save points are
     * Redis's ({@code 3600 1 300 100 60 10000}); tests usually set {@code save ""}.
     */
    public static final class Builder {
        private final ServerConfig config = new ServerConfig();
        /** The file loaded by {@link #configFile}, which CONFIG REWRITE then rewrites. */
        private String configPath = "";
        private boolean dirSet;

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
            if (directive.equalsIgnoreCase("dir")) {
                dirSet = true;
            }
            try {
                config.set(directive, value);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(directive + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** Loads a redis.conf-style file; later {@link #set} calls override it. */
        public Builder configFile(Path file) throws IOException {
            String dirBefore = config.get("dir");
            try {
                ConfigFile.load(file, config);
                dirSet |= !config.get("dir").equals(dirBefore);
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
            Path ownDir = null;
            if (!dirSet) {
                ownDir = java.nio.file.Files.createTempDirectory("redoubt-");
                set("dir", ownDir.toString());
                dirSet = false;
            }
            RedoubtServer rs;
            try {
                rs = RedoubtServer.start(config);
            } catch (IOException | RuntimeException e) {
                if (ownDir != null) {
                    deleteTree(ownDir);
                }
                throw e;
            }
            rs.privateDir = ownDir;
            rs.server.configFile(configPath);
            return rs;
        }
    }
}
