package io.redoubt.server.command;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the command table: everything the server knows about a command (arity, flags, key
 * positions, documentation) and its running statistics. Built once at start through {@link CommandTable}.
 */
public final class CommandSpec {
    /** Finds the keys of commands whose key positions are not a fixed range (movablekeys). */
    @FunctionalInterface
    public interface KeyFinder {
        /** Returns the argument indexes that are keys. */
        int[] keys(io.redoubt.resp.CommandArgs args);
    }

    final String name;
    final String fullName;
    final int arity;
    final long flags;
    final CommandHandler handler;
    final CommandSpec parent;
    final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    /** Lower-case name bytes, for allocation-free look-up. */
    final byte[] nameBytes;

    int firstKey;
    int lastKey;
    int keyStep;
    KeyFinder keyFinder;
    String group = "generic";
    String since = "1.0.0";
    String summary = "";
    String complexity = "";
    String syntax = "";
    String aclCategories = "";
    String tips = "";
    String keySpecFlags = "";
    String[] keySpecNotes = new String[0];
    int keyNumIndex;

    // Statistics, written only by the keyspace thread.
    public long calls;
    public long microseconds;
    public long rejectedCalls;
    public long failedCalls;
    /** Per-command latency in microseconds, for LATENCY HISTOGRAM and INFO latencystats. */
    public final Histogram latency = new Histogram(1, 10_000_000_000L, 2);

    CommandSpec(String name, int arity, long flags, CommandHandler handler, CommandSpec parent) {
        this.name = name;
        this.fullName = parent == null ? name : parent.name + "|" + name;
        this.arity = arity;
        this.flags = flags;
        this.handler = handler;
        this.parent = parent;
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public String name() {
        return name;
    }

    /** "get", or "config|get" for a subcommand. */
    public String fullName() {
        return fullName;
    }

    public int arity() {
        return arity;
    }

    public long flags() {
        return flags;
    }

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    public CommandHandler handler() {
        return handler;
    }

    public CommandSpec parent() {
        return parent;
    }

    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public KeyFinder keyFinder() {
        return keyFinder;
    }

    public String group() {
        return group;
    }

    public String since() {
        return since;
    }

    public String summary() {
        return summary;
    }

    public String complexity() {
        return complexity;
    }

    /** Argument syntax as the Redis documentation writes it: {@code key value [NX | XX] [GET]}. */
    public String syntax() {
        return syntax;
    }

    /** Extra ACL categories beyond those derived from flags and group, space separated ("@dangerous"). */
    public String aclCategories() {
        return aclCategories;
    }

    /** Command tips of COMMAND INFO, space separated ("nondeterministic_output request_policy:all_shards"). */
    public String tips() {
        return tips;
    }

    /** Key specification flags ("RW access update"), or empty to derive them from the command's flags. */
    public String keySpecFlags() {
        return keySpecFlags;
    }

    /** For commands whose keys follow a count argument (EVAL, ZUNION…): that argument's index, else 0. */
    public int keyNumIndex() {
        return keyNumIndex;
    }

    /** Whether the argument count fits the arity (positive: exact; negative: at least). */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public void resetStats() {
        calls = 0;
        microseconds = 0;
        rejectedCalls = 0;
        failedCalls = 0;
        latency.reset();
    }

    // ------------------------------------------------------------------ fluent set-up, used at registration

    public CommandSpec keys(int first, int last, int step) {
        this.firstKey = first;
        this.lastKey = last;
        this.keyStep = step;
        return this;
    }

    public CommandSpec keyFinder(KeyFinder finder) {
        this.keyFinder = finder;
        return this;
    }

    public CommandSpec group(String group) {
        this.group = group;
        return this;
    }

    public CommandSpec since(String since) {
        this.since = since;
        return this;
    }

    /**
     * Documentation: a one-line summary, the time complexity, and the argument syntax as in the Redis
     * docs (COMMAND DOCS and redis-cli's hints are derived from it).
     */
    public CommandSpec doc(String summary, String complexity, String syntax) {
        this.summary = summary;
        this.complexity = complexity;
        this.syntax = syntax;
        return this;
    }

    public CommandSpec acl(String categories) {
        this.aclCategories = categories;
        return this;
    }

    public CommandSpec tips(String tips) {
        this.tips = tips;
        return this;
    }

    public CommandSpec keySpecFlags(String flags) {
        this.keySpecFlags = flags;
        return this;
    }

    /** COMMAND INFO's "notes" of the key specs, in spec order; empty strings for specs without notes. */
    public CommandSpec keySpecNotes(String... notes) {
        this.keySpecNotes = notes;
        return this;
    }

    public String[] keySpecNotes() {
        return keySpecNotes;
    }

    /**
     * Keys are given by a count at {@code index} followed by that many keys (Redis's "keynum" key spec);
     * a {@link #keyFinder} should be set as well for dispatch-time key extraction.
     */
    public CommandSpec keyNum(int index) {
        this.keyNumIndex = index;
        return this;
    }

    /** Adds a subcommand ("config get"); the container's own handler is not called for known ones. */
    public CommandSpec sub(String name, int arity, String flags, CommandHandler handler) {
        CommandSpec s = new CommandSpec(name, arity, CommandFlags.parse(flags), handler, this);
        s.group = this.group;
        s.since = this.since;
        subcommands.put(name, s);
        return s;
    }

    @Override
    public String toString() {
        return fullName;
    }
}
