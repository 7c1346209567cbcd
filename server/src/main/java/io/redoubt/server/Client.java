package io.redoubt.server;

import io.netty.channel.Channel;
import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.RequestParser;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.net.Reply;
import io.redoubt.store.Database;

/**
 * One client connection's state. Created and used only on the keyspace thread, which also runs the
 * connection's I/O.
 */
public final class Client {
    /** CLIENT REPLY modes. */
    public enum ReplyMode { ON, OFF, SKIP }

    final Server server;
    final long id;
    final Channel channel;
    final long createdMs;
    final String addr;
    final String laddr;
    final RequestParser parser = new RequestParser();
    final CommandArgs args = new CommandArgs();
    final Reply reply;

    Database db;
    int dbIndex;
    String name = "";
    String libName = "";
    String libVersion = "";
    String user = "default";
    boolean authenticated;
    long lastInteractionMs;
    /** Arguments of the running command to hide from the slow log (passwords), one bit per index below 64. */
    long redactedArgs;
    CommandSpec lastCommand;
    ReplyMode replyMode = ReplyMode.ON;
    boolean skipNextReply;
    boolean noEvict;
    boolean noTouch;
    /** Set by QUIT and protocol errors: the connection closes once pending replies are written. */
    boolean closeAfterReply;
    boolean monitor;
    /** Whether the client counts in the pause of CLIENT PAUSE: paused clients' input waits. */
    boolean paused;
    long queryBufferPeak;
    long outputBufferBytes;
    /** Time the output buffer first passed the soft limit, 0 when under it. */
    long softLimitSinceMs;
    long totalNetInput;
    long totalNetOutput;
    long commandsProcessed;
    int subscriptions;
    /** Set while a blocking command waits: the client's further input waits too. */
    boolean blocked;
    ClientConnection connection;
    /** What the client is blocked on, null when it is not. */
    Blocking.Wait wait;
    /** The open MULTI, null outside a transaction. */
    Transactions.Multi multi;
    final java.util.Set<java.nio.ByteBuffer> channels = new java.util.LinkedHashSet<>(0);
    final java.util.Set<java.nio.ByteBuffer> patterns = new java.util.LinkedHashSet<>(0);
    final java.util.Set<java.nio.ByteBuffer> shardChannels = new java.util.LinkedHashSet<>(0);
    final java.util.List<DbKey> watched = new java.util.ArrayList<>(0);
    /** A watched key changed: the next EXEC fails. */
    boolean dirtyCas;

    Client(Server server, long id, Channel channel, String addr, String laddr) {
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.addr = addr;
        this.laddr = laddr;
        this.createdMs = System.currentTimeMillis();
        this.lastInteractionMs = createdMs;
        this.reply = new Reply(channel == null ? io.netty.buffer.ByteBufAllocator.DEFAULT : channel.alloc());
        this.db = server.keyspace().db(0);
        this.authenticated = !server.authRequired();
        this.reply.errorListener(server::countError);
    }

