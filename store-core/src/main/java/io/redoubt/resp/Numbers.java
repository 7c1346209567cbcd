package io.redoubt.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** Number parsing and formatting on raw bytes, with Redis's rules, allocating nothing on success. */
public final class Numbers {
    /** Thrown (one shared instance, no stack trace) when bytes are not a number of the asked kind. */
    public static final class InvalidNumberException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private InvalidNumberException() {
            super("not a number", null, false, false);
        }
    }

    public static final InvalidNumberException INVALID = new InvalidNumberException();

    private Numbers() {
    }

    /** Redis's {@code string2ll}: optional '-', digits, no leading zeros, no '+', within 64 bits. */
    public static long parseLong(ByteBuf buf, int index, int length) {
        if (length == 0 || length > 20) {
            throw INVALID;
        }
        int p = index;
        int end = index + length;
        boolean negative = false;
        byte first = buf.getByte(p);
        if (length == 1 && first == '0') {
            return 0;
        }
        if (first == '-') {
            negative = true;
            p++;
            if (p == end) {
                throw INVALID;
            }
        }
        byte d = buf.getByte(p);
        if (d < '1' || d > '9') {
            throw INVALID;
        }
        // Accumulate as a negative number so that Long.MIN_VALUE fits.
        long v = -(d - '0');
        p++;
        for (; p < end; p++) {
            d = buf.getByte(p);
            if (d < '0' || d > '9') {
                throw INVALID;
            }
            if (v < Long.MIN_VALUE / 10) {
                throw INVALID;
            }
            v *= 10;
            int digit = d - '0';
            if (v < Long.MIN_VALUE + digit) {
                throw INVALID;
            }
            v -= digit;
        }
        if (negative) {
            return v;
        }
        if (v == Long.MIN_VALUE) {
            throw INVALID;
        }
        return -v;
    }

    public static long parseLong(byte[] bytes) {
        return parseLong(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    /**
     * Parses a double as Redis does for scores and INCRBYFLOAT: accepts what {@code strtod} accepts,
     * including "inf", "+inf", "-inf" (any case), but no surrounding spaces and no NaN.
     */
    public static double parseDouble(ByteBuf buf, int index, int length) {
        if (length == 0 || length > 5120) {
            throw INVALID;
        }
        byte first = buf.getByte(index);
        byte last = buf.getByte(index + length - 1);
        if (isSpace(first) || isSpace(last)) {
            throw INVALID;
        }
        String s = buf.toString(index, length, StandardCharsets.ISO_8859_1);
        return parseDouble(s);
    }

    public static double parseDouble(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (lower.isEmpty() || lower.contains("nan") || lower.contains("inf")) {
            throw INVALID;
        }
        // Java accepts suffixes (d, f) and hex floats in other forms than strtod; refuse the suffixes.
        char c = lower.charAt(lower.length() - 1);
        if (c == 'd' || c == 'f' || isSpace((byte) lower.charAt(0))) {
            throw INVALID;
        }
        try {
            return Double.parseDouble(lower);
        } catch (NumberFormatException e) {
            throw INVALID;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    /** Number of characters of {@code v} in decimal. */
    public static int digits(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? 20 : 1 + digits(-v);
        }
        int n = 1;
        long limit = 10;
        while (n < 19 && v >= limit) {
            n++;
            limit *= 10;
        }
        return n;
    }

    /** Writes {@code v} in decimal into {@code out} without allocating. */
    public static void writeLong(ByteBuf out, long v) {
        if (v == Long.MIN_VALUE) {
            out.writeBytes(MIN_LONG);
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        if (v < 10) {
            out.writeByte((int) ('0' + v));
            return;
        }
        int n = digits(v);
        out.ensureWritable(n);
        int end = out.writerIndex() + n;
        int p = end;
        while (v > 0) {
            out.setByte(--p, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(end);
    }

    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** Formats a double the way Redis replies with one ({@code %.17g}, "inf", "-inf"). */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            // Whole numbers print without a fraction, as %.17g does.
            long l = (long) d;
            if (l == 0 && 1 / d < 0) {
                return "-0";
            }
            return Long.toString(l);
        }
        return formatG17(d);
    }

    /** C's {@code %.17g}. */
    static String formatG17(double d) {
        String s = String.format(java.util.Locale.ROOT, "%.16e", d);
        int e = s.indexOf('e');
        int exp = Integer.parseInt(s.substring(e + 1));
        if (exp < -4 || exp >= 17) {
            String mantissa = stripZeros(s.substring(0, e));
            String sign = exp < 0 ? "-" : "+";
            int ax = Math.abs(exp);
            return mantissa + "e" + sign + (ax < 10 ? "0" + ax : Integer.toString(ax));
        }
        String fixed = new java.math.BigDecimal(d).round(new java.math.MathContext(17)).toPlainString();
        if (fixed.indexOf('.') >= 0) {
            fixed = stripZeros(fixed);
        }
        return fixed;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Formats a long double the way INCRBYFLOAT and HINCRBYFLOAT store it ({@code %.17Lf} with trailing
     * zeros removed, no exponent).
     */
    public static String formatHumanDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(d).setScale(17, java.math.RoundingMode.HALF_EVEN);
        String s = bd.toPlainString();
        s = stripZeros(s);
        if (s.equals("-0")) {
            return "0";
        }
        return s;
    }
}
