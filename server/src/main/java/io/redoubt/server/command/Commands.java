package io.redoubt.server.command;

import io.redoubt.server.commands.BitCommands;
import io.redoubt.server.commands.ClientCommands;
import io.redoubt.server.commands.CommandCommands;
import io.redoubt.server.commands.ConfigCommands;
import io.redoubt.server.commands.ConnectionCommands;
import io.redoubt.server.commands.KeyCommands;
import io.redoubt.server.commands.ServerCommands;
import io.redoubt.server.commands.SetCommands;
import io.redoubt.server.commands.ListCommands;
import io.redoubt.server.commands.PubSubCommands;
import io.redoubt.server.commands.StringCommands;
import io.redoubt.server.commands.TransactionCommands;

/** Every command group, registered into the table at start. */
public final class Commands {
    private Commands() {
    }

    public static void registerAll(CommandTable t) {
        ConnectionCommands.register(t);
        ClientCommands.register(t);
        ServerCommands.register(t);
        ConfigCommands.register(t);
        CommandCommands.register(t);
        KeyCommands.register(t);
        StringCommands.register(t);
        BitCommands.register(t);
        TransactionCommands.register(t);
        PubSubCommands.register(t);
        ListCommands.register(t);
        io.redoubt.server.commands.HashCommands.register(t);
        io.redoubt.server.commands.ZSetCommands.register(t);
        SetCommands.register(t);
        io.redoubt.server.commands.SortCommand.register(t);
        io.redoubt.server.persist.aof.AofCommands.register(t);
        io.redoubt.server.persist.rdb.DumpCommands.register(t);
        io.redoubt.server.persist.SnapshotCommands.register(t);
    }
}
