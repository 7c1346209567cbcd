package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable t) {
    }
}
