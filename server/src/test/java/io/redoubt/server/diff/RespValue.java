package io.redoubt.server.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One reply as a comparable tree: records give structural equality, so two servers' replies compare with
 * {@code equals}. The type is kept (a status "OK" differs from a bulk "OK"), since clients see the difference.
 */
sealed interface RespValue {

    record Simple(String text) implements RespValue {
        @Override
        public String toString() {
            return "+" + text;
        }
    }

    record Error(String text) implements RespValue {
        @Override
        public String toString() {
            return "-" + text;
        }
    }

    record Int(long value) implements RespValue {
        @Override
        public String toString() {
            return ":" + value;
        }
    }

    /** A bulk string; {@code bytes == null} is the null bulk. */
    record Bulk(byte[] bytes) implements RespValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bulk b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        String text() {
            return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return bytes == null ? "(nil)" : quote(bytes);
        }
    }

    /** An array (also RESP3 maps, sets and pushes, flattened with their kind); {@code items == null} is the null array. */
    record Array(char kind, List<RespValue> items) implements RespValue {
        @Override
        public String toString() {
            return items == null ? "(nil array)" : kind + items.toString();
        }

        Array sorted() {
            if (items == null) {
                return this;
            }
            List<RespValue> copy = new ArrayList<>(items);
            copy.sort(Comparator.comparing(RespValue::toString));
            return new Array(kind, copy);
        }
    }

    /** A RESP3 scalar other than the above (double, boolean, big number, verbatim, null), kept as its text. */
    record Other(char kind, String text) implements RespValue {
        @Override
        public String toString() {
            return kind + text;
        }
    }

    /** A placeholder a normaliser puts where a value legitimately differs between servers. */
    record Marker(String what) implements RespValue {
        @Override
        public String toString() {
            return "<" + what + ">";
        }
    }

    static String quote(byte[] b) {
        StringBuilder s = new StringBuilder(b.length + 2).append('"');
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.append('"').toString();
    }
}
