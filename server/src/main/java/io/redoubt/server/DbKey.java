package io.redoubt.server;

import java.util.Arrays;

/** A key of a numbered database as a hash-map key (blocked clients, watched keys): compared by content. */
record DbKey(int db, byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof DbKey k && k.db == db && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * db + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return db + ":" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
