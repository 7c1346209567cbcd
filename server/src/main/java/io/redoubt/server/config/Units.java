package io.redoubt.server.config;

import java.util.Locale;

/** Redis's memory units: 1k = 1000, 1kb = 1024, and so on for m/mb and g/gb; case-insensitive. */
public final class Units {
    private Units() {
    }

    public static long parseMemory(String text) throws ConfigException {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long mul = 1;
        String digits = s;
        String[][] units = {
            {"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"},
            {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}
        };
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                digits = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(digits);
            return Math.multiplyExact(n, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("argument must be a memory value");
        }
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
