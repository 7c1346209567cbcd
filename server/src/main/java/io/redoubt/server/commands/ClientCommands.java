package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

public final class ClientCommands {
    private ClientCommands() {
    }

    public static void register(CommandTable t) {
    }
}
