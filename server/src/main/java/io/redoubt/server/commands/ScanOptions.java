package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.net.Reply;
import io.redoubt.server.util.Glob;

/** The {@code [MATCH pattern] [COUNT count]} options of HSCAN, SSCAN and ZSCAN; a "*" pattern is no pattern. */
record ScanOptions(long count, byte[] pattern) {
    /** The reply to a scan of a missing key, which Redis gives before it looks at the options. */
    static void replyMissingKey(Reply r) {
        r.array(2);
        r.bulk("0");
        r.array(0);
    }

    static ScanOptions parse(CommandArgs a, int from) {
        long count = 10;
        byte[] pattern = null;
        for (int i = from; i < a.count(); i++) {
            boolean hasValue = i + 1 < a.count();
            if (a.is(i, "COUNT") && hasValue) {
                count = Arguments.longArg(a, ++i);
                if (count < 1) {
                    throw CommandError.SYNTAX;
                }
            } else if (a.is(i, "MATCH") && hasValue) {
                pattern = a.bytes(++i);
                if (Glob.matchesAll(pattern)) {
                    pattern = null;
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new ScanOptions(count, pattern);
    }
}
