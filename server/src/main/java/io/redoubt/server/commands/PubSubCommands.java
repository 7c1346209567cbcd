package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.PubSub;
import io.redoubt.server.PubSub.Kind;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;

import java.util.List;

/** Pub/Sub commands (Redis's pubsub.c). */
public final class PubSubCommands {
    private PubSubCommands() {
    }

    public static void register(CommandTable t) {
        String subscribing = "pubsub noscript loading stale allow_in_subscribe";
        t.add("subscribe", -2, subscribing, (c, a) -> subscribe(c, a, Kind.CHANNEL)).group("pubsub").since("2.0.0")
                .doc("Listens for messages published to channels.", "O(N) where N is the number of channels to subscribe to.", "channel [channel ...]");
        t.add("unsubscribe", -1, subscribing, (c, a) -> unsubscribe(c, a, Kind.CHANNEL)).group("pubsub").since("2.0.0")
                .doc("Stops listening to messages posted to channels.", "O(N) where N is the number of channels to unsubscribe.", "[channel [channel ...]]");
        t.add("psubscribe", -2, subscribing, (c, a) -> subscribe(c, a, Kind.PATTERN)).group("pubsub").since("2.0.0")
                .doc("Listens for messages published to channels that match one or more patterns.", "O(N) where N is the number of patterns to subscribe to.", "pattern [pattern ...]");
        t.add("punsubscribe", -1, subscribing, (c, a) -> unsubscribe(c, a, Kind.PATTERN)).group("pubsub").since("2.0.0")
                .doc("Stops listening to messages published to channels that match one or more patterns.", "O(N) where N is the number of patterns to unsubscribe.", "[pattern [pattern ...]]");
        t.add("ssubscribe", -2, subscribing, (c, a) -> subscribe(c, a, Kind.SHARD)).keys(1, -1, 1).group("pubsub").since("7.0.0")
                .doc("Listens for messages published to shard channels.", "O(N) where N is the number of shard channels to subscribe to.", "shardchannel [shardchannel ...]");
        t.add("sunsubscribe", -1, subscribing, (c, a) -> unsubscribe(c, a, Kind.SHARD)).keys(1, -1, 1).group("pubsub").since("7.0.0")
                .doc("Stops listening to messages posted to shard channels.", "O(N) where N is the number of shard channels to unsubscribe.", "[shardchannel [shardchannel ...]]");
        t.add("publish", 3, "pubsub loading stale fast may_replicate sentinel", PubSubCommands::publish).group("pubsub").since("2.0.0")
                .doc("Posts a message to a channel.", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).", "channel message");
        t.add("spublish", 3, "pubsub loading stale fast may_replicate", PubSubCommands::spublish).keys(1, 1, 1).group("pubsub").since("7.0.0")
                .doc("Post a message to a shard channel", "O(N) where N is the number of clients subscribed to the receiving shard channel.", "shardchannel message");
        var pubsub = t.container("pubsub", "").group("pubsub").since("2.8.0")
                .doc("A container for Pub/Sub commands.", "Depends on subcommand.", "");
        pubsub.sub("channels", -2, "pubsub loading stale", (c, a) -> channels(c, a, Kind.CHANNEL)).since("2.8.0")
                .doc("Returns the active channels.", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)", "[pattern]");
        pubsub.sub("numsub", -2, "pubsub loading stale", (c, a) -> numsub(c, a, Kind.CHANNEL)).since("2.8.0")
                .doc("Returns a count of subscribers to channels.", "O(N) for the NUMSUB subcommand, where N is the number of requested channels", "[channel [channel ...]]");
        pubsub.sub("numpat", 2, "pubsub loading stale", PubSubCommands::numpat).since("2.8.0")
                .doc("Returns a count of unique pattern subscriptions.", "O(1)", "");
        pubsub.sub("shardchannels", -2, "pubsub loading stale", (c, a) -> channels(c, a, Kind.SHARD)).since("7.0.0")
                .doc("Returns the active shard channels.", "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).", "[pattern]");
        pubsub.sub("shardnumsub", -2, "pubsub loading stale", (c, a) -> numsub(c, a, Kind.SHARD)).since("7.0.0")
                .doc("Returns the count of subscribers of shard channels.", "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels", "[shardchannel [shardchannel ...]]");
        pubsub.sub("help", 2, "loading stale", PubSubCommands::help).since("6.2.0")
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
    }

    /* SUBSCRIBE channel [channel ...], PSUBSCRIBE pattern [pattern ...], SSUBSCRIBE shardchannel [shardchannel ...] */
    static void subscribe(Client c, CommandArgs a, Kind kind) {
        PubSub ps = c.server().pubSub();
        for (int i = 1; i < a.count(); i++) {
            ps.subscribe(c, kind, a.bytes(i));
        }
    }

    /* UNSUBSCRIBE [channel [channel ...]], PUNSUBSCRIBE [pattern [pattern ...]], SUNSUBSCRIBE [shardchannel ...] */
    static void unsubscribe(Client c, CommandArgs a, Kind kind) {
        PubSub ps = c.server().pubSub();
        if (a.count() == 1) {
            ps.unsubscribeAll(c, kind, true);
            return;
        }
        for (int i = 1; i < a.count(); i++) {
            ps.unsubscribe(c, kind, a.bytes(i), true);
        }
    }

    /* PUBLISH channel message */
    static void publish(Client c, CommandArgs a) {
        c.reply().integer(c.server().pubSub().publish(a.bytes(1), a.bytes(2)));
    }

    /* SPUBLISH shardchannel message */
    static void spublish(Client c, CommandArgs a) {
        c.reply().integer(c.server().pubSub().publishShard(a.bytes(1), a.bytes(2)));
    }

    /* PUBSUB CHANNELS [pattern], PUBSUB SHARDCHANNELS [pattern] */
    static void channels(Client c, CommandArgs a, Kind kind) {
        if (a.count() > 3) {
            throw new io.redoubt.server.command.CommandError("ERR wrong number of arguments for '"
                    + (kind == Kind.SHARD ? "pubsub|shardchannels" : "pubsub|channels") + "' command");
        }
        List<byte[]> names = c.server().pubSub().activeChannels(kind, a.count() == 3 ? a.bytes(2) : null);
        Reply r = c.reply();
        r.array(names.size());
        for (byte[] n : names) {
            r.bulk(n);
        }
    }

    /* PUBSUB NUMSUB [channel ...], PUBSUB SHARDNUMSUB [shardchannel ...] */
    static void numsub(Client c, CommandArgs a, Kind kind) {
        Reply r = c.reply();
        r.map(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            r.bulk(a.buf(), a.offset(i), a.length(i));
            r.integer(c.server().pubSub().subscribers(kind, a.bytes(i)));
        }
    }

    /* PUBSUB NUMPAT */
    static void numpat(Client c, CommandArgs a) {
        c.reply().integer(c.server().pubSub().patternCount());
    }

    /* PUBSUB HELP */
    static void help(Client c, CommandArgs a) {
        String[] lines = {
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Print this help."
        };
        Reply r = c.reply();
        r.array(lines.length);
        for (String l : lines) {
            r.simple(l);
        }
    }
}