    public Server server() {
        return server;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public Reply reply() {
        return reply;
    }

    public Database db() {
        return db;
    }

    public int dbIndex() {
        return dbIndex;
    }

    /** Switches the selected database. */
    public void select(int index) {
        dbIndex = index;
        db = server.keyspace().db(index);
    }

    /** Re-reads the selected database object after SWAPDB or FLUSHALL ASYNC replaced it. */
    public void refreshDb() {
        db = server.keyspace().db(dbIndex);
    }

    public String name() {
        return name;
    }

    public void name(String n) {
        this.name = n;
    }

    public String libName() {
        return libName;
    }

    public void libName(String n) {
        this.libName = n;
    }

    public String libVersion() {
        return libVersion;
    }

    public void libVersion(String v) {
        this.libVersion = v;
    }

    public String user() {
        return user;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean ok) {
        this.authenticated = ok;
    }

    public String addr() {
        return addr;
    }

    public String laddr() {
        return laddr;
    }

    public long createdMs() {
        return createdMs;
    }

    public long lastInteractionMs() {
        return lastInteractionMs;
    }

    public CommandSpec lastCommand() {
        return lastCommand;
    }

    public int protocol() {
        return reply.protocol();
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public void replyMode(ReplyMode mode) {
        this.replyMode = mode;
    }

    public void skipNextReply() {
        this.skipNextReply = true;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean on) {
        this.noEvict = on;
    }

    public boolean noTouch() {
        return noTouch;
    }

    public void noTouch(boolean on) {
        this.noTouch = on;
    }

    public boolean monitor() {
        return monitor;
    }

    public void monitor(boolean on) {
        this.monitor = on;
    }

    public void closeAfterReply() {
        this.closeAfterReply = true;
    }

    public boolean closing() {
        return closeAfterReply;
    }

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public long totalNetInput() {
        return totalNetInput;
    }

    public long totalNetOutput() {
        return totalNetOutput;
    }

    public long queryBufferPeak() {
        return queryBufferPeak;
    }

    /** Bytes written for this client and not yet taken by the socket. */
    public long outputBufferBytes() {
        return outputBufferBytes + reply.pendingBytes();
    }

    /** Whether a watched key has changed since WATCH. */
    public boolean dirtyCas() {
        return dirtyCas;
    }

    public boolean blocked() {
        return blocked;
    }

    /** Ends a block: the reply written meanwhile goes out, and the client's waiting input runs. */
    void blockedDone() {
        blocked = false;
        if (channel != null) {
            ClientConnection.resume(this);
            if (channel.isActive()) {
                ClientConnection.flush(this, true);
            }
        }
    }

    /** Whether the client's input waits for the end of a CLIENT PAUSE. */
    public boolean paused() {
        return paused;
    }

    /** Bytes received and not yet executed (CLIENT LIST qbuf). */
    public int queryBufferLength() {
        return connection == null ? 0 : connection.pendingInput();
    }

    /** Room left in the query buffer before it must grow (CLIENT LIST qbuf-free). */
    public int queryBufferFree() {
        return connection == null ? 0 : connection.inputRoom();
    }

    /** Capacity of the reply buffer being filled (CLIENT LIST rbs). */
    public int replyBufferSize() {
        return reply.bufferCapacity();
    }

    /** Marks the client as active now: the idle {@code timeout} counts from its last interaction. */
    void touchInteraction(long nowMs) {
        lastInteractionMs = nowMs;
    }

    public CommandArgs currentArgs() {
        return args;
    }

    /** Closes the connection now, dropping unsent replies (CLIENT KILL, limits). */
    public void kill() {
        if (channel != null) {
            channel.close();
        }
    }

    /** Asks for this client's pending replies to be sent at the end of the current batch. */
    public void flushSoon() {
        server.flushSoon(this);
    }

    /** True once if CLIENT REPLY SKIP asked to drop the reply of this command. */
    public boolean consumeSkipReply() {
        boolean s = skipNextReply;
        skipNextReply = false;
        return s;
    }

    /** Channels, patterns and shard channels this client is subscribed to (RESP2 subscriber mode when > 0). */
    public int subscriptionCount() {
        return subscriptions;
    }

    public int channelCount() {
        return channels.size();
    }

    public int patternCount() {
        return patterns.size();
    }

    public int shardChannelCount() {
        return shardChannels.size();
    }

    /** Bookkeeping after each command. */
    /** Hides argument {@code index} of the running command from the slow log, as Redis redacts secrets. */
    public void redactArgument(int index) {
        if (index < 64) {
            redactedArgs |= 1L << index;
        }
    }

    /** The bits set by {@link #redactArgument} for the running command. */
    public long redactedArgs() {
        return redactedArgs;
    }

    /** Forgets the running command's redactions once it has been logged. */
    public void clearRedactedArgs() {
        redactedArgs = 0;
    }

    public void commandDone(CommandSpec cmd) {
        lastCommand = cmd;
        commandsProcessed++;
        lastInteractionMs = server.now();
    }

    /** RESET: back to a fresh connection's state, keeping only the connection itself. */
    public void resetState() {
        server.clientResetHooks(this);
        select(0);
        reply.protocol(2);
        replyMode = ReplyMode.ON;
        skipNextReply = false;
        reply.enabled(true);
        noEvict = false;
        noTouch = false;
        name = "";
        if (monitor) {
            monitor = false;
            server.dispatcher().monitors().remove(this);
        }
        authenticated = !server.authRequired();
    }
}
