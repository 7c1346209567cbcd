package io.redoubt.server.persist.aof;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;

import java.io.IOException;

/** BGREWRITEAOF. */
public final class AofCommands {
    private AofCommands() {
    }

    public static void register(CommandTable t) {
        t.add("bgrewriteaof", 1, "admin noscript no_async_loading", AofCommands::bgrewriteaof).group("server")
                .since("1.0.0").acl("@admin @slow @dangerous")
                .doc("Asynchronously rewrites the append-only file to disk.", "O(1)", "");
    }

    /* BGREWRITEAOF */
    static void bgrewriteaof(Client c, CommandArgs a) {
        AppendOnlyLog aof = c.server().aof();
        if (aof.rewriteInProgress()) {
            throw new CommandError("ERR Background append only file rewriting already in progress");
        }
        if (c.server().dispatcher().insideTransaction()) {
            aof.scheduleRewrite();
            c.reply().simple("Background append only file rewriting scheduled");
            return;
        }
        try {
            if (aof.startRewrite()) {
                c.reply().simple("Background append only file rewriting started");
            } else {
                aof.scheduleRewrite();
                c.reply().simple("Background append only file rewriting scheduled");
            }
        } catch (IOException | RuntimeException e) {
            c.server().log().warning("Can't rewrite append only file in background: " + e.getMessage());
            throw new CommandError("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");
        }
    }
}
