package io.redoubt.server.config;

import java.util.Locale;

/** Redis's memory units: 1k = 1000, 1kb = 1024, and so on for m/mb and g/gb; case-insensitive. */
public final class Units {
    private Units() {
    }

    /**
     * Parses a memory amount as Redis's {@code memtoull}: digits, then an optional unit b, k, kb, m, mb, g,
     * gb (any case); no sign.
     *
     * @throws ConfigException "argument must be a memory value" when it is not one
     */
    public static long parseMemory(String text) throws ConfigException {
        Long v = memoryOrNull(text);
        if (v == null) {
            throw new ConfigException("argument must be a memory value");
        }
        return v;
    }

    /** {@link #parseMemory}, returning null instead of throwing. */
    public static Long memoryOrNull(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            return null;
        }
        long mul = switch (text.substring(i).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> -1;
        };
        if (mul < 0) {
            return null;
        }
        try {
            return Math.multiplyExact(Long.parseLong(text.substring(0, i)), mul);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Parses an integer as Redis's {@code string2ll}: optional minus, no plus, no spaces, no leading zeros;
     * null when it is not one.
     */
    public static Long strictLong(String s) {
        int n = s.length();
        if (n == 0 || n > 20) {
            return null;
        }
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == n) {
            return null;
        }
        if (s.charAt(start) == '0' && (n - start > 1 || start == 1)) {
            return null;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Bytes as redis.conf writes them on CONFIG REWRITE: in gb, mb or kb when exact. */
    public static String formatMemory(long bytes) {
        long gb = 1024L * 1024 * 1024;
        long mb = 1024L * 1024;
        if (bytes != 0 && bytes % gb == 0) {
            return bytes / gb + "gb";
        } else if (bytes != 0 && bytes % mb == 0) {
            return bytes / mb + "mb";
        } else if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "kb";
        }
        return Long.toString(bytes);
    }

    /** "1.50M" style text of INFO memory's *_human fields. */
    public static String human(long bytes) {
        double d = bytes;
        if (bytes < 1024) {
            return bytes + "B";
        } else if (bytes < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.2fK", d / 1024);
        } else if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2fM", d / (1024 * 1024));
        } else if (bytes < 1024L * 1024 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2fG", d / (1024L * 1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.2fT", d / (1024L * 1024 * 1024 * 1024));
    }
}
