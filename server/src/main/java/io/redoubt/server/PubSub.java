package io.redoubt.server;

import io.redoubt.server.net.Reply;
import io.redoubt.server.util.Glob;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pub/Sub: channel, pattern and shard-channel subscriptions, and delivery of published messages straight
 * into subscribers' reply buffers (as RESP3 pushes, or arrays in RESP2). Channel names are kept as
 * {@link ByteBuffer}s over copies of their bytes, which compare by content.
 */
public final class PubSub {
    /** The three kinds of subscription, with the words Redis uses in their replies. */
    public enum Kind {
        CHANNEL("subscribe", "unsubscribe", "message"),
        PATTERN("psubscribe", "punsubscribe", "pmessage"),
        SHARD("ssubscribe", "sunsubscribe", "smessage");

        final String subscribeWord;
        final String unsubscribeWord;
        final String messageWord;

        Kind(String subscribeWord, String unsubscribeWord, String messageWord) {
            this.subscribeWord = subscribeWord;
            this.unsubscribeWord = unsubscribeWord;
            this.messageWord = messageWord;
        }
    }

    private final Map<ByteBuffer, Set<Client>> channels = new HashMap<>();
    private final Map<ByteBuffer, Set<Client>> patterns = new LinkedHashMap<>();
    private final Map<ByteBuffer, Set<Client>> shardChannels = new HashMap<>();

