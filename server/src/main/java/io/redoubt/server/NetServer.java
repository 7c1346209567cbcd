package io.redoubt.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Listens on the configured addresses and runs every connection on one event loop: the keyspace thread.
 * Native epoll is used where available, NIO otherwise.
 */
final class NetServer {
    private final Server server;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup group;
    private ScheduledFuture<?> cron;
    private int cronHz;

    NetServer(Server server) {
        this.server = server;
    }

    static boolean nativeTransport() {
        return Epoll.isAvailable();
    }

    /** Binds every address of {@code bind} on {@code port}; 0 picks a free port, shared by all addresses. */
    void start(String bind, int port, String threadName) throws IOException {
        IoHandlerFactory io = nativeTransport() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = nativeTransport() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, false), io);
        int keepalive = server.config().getInt("tcp-keepalive");
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, server.config().getInt("tcp-backlog"))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, keepalive > 0)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ClientConnection(server));
                    }
                });
        if (nativeTransport() && keepalive > 0) {
            b.childOption(EpollChannelOption.TCP_KEEPIDLE, keepalive);
            b.childOption(EpollChannelOption.TCP_KEEPINTVL, Math.max(1, keepalive / 3));
            b.childOption(EpollChannelOption.TCP_KEEPCNT, 3);
        }
        int boundPort = port;
        List<String> failures = new ArrayList<>();
        for (String address : bind.trim().split("\\s+")) {
            if (address.isEmpty()) {
                continue;
            }
            boolean optional = address.startsWith("-");
            String host = optional ? address.substring(1) : address;
            if (host.equals("*")) {
                host = "0.0.0.0";
            } else if (host.equals("::*")) {
                host = "::";
            }
            try {
                Channel ch = b.bind(new InetSocketAddress(host, boundPort)).syncUninterruptibly().channel();
                listeners.add(ch);
                boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
            } catch (Exception e) {
                if (optional || isAddressUnavailable(e)) {
                    server.log().verbose("Could not bind " + host + ":" + boundPort + " (optional): " + e.getMessage());
                    continue;
                }
                failures.add(host + ":" + boundPort + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty() || listeners.isEmpty()) {
            stop();
            throw new IOException("Failed listening on port " + port + " (tcp), aborting. "
                    + (failures.isEmpty() ? "No address to bind." : String.join("; ", failures)));
        }
        server.attach(group.next(), boundPort);
        for (Channel l : listeners) {
            if (l.eventLoop() != server.loop()) {
                throw new IllegalStateException("all connections must share one event loop");
            }
        }
        server.config().onChange("hz", v -> server.loop().execute(this::scheduleCron));
    }

    private static boolean isAddressUnavailable(Throwable e) {
        // Redis skips addresses of a family the machine lacks (EADDRNOTAVAIL, EAFNOSUPPORT) even without '-'.
        String m = String.valueOf(e.getMessage());
        return !(e instanceof BindException) && (m.contains("Cannot assign requested address") || m.contains("not supported"));
    }

    private void scheduleCron() {
        int hz = Math.max(1, Math.min(500, server.config().getInt("hz")));
        if (cron != null && hz == cronHz) {
            return;
        }
        if (cron != null) {
            cron.cancel(false);
        }
        cronHz = hz;
        long periodMicros = 1_000_000L / hz;
        cron = server.loop().scheduleAtFixedRate(server::cron, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    List<Channel> listeners() {
        return listeners;
    }

    void stop() {
        for (Channel l : listeners) {
            l.close().syncUninterruptibly();
        }
        listeners.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
