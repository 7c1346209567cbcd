package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

public final class CommandCommands {
    private CommandCommands() {
    }

    public static void register(CommandTable t) {
    }
}