    private Map<ByteBuffer, Set<Client>> registry(Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD -> shardChannels;
        };
    }

    private static Set<ByteBuffer> subscriptions(Client c, Kind kind) {
        return switch (kind) {
            case CHANNEL -> c.channels;
            case PATTERN -> c.patterns;
            case SHARD -> c.shardChannels;
        };
    }

    /** Subscribes and writes the confirmation ["subscribe", name, count]. */
    public void subscribe(Client c, Kind kind, byte[] name) {
        ByteBuffer key = ByteBuffer.wrap(name);
        if (subscriptions(c, kind).add(key)) {
            registry(kind).computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c);
        }
        updateCount(c);
        confirm(c, kind.subscribeWord, name, kind == Kind.SHARD ? c.shardChannels.size() : c.channels.size() + c.patterns.size());
    }

    /** Unsubscribes from one name and writes ["unsubscribe", name, count]. */
    public void unsubscribe(Client c, Kind kind, byte[] name, boolean notify) {
        ByteBuffer key = ByteBuffer.wrap(name);
        if (subscriptions(c, kind).remove(key)) {
            Map<ByteBuffer, Set<Client>> reg = registry(kind);
            Set<Client> subs = reg.get(key);
            if (subs != null) {
                subs.remove(c);
                if (subs.isEmpty()) {
                    reg.remove(key);
                }
            }
        }
        updateCount(c);
        if (notify) {
            confirm(c, kind.unsubscribeWord, name, kind == Kind.SHARD ? c.shardChannels.size() : c.channels.size() + c.patterns.size());
        }
    }

    /** Unsubscribes from every name of a kind; with none, confirms with a null name as Redis does. */
    public void unsubscribeAll(Client c, Kind kind, boolean notify) {
        List<ByteBuffer> names = new ArrayList<>(subscriptions(c, kind));
        if (names.isEmpty()) {
            if (notify) {
                confirm(c, kind.unsubscribeWord, null, kind == Kind.SHARD ? c.shardChannels.size() : c.channels.size() + c.patterns.size());
            }
            return;
        }
        for (ByteBuffer n : names) {
            unsubscribe(c, kind, n.array(), notify);
        }
    }

    /** Drops every subscription of a client that disconnects or RESETs. */
    void forget(Client c) {
        for (Kind k : Kind.values()) {
            unsubscribeAll(c, k, false);
        }
    }

    private static void updateCount(Client c) {
        c.subscriptions = c.channels.size() + c.patterns.size() + c.shardChannels.size();
    }

    private static void confirm(Client c, String word, byte[] name, int count) {
        Reply r = c.reply();
        boolean was = r.beginPush();
        r.push(3);
        r.bulk(word);
        if (name == null) {
            r.nullBulk();
        } else {
            r.bulk(name);
        }
        r.integer(count);
        r.endPush(was);
    }

    /**
     * The client running a command now (null between commands), and whether that command's reply is itself
     * a push (the SUBSCRIBE family); set by the dispatcher.
     */
    private Client executing;
    private boolean executingRepliesWithPush;
    /** Messages published to the executing client itself, written after its command's reply. */
    private final java.io.ByteArrayOutputStream selfMessages = new java.io.ByteArrayOutputStream();

    /** Called by the dispatcher around each command; returns the previous executing client. */
    public Client executing(Client c, boolean repliesWithPush) {
        Client before = executing;
        executing = c;
        executingRepliesWithPush = repliesWithPush;
        return before;
    }

    /**
     * After a top-level command: messages the client published to itself (PUBLISH inside MULTI to a channel
     * it is subscribed to) follow the command's reply, as Redis 7.2's pending push messages do.
     */
    public void flushSelfMessages(Client c) {
        if (selfMessages.size() > 0) {
            Reply r = c.reply();
            boolean was = r.beginPush();
            r.raw(selfMessages.toByteArray());
            r.endPush(was);
            selfMessages.reset();
        }
    }

    /** PUBLISH: delivers to channel subscribers and matching patterns; returns the number of receivers. */
    public int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> subs = channels.get(ByteBuffer.wrap(channel));
        if (subs != null) {
            for (Client c : subs) {
                deliver(c, Kind.CHANNEL, null, channel, message);
                receivers++;
            }
        }
        for (Map.Entry<ByteBuffer, Set<Client>> e : patterns.entrySet()) {
            byte[] pattern = e.getKey().array();
            if (!Glob.matches(pattern, channel, false)) {
                continue;
            }
            for (Client c : e.getValue()) {
                deliver(c, Kind.PATTERN, pattern, channel, message);
                receivers++;
            }
        }
        return receivers;
    }

    /** SPUBLISH: delivers to shard-channel subscribers. */
    public int publishShard(byte[] channel, byte[] message) {
        Set<Client> subs = shardChannels.get(ByteBuffer.wrap(channel));
        if (subs == null) {
            return 0;
        }
        for (Client c : subs) {
            deliver(c, Kind.SHARD, null, channel, message);
        }
        return subs.size();
    }

    /** Writes one message ([word, (pattern,) channel, message]) to a subscriber, even under CLIENT REPLY OFF. */
    private void deliver(Client c, Kind kind, byte[] pattern, byte[] channel, byte[] message) {
        Reply r = c.reply();
        int n = pattern == null ? 3 : 4;
        if (c == executing && !executingRepliesWithPush) {
            selfMessages.write(r.resp3() ? '>' : '*');
            writeAscii(n + "\r\n");
            writeBulk(kind.messageWord.getBytes(StandardCharsets.US_ASCII));
            if (pattern != null) {
                writeBulk(pattern);
            }
            writeBulk(channel);
            writeBulk(message);
            return;
        }
        boolean was = r.beginPush();
        r.push(n);
        r.bulk(kind.messageWord);
        if (pattern != null) {
            r.bulk(pattern);
        }
        r.bulk(channel);
        r.bulk(message);
        r.endPush(was);
        c.flushSoon();
    }

    private void writeBulk(byte[] b) {
        writeAscii("$" + b.length + "\r\n");
        selfMessages.writeBytes(b);
        writeAscii("\r\n");
    }

    private void writeAscii(String s) {
        selfMessages.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Active channels (with at least one subscriber) matching {@code pattern}, or all when null. */
    public List<byte[]> activeChannels(Kind kind, byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (ByteBuffer name : registry(kind).keySet()) {
            if (pattern == null || Glob.matches(pattern, name.array(), false)) {
                out.add(name.array());
            }
        }
        return out;
    }

    public int subscribers(Kind kind, byte[] channel) {
        Set<Client> subs = registry(kind).get(ByteBuffer.wrap(channel));
        return subs == null ? 0 : subs.size();
    }

    /** Number of patterns subscribed by anyone (PUBSUB NUMPAT, INFO pubsub_patterns). */
    public int patternCount() {
        return patterns.size();
    }

    public int channelCount() {
        return channels.size();
    }

    public int shardChannelCount() {
        return shardChannels.size();
    }
}
