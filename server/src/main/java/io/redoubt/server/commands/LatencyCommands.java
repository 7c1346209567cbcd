package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.command.LatencyMonitor;
import io.redoubt.server.command.SlowLog;
import io.redoubt.server.net.Reply;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** LATENCY (Redis's latency.c) and SLOWLOG (slowlog.c). */
public final class LatencyCommands {
    private static final CommandError SLOWLOG_COUNT = new CommandError("ERR count should be greater than or equal to -1");

    private LatencyCommands() {
    }

    static void register(CommandTable t) {
        CommandSpec latency = t.container("latency", "").group("server").since("2.8.13")
                .doc("A container for latency diagnostics commands.", "Depends on subcommand.", "");
        latency.sub("doctor", 2, "admin noscript loading stale", LatencyCommands::doctor)
                .doc("Returns a human-readable latency analysis report.", "O(1)", "");
        latency.sub("graph", 3, "admin noscript loading stale", LatencyCommands::graph)
                .doc("Returns a latency graph for an event.", "O(1)", "event");
        latency.sub("help", 2, "loading stale", LatencyCommands::latencyHelp)
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
        latency.sub("histogram", -2, "admin noscript loading stale", LatencyCommands::histogram).since("7.0.0")
                .doc("Returns the cumulative distribution of latencies of a subset or all commands.",
                        "O(N) where N is the number of commands with latency information being retrieved.", "[command [command ...]]");
        latency.sub("history", 3, "admin noscript loading stale", LatencyCommands::history)
                .doc("Returns timestamp-latency samples for an event.", "O(1)", "event");
        latency.sub("latest", 2, "admin noscript loading stale", LatencyCommands::latest)
                .doc("Returns the latest latency samples for all events.", "O(1)", "");
        latency.sub("reset", -2, "admin noscript loading stale", LatencyCommands::reset)
                .doc("Resets the latency data for one or more events.", "O(1)", "[event [event ...]]");

        CommandSpec slowlog = t.container("slowlog", "").group("server").since("2.2.12")
                .doc("A container for slow log commands.", "Depends on subcommand.", "");
        slowlog.sub("get", -2, "admin loading stale", LatencyCommands::slowlogGet)
                .doc("Returns the slow log's entries.", "O(N) where N is the number of entries returned", "[count]");
        slowlog.sub("help", 2, "loading stale", LatencyCommands::slowlogHelp).since("6.2.0")
                .doc("Show helpful text about the different subcommands", "O(1)", "");
        slowlog.sub("len", 2, "admin loading stale", LatencyCommands::slowlogLen)
                .doc("Returns the number of entries in the slow log.", "O(1)", "");
        slowlog.sub("reset", 2, "admin loading stale", LatencyCommands::slowlogReset)
                .doc("Clears all entries from the slow log.", "O(N) where N is the number of entries in the slowlog", "");
    }

    // ------------------------------------------------------------------ LATENCY

    /* LATENCY HISTOGRAM [command [command ...]] */
    static void histogram(Client c, CommandArgs a) {
        Reply r = c.reply();
        List<CommandSpec> wanted = new ArrayList<>();
        CommandTable table = c.server().commands();
        if (a.count() == 2) {
            for (CommandSpec cmd : table.all()) {
                wanted.add(cmd);
                wanted.addAll(cmd.subcommands().values());
            }
        } else {
            for (int i = 2; i < a.count(); i++) {
                String name = a.string(i).toLowerCase(Locale.ROOT);
                int bar = name.indexOf('|');
                CommandSpec cmd = table.find(bar < 0 ? name : name.substring(0, bar));
                if (cmd != null && bar >= 0) {
                    cmd = cmd.subcommands().get(name.substring(bar + 1));
                    if (cmd != null) {
                        wanted.add(cmd);
                    }
                } else if (cmd != null) {
                    wanted.add(cmd);
                    wanted.addAll(cmd.subcommands().values());
                }
            }
        }
        wanted.removeIf(cmd -> cmd.latency.getTotalCount() == 0);
        r.map(wanted.size());
        for (CommandSpec cmd : wanted) {
            r.bulk(cmd.fullName());
            histogramOf(r, cmd.latency);
        }
    }

    /**
     * One command's cumulative distribution as Redis writes it: Redis records nanoseconds in an HDR
     * histogram of two significant digits and reports at power-of-two boundaries from 1024 ns, each labelled
     * with the boundary's highest equivalent value in µs (1, 2, 4, 8, 16, 33, 66, 132…). Redoubt records µs,
     * so it counts the values up to each label.
     */
    private static void histogramOf(Reply r, Histogram h) {
        long total = h.getTotalCount();
        List<long[]> buckets = new ArrayList<>();
        long previous = 0;
        for (int k = 0; previous < total && k < 40; k++) {
            long boundaryNs = 1024L << k;
            long highestEquivalentNs = boundaryNs + (1L << (k + 3)) - 1;
            long label = highestEquivalentNs / 1000;
            long cumulative = h.getCountBetweenValues(0, label);
            if (cumulative > previous) {
                buckets.add(new long[] {label, cumulative});
            }
            previous = Math.max(previous, cumulative);
        }
        r.map(2);
        r.bulk("calls");
        r.integer(total);
        r.bulk("histogram_usec");
        r.map(buckets.size());
        for (long[] b : buckets) {
            r.integer(b[0]);
            r.integer(b[1]);
        }
    }

    /* LATENCY LATEST */
    static void latest(Client c, CommandArgs a) {
        Map<String, LatencyMonitor.Series> events = c.server().dispatcher().latencyMonitor().events();
        Reply r = c.reply();
        r.array(events.size());
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            long[] last = e.getValue().latest();
            r.array(4);
            r.bulk(e.getKey());
            r.integer(last[0]);
            r.integer(last[1]);
            r.integer(e.getValue().max());
        }
    }

    /* LATENCY HISTORY event */
    static void history(Client c, CommandArgs a) {
        LatencyMonitor.Series ts = c.server().dispatcher().latencyMonitor().events().get(a.string(2));
        Reply r = c.reply();
        if (ts == null) {
            r.array(0);
            return;
        }
        long[][] samples = ts.samples();
        r.array(samples.length);
        for (long[] s : samples) {
            r.array(2);
            r.integer(s[0]);
            r.integer(s[1]);
        }
    }

    /* LATENCY RESET [event [event ...]] */
    static void reset(Client c, CommandArgs a) {
        LatencyMonitor monitor = c.server().dispatcher().latencyMonitor();
        int resets = 0;
        if (a.count() == 2) {
            resets = monitor.reset(null);
        } else {
            for (int i = 2; i < a.count(); i++) {
                resets += monitor.reset(a.string(i));
            }
        }
        c.reply().integer(resets);
    }

    /* LATENCY GRAPH event */
    static void graph(Client c, CommandArgs a) {
        String event = a.string(2);
        LatencyMonitor.Series ts = c.server().dispatcher().latencyMonitor().events().get(event);
        if (ts == null) {
            throw new CommandError("ERR No samples available for event '" + event + "'");
        }
        long[][] samples = ts.samples();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long[] s : samples) {
            min = Math.min(min, s[1]);
            max = Math.max(max, s[1]);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(event).append(" - high ").append(max).append(" ms, low ").append(min)
                .append(" ms (all time high ").append(ts.max()).append(" ms)\n");
        sb.append("-".repeat(80)).append('\n');
        // A column per sample (the newest 80), four rows high, then the age of each sample.
        int from = Math.max(0, samples.length - 80);
        int rows = 4;
        for (int row = rows; row >= 1; row--) {
            for (int i = from; i < samples.length; i++) {
                long height = max == min ? rows : 1 + (samples[i][1] - min) * (rows - 1) / (max - min);
                sb.append(height >= row ? (height == row ? '_' : '|') : ' ');
            }
            sb.append('\n');
        }
        long now = c.server().now() / 1000;
        List<String> labels = new ArrayList<>();
        int width = 0;
        for (int i = from; i < samples.length; i++) {
            long elapsed = now - samples[i][0];
            String l = elapsed < 60 ? elapsed + "s" : elapsed < 3600 ? elapsed / 60 + "m"
                    : elapsed < 86400 ? elapsed / 3600 + "h" : elapsed / 86400 + "d";
            labels.add(l);
            width = Math.max(width, l.length());
        }
        for (int line = 0; line < width; line++) {
            for (String l : labels) {
                sb.append(line < l.length() ? l.charAt(line) : ' ');
            }
            sb.append('\n');
        }
        c.reply().verbatim(sb.toString());
    }

    /* LATENCY DOCTOR */
    static void doctor(Client c, CommandArgs a) {
        Server s = c.server();
        long threshold = s.config().getLong("latency-monitor-threshold");
        long slowlogThreshold = s.config().getLong("slowlog-log-slower-than");
        Map<String, LatencyMonitor.Series> events = s.dispatcher().latencyMonitor().events();
        StringBuilder sb = new StringBuilder();
        if (events.isEmpty() && threshold == 0) {
            sb.append("I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n");
            c.reply().verbatim(sb.toString());
            return;
        }
        if (events.isEmpty()) {
            sb.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n");
            c.reply().verbatim(sb.toString());
            return;
        }
        sb.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n");
        int n = 0;
        boolean commandEvent = false;
        boolean fastEvent = false;
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            long[][] samples = e.getValue().samples();
            long sum = 0;
            for (long[] x : samples) {
                sum += x[1];
            }
            long avg = samples.length == 0 ? 0 : sum / samples.length;
            long mad = 0;
            for (long[] x : samples) {
                mad += Math.abs(x[1] - avg);
            }
            mad = samples.length == 0 ? 0 : mad / samples.length;
            long period = samples.length < 2 ? 0 : samples[samples.length - 1][0] - samples[0][0];
            sb.append(++n).append(". ").append(e.getKey()).append(": ").append(samples.length)
                    .append(" latency spikes (average ").append(avg).append("ms, mean deviation ").append(mad)
                    .append("ms, period ").append(String.format(Locale.ROOT, "%.2f", samples.length == 0 ? 0.0 : (double) period / samples.length))
                    .append(" sec). Worst all time event ").append(e.getValue().max()).append("ms.\n");
            commandEvent |= e.getKey().equals("command");
            fastEvent |= e.getKey().equals("fast-command");
        }
        sb.append("\nI have a few advices for you:\n\n");
        if (commandEvent) {
            if (slowlogThreshold < 0) {
                sb.append("- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ")
                        .append(threshold * 1000).append("'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n");
            } else if (slowlogThreshold / 1000 > threshold) {
                sb.append("- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ")
                        .append(threshold * 1000).append("'.\n");
            }
            sb.append("- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
            sb.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n");
        }
        if (fastEvent) {
            sb.append("- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n"
                    + "  1) Lower the system load.\n"
                    + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
                    + "  3) Check if you have a \"noisy neighbour\" problem.\n"
                    + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n"
                    + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n");
        }
        c.reply().verbatim(sb.toString());
    }

    /* LATENCY HELP */
    static void latencyHelp(Client c, CommandArgs a) {
        HelpReply.reply(c, "LATENCY",
                "DOCTOR",
                "    Return a human readable latency analysis report.",
                "GRAPH <event>",
                "    Return an ASCII latency graph for the <event> class.",
                "HISTORY <event>",
                "    Return time-latency samples for the <event> class.",
                "LATEST",
                "    Return the latest latency samples for all events.",
                "RESET [<event> ...]",
                "    Reset latency data of one or more <event> classes.",
                "    (default: reset all data for all event classes)",
                "HISTOGRAM [COMMAND ...]",
                "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
                "    If no commands are specified then all histograms are replied.");
    }

    /** {@code latency-tracking-info-percentiles} as numbers. */
    static double[] trackingPercentiles(Server s) {
        String v = s.config().get("latency-tracking-info-percentiles").trim();
        if (v.isEmpty()) {
            return new double[0];
        }
        String[] words = v.split("\\s+");
        double[] out = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = Double.parseDouble(words[i]);
        }
        return out;
    }

    /** "%f" with trailing zeros (and a trailing point) removed, as Redis's trimDoubleString: 50, 99.9. */
    static String trimDouble(double d) {
        String s = String.format(Locale.ROOT, "%f", d);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }

    // ------------------------------------------------------------------ SLOWLOG

    /* SLOWLOG GET [count] */
    static void slowlogGet(Client c, CommandArgs a) {
        if (a.count() > 3) {
            throw new CommandError("ERR wrong number of arguments for 'slowlog|get' command");
        }
        SlowLog log = c.server().dispatcher().slowLog();
        long count = 10;
        if (a.count() == 3) {
            count = Arguments.longArg(a, 2, SLOWLOG_COUNT);
            if (count < -1) {
                throw SLOWLOG_COUNT;
            }
            if (count == -1) {
                count = log.size();
            }
        }
        count = Math.min(count, log.size());
        Reply r = c.reply();
        r.array((int) count);
        Iterator<SlowLog.Entry> it = log.newestFirst();
        for (long i = 0; i < count; i++) {
            SlowLog.Entry e = it.next();
            r.array(6);
            r.integer(e.id());
            r.integer(e.unixTime());
            r.integer(e.micros());
            r.array(e.args().length);
            for (byte[] arg : e.args()) {
                r.bulk(arg);
            }
            r.bulk(e.clientAddr());
            r.bulk(e.clientName());
        }
    }

    /* SLOWLOG LEN */
    static void slowlogLen(Client c, CommandArgs a) {
        c.reply().integer(c.server().dispatcher().slowLog().size());
    }

    /* SLOWLOG RESET */
    static void slowlogReset(Client c, CommandArgs a) {
        c.server().dispatcher().slowLog().reset();
        c.reply().ok();
    }

    /* SLOWLOG HELP */
    static void slowlogHelp(Client c, CommandArgs a) {
        HelpReply.reply(c, "SLOWLOG",
                "GET [<count>]",
                "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                "    Entries are made of:",
                "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                "    client name",
                "LEN",
                "    Return the length of the slowlog.",
                "RESET",
                "    Reset the slowlog.");
    }
}
