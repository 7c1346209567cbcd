package io.redoubt.server.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A number of the x87 80-bit extended format, the {@code long double} Redis computes INCRBYFLOAT and
 * HINCRBYFLOAT in on x86-64: a 64-bit significand, binary exponents from -16382 to 16383, subnormals down
 * to 2^-16445, round-half-even after every operation.
 *
 * <h2>Why emulate it</h2>
 * Redis stores the result as {@code %.17Lf} text. With a {@code double} the 17 printed decimals would
 * show binary noise that Redis's 64-bit significand rounds away (0.1 + 0.2 is "0.3" there, and must be
 * here); with exact decimal arithmetic large values would keep digits Redis loses (1e20 + 0.1). Keeping
 * the value exactly as a significand and a power of two, and rounding as the FPU does, gives the same
 * text as Redis for every input. Values are immutable; the arithmetic allocates, which is fine off the hot
 * path.
 */
public final class LongDouble {
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer texts are not numbers to it. */
    public static final int MAX_CHARS = 5 * 1024;
    public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, false);

    private static final int SIGNIFICAND_BITS = 64;
    /** Weight of the lowest significand bit of the smallest numbers (subnormals): 2^-16445. */
    private static final long MIN_UNIT_EXPONENT = -16445;
    /** Largest exponent of the leading bit. */
    private static final long MAX_EXPONENT = 16383;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private final boolean negative;
    /** Below 2^64; zero for zero. */
    private final BigInteger significand;
    /** The value is significand × 2^exponent. */
    private final int exponent;
    private final boolean infinite;

    private LongDouble(boolean negative, BigInteger significand, int exponent, boolean infinite) {
        this.negative = negative;
        this.significand = significand;
        this.exponent = exponent;
        this.infinite = infinite;
    }

    private static LongDouble zero(boolean negative) {
        return negative ? new LongDouble(true, BigInteger.ZERO, 0, false) : ZERO;
    }

    private static LongDouble infinity(boolean negative) {
        return new LongDouble(negative, BigInteger.ZERO, 0, true);
    }

    public boolean isFinite() {
        return !infinite;
    }

    /** -1, 0 or 1 as the value is negative, zero or positive (negative zero gives 0). */
    public int signum() {
        return isZero() ? 0 : negative ? -1 : 1;
    }

    /** The nearest double (values beyond double's range become infinite or zero). */
    public double toDouble() {
        double magnitude = infinite ? Double.POSITIVE_INFINITY : Math.scalb(significand.doubleValue(), exponent);
        return negative ? -magnitude : magnitude;
    }

    private boolean isZero() {
        return !infinite && significand.signum() == 0;
    }

    // ------------------------------------------------------------------ arithmetic

    /** The sum, rounded to the format; infinite on overflow, or when either operand is infinite (NaN included). */
    public LongDouble add(LongDouble o) {
        if (infinite || o.infinite) {
            return infinity(infinite ? negative : o.negative);
        }
        if (isZero() && o.isZero()) {
            return zero(negative && o.negative);
        }
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        int e = Math.min(exponent, o.exponent);
        BigInteger a = significand.shiftLeft(exponent - e);
        BigInteger b = o.significand.shiftLeft(o.exponent - e);
        BigInteger sum = (negative ? a.negate() : a).add(o.negative ? b.negate() : b);
        if (sum.signum() == 0) {
            return ZERO;
        }
        return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, e);
    }

    /**
     * Rounds {@code num / den × 2^e2} (num ≥ 0, den > 0) to the nearest representable value, ties to even;
     * zero when it underflows, infinite when it overflows.
     */
    private static LongDouble round(boolean negative, BigInteger num, BigInteger den, long e2) {
        if (num.signum() == 0) {
            return zero(negative);
        }
        // num/den lies in [2^(nb-db-1), 2^(nb-db+1)): scaled by 2^shift the quotient has 64 or 65 bits.
        long shift = SIGNIFICAND_BITS - ((long) num.bitLength() - den.bitLength());
        long unit = e2 - shift;
        if (unit < MIN_UNIT_EXPONENT) {
            shift -= MIN_UNIT_EXPONENT - unit;
            unit = MIN_UNIT_EXPONENT;
        }
        BigInteger n = num;
        BigInteger d = den;
        if (shift >= 0) {
            n = n.shiftLeft((int) shift);
        } else {
            d = d.shiftLeft((int) -shift);
        }
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        if (q.bitLength() > SIGNIFICAND_BITS) {
            if (q.testBit(0)) {
                r = r.add(d);
            }
            q = q.shiftRight(1);
            d = d.shiftLeft(1);
            unit++;
        }
        int half = r.shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > SIGNIFICAND_BITS) {
                q = q.shiftRight(1);
                unit++;
            }
        }
        if (q.signum() == 0) {
            return zero(negative);
        }
        if (unit + q.bitLength() - 1 > MAX_EXPONENT) {
            return infinity(negative);
        }
        return new LongDouble(negative, q, (int) unit, false);
    }

    // ------------------------------------------------------------------ text

    /**
     * Parses text the way Redis's {@code string2ld} does with glibc's {@code strtold}: decimal or hex
     * ("0x1.8p3") notation, "inf"/"infinity" in any case, optional sign; no spaces, nothing after the
     * number, no NaN, and neither overflow nor underflow to zero.
     *
     * @return the value, or null when the text is not a valid float to Redis
     */
    public static LongDouble parse(byte[] s) {
        int len = s.length;
        if (len == 0 || len >= MAX_CHARS || isSpace(s[0])) {
            return null;
        }
        int p = 0;
        boolean negative = false;
        if (s[p] == '+' || s[p] == '-') {
            negative = s[p] == '-';
            p++;
        }
        if (matchesIgnoreCase(s, p, "inf") || matchesIgnoreCase(s, p, "infinity")) {
            return infinity(negative);
        }
        if (p + 2 < len && s[p] == '0' && (s[p + 1] | 0x20) == 'x' && (hexDigit(s[p + 2]) >= 0
                || (s[p + 2] == '.' && p + 3 < len && hexDigit(s[p + 3]) >= 0))) {
            return parseHex(s, p + 2, negative);
        }
        return parseDecimal(s, p, negative);
    }

    private static LongDouble parseDecimal(byte[] s, int p, boolean negative) {
        int len = s.length;
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean anyDigit = false;
        boolean point = false;
        for (; p < len; p++) {
            byte b = s[p];
            if (b >= '0' && b <= '9') {
                anyDigit = true;
                if (digits.length() > 0 || b != '0') {
                    digits.append((char) b);
                }
                if (point) {
                    fractionDigits++;
                }
            } else if (b == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return null;
        }
        long exponent = 0;
        if (p < len) {
            if ((s[p] | 0x20) != 'e') {
                return null;
            }
            exponent = parseExponent(s, p + 1);
            if (exponent == Long.MIN_VALUE) {
                return null;
            }
        }
        if (digits.length() == 0) {
            return zero(negative);
        }
        long scale = exponent - fractionDigits;
        long magnitude = digits.length() + scale;
        // Beyond these powers of ten the value overflows the format or rounds to zero: not numbers to Redis.
        if (magnitude - 1 > 4932 || magnitude <= -4952) {
            return null;
        }
        BigInteger d = new BigInteger(digits.toString());
        LongDouble v = scale >= 0
                ? round(negative, d.multiply(BigInteger.TEN.pow((int) scale)), BigInteger.ONE, 0)
                : round(negative, d, BigInteger.TEN.pow((int) -scale), 0);
        return v.infinite || v.isZero() ? null : v;
    }

    private static LongDouble parseHex(byte[] s, int p, boolean negative) {
        int len = s.length;
        BigInteger m = BigInteger.ZERO;
        int fractionDigits = 0;
        boolean point = false;
        for (; p < len; p++) {
            int h = hexDigit(s[p]);
            if (h >= 0) {
                m = m.shiftLeft(4).or(BigInteger.valueOf(h));
                if (point) {
                    fractionDigits++;
                }
            } else if (s[p] == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        long exponent = 0;
        if (p < len) {
            if ((s[p] | 0x20) != 'p') {
                return null;
            }
            exponent = parseExponent(s, p + 1);
            if (exponent == Long.MIN_VALUE) {
                return null;
            }
        }
        if (m.signum() == 0) {
            return zero(negative);
        }
        long e2 = exponent - 4L * fractionDigits;
        long top = e2 + m.bitLength();
        if (top > MAX_EXPONENT + 2 || top < MIN_UNIT_EXPONENT - 2) {
            return null;
        }
        LongDouble v = round(negative, m, BigInteger.ONE, e2);
        return v.infinite || v.isZero() ? null : v;
    }

    /** A signed decimal exponent running to the end of the text, saturated; Long.MIN_VALUE when malformed. */
    private static long parseExponent(byte[] s, int p) {
        int len = s.length;
        boolean negative = false;
        if (p < len && (s[p] == '+' || s[p] == '-')) {
            negative = s[p] == '-';
            p++;
        }
        if (p == len) {
            return Long.MIN_VALUE;
        }
        long e = 0;
        for (; p < len; p++) {
            byte b = s[p];
            if (b < '0' || b > '9') {
                return Long.MIN_VALUE;
            }
            e = Math.min(e * 10 + (b - '0'), 1_000_000_000L);
        }
        return negative ? -e : e;
    }

    /**
     * C's {@code %.17Lf} with trailing zeros (and a trailing point) removed and "-0" written "0": the text
     * Redis stores for INCRBYFLOAT results ({@code ld2string} in human mode).
     */
    public String toHumanString() {
        if (infinite) {
            return negative ? "-inf" : "inf";
        }
        BigDecimal exact = exponent >= 0
                ? new BigDecimal(significand.shiftLeft(exponent))
                : new BigDecimal(significand.multiply(FIVE.pow(-exponent)), -exponent);
        String s = exact.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return negative && !s.equals("0") ? "-" + s : s;
    }

    @Override
    public String toString() {
        return toHumanString();
    }

    private static boolean matchesIgnoreCase(byte[] s, int p, String word) {
        if (s.length - p != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((s[p + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int l = b | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }
}
