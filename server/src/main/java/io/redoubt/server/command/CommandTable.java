package io.redoubt.server.command;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The command table: the single source of truth for dispatch, the generic checks, COMMAND and ACL
 * categories. Handler groups register their commands at start; the table is then only read.
 *
 * <p>Look-up hashes the request's name bytes in place, case-insensitively, into an open-addressing table,
 * so finding a command allocates nothing.
 */
public final class CommandTable {
    private final List<CommandSpec> commands = new ArrayList<>();
    private CommandSpec[] slots = new CommandSpec[0];
    private int mask;

    /** Registers a top-level command. {@code flags} are Redis's flag names, space separated. */
    public CommandSpec add(String name, int arity, String flags, CommandHandler handler) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (find(lower) != null) {
            throw new IllegalStateException("command registered twice: " + lower);
        }
        CommandSpec spec = new CommandSpec(lower, arity, CommandFlags.parse(flags), handler, null);
        commands.add(spec);
        rebuild();
        return spec;
    }

    /** Registers a container of subcommands (CONFIG, CLIENT…). */
    public CommandSpec container(String name, String flags) {
        return add(name, -2, flags, null);
    }

    private void rebuild() {
        int size = Integer.highestOneBit(Math.max(16, commands.size() * 4) - 1) << 1;
        slots = new CommandSpec[size];
        mask = size - 1;
        for (CommandSpec c : commands) {
            int h = hash(c.nameBytes, mask);
            while (slots[h] != null) {
                h = (h + 1) & mask;
            }
            slots[h] = c;
        }
    }

    public CommandSpec find(String name) {
        byte[] b = name.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return find(io.netty.buffer.Unpooled.wrappedBuffer(b), 0, b.length);
    }

    /** Finds a command by its name bytes, any case; null when unknown. */
    public CommandSpec find(ByteBuf buf, int index, int length) {
        if (slots.length == 0) {
            return null;
        }
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + lower(buf.getByte(index + i));
        }
        h = spread(h) & mask;
        for (;;) {
            CommandSpec c = slots[h];
            if (c == null) {
                return null;
            }
            if (c.nameBytes.length == length && nameEquals(c.nameBytes, buf, index)) {
                return c;
            }
            h = (h + 1) & mask;
        }
    }

    /** Finds a subcommand of {@code parent} by the name bytes given, any case. */
    public static CommandSpec findSub(CommandSpec parent, ByteBuf buf, int index, int length) {
        for (CommandSpec s : parent.subcommands.values()) {
            if (s.nameBytes.length == length && nameEquals(s.nameBytes, buf, index)) {
                return s;
            }
        }
        return null;
    }

    private static boolean nameEquals(byte[] name, ByteBuf buf, int index) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] != lower(buf.getByte(index + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] name, int mask) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + b;
        }
        return spread(h) & mask;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableList(commands);
    }

    public int size() {
        return commands.size();
    }
}
