package io.redoubt.server.command;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;

/** Runs one command for a client and writes its reply. Generic checks have been done by the dispatcher. */
@FunctionalInterface
public interface CommandHandler {
    void handle(Client client, CommandArgs args);
}
