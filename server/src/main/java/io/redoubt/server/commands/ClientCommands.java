package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

/** CLIENT and its subcommands. */
public final class ClientCommands {
    private ClientCommands() {
    }

    public static void register(CommandTable t) {
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
