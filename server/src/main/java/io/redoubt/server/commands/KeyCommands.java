package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(CommandTable t) {
    }
}
