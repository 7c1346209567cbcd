package io.redoubt.server;

import io.redoubt.server.command.CommandFlags;
import io.redoubt.server.command.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE: while a pause is in force, clients' commands (all of them, or only writes) wait unexecuted
 * and run in arrival order when it ends, by CLIENT UNPAUSE or when its time is up.
 */
public final class Pauses {
    private final Server server;
    private final List<Client> waiting = new ArrayList<>();
    private long untilMs;
    private boolean writesOnly;

    Pauses(Server server) {
        this.server = server;
    }

    public void pause(long untilMs, boolean writesOnly) {
        // A new pause extends, never shortens, the one in force; ALL wins over WRITE.
        boolean allInForce = active() && !this.writesOnly;
        if (!active() || untilMs > this.untilMs) {
            this.untilMs = untilMs;
        }
        this.writesOnly = !allInForce && writesOnly;
    }

    public boolean active() {
        return untilMs > server.now();
    }

    public boolean writesOnly() {
        return writesOnly;
    }

    public long untilMs() {
        return untilMs;
    }

    /** Whether {@code cmd} from {@code c} must wait; if so the client is queued to run it later. */
    public boolean mustWait(Client c, CommandSpec cmd) {
        if (untilMs == 0 || !active()) {
            return false;
        }
        if (writesOnly && !(cmd.has(CommandFlags.WRITE) || cmd.has(CommandFlags.MAY_REPLICATE))) {
            return false;
        }
        if (!waiting.contains(c)) {
            waiting.add(c);
        }
        c.paused = true;
        return true;
    }

    public void unpause() {
        untilMs = 0;
        List<Client> resume = new ArrayList<>(waiting);
        waiting.clear();
        for (Client c : resume) {
            c.paused = false;
            ClientConnection.resume(c);
        }
    }

    /** Ends a pause whose time is up; called from the cron. */
    void check() {
        if (untilMs != 0 && !active()) {
            unpause();
        }
    }

    void forget(Client c) {
        waiting.remove(c);
    }
}
