package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CLIENT and its subcommands (Redis's networking.c clientCommand).
 *
 * <p>MULTI state is not shown (multi=-1, no 'x' flag) until the transaction code exposes its queue length.
 *
 * <p>Client-side caching is not implemented: TRACKING OFF, GETREDIR, TRACKINGINFO and CACHING answer as
 * Redis does for a client whose tracking is off; TRACKING ON checks its options as Redis does and then
 * refuses with an error, so that a client library learns at once that invalidation messages will not come.
 */
public final class ClientCommands {
    /** Client classes of CLIENT LIST TYPE, CLIENT KILL TYPE and client-output-buffer-limit. */
    static final int TYPE_NORMAL = 0;
    static final int TYPE_REPLICA = 1;
    static final int TYPE_PUBSUB = 2;
    static final int TYPE_MASTER = 3;

    private static final CommandError NO_SUCH_CLIENT = new CommandError("ERR No such client");

    private ClientCommands() {
    }

    public static void register(CommandTable t) {
        CommandSpec client = t.container("client", "sentinel").group("connection").since("2.4.0")
                .doc("A container for client connection commands.", "Depends on subcommand.", "");
        client.sub("caching", 3, "noscript loading stale sentinel", ClientCommands::caching).since("6.0.0")
                .doc("Instructs the server whether to track the keys in the next request.", "O(1)", "<YES | NO>");
        client.sub("getname", 2, "noscript loading stale sentinel", ClientCommands::getname).since("2.6.9")
                .doc("Returns the name of the connection.", "O(1)", "");
        client.sub("getredir", 2, "noscript loading stale sentinel", ClientCommands::getredir).since("6.0.0")
                .doc("Returns the client ID to which the connection's tracking notifications are redirected.", "O(1)", "");
        client.sub("help", 2, "loading stale sentinel", ClientCommands::help).since("5.0.0")
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
        client.sub("id", 2, "noscript loading stale sentinel", ClientCommands::id).since("5.0.0")
                .doc("Returns the unique client ID of the connection.", "O(1)", "");
        client.sub("info", 2, "noscript loading stale sentinel", ClientCommands::info).since("6.2.0")
                .doc("Returns information about the connection.", "O(1)", "");
        client.sub("kill", -3, "admin noscript loading stale sentinel", ClientCommands::kill).since("2.4.0")
                .doc("Terminates open connections.", "O(N) where N is the number of client connections",
                        "<ip:port | <[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME <YES | NO>] | [MAXAGE maxage]> [[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME <YES | NO>] | [MAXAGE maxage] ...]>");
        client.sub("list", -2, "admin noscript loading stale sentinel", ClientCommands::list).since("2.4.0")
                .doc("Lists open connections.", "O(N) where N is the number of client connections",
                        "[TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]");
        client.sub("no-evict", 3, "admin noscript loading stale sentinel", ClientCommands::noEvict).since("7.0.0")
                .doc("Sets the client eviction mode of the connection.", "O(1)", "<ON | OFF>");
        client.sub("no-touch", 3, "noscript loading stale", ClientCommands::noTouch).since("7.2.0")
                .doc("Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", "O(1)", "<ON | OFF>");
        client.sub("pause", -3, "admin noscript loading stale sentinel", ClientCommands::pause).since("3.0.0")
                .doc("Suspends commands processing.", "O(1)", "timeout [WRITE | ALL]");
        client.sub("reply", 3, "noscript loading stale sentinel", ClientCommands::reply).since("3.2.0")
                .doc("Instructs the server whether to reply to commands.", "O(1)", "<ON | OFF | SKIP>");
        client.sub("setinfo", 4, "noscript loading stale sentinel", ClientCommands::setinfo).since("7.2.0")
                .doc("Sets information specific to the client or connection.", "O(1)", "<LIB-NAME libname | LIB-VER libver>");
        client.sub("setname", 3, "noscript loading stale sentinel", ClientCommands::setname).since("2.6.9")
                .doc("Sets the connection name.", "O(1)", "connection-name");
        client.sub("tracking", -3, "noscript loading stale sentinel", ClientCommands::tracking).since("6.0.0")
                .doc("Controls server-assisted client-side caching for the connection.",
                        "O(1). Some options may introduce additional complexity.",
                        "<ON | OFF> [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]");
        client.sub("trackinginfo", 2, "noscript loading stale sentinel", ClientCommands::trackinginfo).since("6.2.0")
                .doc("Returns information about server-assisted client-side caching for the connection.", "O(1)", "");
        client.sub("unblock", -3, "admin noscript loading stale sentinel", ClientCommands::unblock).since("5.0.0")
                .doc("Unblocks a client blocked by a blocking command from a different connection.",
                        "O(log N) where N is the number of client connections", "client-id [TIMEOUT | ERROR]");
        client.sub("unpause", 2, "admin noscript loading stale sentinel", ClientCommands::unpause).since("6.2.0")
                .doc("Resumes processing commands from paused clients.", "O(N) Where N is the number of paused clients", "");
    }

    /* CLIENT HELP */
    static void help(Client c, CommandArgs a) {
        HelpReply.reply(c, "CLIENT",
                "CACHING (YES|NO)",
                "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                "GETREDIR",
                "    Return the client ID we are redirecting to when tracking is enabled.",
                "GETNAME",
                "    Return the name of the current connection.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are:",
                "    * ADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made from the specified address",
                "    * LADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made to specified local address",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Kill connections by type.",
                "    * USER <username>",
                "      Kill connections authenticated by <username>.",
                "    * SKIPME (YES|NO)",
                "      Skip killing current connection (default: yes).",
                "    * ID <client-id>",
                "      Kill connections by client id.",
                "    * MAXAGE <maxage>",
                "      Kill connections older than the specified age.",
                "LIST [options ...]",
                "    Return information about client connections. Options:",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Return clients of specified type.",
                "UNPAUSE",
                "    Stop the current client pause, resuming traffic.",
                "PAUSE <timeout> [WRITE|ALL]",
                "    Suspend all, or just write, clients for <timeout> milliseconds.",
                "REPLY (ON|OFF|SKIP)",
                "    Control the replies sent to the current connection.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "SETINFO <option> <value>",
                "    Set client meta attr. Options are:",
                "    * LIB-NAME: the client lib name.",
                "    * LIB-VER: the client lib version.",
                "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                "    Unblock the specified blocked client.",
                "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                "         [OPTIN] [OPTOUT] [NOLOOP]",
                "    Control server assisted client side caching.",
                "TRACKINGINFO",
                "    Report tracking status for the current connection.",
                "NO-EVICT (ON|OFF)",
                "    Protect current client connection from eviction.",
                "NO-TOUCH (ON|OFF)",
                "    Will not touch LRU/LFU stats when this mode is on.");
    }

    /* CLIENT ID */
    static void id(Client c, CommandArgs a) {
        c.reply().integer(c.id());
    }

    /* CLIENT SETNAME connection-name */
    static void setname(Client c, CommandArgs a) {
        String name = a.string(2);
        if (!validName(name)) {
            throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
        }
        c.name(name);
        c.reply().ok();
    }

    /* CLIENT GETNAME */
    static void getname(Client c, CommandArgs a) {
        if (c.name().isEmpty()) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(c.name());
        }
    }

    /* CLIENT SETINFO <LIB-NAME libname | LIB-VER libver> */
    static void setinfo(Client c, CommandArgs a) {
        String attr = a.string(2);
        boolean libName = a.is(2, "lib-name");
        if (!libName && !a.is(2, "lib-ver")) {
            throw new CommandError("ERR Unrecognized option '" + attr + "'");
        }
        String value = a.string(3);
        if (!validName(value)) {
            throw new CommandError("ERR " + attr + " cannot contain spaces, newlines or special characters.");
        }
        if (libName) {
            c.libName(value);
        } else {
            c.libVersion(value);
        }
        c.reply().ok();
    }

    /* CLIENT INFO */
    static void info(Client c, CommandArgs a) {
        StringBuilder sb = new StringBuilder(256);
        appendInfo(sb, c, c, "client|info");
        sb.append('\n');
        c.reply().verbatim(sb.toString());
    }

    /* CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]] */
    static void list(Client c, CommandArgs a) {
        Server server = c.server();
        StringBuilder sb = new StringBuilder(256 * Math.max(1, server.clients().size()));
        if (a.count() == 4 && a.is(2, "type")) {
            int type = typeByName(a.string(3));
            if (type < 0) {
                throw new CommandError("ERR Unknown client type '" + a.string(3) + "'");
            }
            for (Client other : server.clients()) {
                if (typeOf(other) == type) {
                    appendInfo(sb, other, c, "client|list").append('\n');
                }
            }
        } else if (a.count() > 3 && a.is(2, "id")) {
            for (int i = 3; i < a.count(); i++) {
                long id = Arguments.longArg(a, i, new CommandError("ERR Invalid client ID"));
                Client other = server.client(id);
                if (other != null) {
                    appendInfo(sb, other, c, "client|list").append('\n');
                }
            }
        } else if (a.count() != 2) {
            throw CommandError.SYNTAX;
        } else {
            for (Client other : server.clients()) {
                appendInfo(sb, other, c, "client|list").append('\n');
            }
        }
        c.reply().verbatim(sb.toString());
    }

    /**
     * CLIENT KILL ip:port
     * CLIENT KILL <[ID client-id] | [TYPE type] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME yes/no] | [MAXAGE maxage]> ...
     */
    static void kill(Client c, CommandArgs a) {
        String addr = null;
        String laddr = null;
        String user = null;
        int type = -1;
        long id = 0;
        long maxAge = 0;
        boolean skipMe = true;
        if (a.count() == 3) {
            addr = a.string(2);
            // With the old form a client may kill itself.
            skipMe = false;
        } else {
            for (int i = 2; i < a.count(); i += 2) {
                boolean more = i + 1 < a.count();
                if (a.is(i, "id") && more) {
                    id = Arguments.longArg(a, i + 1, new CommandError("ERR client-id should be greater than 0"));
                    if (id < 1) {
                        throw new CommandError("ERR client-id should be greater than 0");
                    }
                } else if (a.is(i, "type") && more) {
                    type = typeByName(a.string(i + 1));
                    if (type < 0) {
                        throw new CommandError("ERR Unknown client type '" + a.string(i + 1) + "'");
                    }
                } else if (a.is(i, "addr") && more) {
                    addr = a.string(i + 1);
                } else if (a.is(i, "laddr") && more) {
                    laddr = a.string(i + 1);
                } else if (a.is(i, "user") && more) {
                    user = a.string(i + 1);
                    if (!userExists(c.server(), user)) {
                        throw new CommandError("ERR No such user '" + user + "'");
                    }
                } else if (a.is(i, "skipme") && more) {
                    if (a.is(i + 1, "yes")) {
                        skipMe = true;
                    } else if (a.is(i + 1, "no")) {
                        skipMe = false;
                    } else {
                        throw CommandError.SYNTAX;
                    }
                } else if (a.is(i, "maxage") && more) {
                    maxAge = Arguments.longArg(a, i + 1, new CommandError("ERR maxage is not an integer or out of range"));
                    if (maxAge <= 0) {
                        throw new CommandError("ERR maxage should be greater than 0");
                    }
                } else {
                    throw CommandError.SYNTAX;
                }
            }
        }
        long nowSeconds = c.server().now() / 1000;
        List<Client> victims = new ArrayList<>();
        boolean killSelf = false;
        for (Client other : c.server().clients()) {
            if (addr != null && !addr.equals(other.addr())) {
                continue;
            }
            if (laddr != null && !laddr.equals(other.laddr())) {
                continue;
            }
            if (type >= 0 && typeOf(other) != type) {
                continue;
            }
            if (id != 0 && other.id() != id) {
                continue;
            }
            if (user != null && !user.equals(other.user())) {
                continue;
            }
            if (maxAge != 0 && nowSeconds - other.createdMs() / 1000 < maxAge) {
                continue;
            }
            if (other == c) {
                if (skipMe) {
                    continue;
                }
                killSelf = true;
            } else {
                victims.add(other);
            }
        }
        for (Client v : victims) {
            v.kill();
        }
        int killed = victims.size() + (killSelf ? 1 : 0);
        if (a.count() == 3) {
            if (killed == 0) {
                throw NO_SUCH_CLIENT;
            }
            c.reply().ok();
        } else {
            c.reply().integer(killed);
        }
        if (killSelf) {
            // After the reply is queued, as Redis does, so that the caller still reads it.
            c.closeAfterReply();
        }
    }

    /** Only the default user exists until ACL users do; a user some connection is logged in as exists too. */
    private static boolean userExists(Server server, String user) {
        if (user.equals("default")) {
            return true;
        }
        for (Client other : server.clients()) {
            if (user.equals(other.user())) {
                return true;
            }
        }
        return false;
    }

    /* CLIENT REPLY <ON | OFF | SKIP> */
    static void reply(Client c, CommandArgs a) {
        Reply r = c.reply();
        if (a.is(2, "on")) {
            c.replyMode(Client.ReplyMode.ON);
            r.enabled(true);
            r.ok();
        } else if (a.is(2, "off")) {
            c.replyMode(Client.ReplyMode.OFF);
            r.enabled(false);
        } else if (a.is(2, "skip")) {
            if (c.replyMode() != Client.ReplyMode.OFF) {
                c.skipNextReply();
            }
            r.enabled(false);
        } else {
            throw CommandError.SYNTAX;
        }
    }

    /* CLIENT NO-EVICT <ON | OFF> */
    static void noEvict(Client c, CommandArgs a) {
        c.noEvict(onOff(a, 2));
        c.reply().ok();
    }

    /* CLIENT NO-TOUCH <ON | OFF> */
    static void noTouch(Client c, CommandArgs a) {
        c.noTouch(onOff(a, 2));
        c.reply().ok();
    }

    private static boolean onOff(CommandArgs a, int i) {
        if (a.is(i, "on")) {
            return true;
        }
        if (a.is(i, "off")) {
            return false;
        }
        throw CommandError.SYNTAX;
    }

    /* CLIENT PAUSE timeout [WRITE | ALL] */
    static void pause(Client c, CommandArgs a) {
        if (a.count() > 4) {
            throw new CommandError("ERR wrong number of arguments for 'client|pause' command");
        }
        boolean writesOnly = false;
        if (a.count() == 4) {
            if (a.is(3, "write")) {
                writesOnly = true;
            } else if (!a.is(3, "all")) {
                throw new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        long timeout = Arguments.longArg(a, 2, new CommandError("ERR timeout is not an integer or out of range"));
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long now = c.server().now();
        if (timeout > Long.MAX_VALUE - now) {
            throw new CommandError("ERR timeout is out of range");
        }
        if (timeout > 0) {
            c.server().pauses().pause(now + timeout, writesOnly);
        }
        c.reply().ok();
    }

    /* CLIENT UNPAUSE */
    static void unpause(Client c, CommandArgs a) {
        c.server().pauses().unpause();
        c.reply().ok();
    }

    /* CLIENT UNBLOCK client-id [TIMEOUT | ERROR] */
    static void unblock(Client c, CommandArgs a) {
        if (a.count() > 4) {
            throw new CommandError("ERR wrong number of arguments for 'client|unblock' command");
        }
        if (a.count() == 4 && !a.is(3, "timeout") && !a.is(3, "error")) {
            throw new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
        }
        long id = Arguments.longArg(a, 2);
        Client target = c.server().client(id);
        boolean error = a.count() == 4 && a.is(3, "error");
        boolean done = target != null && target.blocked() && c.server().blocking().unblockByRequest(target, error);
        c.reply().integer(done ? 1 : 0);
    }

    /* CLIENT TRACKING <ON | OFF> [REDIRECT client-id] [PREFIX prefix ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP] */
    static void tracking(Client c, CommandArgs a) {
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        int prefixes = 0;
        for (int j = 3; j < a.count(); j++) {
            boolean more = j + 1 < a.count();
            if (a.is(j, "redirect") && more) {
                j++;
                if (redirect != 0) {
                    throw new CommandError("ERR A client can only redirect to a single other client");
                }
                redirect = Arguments.longArg(a, j);
                if (c.server().client(redirect) == null) {
                    throw new CommandError("ERR The client ID you want redirect to does not exist");
                }
            } else if (a.is(j, "bcast")) {
                bcast = true;
            } else if (a.is(j, "optin")) {
                optin = true;
            } else if (a.is(j, "optout")) {
                optout = true;
            } else if (a.is(j, "noloop")) {
                continue;
            } else if (a.is(j, "prefix") && more) {
                j++;
                prefixes++;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (a.is(2, "on")) {
            if (!bcast && prefixes > 0) {
                throw new CommandError("ERR PREFIX option requires BCAST mode to be enabled");
            }
            if (bcast && (optin || optout)) {
                throw new CommandError("ERR OPTIN and OPTOUT are not compatible with BCAST");
            }
            if (optin && optout) {
                throw new CommandError("ERR You can't specify both OPTIN mode and OPTOUT mode");
            }
            throw new CommandError("ERR client-side caching (CLIENT TRACKING) is not supported by this server");
        } else if (a.is(2, "off")) {
            c.reply().ok();
        } else {
            throw CommandError.SYNTAX;
        }
    }

    /* CLIENT CACHING <YES | NO> */
    static void caching(Client c, CommandArgs a) {
        throw new CommandError("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled");
    }

    /* CLIENT GETREDIR */
    static void getredir(Client c, CommandArgs a) {
        c.reply().integer(-1);
    }

    /* CLIENT TRACKINGINFO */
    static void trackinginfo(Client c, CommandArgs a) {
        Reply r = c.reply();
        r.map(3);
        r.bulk("flags");
        r.set(1);
        r.bulk("off");
        r.bulk("redirect");
        r.integer(-1);
        r.bulk("prefixes");
        r.array(0);
    }

    // ------------------------------------------------------------------ client description

    /** The class of a client for LIST TYPE and KILL TYPE, as Redis's getClientType. */
    static int typeOf(Client c) {
        // MONITOR clients are replicas inside Redis, but shown as normal clients.
        return c.subscriptionCount() > 0 ? TYPE_PUBSUB : TYPE_NORMAL;
    }

    static int typeByName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> TYPE_NORMAL;
            case "slave", "replica" -> TYPE_REPLICA;
            case "pubsub" -> TYPE_PUBSUB;
            case "master" -> TYPE_MASTER;
            default -> -1;
        };
    }

    /**
     * Appends one CLIENT LIST line (without the newline) in Redis 7.2's field order. {@code caller} is the
     * client running the command: its current command is the one shown, as Redis sets lastcmd before
     * executing.
     */
    static StringBuilder appendInfo(StringBuilder sb, Client cl, Client caller, String callerCommand) {
        long nowSeconds = cl.server().now() / 1000;
        int qbuf = cl.queryBufferLength();
        int qbufFree = cl.queryBufferFree();
        long argvMem = 0;
        if (cl == caller) {
            CommandArgs args = cl.currentArgs();
            for (int i = 0; i < args.count(); i++) {
                argvMem += args.length(i);
            }
        }
        int rbs = cl.replyBufferSize();
        long omem = cl.outputBufferBytes();
        long totMem = qbuf + qbufFree + argvMem + rbs + omem + CLIENT_STRUCT_BYTES;
        String cmd = cl == caller ? callerCommand : cl.lastCommand() == null ? "NULL" : cl.lastCommand().fullName();
        sb.append("id=").append(cl.id())
                .append(" addr=").append(cl.addr())
                .append(" laddr=").append(cl.laddr())
                .append(" fd=").append(fd(cl))
                .append(" name=").append(cl.name())
                .append(" age=").append(nowSeconds - cl.createdMs() / 1000)
                .append(" idle=").append(Math.max(0, nowSeconds - cl.lastInteractionMs() / 1000))
                .append(" flags=").append(flags(cl))
                .append(" db=").append(cl.dbIndex())
                .append(" sub=").append(cl.channelCount())
                .append(" psub=").append(cl.patternCount())
                .append(" ssub=").append(cl.shardChannelCount())
                .append(" multi=-1")
                .append(" qbuf=").append(qbuf)
                .append(" qbuf-free=").append(qbufFree)
                .append(" argv-mem=").append(argvMem)
                .append(" multi-mem=0")
                .append(" rbs=").append(rbs)
                .append(" rbp=").append(rbs)
                .append(" obl=").append(cl.reply().pendingBytes())
                .append(" oll=0")
                .append(" omem=").append(omem)
                .append(" tot-mem=").append(totMem)
                .append(" events=").append(omem > 0 ? "rw" : "r")
                .append(" cmd=").append(cmd)
                .append(" user=").append(cl.user())
                .append(" redir=-1")
                .append(" resp=").append(cl.protocol())
                .append(" lib-name=").append(cl.libName())
                .append(" lib-ver=").append(cl.libVersion());
        return sb;
    }

    /** Heap the server keeps per connection besides its buffers: the client, parser, argument tables. */
    private static final long CLIENT_STRUCT_BYTES = 1920;

    private static String flags(Client cl) {
        StringBuilder f = new StringBuilder(4);
        if (cl.monitor()) {
            f.append('O');
        }
        if (cl.subscriptionCount() > 0) {
            f.append('P');
        }
        if (cl.blocked()) {
            f.append('b');
        }
        if (cl.closing()) {
            f.append('c');
        }
        if (cl.noEvict()) {
            f.append('e');
        }
        if (cl.noTouch()) {
            f.append('T');
        }
        return f.isEmpty() ? "N" : f.toString();
    }

    /** The socket's file descriptor when the native transport exposes it, else -1 as for Redis's fake clients. */
    private static int fd(Client cl) {
        if (cl.channel() instanceof io.netty.channel.unix.UnixChannel u) {
            return u.fd().intValue();
        }
        return -1;
    }

    /** Client names, library names and versions may not contain spaces, newlines or other special characters. */
    static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '!' || ch > '~') {
                return false;
            }
        }
        return true;
    }
}
