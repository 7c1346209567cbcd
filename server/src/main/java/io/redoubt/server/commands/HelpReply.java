package io.redoubt.server.commands;

import io.redoubt.server.Client;
import io.redoubt.server.net.Reply;

import java.util.Locale;

/** The reply of {@code <CONTAINER> HELP}, as Redis's addReplyHelp writes it: status lines, header and footer. */
final class HelpReply {
    private HelpReply() {
    }

    static void reply(Client c, String command, String... lines) {
        Reply r = c.reply();
        r.array(lines.length + 3);
        r.simple(command.toUpperCase(Locale.ROOT) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            r.simple(line);
        }
        r.simple("HELP");
        r.simple("    Print this help.");
    }
}
