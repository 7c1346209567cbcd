package io.redoubt.server.commands;

import io.redoubt.server.command.CommandTable;

public final class BitCommands {
    private BitCommands() {
    }

    public static void register(CommandTable t) {
    }
}
