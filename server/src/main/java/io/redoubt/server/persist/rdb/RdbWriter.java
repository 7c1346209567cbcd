package io.redoubt.server.persist.rdb;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.redoubt.resp.Numbers;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.Database;
import io.redoubt.store.SnapshotEntry;
import io.redoubt.store.ValueType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;

/**
 * Serialises a keyspace as an RDB stream, in chunks handed to an {@link RdbSink}.
 *
 * <p>Design notes. We write the encodings Redis 7.0 writes with RDB version 10, so that 7.0 and later load
 * our files: lists as QUICKLIST_2 of listpack nodes, hashes and sorted sets as HASH_LISTPACK / ZSET_LISTPACK
 * while they use the compact encoding, else HASH / ZSET_2 (binary scores), sets as INTSET when they are
 * intsets, else as plain SET (SET_LISTPACK is RDB 11, which 7.0 refuses). Strings follow
 * {@code rdbSaveRawString}: an integer in canonical form of at most 11 characters that fits 32 bits is
 * written as int8/16/32; with compression on, strings longer than 20 bytes are LZF-compressed when that
 * saves at least 4 bytes; otherwise raw. String values go from off-heap memory straight into the chunk
 * ({@link SnapshotEntry#copyValue}) unless they must be inspected (short: integer check; long with
 * compression: LZF input), and then through one reused scratch buffer.
 *
 * <p>The CRC-64 covers every byte from the "REDIS" magic to the EOF opcode; it is updated as each chunk is
 * handed over. Not thread-safe: one writer per stream, driven by one thread at a time.
 */
public final class RdbWriter {
    /** Chunks are handed to the sink once they reach this size (whole records only). */
    public static final int CHUNK_SIZE = 64 * 1024;
    private static final int LZF_MIN_LENGTH = 21;
    private static final int SCRATCH_KEEP = 1 << 20;

    private final RdbSink sink;
    private final ByteBufAllocator alloc;
    private boolean compression = true;
    private boolean checksum = true;
    private int listNodeFill = -2;
    private IntUnaryOperator lruIdleSeconds;
    private IntUnaryOperator lfuFrequency;

    private ByteBuf buf;
    private long crc;
    private long bytesWritten;
    private ByteBuf scratch;
    private ByteBuf blob;
    private byte[] lzfOut;
    private Lzf.Compressor lzf;

    public RdbWriter(RdbSink sink) {
        this(sink, PooledByteBufAllocator.DEFAULT);
    }

    public RdbWriter(RdbSink sink, ByteBufAllocator alloc) {
        this.sink = sink;
        this.alloc = alloc;
        this.buf = alloc.heapBuffer(CHUNK_SIZE + 1024);
    }

    /** rdbcompression: LZF-compress strings longer than 20 bytes (default on). */
    public RdbWriter compression(boolean on) {
        this.compression = on;
        return this;
    }

    /** rdbchecksum: write the CRC-64 after EOF, else 8 zero bytes (default on). */
    public RdbWriter checksum(boolean on) {
        this.checksum = on;
        return this;
    }

    /** list-max-listpack-size: how lists are cut into quicklist nodes. */
    public RdbWriter listNodeFill(int fill) {
        this.listNodeFill = fill;
        return this;
    }

    /**
     * Writes IDLE (under an LRU maxmemory-policy) or FREQ (under LFU) before each key, as Redis does, from
     * the entry's access clock word. Pass null for both (the default) to write neither.
     *
     * @param lruIdleSeconds clock word → idle seconds
     * @param lfuFrequency clock word → LFU counter (0..255)
     */
    public RdbWriter accessClock(IntUnaryOperator lruIdleSeconds, IntUnaryOperator lfuFrequency) {
        this.lruIdleSeconds = lruIdleSeconds;
        this.lfuFrequency = lfuFrequency;
        return this;
    }

