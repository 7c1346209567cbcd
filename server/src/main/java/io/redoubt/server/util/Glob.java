package io.redoubt.server.util;

import io.netty.buffer.ByteBuf;

/**
 * Redis's glob-style matching ({@code stringmatchlen}) on bytes: {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a-z]}, {@code \x} escapes, optionally ignoring case. Used by KEYS, SCAN MATCH, CONFIG GET,
 * PSUBSCRIBE and CLIENT KILL filters.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return match(pattern, 0, pattern.length, string, 0, string.length, nocase, 0) == MATCH;
    }

    public static boolean matches(String pattern, String string, boolean nocase) {
        return matches(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                string.getBytes(java.nio.charset.StandardCharsets.UTF_8), nocase);
    }

    /** Matches a pattern against {@code length} bytes of {@code buf} at {@code index}. */
    public static boolean matches(byte[] pattern, ByteBuf buf, int index, int length, boolean nocase) {
        byte[] s = new byte[length];
        buf.getBytes(index, s);
        return matches(pattern, s, nocase);
    }

    /** True when the pattern is just "*", so callers can skip matching. */
    public static boolean matchesAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static final int MATCH = 1;
    private static final int NO_MATCH = 0;
    /**
     * No match for the rest of the pattern anywhere in the rest of the string: earlier stars need not try
     * longer substrings either. Without this, patterns like "a*a*a*…b" take exponential time (Redis's
     * skipLongerMatches, the fix of CVE-2022-36021).
     */
    private static final int NO_MATCH_ANYWHERE = -1;

    private static int match(byte[] p, int pi, int pend, byte[] s, int si, int send, boolean nocase, int depth) {
        // Bound recursion on patterns like "a*a*a*…" the way Redis does, failing instead of overflowing.
        if (depth > 1000) {
            return NO_MATCH;
        }
        while (pi < pend && si <= send) {
            byte c = p[pi];
            switch (c) {
                case '*' -> {
                    while (pi + 1 < pend && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == pend) {
                        return MATCH;
                    }
                    for (int k = si; k <= send; k++) {
                        int r = match(p, pi + 1, pend, s, k, send, nocase, depth + 1);
                        if (r == MATCH) {
                            return MATCH;
                        }
                        if (r == NO_MATCH_ANYWHERE) {
                            return NO_MATCH_ANYWHERE;
                        }
                    }
                    return NO_MATCH_ANYWHERE;
                }
                case '?' -> {
                    if (si >= send) {
                        return NO_MATCH;
                    }
                    si++;
                }
                case '[' -> {
                    if (si >= send) {
                        return NO_MATCH;
                    }
                    pi++;
                    boolean not = pi < pend && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean matched = false;
                    while (true) {
                        if (pi >= pend) {
                            pi--;
                            break;
                        }
                        if (p[pi] == '\\' && pend - pi >= 2) {
                            pi++;
                            if (p[pi] == s[si]) {
                                matched = true;
                            }
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pend - pi >= 3 && p[pi + 1] == '-') {
                            int start = p[pi] & 0xff;
                            int end = p[pi + 2] & 0xff;
                            int ch = s[si] & 0xff;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (nocase) {
                                start = lower(start);
                                end = lower(end);
                                ch = lower(ch);
                            }
                            pi += 2;
                            if (ch >= start && ch <= end) {
                                matched = true;
                            }
                        } else if (nocase ? lower(p[pi] & 0xff) == lower(s[si] & 0xff) : p[pi] == s[si]) {
                            matched = true;
                        }
                        pi++;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return NO_MATCH;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pend - pi >= 2) {
                        pi++;
                    }
                    if (si >= send || !same(p[pi], s[si], nocase)) {
                        return NO_MATCH;
                    }
                    si++;
                }
                default -> {
                    if (si >= send || !same(c, s[si], nocase)) {
                        return NO_MATCH;
                    }
                    si++;
                }
            }
            pi++;
            if (si == send) {
                while (pi < pend && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == pend && si == send ? MATCH : NO_MATCH;
    }

    private static boolean same(byte a, byte b, boolean nocase) {
        return a == b || (nocase && lower(a & 0xff) == lower(b & 0xff));
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
