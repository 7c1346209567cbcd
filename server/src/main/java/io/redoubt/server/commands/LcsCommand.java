package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.net.Reply;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

/**
 * LCS (registered in {@link StringCommands}): the longest common subsequence of two string values, by
 * the same dynamic programme as Redis, so that among equally long answers the same one is chosen and the
 * same match ranges are reported.
 */
final class LcsCommand {
    private static final CommandError NOT_STRINGS = new CommandError("ERR The specified keys must contain string values");
    private static final CommandError LEN_AND_IDX =
            new CommandError("ERR If you want both the length and indexes, please just use IDX.");
    private static final CommandError TABLE_TOO_LARGE =
            new CommandError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
    private static final CommandError ALLOCATION_FAILED =
            new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");

    private LcsCommand() {
    }

    /* LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN] */
    static void lcs(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long refA = server.lookupRead(c, a, 1);
        if (refA != Database.NONE && db.type(refA) != ValueType.STRING) {
            throw NOT_STRINGS;
        }
        byte[] x = value(db, refA);
        long refB = server.lookupRead(c, a, 2);
        if (refB != Database.NONE && db.type(refB) != ValueType.STRING) {
            throw NOT_STRINGS;
        }
        byte[] y = value(db, refB);
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "IDX")) {
                getIdx = true;
            } else if (a.is(i, "LEN")) {
                getLen = true;
            } else if (a.is(i, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (a.is(i, "MINMATCHLEN") && i + 1 < a.count()) {
                minMatchLen = Math.max(0, Arguments.longArg(a, ++i));
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (getLen && getIdx) {
            throw LEN_AND_IDX;
        }
        int[] table = table(server, x, y);
        int alen = x.length;
        int blen = y.length;
        int width = blen + 1;
        int lcsLength = table[alen * width + blen];
        Reply reply = c.reply();
        if (getLen) {
            reply.integer(lcsLength);
            return;
        }
        // Walk back from the end of both strings, as Redis does, collecting the string and the match ranges.
        byte[] result = new byte[lcsLength];
        int[] ranges = new int[16];
        int rangeCount = 0;
        int idx = lcsLength;
        int i = alen;
        int j = blen;
        int aStart = alen;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (x[i - 1] == y[j - 1]) {
                result[idx - 1] = x[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                int matchLen = aEnd - aStart + 1;
                if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
                    if (rangeCount * 4 + 4 > ranges.length) {
                        ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
                    }
                    ranges[rangeCount * 4] = aStart;
                    ranges[rangeCount * 4 + 1] = aEnd;
                    ranges[rangeCount * 4 + 2] = bStart;
                    ranges[rangeCount * 4 + 3] = bEnd;
                    rangeCount++;
                }
                aStart = alen;
            }
        }
        if (!getIdx) {
            reply.bulk(result);
            return;
        }
        reply.map(2);
        reply.bulk("matches");
        reply.array(rangeCount);
        for (int r = 0; r < rangeCount; r++) {
            int at = r * 4;
            reply.array(withMatchLen ? 3 : 2);
            reply.array(2);
            reply.integer(ranges[at]);
            reply.integer(ranges[at + 1]);
            reply.array(2);
            reply.integer(ranges[at + 2]);
            reply.integer(ranges[at + 3]);
            if (withMatchLen) {
                reply.integer(ranges[at + 1] - ranges[at] + 1);
            }
        }
        reply.bulk("len");
        reply.integer(lcsLength);
    }

    /** LCS lengths of every pair of prefixes, indexed [i * (|y| + 1) + j]. */
    private static int[] table(Server server, byte[] x, byte[] y) {
        int alen = x.length;
        int blen = y.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * Integer.BYTES > server.protoMaxBulkLen()) {
            throw TABLE_TOO_LARGE;
        }
        if (cells > Integer.MAX_VALUE - 16) {
            throw ALLOCATION_FAILED;
        }
        int[] t;
        try {
            t = new int[(int) cells];
        } catch (OutOfMemoryError e) {
            throw ALLOCATION_FAILED;
        }
        int width = blen + 1;
        for (int i = 1; i <= alen; i++) {
            int row = i * width;
            int above = row - width;
            byte xi = x[i - 1];
            for (int j = 1; j <= blen; j++) {
                if (xi == y[j - 1]) {
                    t[row + j] = t[above + j - 1] + 1;
                } else {
                    t[row + j] = Math.max(t[above + j], t[row + j - 1]);
                }
            }
        }
        return t;
    }

    private static byte[] value(Database db, long ref) {
        if (ref == Database.NONE) {
            return new byte[0];
        }
        int length = db.valueLength(ref);
        byte[] b = new byte[length];
        db.copyValue(ref, 0, b, 0, length);
        return b;
    }
}