    /**
     * Configures IDLE/FREQ as Redis decides them: IDLE (seconds since last access) under allkeys-lru and
     * volatile-lru, FREQ (the decayed LFU counter) under allkeys-lfu and volatile-lfu, neither otherwise.
     */
    public RdbWriter accessClockFor(io.redoubt.server.Server server) {
        String policy = server.config().getString("maxmemory-policy");
        io.redoubt.server.Eviction eviction = server.eviction();
        if (policy.endsWith("-lru")) {
            return accessClock(clock -> (int) (eviction.idleMillis(clock) / 1000), null);
        }
        if (policy.endsWith("-lfu")) {
            return accessClock(null, eviction::lfuDecayed);
        }
        return accessClock(null, null);
    }

    /** Bytes handed to the sink so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    // ------------------------------------------------------------------ records

    public void header(int version) throws IOException {
        buf.writeBytes(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
        maybeEmit();
    }

    public void aux(String key, String value) throws IOException {
        buf.writeByte(RdbFormat.OPCODE_AUX);
        writeString(key.getBytes(StandardCharsets.UTF_8));
        writeString(value.getBytes(StandardCharsets.UTF_8));
        maybeEmit();
    }

    public void selectDb(int db) throws IOException {
        buf.writeByte(RdbFormat.OPCODE_SELECTDB);
        writeLength(db);
        maybeEmit();
    }

    public void resizeDb(long size, long expiresSize) throws IOException {
        buf.writeByte(RdbFormat.OPCODE_RESIZEDB);
        writeLength(size);
        writeLength(expiresSize);
        maybeEmit();
    }

    /** One key with its value, expiry and (when configured) access clock, from a snapshot traversal. */
    public void entry(SnapshotEntry e) throws IOException {
        int type = e.type();
        Object value = type == ValueType.STRING ? null : e.object();
        entryPrologue(e.expireAt(), e.accessClock());
        buf.writeByte(rdbType(type, value));
        int keyLen = e.keyLength();
        if (keyLen <= 11 || (compression && keyLen >= LZF_MIN_LENGTH)) {
            ByteBuf s = scratch(keyLen);
            e.copyKey(s);
            writeString(s.array(), s.arrayOffset(), keyLen);
        } else {
            writeLength(keyLen);
            e.copyKey(buf);
        }
        if (type == ValueType.STRING) {
            int len = e.valueLength();
            if (len <= 11 || (compression && len >= LZF_MIN_LENGTH)) {
                ByteBuf s = scratch(len);
                e.copyValue(0, s, len);
                writeString(s.array(), s.arrayOffset(), len);
            } else {
                writeLength(len);
                e.copyValue(0, buf, len);
            }
        } else {
            writeObject(value);
        }
        releaseBigScratch();
        maybeEmit();
    }

    /** One key given as heap objects: {@code value} is a byte[] for a string, else a collection value. */
    public void entry(byte[] key, int type, Object value, long expireAt, int accessClock) throws IOException {
        entryPrologue(expireAt, accessClock);
        buf.writeByte(rdbType(type, value));
        writeString(key);
        writeValue(type, value);
        releaseBigScratch();
        maybeEmit();
    }

    /** Ends the stream: EOF opcode, then the checksum (or zeros); hands everything to the sink. */
    public void end() throws IOException {
        buf.writeByte(RdbFormat.OPCODE_EOF);
        emit();
        ByteBuf tail = alloc.heapBuffer(8);
        tail.writeLongLE(checksum ? crc : 0L);
        bytesWritten += 8;
        sink.write(tail);
        buf = null;
        release();
    }

    /** Hands what is buffered to the sink now (e.g. before a pause in a long traversal). */
    public void flush() throws IOException {
        if (buf != null && buf.isReadable()) {
            emit();
        }
    }

