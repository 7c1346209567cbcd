package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.redoubt.server.config.ServerConfig;

/**
 * A client with no connection, for benchmarks and tests that drive the real command path (parser,
 * dispatcher, handlers, store, reply writer) without sockets. Use it on one thread only, and not on a
 * server whose network loop is running.
 *
 * <pre>{@code
 * DetachedClient c = DetachedClient.create();
 * c.execute(requestBytes);        // runs every complete request in the buffer
 * ByteBuf replies = c.replies();  // what the server answered
 * c.clearReplies();
 * }</pre>
 */
public final class DetachedClient {
    private final Server server;
    private final Client client;

    public DetachedClient(Server server) {
        this.server = server;
        this.client = server.newClient(null, "detached:0", "detached:0");
    }

    /** A client of a new server with the default configuration (no persistence attached). */
    public static DetachedClient create() {
        return new DetachedClient(new Server(new ServerConfig()));
    }

    public Server server() {
        return server;
    }

    public Client client() {
        return client;
    }

    /**
     * Parses and runs every complete request in {@code in}, advancing its reader index past them.
     *
     * @return how many requests ran
     */
    public int execute(ByteBuf in) {
        Client c = client;
        int n = 0;
        while (in.isReadable() && c.parser.parse(in, c.args, c.authenticated)) {
            server.dispatcher().execute(c, c.args);
            n++;
        }
        return n;
    }

    /**
     * Runs the one complete request in {@code in} as the append-only log's loader does (see
     * {@link io.redoubt.server.command.Dispatcher#replay}).
     *
     * @return false when the request is incomplete or names an unknown command
     */
    public boolean replay(ByteBuf in) {
        Client c = client;
        return c.parser.parse(in, c.args, true) && server.dispatcher().replay(c, c.args);
    }

    /** The replies written since the last {@link #clearReplies()}; the buffer stays owned by the client. */
    public ByteBuf replies() {
        return client.reply.buffer();
    }

    /** Drops the replies written so far, keeping the buffer for the next ones. */
    public void clearReplies() {
        client.reply.buffer().clear();
    }

    /** Disconnects this client from its server, keeping the keyspace (AOF loading uses one per file). */
    public void detach() {
        client.reply.release();
        server.removeClient(client);
    }

    /** Frees the reply buffer and the server's keyspace. */
    public void close() {
        client.reply.release();
        server.removeClient(client);
        server.release();
    }
}
