package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

public final class ConfigCommands {
    private ConfigCommands() {
    }

    public static void register(CommandTable t) {
    }
}
