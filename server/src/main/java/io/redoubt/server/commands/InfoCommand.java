package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.InstantaneousMetrics;
import io.redoubt.server.RedoubtServer;
import io.redoubt.server.Server;
import io.redoubt.server.ServerStats;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import io.redoubt.store.Database;
import io.redoubt.store.MemoryStats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * INFO [section ...] as Redis 7.2's genRedisInfoString: the same sections, field names and order, since
 * monitoring tools parse them. Features Redoubt does not have (Lua, forks, defragmentation, cluster) show
 * the values Redis shows when they are idle.
 */
public final class InfoCommand {
    private static final List<String> DEFAULT_SECTIONS = List.of(
            "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "module_list",
            "errorstats", "cluster", "keyspace");
    private static final String BUILD_ID = Long.toHexString(RedoubtServer.VERSION.hashCode() * 0x9E3779B97F4A7C15L);

    private InfoCommand() {
    }

    static void register(CommandTable t) {
        t.add("info", -1, "loading stale sentinel", InfoCommand::info).group("server")
                .acl("@dangerous")
                .doc("Returns information and statistics about the server.", "O(1)", "[section [section ...]]");
    }

    /* INFO [section [section ...]] */
    static void info(Client c, CommandArgs a) {
        Set<String> sections = new HashSet<>();
        boolean all = false;
        boolean everything = false;
        if (a.count() == 1) {
            sections.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < a.count(); i++) {
            String s = a.string(i).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default" -> sections.addAll(DEFAULT_SECTIONS);
                case "all" -> all = true;
                case "everything" -> {
                    all = true;
                    everything = true;
                }
                default -> sections.add(s);
            }
        }
        c.reply().verbatim(generate(c.server(), sections, all || everything));
    }

    /** The INFO text of the sections named (lower case), or of every section with {@code all}. */
    public static String generate(Server server, Set<String> sections, boolean all) {
        Builder b = new Builder();
        if (b.section(all, sections, "server", "Server")) {
            server(b, server);
        }
        if (b.section(all, sections, "clients", "Clients")) {
            clients(b, server);
        }
        if (b.section(all, sections, "memory", "Memory")) {
            memory(b, server);
        }
        if (b.section(all, sections, "persistence", "Persistence")) {
            persistence(b, server);
        }
        if (b.section(all, sections, "stats", "Stats")) {
            stats(b, server);
        }
        if (b.section(all, sections, "replication", "Replication")) {
            replication(b, server);
        }
        if (b.section(all, sections, "cpu", "CPU")) {
            cpu(b);
        }
        if (all || sections.contains("module_list") || sections.contains("modules")) {
            b.header("Modules");
        }
        if (b.section(all, sections, "commandstats", "Commandstats")) {
            commandStats(b, server.commands());
        }
        if (b.section(all, sections, "errorstats", "Errorstats")) {
            for (Map.Entry<String, Long> e : server.stats().errorsByCode.entrySet()) {
                b.field("errorstat_" + safe(e.getKey()), "count=" + e.getValue());
            }
        }
        if (b.section(all, sections, "latencystats", "Latencystats")) {
            if (server.config().getBool("latency-tracking")) {
                latencyStats(b, server);
            }
        }
        if (b.section(all, sections, "cluster", "Cluster")) {
            b.field("cluster_enabled", 0);
        }
        if (b.section(all, sections, "keyspace", "Keyspace")) {
            keyspace(b, server);
        }
        return b.sb.toString();
    }

    // ------------------------------------------------------------------ sections

    private static void server(Builder b, Server s) {
        long uptime = (s.now() - s.startMs()) / 1000;
        b.field("redis_version", RedoubtServer.VERSION);
        b.field("redis_git_sha1", "00000000");
        b.field("redis_git_dirty", 0);
        b.field("redis_build_id", BUILD_ID);
        b.field("redis_mode", "standalone");
        b.field("os", osName() + " " + System.getProperty("os.version") + " " + arch());
        b.field("arch_bits", 64);
        b.field("monotonic_clock", "POSIX clock_gettime");
        b.field("multiplexing_api", io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
        b.field("atomicvar_api", "c11-builtin");
        b.field("gcc_version", "0.0.0");
        b.field("process_id", ProcessHandle.current().pid());
        b.field("process_supervised", "no");
        b.field("run_id", s.runId());
        b.field("tcp_port", s.port());
        b.field("server_time_usec", System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000);
        b.field("uptime_in_seconds", uptime);
        b.field("uptime_in_days", uptime / 86400);
        b.field("hz", s.config().getInt("hz"));
        b.field("configured_hz", s.config().getInt("hz"));
        b.field("lru_clock", s.lruClock());
        b.field("executable", ProcessHandle.current().info().command().orElse(""));
        b.field("config_file", s.configFile());
        b.field("io_threads_active", 0);
        StringBuilder listener = new StringBuilder("name=tcp");
        for (String addr : s.config().get("bind").trim().split("\\s+")) {
            if (!addr.isEmpty()) {
                listener.append(",bind=").append(addr);
            }
        }
        listener.append(",port=").append(s.port());
        b.field("listener0", listener.toString());
    }

    private static String osName() {
        String n = System.getProperty("os.name");
        return n.startsWith("Windows") ? "Windows" : n;
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> a;
        };
    }

    private static void clients(Builder b, Server s) {
        long maxIn = 0;
        long maxOut = 0;
        for (Client c : s.clients()) {
            maxIn = Math.max(maxIn, c.queryBufferLength() + c.queryBufferFree());
            maxOut = Math.max(maxOut, c.outputBufferBytes());
        }
        b.field("connected_clients", s.clients().size());
        b.field("cluster_connections", 0);
        b.field("maxclients", s.maxClients());
        b.field("client_recent_max_input_buffer", maxIn);
        b.field("client_recent_max_output_buffer", maxOut);
        b.field("blocked_clients", s.blocking().blockedClients());
        b.field("tracking_clients", 0);
        b.field("clients_in_timeout_table", 0);
        b.field("total_blocking_keys", s.blocking().blockingKeys());
        b.field("total_blocking_keys_on_nokey", 0);
    }

    private static void memory(Builder b, Server s) {
        MemoryFigures m = MemoryFigures.of(s);
        MemoryStats alloc = m.allocator();
        long maxmemory = s.config().getLong("maxmemory");
        b.field("used_memory", m.used());
        b.field("used_memory_human", MemoryFigures.human(m.used()));
        b.field("used_memory_rss", m.rss());
        b.field("used_memory_rss_human", MemoryFigures.human(m.rss()));
        b.field("used_memory_peak", m.peak());
        b.field("used_memory_peak_human", MemoryFigures.human(m.peak()));
        b.field("used_memory_peak_perc", fmt2(m.peakPercent()) + "%");
        b.field("used_memory_overhead", m.overhead());
        b.field("used_memory_startup", m.startup());
        b.field("used_memory_dataset", m.dataset());
        b.field("used_memory_dataset_perc", fmt2(m.datasetPercent()) + "%");
        b.field("allocator_allocated", alloc.blockBytes());
        b.field("allocator_active", alloc.reservedBytes());
        b.field("allocator_resident", alloc.reservedBytes());
        b.field("total_system_memory", m.totalSystem());
        b.field("total_system_memory_human", MemoryFigures.human(m.totalSystem()));
        b.field("used_memory_lua", 0);
        b.field("used_memory_vm_eval", 0);
        b.field("used_memory_lua_human", "0B");
        b.field("used_memory_scripts_eval", 0);
        b.field("number_of_cached_scripts", 0);
        b.field("number_of_functions", 0);
        b.field("number_of_libraries", 0);
        b.field("used_memory_vm_functions", 0);
        b.field("used_memory_vm_total", 0);
        b.field("used_memory_vm_total_human", "0B");
        b.field("used_memory_functions", 0);
        b.field("used_memory_scripts", 0);
        b.field("used_memory_scripts_human", "0B");
        b.field("maxmemory", maxmemory);
        b.field("maxmemory_human", MemoryFigures.human(maxmemory));
        b.field("maxmemory_policy", s.config().get("maxmemory-policy"));
        b.field("allocator_frag_ratio", fmt2(alloc.fragmentationRatio()));
        b.field("allocator_frag_bytes", alloc.fragmentationBytes());
        // store-core reserves its pages itself: what it holds is resident.
        b.field("allocator_rss_ratio", "1.00");
        b.field("allocator_rss_bytes", 0);
        long rssExtra = m.rss() - alloc.reservedBytes();
        b.field("rss_overhead_ratio", fmt2(alloc.reservedBytes() == 0 ? 0 : (double) m.rss() / alloc.reservedBytes()));
        b.field("rss_overhead_bytes", rssExtra);
        b.field("mem_fragmentation_ratio", fmt2(m.fragmentation()));
        b.field("mem_fragmentation_bytes", m.rss() - m.used());
        b.field("mem_not_counted_for_evict", 0);
        b.field("mem_replication_backlog", 0);
        b.field("mem_total_replication_buffers", 0);
        b.field("mem_clients_slaves", 0);
        b.field("mem_clients_normal", m.clientsNormal());
        b.field("mem_cluster_links", 0);
        b.field("mem_aof_buffer", 0);
        b.field("mem_allocator", "redoubt-slab");
        b.field("active_defrag_running", 0);
        b.field("lazyfree_pending_objects", 0);
        b.field("lazyfreed_objects", 0);
    }

    /** The fields of Redis's persistence section with the values of a server that has not saved yet. */
    private static void persistence(Builder b, Server s) {
        for (java.util.Map.Entry<String, String> f : s.snapshots().infoFields().entrySet()) {
            b.field(f.getKey(), f.getValue());
        }
        for (java.util.Map.Entry<String, Object> f : s.aof().infoFields().entrySet()) {
            b.field(f.getKey(), String.valueOf(f.getValue()));
        }
        for (java.util.Map.Entry<String, String> f : s.snapshots().loadingInfoFields().entrySet()) {
            b.field(f.getKey(), f.getValue());
        }
    }

    private static void stats(Builder b, Server s) {
        ServerStats st = s.stats();
        InstantaneousMetrics im = s.metrics();
        b.field("total_connections_received", st.totalConnectionsReceived);
        b.field("total_commands_processed", st.totalCommandsProcessed);
        b.field("instantaneous_ops_per_sec", im.get(InstantaneousMetrics.OPS));
        b.field("total_net_input_bytes", st.netInputBytes);
        b.field("total_net_output_bytes", st.netOutputBytes);
        b.field("total_net_repl_input_bytes", 0);
        b.field("total_net_repl_output_bytes", 0);
        b.field("instantaneous_input_kbps", fmt2(im.get(InstantaneousMetrics.NET_INPUT) / 1024.0));
        b.field("instantaneous_output_kbps", fmt2(im.get(InstantaneousMetrics.NET_OUTPUT) / 1024.0));
        b.field("instantaneous_input_repl_kbps", "0.00");
        b.field("instantaneous_output_repl_kbps", "0.00");
        b.field("rejected_connections", st.rejectedConnections);
        b.field("sync_full", 0);
        b.field("sync_partial_ok", 0);
        b.field("sync_partial_err", 0);
        b.field("expired_keys", st.expiredKeys);
        b.field("expired_stale_perc", fmt2(st.expiredStalePerc));
        b.field("expired_time_cap_reached_count", st.expiredTimeCapReachedCount);
        b.field("expire_cycle_cpu_milliseconds", 0);
        b.field("evicted_keys", st.evictedKeys);
        b.field("evicted_clients", st.evictedClients);
        b.field("total_eviction_exceeded_time", 0);
        b.field("current_eviction_exceeded_time", 0);
        b.field("keyspace_hits", st.keyspaceHits);
        b.field("keyspace_misses", st.keyspaceMisses);
        b.field("pubsub_channels", s.pubSub().channelCount());
        b.field("pubsub_patterns", s.pubSub().patternCount());
        b.field("pubsubshard_channels", s.pubSub().shardChannelCount());
        b.field("latest_fork_usec", 0);
        b.field("total_forks", 0);
        b.field("migrate_cached_sockets", 0);
        b.field("slave_expires_tracked_keys", 0);
        b.field("active_defrag_hits", 0);
        b.field("active_defrag_misses", 0);
        b.field("active_defrag_key_hits", 0);
        b.field("active_defrag_key_misses", 0);
        b.field("total_active_defrag_time", 0);
        b.field("current_active_defrag_time", 0);
        b.field("tracking_total_keys", 0);
        b.field("tracking_total_items", 0);
        b.field("tracking_total_prefixes", 0);
        b.field("unexpected_error_replies", st.unexpectedErrorReplies);
        b.field("total_error_replies", st.totalErrorReplies);
        b.field("dump_payload_sanitizations", 0);
        b.field("total_reads_processed", st.totalReadsProcessed);
        b.field("total_writes_processed", st.totalWritesProcessed);
        b.field("io_threaded_reads_processed", st.ioThreadedReadsProcessed);
        b.field("io_threaded_writes_processed", st.ioThreadedWritesProcessed);
        b.field("reply_buffer_shrinks", 0);
        b.field("reply_buffer_expands", 0);
        b.field("eventloop_cycles", st.totalReadsProcessed + s.cronLoops());
        b.field("eventloop_duration_sum", 0);
        b.field("eventloop_duration_cmd_sum", totalCommandMicros(s.commands()));
        b.field("instantaneous_eventloop_cycles_per_sec", 0);
        b.field("instantaneous_eventloop_duration_usec", 0);
        b.field("acl_access_denied_auth", 0);
        b.field("acl_access_denied_cmd", 0);
        b.field("acl_access_denied_key", 0);
        b.field("acl_access_denied_channel", 0);
    }

    private static long totalCommandMicros(CommandTable t) {
        long sum = 0;
        for (CommandSpec c : t.all()) {
            sum += c.microseconds;
            for (CommandSpec sub : c.subcommands().values()) {
                sum += sub.microseconds;
            }
        }
        return sum;
    }

    private static void replication(Builder b, Server s) {
        b.field("role", s.role());
        b.field("connected_slaves", 0);
        b.field("master_failover_state", "no-failover");
        b.field("master_replid", s.runId());
        b.field("master_replid2", "0000000000000000000000000000000000000000");
        b.field("master_repl_offset", 0);
        b.field("second_repl_offset", -1);
        b.field("repl_backlog_active", 0);
        String backlog = s.config().get("repl-backlog-size");
        b.field("repl_backlog_size", backlog == null ? "1048576" : backlog);
        b.field("repl_backlog_first_byte_offset", 0);
        b.field("repl_backlog_histlen", 0);
    }

    private static void cpu(Builder b) {
        long[] userSys = processCpuMicros();
        b.field("used_cpu_sys", seconds(userSys[1]));
        b.field("used_cpu_user", seconds(userSys[0]));
        b.field("used_cpu_sys_children", "0.000000");
        b.field("used_cpu_user_children", "0.000000");
        // INFO runs on the keyspace thread, Redoubt's main thread.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        long user = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadUserTime() : 0;
        b.field("used_cpu_sys_main_thread", seconds((cpu - user) / 1000));
        b.field("used_cpu_user_main_thread", seconds(user / 1000));
    }

    /** User and system CPU time of the process in µs: /proc/self/stat where there is one, else the JVM's figure. */
    private static long[] processCpuMicros() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of proc(5) (utime, stime) in clock ticks of 1/100 s; f[0] is field 3.
            return new long[] {Long.parseLong(f[11]) * 10_000, Long.parseLong(f[12]) * 10_000};
        } catch (Exception e) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return new long[] {os.getProcessCpuTime() / 1000, 0};
            }
            return new long[] {0, 0};
        }
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static void commandStats(Builder b, CommandTable table) {
        for (CommandSpec c : table.all()) {
            commandStat(b, c);
            for (CommandSpec sub : c.subcommands().values()) {
                commandStat(b, sub);
            }
        }
    }

    private static void commandStat(Builder b, CommandSpec c) {
        if (c.calls == 0 && c.failedCalls == 0 && c.rejectedCalls == 0) {
            return;
        }
        double perCall = c.calls == 0 ? 0 : (double) c.microseconds / c.calls;
        b.field("cmdstat_" + safe(c.fullName()), "calls=" + c.calls + ",usec=" + c.microseconds + ",usec_per_call="
                + fmt2(perCall) + ",rejected_calls=" + c.rejectedCalls + ",failed_calls=" + c.failedCalls);
    }

    private static void latencyStats(Builder b, Server s) {
        double[] percentiles = LatencyCommands.trackingPercentiles(s);
        for (CommandSpec c : s.commands().all()) {
            latencyStat(b, c, percentiles);
            for (CommandSpec sub : c.subcommands().values()) {
                latencyStat(b, sub, percentiles);
            }
        }
    }

    private static void latencyStat(Builder b, CommandSpec c, double[] percentiles) {
        if (c.latency.getTotalCount() == 0) {
            return;
        }
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < percentiles.length; i++) {
            if (i > 0) {
                v.append(',');
            }
            v.append('p').append(LatencyCommands.trimDouble(percentiles[i])).append('=')
                    .append(String.format(Locale.ROOT, "%.3f", (double) c.latency.getValueAtPercentile(percentiles[i])));
        }
        b.field("latency_percentiles_usec_" + safe(c.fullName()), v.toString());
    }

    private static void keyspace(Builder b, Server s) {
        for (int i = 0; i < s.keyspace().count(); i++) {
            Database db = s.keyspace().db(i);
            long keys = db.size();
            long expires = db.volatileSize();
            if (keys > 0 || expires > 0) {
                b.field("db" + i, "keys=" + keys + ",expires=" + expires + ",avg_ttl=" + averageTtl(s, db));
            }
        }
    }

    /** Estimates the mean time to live of volatile keys from a small random sample, as Redis's expire cycle does. */
    private static long averageTtl(Server s, Database db) {
        int n = Math.min(db.volatileSize(), 20);
        long sum = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            long ref = db.randomVolatileEntry();
            if (ref == Database.NONE) {
                break;
            }
            long ttl = db.expireAt(ref) - s.now();
            if (ttl > 0) {
                sum += ttl;
                counted++;
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }

    // ------------------------------------------------------------------ formatting

    /** Characters that would break INFO's line format, replaced as Redis's getSafeInfoString does. */
    static String safe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '#' || ch == ':' || ch == '\n' || ch == '\r') {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('_');
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? s : out.toString();
    }

    static String fmt2(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** Accumulates sections separated by a blank line, lines ended by CRLF. */
    private static final class Builder {
        final StringBuilder sb = new StringBuilder(4096);
        int sections;

        boolean section(boolean all, Set<String> wanted, String name, String title) {
            if (!all && !wanted.contains(name)) {
                return false;
            }
            header(title);
            return true;
        }

        void header(String title) {
            if (sections++ > 0) {
                sb.append("\r\n");
            }
            sb.append("# ").append(title).append("\r\n");
        }

        void field(String name, String value) {
            sb.append(name).append(':').append(value).append("\r\n");
        }

        void field(String name, long value) {
            sb.append(name).append(':').append(value).append("\r\n");
        }
    }
}
