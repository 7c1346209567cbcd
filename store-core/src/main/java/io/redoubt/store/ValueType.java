package io.redoubt.store;

/** Value type codes, numbered as Redis's {@code OBJ_*} constants so that RDB and replies can use them as they are. */
public final class ValueType {
    public static final int STRING = 0;
    public static final int LIST = 1;
    public static final int SET = 2;
    public static final int ZSET = 3;
    public static final int HASH = 4;
    public static final int STREAM = 6;

    private ValueType() {
    }

    /** The name {@code TYPE} replies with. */
    public static String name(int type) {
        return switch (type) {
            case STRING -> "string";
            case LIST -> "list";
            case SET -> "set";
            case ZSET -> "zset";
            case HASH -> "hash";
            case STREAM -> "stream";
            default -> "none";
        };
    }
}
