package io.redoubt.server;

import io.redoubt.server.net.Reply;
import io.redoubt.server.util.Glob;

import java.nio.ByteBuffer;
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
        r.push(3);
        r.bulk(word);
        if (name == null) {
            r.nullBulk();
        } else {
            r.bulk(name);
        }
        r.integer(count);
    }

    /** PUBLISH: delivers to channel subscribers and matching patterns; returns the number of receivers. */
    public int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> subs = channels.get(ByteBuffer.wrap(channel));
        if (subs != null) {
            for (Client c : subs) {
                Reply r = c.reply();
                r.push(3);
                r.bulk(Kind.CHANNEL.messageWord);
                r.bulk(channel);
                r.bulk(message);
                c.flushSoon();
                receivers++;
            }
        }
        for (Map.Entry<ByteBuffer, Set<Client>> e : patterns.entrySet()) {
            byte[] pattern = e.getKey().array();
            if (!Glob.matches(pattern, channel, false)) {
                continue;
            }
            for (Client c : e.getValue()) {
                Reply r = c.reply();
                r.push(4);
                r.bulk(Kind.PATTERN.messageWord);
                r.bulk(pattern);
                r.bulk(channel);
                r.bulk(message);
                c.flushSoon();
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
            Reply r = c.reply();
            r.push(3);
            r.bulk(Kind.SHARD.messageWord);
            r.bulk(channel);
            r.bulk(message);
            c.flushSoon();
        }
        return subs.size();
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
