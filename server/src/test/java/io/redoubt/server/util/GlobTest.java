package io.redoubt.server.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void matches_redisPatterns() {
        assertTrue(Glob.matches("*", "", false));
        assertTrue(Glob.matches("h?llo", "hello", false));
        assertTrue(Glob.matches("h[a-e]llo", "hello", false));
        assertFalse(Glob.matches("h[^e]llo", "hello", false));
        assertTrue(Glob.matches("h\\*", "h*", false));
        assertTrue(Glob.matches("a*b*c", "axxbyyc", false));
        assertFalse(Glob.matches("a*b", "acbd", false));
        assertTrue(Glob.matches("HELLO", "hello", true));
    }

    /** Found by Redis's Tcl suite (unit/keyspace): such a KEYS pattern froze the server in exponential matching. */
    @Test
    void manyStars_failFastInsteadOfExponentialTime() {
        String pattern = "a*".repeat(40) + "b";
        assertFalse(Glob.matches(pattern, "a".repeat(200), false));
        assertTrue(Glob.matches(pattern, "a".repeat(200) + "b", false));
    }
}
