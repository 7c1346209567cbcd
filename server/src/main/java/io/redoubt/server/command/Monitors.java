package io.redoubt.server.command;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Clients in MONITOR mode, and the feed of executed commands they receive. */
public final class Monitors {
    private final Server server;
    private final List<Client> clients = new ArrayList<>();

    Monitors(Server server) {
        this.server = server;
    }

    public boolean active() {
        return !clients.isEmpty();
    }

    public void add(Client c) {
        if (!clients.contains(c)) {
            clients.add(c);
        }
    }

    public void remove(Client c) {
        clients.remove(c);
    }

    /** Sends {@code +<time> [<db> <addr>] "cmd" "arg"...} to every monitor, as Redis's replicationFeedMonitors does. */
    void feed(Client source, CommandArgs args) {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        StringBuilder sb = new StringBuilder();
        sb.append(micros / 1_000_000).append('.').append(String.format(Locale.ROOT, "%06d", micros % 1_000_000));
        sb.append(" [").append(source.dbIndex()).append(' ').append(source.addr()).append(']');
        for (int i = 0; i < args.count(); i++) {
            sb.append(' ');
            Quoting.appendRepr(sb, args.bytes(i));
        }
        String line = sb.toString();
        for (Client m : clients) {
            if (m != source) {
                m.reply().simple(line);
                m.flushSoon();
            }
        }
    }
}