    /** Frees buffers not yet handed over (after {@link #end()}, or when abandoning the stream). */
    public void release() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
        if (scratch != null) {
            scratch.release();
            scratch = null;
        }
        if (blob != null) {
            blob.release();
            blob = null;
        }
    }

    // ------------------------------------------------------------------ payloads (DUMP)

    /** The RDB object type byte of a value of {@link ValueType} {@code type}. */
    int rdbType(int type, Object value) {
        return switch (type) {
            case ValueType.STRING -> RdbFormat.TYPE_STRING;
            case ValueType.LIST -> RdbFormat.TYPE_LIST_QUICKLIST_2;
            case ValueType.SET -> ((SetValue) value).isIntset() ? RdbFormat.TYPE_SET_INTSET : RdbFormat.TYPE_SET;
            case ValueType.HASH -> ((HashValue) value).isListpack() ? RdbFormat.TYPE_HASH_LISTPACK : RdbFormat.TYPE_HASH;
            case ValueType.ZSET -> "listpack".equals(((ZSetValue) value).encoding())
                    ? RdbFormat.TYPE_ZSET_LISTPACK : RdbFormat.TYPE_ZSET_2;
            default -> throw new IllegalArgumentException("cannot serialise values of type " + ValueType.name(type));
        };
    }

    /** Writes the type byte and the value alone (no key), as DUMP's payload holds them; not emitted. */
    void typeAndValue(int type, Object value) {
        buf.writeByte(rdbType(type, value));
        writeValue(type, value);
    }

    /** The bytes buffered and not yet handed over (payload mode). */
    ByteBuf buffered() {
        return buf;
    }

    // ------------------------------------------------------------------ encodings

    private void entryPrologue(long expireAt, int clock) {
        if (expireAt != Database.NO_EXPIRY) {
            buf.writeByte(RdbFormat.OPCODE_EXPIRETIME_MS);
            buf.writeLongLE(expireAt);
        }
        if (lruIdleSeconds != null) {
            buf.writeByte(RdbFormat.OPCODE_IDLE);
            writeLength(lruIdleSeconds.applyAsInt(clock) & 0xffffffffL);
        } else if (lfuFrequency != null) {
            buf.writeByte(RdbFormat.OPCODE_FREQ);
            buf.writeByte(lfuFrequency.applyAsInt(clock));
        }
    }

    private void writeValue(int type, Object value) {
        if (type == ValueType.STRING) {
            writeString((byte[]) value);
        } else {
            writeObject(value);
        }
    }

    private void writeObject(Object value) {
        if (value instanceof ListValue l) {
            writeList(l);
        } else if (value instanceof SetValue s) {
            writeSet(s);
        } else if (value instanceof HashValue h) {
            writeHash(h);
        } else if (value instanceof ZSetValue z) {
            writeZSet(z);
        } else {
            throw new IllegalArgumentException("cannot serialise " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    void writeLength(long len) {
        if (len < (1 << 6)) {
            buf.writeByte((int) len);
        } else if (len < (1 << 14)) {
            buf.writeByte((RdbFormat.LEN_14BIT << 6) | (int) (len >>> 8));
            buf.writeByte((int) len & 0xff);
        } else if (len <= 0xffffffffL) {
            buf.writeByte(RdbFormat.LEN_32BIT);
            buf.writeInt((int) len);
        } else {
            buf.writeByte(RdbFormat.LEN_64BIT);
            buf.writeLong(len);
        }
    }

    void writeString(byte[] s) {
        writeString(s, 0, s.length);
    }

    /** {@code rdbSaveRawString}: integer encoding, else LZF, else raw. */
    void writeString(byte[] s, int off, int len) {
        if (len <= 11 && len > 0 && writeIntegerEncoded(s, off, len)) {
            return;
        }
        if (compression && len >= LZF_MIN_LENGTH && writeLzf(s, off, len)) {
            return;
        }
        writeLength(len);
        buf.writeBytes(s, off, len);
    }

    private boolean writeIntegerEncoded(byte[] s, int off, int len) {
        // Canonical decimal only, so that reading it back gives the same bytes.
        int p = off;
        int end = off + len;
        boolean negative = s[p] == '-';
        if (negative) {
            p++;
            if (p == end) {
                return false;
            }
        }
        if (s[p] == '0' && (end - p > 1 || negative)) {
            return false;
        }
        long v = 0;
        for (; p < end; p++) {
            int d = s[p] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            v = v * 10 + d;
        }
        if (negative) {
            v = -v;
        }
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            buf.writeByte((RdbFormat.ENCVAL << 6) | RdbFormat.ENC_INT8);
            buf.writeByte((int) v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            buf.writeByte((RdbFormat.ENCVAL << 6) | RdbFormat.ENC_INT16);
            buf.writeShortLE((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buf.writeByte((RdbFormat.ENCVAL << 6) | RdbFormat.ENC_INT32);
            buf.writeIntLE((int) v);
        } else {
            return false;
        }
        return true;
    }

    private boolean writeLzf(byte[] s, int off, int len) {
        int limit = len - 4;
        if (lzfOut == null || lzfOut.length < limit) {
            lzfOut = new byte[Math.max(limit, 256)];
        }
        if (lzf == null) {
            lzf = new Lzf.Compressor();
        }
        int n = lzf.compress(s, off, len, lzfOut, limit);
        if (n == 0) {
            return false;
        }
        buf.writeByte((RdbFormat.ENCVAL << 6) | RdbFormat.ENC_LZF);
        writeLength(n);
        writeLength(len);
        buf.writeBytes(lzfOut, 0, n);
        return true;
    }

    private void writeList(ListValue l) {
        int size = l.size();
        // First pass: count the nodes, since the count precedes them.
        int nodes = 0;
        int i = 0;
        while (i < size) {
            i = nodeEnd(l, i, listNodeFill);
            nodes++;
        }
        writeLength(nodes);
        i = 0;
        while (i < size) {
            int end = nodeEnd(l, i, listNodeFill);
            ByteBuf b = blob();
            int start = Listpack.begin(b);
            for (int k = i; k < end; k++) {
                Listpack.append(b, l.get(k));
            }
            Listpack.finish(b, start, end - i);
            writeLength(RdbFormat.QUICKLIST_NODE_PACKED);
            writeString(b.array(), b.arrayOffset(), b.readableBytes());
            i = end;
        }
    }

    /**
     * Where the node starting at {@code from} ends, cutting as Redis's quicklist fills a node by RPUSH
     * ({@code _quicklistNodeAllowInsert}): an element joins while the listpack's bytes + its length + 8 stay
     * within the size class (negative fill), or, for a positive fill, while the count stays within the fill and
     * the bytes within 8 KB. So a list built by pushes at the tail is cut into the same nodes as Redis's.
     */
    private static int nodeEnd(ListValue l, int from, int fill) {
        long sizeLimit = Long.MAX_VALUE;
        int countLimit = Integer.MAX_VALUE;
        if (fill >= 0) {
            countLimit = fill == 0 ? 1 : fill;
        } else {
            sizeLimit = switch (fill) {
                case -1 -> 4096;
                case -2 -> 8192;
                case -3 -> 16384;
                case -4 -> 32768;
                default -> 65536;
            };
        }
        long bytes = Listpack.HEADER_SIZE + 1;
        int size = l.size();
        int i = from;
        while (i < size) {
            byte[] e = l.get(i);
            if (i > from) {
                long newSize = bytes + e.length + 8;
                int newCount = i - from + 1;
                boolean exceeds = sizeLimit != Long.MAX_VALUE ? newSize > sizeLimit
                        : newSize > 8192 || newCount > countLimit;
                if (exceeds) {
                    break;
                }
            }
            bytes += Listpack.entrySize(e);
            i++;
        }
        return i;
    }

    private void writeSet(SetValue s) {
        int size = s.size();
        if (s.isIntset()) {
            long min = 0;
            long max = 0;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, s.intAt(i));
                max = Math.max(max, s.intAt(i));
            }
            int width = min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2
                    : min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? 4 : 8;
            ByteBuf b = blob();
            b.writeIntLE(width);
            b.writeIntLE(size);
            for (int i = 0; i < size; i++) {
                long v = s.intAt(i);
                switch (width) {
                    case 2 -> b.writeShortLE((int) v);
                    case 4 -> b.writeIntLE((int) v);
                    default -> b.writeLongLE(v);
                }
            }
            writeString(b.array(), b.arrayOffset(), b.readableBytes());
            return;
        }
        writeLength(size);
        if (s.isListpack()) {
            for (int i = 0; i < size; i++) {
                writeString(s.listpackAt(i));
            }
        } else {
            s.forEach(this::writeString);
        }
    }

    private void writeHash(HashValue h) {
        int size = h.size();
        if (h.isListpack()) {
            ByteBuf b = blob();
            int start = Listpack.begin(b);
            for (int i = 0; i < size; i++) {
                Listpack.append(b, h.fieldAt(i));
                Listpack.append(b, h.valueAt(i));
            }
            Listpack.finish(b, start, size * 2);
            writeString(b.array(), b.arrayOffset(), b.readableBytes());
            return;
        }
        writeLength(size);
        for (int i = 0; i < size; i++) {
            writeString(h.fieldAt(i));
            writeString(h.valueAt(i));
        }
    }

    private void writeZSet(ZSetValue z) {
        if ("listpack".equals(z.encoding())) {
            ByteBuf b = blob();
            int start = Listpack.begin(b);
            z.forEachAscending((member, score) -> {
                Listpack.append(b, member);
                appendScore(b, score);
            });
            Listpack.finish(b, start, z.size() * 2);
            writeString(b.array(), b.arrayOffset(), b.readableBytes());
            return;
        }
        // Highest score first, as Redis writes a skiplist (so that its loader inserts at the head).
        writeLength(z.size());
        for (ZSetValue.Cursor c = z.cursor(z.size() - 1, true); c.valid(); c.next()) {
            writeString(c.member());
            buf.writeLongLE(Double.doubleToRawLongBits(c.score()));
        }
    }

    /**
     * A score as Redis's zzlInsertAt stores it: the text of d2string, which the listpack stores as an integer
     * when it is one; integral scores (most of them) skip the text.
     */
    private static void appendScore(ByteBuf b, double score) {
        if (score == Math.rint(score) && Math.abs(score) < 1e17 && !(score == 0 && 1 / score < 0)) {
            Listpack.appendLong(b, (long) score);
        } else {
            Listpack.append(b, Numbers.formatDouble(score).getBytes(StandardCharsets.US_ASCII));
        }
    }

    // ------------------------------------------------------------------ buffers

    private ByteBuf scratch(int capacity) {
        if (scratch == null) {
            scratch = alloc.heapBuffer(Math.max(256, capacity));
        }
        scratch.clear();
        scratch.ensureWritable(capacity);
        return scratch;
    }

    private ByteBuf blob() {
        if (blob == null) {
            blob = alloc.heapBuffer(1024);
        }
        blob.clear();
        return blob;
    }

    /** Gives back a scratch buffer a huge value grew, so one big key does not pin memory for the whole save. */
    private void releaseBigScratch() {
        if (scratch != null && scratch.capacity() > SCRATCH_KEEP) {
            scratch.release();
            scratch = null;
        }
        if (blob != null && blob.capacity() > SCRATCH_KEEP) {
            blob.release();
            blob = null;
        }
        if (lzfOut != null && lzfOut.length > SCRATCH_KEEP) {
            lzfOut = null;
        }
    }

    private void maybeEmit() throws IOException {
        if (buf.readableBytes() >= CHUNK_SIZE) {
            emit();
        }
    }

    private void emit() throws IOException {
        ByteBuf chunk = buf;
        int n = chunk.readableBytes();
        crc = Crc64.update(crc, chunk, chunk.readerIndex(), n);
        bytesWritten += n;
        buf = alloc.heapBuffer(CHUNK_SIZE + 1024);
        sink.write(chunk);
    }
}
