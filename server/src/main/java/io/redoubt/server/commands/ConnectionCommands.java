package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.RedoubtServer;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;

/** Connection commands: PING, ECHO, QUIT, AUTH, HELLO, SELECT, RESET. */
public final class ConnectionCommands {
    private ConnectionCommands() {
    }

    public static void register(CommandTable t) {
        t.add("ping", -1, "fast sentinel allow_in_subscribe", ConnectionCommands::ping).group("connection")
                .tips("request_policy:all_shards response_policy:all_succeeded")
                .doc("Returns the server's liveliness response.", "O(1)", "[message]");
        t.add("echo", 2, "loading stale fast", ConnectionCommands::echo).group("connection")
                .doc("Returns the given string.", "O(1)", "message");
        t.add("quit", -1, "allow_busy no_auth fast noscript loading stale allow_in_subscribe", ConnectionCommands::quit)
                .group("connection").doc("Closes the connection.", "O(1)", "");
        t.add("auth", -2, "noscript loading stale fast no_auth sentinel allow_busy", ConnectionCommands::auth)
                .group("connection").since("1.0.0")
                .doc("Authenticates the connection.", "O(N) where N is the number of passwords defined for the user", "[username] password");
        t.add("hello", -1, "noscript loading stale fast no_auth sentinel allow_busy", ConnectionCommands::hello)
                .group("connection").since("6.0.0")
                .doc("Handshakes with the Redis server.", "O(1)", "[protover [AUTH username password] [SETNAME clientname]]");
        t.add("select", 2, "loading stale fast", ConnectionCommands::select).group("connection")
                .doc("Changes the selected database.", "O(1)", "index");
        t.add("reset", 1, "noscript loading stale fast no_auth allow_busy allow_in_subscribe", ConnectionCommands::reset)
                .group("connection").since("6.2.0").doc("Resets the connection.", "O(1)", "");
    }

    /* PING [message] */
    static void ping(Client c, CommandArgs a) {
        Reply r = c.reply();
        if (a.count() > 2) {
            throw new CommandError("ERR wrong number of arguments for 'ping' command");
        }
        if (c.protocol() == 2 && c.subscriptionCount() > 0) {
            r.array(2);
            r.bulk("pong");
            if (a.count() == 2) {
                r.bulk(a.buf(), a.offset(1), a.length(1));
            } else {
                r.bulk("");
            }
        } else if (a.count() == 1) {
            r.pong();
        } else {
            r.bulk(a.buf(), a.offset(1), a.length(1));
        }
    }

    /* ECHO message */
    static void echo(Client c, CommandArgs a) {
        c.reply().bulk(a.buf(), a.offset(1), a.length(1));
    }

    /* QUIT */
    static void quit(Client c, CommandArgs a) {
        c.reply().enabled(true);
        c.reply().ok();
        c.closeAfterReply();
    }

    /* AUTH [username] password */
    static void auth(Client c, CommandArgs a) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        String user = a.count() == 3 ? a.string(1) : "default";
        String pass = a.string(a.count() - 1);
        if (a.count() == 2 && !c.server().authRequired()) {
            throw new CommandError("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
        }
        if (!checkPassword(c, user, pass)) {
            throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        c.authenticated(true);
        c.reply().ok();
    }

    private static boolean checkPassword(Client c, String user, String pass) {
        if (!user.equals("default")) {
            return false;
        }
        String required = c.server().requirePass();
        return required.isEmpty() || java.security.MessageDigest.isEqual(
                required.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                pass.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /* HELLO [protover [AUTH username password] [SETNAME clientname]] */
    static void hello(Client c, CommandArgs a) {
        int proto = c.protocol();
        int i = 1;
        if (a.count() >= 2) {
            long v = Arguments.longArg(a, 1, new CommandError("ERR Protocol version is not an integer or out of range"));
            if (v < 2 || v > 3) {
                throw new CommandError("NOPROTO unsupported protocol version");
            }
            proto = (int) v;
            i = 2;
        }
        String setName = null;
        for (; i < a.count(); i++) {
            int left = a.count() - i - 1;
            if (a.is(i, "AUTH") && left >= 2) {
                if (!checkPassword(c, a.string(i + 1), a.string(i + 2))) {
                    throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
                }
                c.authenticated(true);
                i += 2;
            } else if (a.is(i, "SETNAME") && left >= 1) {
                setName = a.string(i + 1);
                if (!ClientCommands.validName(setName)) {
                    throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
                }
                i++;
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '" + a.string(i) + "'");
            }
        }
        if (!c.authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
        }
        if (setName != null) {
            c.name(setName);
        }
        c.reply().protocol(proto);
        Reply r = c.reply();
        r.map(7);
        r.bulk("server");
        r.bulk("redis");
        r.bulk("version");
        r.bulk(RedoubtServer.VERSION);
        r.bulk("proto");
        r.integer(proto);
        r.bulk("id");
        r.integer(c.id());
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk(c.server().role());
        r.bulk("modules");
        r.array(0);
    }

    /* SELECT index */
    static void select(Client c, CommandArgs a) {
        long idx = Arguments.longArg(a, 1);
        if (idx < 0 || idx >= c.server().keyspace().count()) {
            throw CommandError.DB_INDEX;
        }
        c.select((int) idx);
        c.reply().ok();
    }

    /* RESET */
    static void reset(Client c, CommandArgs a) {
        c.resetState();
        c.reply().simple("RESET");
    }
}
