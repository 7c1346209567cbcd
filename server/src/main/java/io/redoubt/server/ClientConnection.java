package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.redoubt.resp.RespProtocolException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A client connection's I/O on the keyspace thread: accumulates received bytes, parses and executes every
 * complete request at once, and writes the whole batch's replies with one flush.
 *
 * <p>Requests are parsed straight out of the bytes Netty read; they are copied only when a request
 * straddles two reads. A paused client's request is left unread in the buffer and run again on resume.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DENIED = ("-DENIED Redoubt is running in protected mode because protected mode is enabled and no password is set for the default user. "
            + "In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redoubt you may adopt one of the following solutions: "
            + "1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redoubt from the same host the server is running, however MAKE SURE Redoubt is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. "
            + "2) Alternatively you can just disable the protected mode by editing the Redoubt configuration file, and setting the protected mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. "
            + "4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Server server;
    private Client client;
    private ByteBuf input;
    private boolean processing;

    ClientConnection(Server server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (server.clients().size() >= server.maxClients()) {
            server.stats().rejectedConnections++;
            ch.writeAndFlush(ch.alloc().buffer().writeBytes(MAX_CLIENTS)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (server.config().getBool("protected-mode") && !server.authRequired() && !isLoopback(ch)) {
            server.stats().rejectedConnections++;
            ch.writeAndFlush(ch.alloc().buffer().writeBytes(DENIED)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        client = server.newClient(ch, address(ch.remoteAddress()), address(ch.localAddress()));
        client.connection = this;
    }

    private static boolean isLoopback(Channel ch) {
        return !(ch.remoteAddress() instanceof InetSocketAddress a) || a.getAddress() == null || a.getAddress().isLoopbackAddress();
    }

    static String address(java.net.SocketAddress sa) {
        if (sa instanceof InetSocketAddress a) {
            String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            int pct = host.indexOf('%');
            if (pct >= 0) {
                host = host.substring(0, pct);
            }
            return host + ":" + a.getPort();
        }
        return String.valueOf(sa);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (client == null) {
            in.release();
            return;
        }
        int n = in.readableBytes();
        client.totalNetInput += n;
        server.stats().netInputBytes += n;
        server.stats().totalReadsProcessed++;
        client.touchInteraction(System.currentTimeMillis());
        append(in);
        process();
        flush(client, false);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Replies to writes leave only once the append-only log has them (on disk with appendfsync always).
        if (!server.aof().holdReplies(ctx.channel())) {
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (input != null) {
            input.release();
            input = null;
        }
        if (client != null) {
            client.reply().release();
            server.removeClient(client);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.log().verbose("Client closed connection: " + cause.getMessage());
        ctx.close();
    }

    /** Adds received bytes to the unprocessed input, copying only when a request is still incomplete. */
    private void append(ByteBuf in) {
        if (input == null) {
            input = in;
            return;
        }
        int needed = in.readableBytes();
        if (input.writableBytes() < needed || input.refCnt() != 1) {
            int pending = input.readableBytes();
            int capacity = Math.max(pending + needed, Math.max(pending + client.parser.bytesWanted(), input.capacity() * 2));
            ByteBuf bigger = input.alloc().ioBuffer(Math.min(capacity, Integer.MAX_VALUE - 8));
            bigger.writeBytes(input, input.readerIndex(), pending);
            input.release();
            input = bigger;
        }
        input.writeBytes(in);
        in.release();
    }

    /** Runs every complete request in the input, until the input is exhausted or the client must wait. */
    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            Client c = client;
            c.parser.maxBulkLength(server.protoMaxBulkLen());
            while (input != null && input.isReadable() && !c.closeAfterReply && !c.paused && !c.blocked) {
                int requestStart = input.readerIndex();
                boolean complete;
                try {
                    complete = c.parser.parse(input, c.args, c.authenticated);
                } catch (RespProtocolException e) {
                    c.reply.enabled(true);
                    c.reply.error(e.getMessage());
                    server.log().verbose("Protocol error (" + e.getMessage() + ") from client: " + c.addr);
                    c.closeAfterReply = true;
                    break;
                }
                if (!complete) {
                    break;
                }
                if (!server.dispatcher().execute(c, c.args)) {
                    input.readerIndex(requestStart);
                    break;
                }
            }
            if (input != null) {
                long buffered = input.readableBytes();
                if (buffered > c.queryBufferPeak) {
                    c.queryBufferPeak = buffered;
                }
                if (buffered > server.queryBufferLimit()) {
                    server.log().warning("Closing client that reached max query buffer length: " + c.addr
                            + " (qbuf initial bytes: " + buffered + ")");
                    server.stats().clientQueryBufferLimitDisconnections++;
                    c.kill();
                    return;
                }
                if (!input.isReadable() && !c.paused && !c.blocked) {
                    input.release();
                    input = null;
                } else if (input.readerIndex() > input.capacity() / 2 && !c.paused && !c.blocked) {
                    input.discardReadBytes();
                }
            }
        } finally {
            processing = false;
        }
    }

    /**
     * Writes a client's pending replies to its socket, flushing now or leaving the flush to the end of the
     * read batch; enforces the output buffer limits and closes after the reply when asked.
     */
    static void flush(Client c, boolean now) {
        Channel ch = c.channel;
        if (ch == null) {
            return;
        }
        ByteBuf out = c.reply.take();
        if ((now || c.closeAfterReply) && !c.server.aof().beforeImmediateFlush()) {
            // appendfsync always could not put the writes on disk: nothing may be acknowledged.
            if (out != null) {
                out.release();
            }
            ch.close();
            return;
        }
        if (out != null) {
            int n = out.readableBytes();
            c.totalNetOutput += n;
            c.server.stats().netOutputBytes += n;
            c.server.stats().totalWritesProcessed++;
            if (c.closeAfterReply) {
                ch.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (now) {
                ch.writeAndFlush(out, ch.voidPromise());
            } else {
                ch.write(out, ch.voidPromise());
            }
            ChannelOutboundBuffer ob = ch.unsafe().outboundBuffer();
            c.outputBufferBytes = ob == null ? 0 : ob.totalPendingWriteBytes();
            if (c.server.outputLimits().exceeded(c)) {
                c.server.log().warning("Client " + c.addr + " scheduled to be closed ASAP for overcoming of output buffer limits.");
                c.server.stats().clientOutputBufferLimitDisconnections++;
                ch.close();
            }
        } else if (c.closeAfterReply) {
            ch.writeAndFlush(ch.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    int pendingInput() {
        return input == null ? 0 : input.readableBytes();
    }

    int inputRoom() {
        return input == null ? 0 : input.writableBytes();
    }

    /** Continues a client's input after a pause or a block ended. */
    static void resume(Client c) {
        ClientConnection conn = c.connection;
        if (conn != null && c.channel.isActive()) {
            conn.process();
            flush(c, true);
        }
    }
}
