package io.redoubt.server.persist.rdb;

/**
 * The RDB file layout, as Redis's {@code rdb.h} defines it.
 *
 * <pre>
 * "REDIS" + 4 ASCII digits (version)
 * { AUX(0xFA) key value | SELECTDB(0xFE) len | RESIZEDB(0xFB) len len
 *   | [EXPIRETIME_MS(0xFC) int64 LE | EXPIRETIME(0xFD) int32 LE] [IDLE(0xF8) len] [FREQ(0xF9) byte]
 *     type key value
 *   | MODULE_AUX(0xF7) … | FUNCTION2(0xF5) string }
 * EOF(0xFF) [CRC64 LE, 8 bytes, over everything before it; 0 when rdbchecksum is off]
 * </pre>
 * Lengths: {@code 00xxxxxx} 6 bits, {@code 01xxxxxx xxxxxxxx} 14 bits, {@code 0x80} + 32-bit BE,
 * {@code 0x81} + 64-bit BE; {@code 11xxxxxx} marks a specially encoded string (int8/16/32 LE, LZF).
 */
public final class RdbFormat {
    /** The version we write: Redis 7.0's, so 7.0 and later load our files. */
    public static final int WRITE_VERSION = 10;
    /** The newest version we read (Redis 7.4). */
    public static final int MAX_READ_VERSION = 12;

    public static final int TYPE_STRING = 0;
    public static final int TYPE_LIST = 1;
    public static final int TYPE_SET = 2;
    public static final int TYPE_ZSET = 3;
    public static final int TYPE_HASH = 4;
    public static final int TYPE_ZSET_2 = 5;
    public static final int TYPE_MODULE_PRE_GA = 6;
    public static final int TYPE_MODULE_2 = 7;
    public static final int TYPE_HASH_ZIPMAP = 9;
    public static final int TYPE_LIST_ZIPLIST = 10;
    public static final int TYPE_SET_INTSET = 11;
    public static final int TYPE_ZSET_ZIPLIST = 12;
    public static final int TYPE_HASH_ZIPLIST = 13;
    public static final int TYPE_LIST_QUICKLIST = 14;
    public static final int TYPE_STREAM_LISTPACKS = 15;
    /** Redis 7.0 (RDB 10). */
    public static final int TYPE_HASH_LISTPACK = 16;
    public static final int TYPE_ZSET_LISTPACK = 17;
    public static final int TYPE_LIST_QUICKLIST_2 = 18;
    public static final int TYPE_STREAM_LISTPACKS_2 = 19;
    /** Redis 7.2 (RDB 11): not loadable by 7.0, so never written. */
    public static final int TYPE_SET_LISTPACK = 20;
    public static final int TYPE_STREAM_LISTPACKS_3 = 21;
    /** Redis 7.4 (RDB 12): hashes with field expiry. */
    public static final int TYPE_HASH_METADATA_PRE_GA = 22;
    public static final int TYPE_HASH_LISTPACK_EX_PRE_GA = 23;
    public static final int TYPE_HASH_METADATA = 24;
    public static final int TYPE_HASH_LISTPACK_EX = 25;

    /** Redis 7.4 cluster mode: slot id, keys and expires in the slot (a sizing hint). */
    public static final int OPCODE_SLOT_INFO = 244;
    public static final int OPCODE_FUNCTION2 = 245;
    public static final int OPCODE_FUNCTION_PRE_GA = 246;
    public static final int OPCODE_MODULE_AUX = 247;
    public static final int OPCODE_IDLE = 248;
    public static final int OPCODE_FREQ = 249;
    public static final int OPCODE_AUX = 250;
    public static final int OPCODE_RESIZEDB = 251;
    public static final int OPCODE_EXPIRETIME_MS = 252;
    public static final int OPCODE_EXPIRETIME = 253;
    public static final int OPCODE_SELECTDB = 254;
    public static final int OPCODE_EOF = 255;

    static final int LEN_6BIT = 0;
    static final int LEN_14BIT = 1;
    static final int LEN_32BIT = 0x80;
    static final int LEN_64BIT = 0x81;
    static final int ENCVAL = 3;
    static final int ENC_INT8 = 0;
    static final int ENC_INT16 = 1;
    static final int ENC_INT32 = 2;
    static final int ENC_LZF = 3;

    /** Quicklist 2 node containers. */
    static final int QUICKLIST_NODE_PLAIN = 1;
    static final int QUICKLIST_NODE_PACKED = 2;

    private RdbFormat() {
    }
}
