package io.redoubt.server.command;

import java.util.HexFormat;

/** Redis's {@code sdscatrepr}: bytes as a double-quoted string with C escapes, as MONITOR and CLIENT LIST show them. */
public final class Quoting {
    private Quoting() {
    }

    public static void appendRepr(StringBuilder sb, byte[] bytes) {
        sb.append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c >= 32 && c < 127) {
                        sb.append((char) c);
                    } else {
                        sb.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
                    }
                }
            }
        }
        sb.append('"');
    }

    public static String repr(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        appendRepr(sb, bytes);
        return sb.toString();
    }
}
