package io.redoubt.server.persist.rdb;

import io.redoubt.server.types.EncodingLimits;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.ValueType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads RDB streams of versions 1 to 12 (Redis 1.x to 7.4) and hands their content to an {@link RdbVisitor}.
 *
 * <p>Every value encoding Redis has written is understood: plain lists, sets, hashes and sorted sets (string
 * or binary scores), zipmap hashes, ziplist lists / hashes / sorted sets, quicklists of ziplists (v1) and of
 * listpacks (v2), intsets, listpack hashes / sorted sets / sets. Loaded collections take the encoding our
 * types choose under the given {@link EncodingLimits}. Not supported, and refused with an
 * {@link RdbFormatException}: streams, module values, hashes with field expiry (RDB 12), 7.0-rc function
 * records. Skipped with a {@link RdbVisitor#warning}: module aux data, FUNCTION2 libraries, empty keys;
 * ignored: SLOT_INFO hints (7.4 cluster mode).
 *
 * <p>Corrupt input never escapes as another exception, a hang or an out-of-memory error: every length is
 * checked against the bytes the input can still hold (see {@link RdbInput}), every compact blob is
 * validated while decoded, and the CRC-64 is verified at EOF when the file carries one.
 */
public final class RdbReader {
    private final EncodingLimits limits;
    private RdbInput in;
    private int version;
    private RdbVisitor visitor;
    private boolean payload;

    public RdbReader(EncodingLimits limits) {
        this.limits = limits;
    }

    /** Reads a whole RDB stream of unknown length; {@code source} names it in errors. */
    public void read(InputStream stream, String source, RdbVisitor visitor) throws IOException, RdbFormatException {
        read(stream, -1, source, visitor);
    }

    /**
     * Reads a whole RDB stream, stopping right after EOF and its checksum.
     *
     * @param length bytes the stream holds (a file's size), or -1 when unknown; bounds every length read
     */
    public void read(InputStream stream, long length, String source, RdbVisitor visitor)
            throws IOException, RdbFormatException {
        this.in = new RdbInput(stream, length, source);
        this.visitor = visitor;
        this.payload = false;
        readFile();
    }

    /** Bytes after the RDB's end (an AOF's tail after an RDB preamble): read ahead ones, then the stream's rest. */
    public InputStream remainder() {
        return in.remainder();
    }

    /** Byte offset reached in the input. */
    public long offset() {
        return in.offset();
    }

    /** Decodes one value (type byte then value) of a DUMP payload's body; the visitor gets no calls. */
    Object readPayloadValue(byte[] body, int len, int rdbVersion, int[] typeOut) throws RdbFormatException {
        this.in = new RdbInput(body, 0, len, "DUMP payload");
        this.version = rdbVersion;
        this.payload = true;
        this.visitor = null;
        try {
            int rdbType = in.readUnsignedByte();
            if (!isObjectType(rdbType)) {
                throw in.error("unknown value type " + rdbType);
            }
            typeOut[0] = valueType(rdbType);
            return readObject(rdbType);
        } catch (IOException impossible) {
            throw new RdbFormatException("DUMP payload", in.offset(), "read error", impossible);
        }
    }

    // ------------------------------------------------------------------ the file

    private void readFile() throws IOException, RdbFormatException {
        byte[] magic = new byte[9];
        try {
            in.readFully(magic, 0, 9);
        } catch (RdbFormatException e) {
            throw new RdbFormatException(in.source(), 0, "not an RDB file (too short)");
        }
        String m = new String(magic, StandardCharsets.ISO_8859_1);
        if (!m.startsWith("REDIS") || !m.substring(5).chars().allMatch(Character::isDigit)) {
            throw new RdbFormatException(in.source(), 0, "not an RDB file (wrong signature)");
        }
        version = Integer.parseInt(m.substring(5));
        if (version < 1 || version > RdbFormat.MAX_READ_VERSION) {
            throw new RdbFormatException(in.source(), 5, "unsupported RDB version " + version);
        }
        visitor.header(version);
        int db = 0;
        long expireAt = -1;
        int idle = -1;
        int freq = -1;
        while (true) {
            long recordOffset = in.offset();
            int op = in.readUnsignedByte();
            switch (op) {
                case RdbFormat.OPCODE_EXPIRETIME_MS -> expireAt = in.readLongLE();
                case RdbFormat.OPCODE_EXPIRETIME -> expireAt = in.readIntLE() * 1000L;
                case RdbFormat.OPCODE_IDLE -> idle = (int) Math.min(Integer.MAX_VALUE, readLength());
                case RdbFormat.OPCODE_FREQ -> freq = in.readUnsignedByte();
                case RdbFormat.OPCODE_SELECTDB -> {
                    long n = readLength();
                    if (n > Integer.MAX_VALUE) {
                        throw in.error("database number " + n + " out of range");
                    }
                    db = (int) n;
                    visitor.selectDb(db);
                }
                case RdbFormat.OPCODE_RESIZEDB -> {
                    long size = readLength();
                    long expires = readLength();
                    visitor.resizeDb(size, expires);
                }
                case RdbFormat.OPCODE_SLOT_INFO -> {
                    // A sizing hint for cluster mode's per-slot tables: ignored, as Redis does outside a cluster.
                    readLength();
                    readLength();
                    readLength();
                }
                case RdbFormat.OPCODE_AUX -> {
                    String key = new String(readString(), StandardCharsets.ISO_8859_1);
                    String value = new String(readString(), StandardCharsets.ISO_8859_1);
                    visitor.aux(key, value);
                }
                case RdbFormat.OPCODE_MODULE_AUX -> {
                    long moduleId = readLength();
                    skipModuleAux(moduleId);
                    visitor.warning("skipped module aux data of module " + moduleName(moduleId)
                            + " at offset " + recordOffset);
                }
                case RdbFormat.OPCODE_FUNCTION2 -> {
                    byte[] code = readString();
                    visitor.functionRecord(code);
                    visitor.warning("skipped a function library at offset " + recordOffset
                            + " (functions are not supported)");
                }
                case RdbFormat.OPCODE_FUNCTION_PRE_GA ->
                        throw error(recordOffset, "pre-release (7.0 rc) function records are not supported");
                case RdbFormat.OPCODE_EOF -> {
                    if (version >= 5) {
                        long computed = in.crc();
                        long stored = in.readLongLE();
                        if (stored == 0) {
                            visitor.warning("saved with checksum disabled, no check performed");
                        } else if (stored != computed) {
                            throw error(in.offset() - 8, "wrong RDB checksum (expected "
                                    + Long.toHexString(computed) + ", file has " + Long.toHexString(stored) + ")");
                        }
                    }
                    visitor.end();
                    return;
                }
                default -> {
                    if (!isObjectType(op)) {
                        throw error(recordOffset, "unknown RDB type or opcode " + op);
                    }
                    byte[] key = readString();
                    Object value = readObject(op);
                    if (value != null) {
                        visitor.entry(db, key, valueType(op), value, expireAt, idle, freq);
                    } else {
                        visitor.warning("skipped empty key at offset " + recordOffset);
                    }
                    expireAt = -1;
                    idle = -1;
                    freq = -1;
                }
            }
        }
    }

    private RdbFormatException error(long offset, String what) {
        return new RdbFormatException(in.source(), offset, what);
    }

    static boolean isObjectType(int t) {
        return (t >= 0 && t <= 7) || (t >= 9 && t <= 25);
    }

    private static int valueType(int rdbType) {
        return switch (rdbType) {
            case RdbFormat.TYPE_STRING -> ValueType.STRING;
            case RdbFormat.TYPE_LIST, RdbFormat.TYPE_LIST_ZIPLIST, RdbFormat.TYPE_LIST_QUICKLIST,
                 RdbFormat.TYPE_LIST_QUICKLIST_2 -> ValueType.LIST;
            case RdbFormat.TYPE_SET, RdbFormat.TYPE_SET_INTSET, RdbFormat.TYPE_SET_LISTPACK -> ValueType.SET;
            case RdbFormat.TYPE_ZSET, RdbFormat.TYPE_ZSET_2, RdbFormat.TYPE_ZSET_ZIPLIST,
                 RdbFormat.TYPE_ZSET_LISTPACK -> ValueType.ZSET;
            case RdbFormat.TYPE_HASH, RdbFormat.TYPE_HASH_ZIPMAP, RdbFormat.TYPE_HASH_ZIPLIST,
                 RdbFormat.TYPE_HASH_LISTPACK -> ValueType.HASH;
            default -> ValueType.STREAM;
        };
    }

    // ------------------------------------------------------------------ primitives

    long readLength() throws IOException, RdbFormatException {
        int b = in.readUnsignedByte();
        int kind = (b & 0xC0) >>> 6;
        if (kind == RdbFormat.LEN_6BIT) {
            return b & 0x3F;
        }
        if (kind == RdbFormat.LEN_14BIT) {
            return ((b & 0x3F) << 8) | in.readUnsignedByte();
        }
        if (b == RdbFormat.LEN_32BIT) {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | in.readUnsignedByte();
            }
            return v;
        }
        if (b == RdbFormat.LEN_64BIT) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | in.readUnsignedByte();
            }
            return v;
        }
        throw in.error("unexpected string encoding where a length was expected (0x" + Integer.toHexString(b) + ")");
    }

    /** A count of elements: each takes at least one byte, so it cannot exceed the bytes left. */
    private int readCount(String what) throws IOException, RdbFormatException {
        long n = readLength();
        if (n < 0 || n > in.remainingBound() || n > Integer.MAX_VALUE - 8) {
            throw in.error(what + " length " + Long.toUnsignedString(n) + " exceeds the input");
        }
        return (int) n;
    }

    byte[] readString() throws IOException, RdbFormatException {
        int b = in.readUnsignedByte();
        if ((b & 0xC0) >>> 6 == RdbFormat.ENCVAL) {
            switch (b & 0x3F) {
                case RdbFormat.ENC_INT8 -> {
                    return longBytes((byte) in.readUnsignedByte());
                }
                case RdbFormat.ENC_INT16 -> {
                    int v = in.readUnsignedByte() | in.readUnsignedByte() << 8;
                    return longBytes((short) v);
                }
                case RdbFormat.ENC_INT32 -> {
                    return longBytes(in.readIntLE());
                }
                case RdbFormat.ENC_LZF -> {
                    long clen = readLength();
                    long len = readLength();
                    if (clen > in.remainingBound() || clen > Integer.MAX_VALUE - 16) {
                        throw in.error("compressed length " + Long.toUnsignedString(clen) + " exceeds the input");
                    }
                    // LZF expands at most ~88 times (3 bytes → 264), so a larger claim is corruption.
                    if (len < 0 || len > clen * 90 + 64 || len > Integer.MAX_VALUE - 16) {
                        throw in.error("implausible LZF length " + Long.toUnsignedString(len));
                    }
                    long at = in.offset();
                    byte[] c = in.readBytes(clen);
                    byte[] out = new byte[(int) len];
                    if (!Lzf.decompress(c, 0, c.length, out)) {
                        throw error(at, "invalid LZF-compressed string");
                    }
                    return out;
                }
                default -> throw in.error("unknown string encoding " + (b & 0x3F));
            }
        }
        long len;
        int kind = (b & 0xC0) >>> 6;
        if (kind == RdbFormat.LEN_6BIT) {
            len = b & 0x3F;
        } else if (kind == RdbFormat.LEN_14BIT) {
            len = ((b & 0x3F) << 8) | in.readUnsignedByte();
        } else if (b == RdbFormat.LEN_32BIT) {
            len = in.readIntLE();
            len = Integer.reverseBytes((int) len) & 0xffffffffL;
        } else if (b == RdbFormat.LEN_64BIT) {
            len = Long.reverseBytes(in.readLongLE());
        } else {
            throw in.error("invalid length prefix 0x" + Integer.toHexString(b));
        }
        return in.readBytes(len);
    }

    private static byte[] longBytes(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private double readBinaryDouble() throws IOException, RdbFormatException {
        return Double.longBitsToDouble(in.readLongLE());
    }

    /** ZSET v1 scores: a length byte (253 NaN, 254 +inf, 255 -inf) then that many ASCII characters. */
    private double readStringDouble() throws IOException, RdbFormatException {
        int len = in.readUnsignedByte();
        switch (len) {
            case 253 -> {
                return Double.NaN;
            }
            case 254 -> {
                return Double.POSITIVE_INFINITY;
            }
            case 255 -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                byte[] b = new byte[len];
                in.readFully(b, 0, len);
                return parseDouble(b);
            }
        }
    }

    private double parseDouble(byte[] b) throws RdbFormatException {
        String s = new String(b, StandardCharsets.ISO_8859_1).trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) && s.charAt(s.length() - 1) != '.') {
                        throw new NumberFormatException(s);
                    }
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw in.error("invalid score \"" + s + "\"");
                }
            }
        }
    }

    // ------------------------------------------------------------------ values

    /** The value of RDB type {@code t}; null for an empty collection. */
    private Object readObject(int t) throws IOException, RdbFormatException {
        return switch (t) {
            case RdbFormat.TYPE_STRING -> readString();
            case RdbFormat.TYPE_LIST -> readPlainList();
            case RdbFormat.TYPE_SET -> readPlainSet();
            case RdbFormat.TYPE_ZSET, RdbFormat.TYPE_ZSET_2 -> readPlainZSet(t == RdbFormat.TYPE_ZSET_2);
            case RdbFormat.TYPE_HASH -> readPlainHash();
            case RdbFormat.TYPE_HASH_ZIPMAP -> CompactEncodings.zipmapToHash(readBlob(), in, limits);
            case RdbFormat.TYPE_LIST_ZIPLIST -> {
                ListValue l = ListValue.empty(limits);
                CompactEncodings.ziplist(readBlob(), in, (s, v) -> l.addLast(s != null ? s : longBytes(v)));
                yield l.size() == 0 ? null : l;
            }
            case RdbFormat.TYPE_SET_INTSET -> CompactEncodings.intsetToSet(readBlob(), in, limits);
            case RdbFormat.TYPE_SET_LISTPACK -> {
                SetValue s = SetValue.empty(limits);
                byte[] lp = readBlob();
                Listpack.read(lp, in, (m, v) -> {
                    if (!s.add(m != null ? m : longBytes(v))) {
                        throw in.error("duplicate set member");
                    }
                });
                yield s.size() == 0 ? null : s;
            }
            case RdbFormat.TYPE_ZSET_ZIPLIST, RdbFormat.TYPE_ZSET_LISTPACK -> {
                ZSetValue z = ZSetValue.empty(limits);
                byte[] blob = readBlob();
                PairCollector pairs = new PairCollector() {
                    @Override
                    void pair(byte[] member, byte[] score) throws RdbFormatException {
                        double d = parseDouble(score);
                        if (Double.isNaN(d)) {
                            throw in.error("sorted set with NaN score");
                        }
                        if (!Double.isNaN(z.score(member))) {
                            throw in.error("duplicate sorted set member");
                        }
                        z.add(member, d);
                    }
                };
                if (t == RdbFormat.TYPE_ZSET_ZIPLIST) {
                    CompactEncodings.ziplist(blob, in, pairs);
                } else {
                    Listpack.read(blob, in, pairs);
                }
                pairs.finish(in);
                yield z.size() == 0 ? null : z;
            }
            case RdbFormat.TYPE_HASH_ZIPLIST, RdbFormat.TYPE_HASH_LISTPACK -> {
                HashValue h = HashValue.empty(limits);
                byte[] blob = readBlob();
                PairCollector pairs = new PairCollector() {
                    @Override
                    void pair(byte[] field, byte[] value) throws RdbFormatException {
                        if (!h.put(field, value)) {
                            throw in.error("duplicate hash field");
                        }
                    }
                };
                if (t == RdbFormat.TYPE_HASH_ZIPLIST) {
                    CompactEncodings.ziplist(blob, in, pairs);
                } else {
                    Listpack.read(blob, in, pairs);
                }
                pairs.finish(in);
                yield h.size() == 0 ? null : h;
            }
            case RdbFormat.TYPE_LIST_QUICKLIST, RdbFormat.TYPE_LIST_QUICKLIST_2 -> readQuicklist(t == RdbFormat.TYPE_LIST_QUICKLIST_2);
            case RdbFormat.TYPE_STREAM_LISTPACKS, RdbFormat.TYPE_STREAM_LISTPACKS_2, RdbFormat.TYPE_STREAM_LISTPACKS_3 ->
                    throw in.error("stream values are not supported");
            case RdbFormat.TYPE_MODULE_PRE_GA, RdbFormat.TYPE_MODULE_2 -> throw in.error("module values are not supported");
            default -> throw in.error("hashes with field expiration (RDB type " + t + ") are not supported");
        };
    }

    private byte[] readBlob() throws IOException, RdbFormatException {
        return readString();
    }

    private ListValue readPlainList() throws IOException, RdbFormatException {
        int n = readCount("list");
        ListValue l = ListValue.empty(limits);
        for (int i = 0; i < n; i++) {
            l.addLast(readString());
        }
        return n == 0 ? null : l;
    }

    private SetValue readPlainSet() throws IOException, RdbFormatException {
        int n = readCount("set");
        SetValue s = SetValue.empty(limits);
        // Capped: n is only bounded by the input's size, and the hint presizes a hash table.
        s.prepareFor(Math.min(n, 1 << 20));
        for (int i = 0; i < n; i++) {
            if (!s.add(readString())) {
                throw in.error("duplicate set member");
            }
        }
        return n == 0 ? null : s;
    }

    private HashValue readPlainHash() throws IOException, RdbFormatException {
        int n = readCount("hash");
        HashValue h = HashValue.empty(limits);
        h.prepareFor(n);
        for (int i = 0; i < n; i++) {
            byte[] field = readString();
            byte[] value = readString();
            if (!h.put(field, value)) {
                throw in.error("duplicate hash field");
            }
        }
        return n == 0 ? null : h;
    }

    private ZSetValue readPlainZSet(boolean binaryScores) throws IOException, RdbFormatException {
        int n = readCount("sorted set");
        ZSetValue z = ZSetValue.create(limits, n, 0);
        for (int i = 0; i < n; i++) {
            byte[] member = readString();
            double score = binaryScores ? readBinaryDouble() : readStringDouble();
            if (Double.isNaN(score)) {
                throw in.error("sorted set with NaN score");
            }
            if (!Double.isNaN(z.score(member))) {
                throw in.error("duplicate sorted set member");
            }
            z.add(member, score);
        }
        return n == 0 ? null : z;
    }

    private ListValue readQuicklist(boolean v2) throws IOException, RdbFormatException {
        int nodes = readCount("quicklist");
        ListValue l = ListValue.empty(limits);
        for (int i = 0; i < nodes; i++) {
            int container = RdbFormat.QUICKLIST_NODE_PACKED;
            if (v2) {
                long c = readLength();
                if (c != RdbFormat.QUICKLIST_NODE_PACKED && c != RdbFormat.QUICKLIST_NODE_PLAIN) {
                    throw in.error("invalid quicklist node container " + c);
                }
                container = (int) c;
            }
            byte[] blob = readBlob();
            if (container == RdbFormat.QUICKLIST_NODE_PLAIN) {
                l.addLast(blob);
                continue;
            }
            int before = l.size();
            if (v2) {
                Listpack.read(blob, in, (s, v) -> l.addLast(s != null ? s : longBytes(v)));
            } else {
                CompactEncodings.ziplist(blob, in, (s, v) -> l.addLast(s != null ? s : longBytes(v)));
            }
            if (l.size() == before && !payload && visitor != null) {
                // Redis skips empty nodes with a warning too (they could only come from a bug).
                visitor.warning("empty quicklist node at offset " + in.offset());
            }
        }
        return l.size() == 0 ? null : l;
    }

    /** Pairs consecutive entries of a ziplist or listpack (field/value, member/score). */
    private abstract static class PairCollector implements Listpack.EntryConsumer {
        private byte[] first;

        abstract void pair(byte[] a, byte[] b) throws RdbFormatException;

        @Override
        public void accept(byte[] s, long v) throws RdbFormatException {
            byte[] e = s != null ? s : longBytes(v);
            if (first == null) {
                first = e;
            } else {
                byte[] a = first;
                first = null;
                pair(a, e);
            }
        }

        void finish(RdbErrors err) throws RdbFormatException {
            if (first != null) {
                throw err.error("odd number of entries in a pair encoding");
            }
        }
    }

    // ------------------------------------------------------------------ modules

    private void skipModuleAux(long moduleId) throws IOException, RdbFormatException {
        // MODULE_AUX: module id, "when" opcode + value, then annotated values up to an EOF opcode.
        long whenOpcode = readLength();
        if (whenOpcode != 2) {
            throw in.error("invalid module aux 'when' opcode " + whenOpcode);
        }
        readLength();
        while (true) {
            long op = readLength();
            switch ((int) op) {
                case 0 -> {
                    return;
                }
                case 1, 2 -> readLength();
                case 3 -> in.skip(4);
                case 4 -> in.skip(8);
                case 5 -> readString();
                default -> throw in.error("invalid module data opcode " + op + " in aux data of " + moduleName(moduleId));
            }
        }
    }

    /** Redis packs a 9-character module name into the top 54 bits of the id (6 bits per character). */
    private static String moduleName(long id) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder sb = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            sb.append(chars.charAt((int) ((id >>> (10 + (8 - i) * 6)) & 63)));
        }
        return sb.toString();
    }
}
