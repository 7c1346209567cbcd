package io.redoubt.server.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberHashSetTest {

    /**
     * SRANDMEMBER on a hashtable set must give every member the same chance whatever the chains look like
     * (found by "SRANDMEMBER histogram distribution - hashtable" in Redis's suite: chi-square 258 for 10 members).
     */
    @Test
    void random_isUniformOverMembers() {
        MemberHashSet set = new MemberHashSet(4);
        int members = 200;
        for (int i = 0; i < members; i++) {
            set.add(("m" + i).getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < 50; i++) {
            set.remove(("m" + i).getBytes(StandardCharsets.US_ASCII));  // chains shorter than the recorded longest
        }
        members -= 50;
        int samples = 200 * members;
        Map<String, Integer> seen = new HashMap<>();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < samples; i++) {
            seen.merge(new String(set.random(rnd), StandardCharsets.US_ASCII), 1, Integer::sum);
        }
        assertEquals(members, seen.size());
        double expected = (double) samples / members;
        double chiSquare = 0;
        for (int count : seen.values()) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // df = 149: mean 149, standard deviation about 17; a biased pick lands in the thousands.
        assertTrue(chiSquare < 300, "chi-square " + chiSquare);
    }
}
