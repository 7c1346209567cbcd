package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeySpecsTest {
    private final CommandTable table = new CommandTable();

    private static CommandArgs args(String... words) {
        byte[][] parts = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            parts[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return new CommandArgs().set(parts);
    }

    private static String keys(CommandSpec cmd, String... words) {
        List<String> out = new ArrayList<>();
        CommandArgs a = args(words);
        for (KeySpecs.Key k : KeySpecs.keys(cmd, KeySpecs.of(cmd), a, 0)) {
            out.add(a.string(k.argIndex()) + k.flags());
        }
        return out.toString();
    }

    @Test
    void range_defaultsFromCommandFlags() {
        CommandSpec get = table.add("get", 2, "readonly fast", (c, a) -> { }).keys(1, 1, 1);
        CommandSpec mset = table.add("mset", -3, "write denyoom", (c, a) -> { }).keys(1, -1, 2);
        assertEquals(List.of(new KeySpecs.Spec(KeySpecs.Kind.RANGE, List.of("RO", "access"), 1, 0, 1)), KeySpecs.of(get));
        assertEquals(List.of(new KeySpecs.Spec(KeySpecs.Kind.RANGE, List.of("RW", "access", "update"), 1, -1, 2)), KeySpecs.of(mset));
        assertEquals("[a[RW, access, update], b[RW, access, update]]", keys(mset, "mset", "a", "1", "b", "2"));
    }

    @Test
    void range_splitByFlagGroups_likeRenameAndBitop() {
        CommandSpec rename = table.add("rename", 3, "write", (c, a) -> { }).keys(1, 2, 1).keySpecFlags("RW access delete | OW update");
        assertEquals(List.of(new KeySpecs.Spec(KeySpecs.Kind.RANGE, List.of("RW", "access", "delete"), 1, 0, 1),
                new KeySpecs.Spec(KeySpecs.Kind.RANGE, List.of("OW", "update"), 2, 0, 1)), KeySpecs.of(rename));
        assertEquals("[a[RW, access, delete], b[OW, update]]", keys(rename, "rename", "a", "b"));
        CommandSpec bitop = table.add("bitop", -4, "write denyoom", (c, a) -> { }).keys(2, -1, 1).keySpecFlags("OW update | RO access");
        assertEquals(List.of(new KeySpecs.Spec(KeySpecs.Kind.RANGE, List.of("OW", "update"), 2, 0, 1),
                new KeySpecs.Spec(KeySpecs.Kind.RANGE, List.of("RO", "access"), 3, -1, 1)), KeySpecs.of(bitop));
        assertEquals("[d[OW, update], x[RO, access], y[RO, access]]", keys(bitop, "bitop", "and", "d", "x", "y"));
    }

    @Test
    void keynum_andNoKeysWhenTheCountDoesNotFit() {
        CommandSpec zunion = table.add("zunionstore", -4, "write denyoom", (c, a) -> { }).keys(1, 1, 1).keyNum(2)
                .keySpecFlags("OW update | RO access");
        assertEquals("[d[OW, update], a[RO, access], b[RO, access]]", keys(zunion, "zunionstore", "d", "2", "a", "b", "WEIGHTS", "1", "2"));
        assertEquals("[d[OW, update]]", keys(zunion, "zunionstore", "d", "5", "a"));
        assertEquals("[d[OW, update]]", keys(zunion, "zunionstore", "d", "x", "a"));
        CommandSpec eval = table.add("eval", -3, "noscript no_mandatory_keys", (c, a) -> { }).keyNum(2);
        assertEquals(List.of(new KeySpecs.Spec(KeySpecs.Kind.KEYNUM, List.of("RO", "access"), 2, 0, 1)), KeySpecs.of(eval));
        assertEquals("[k1[RO, access]]", keys(eval, "eval", "s", "1", "k1", "arg"));
    }

    @Test
    void keyFinder_winsAndIsUnknownSpecWithoutRange() {
        CommandSpec sort = table.add("sortlike", -2, "write", (c, a) -> { }).keyFinder(a -> new int[] {1, a.count() - 1});
        assertEquals(KeySpecs.Kind.UNKNOWN, KeySpecs.of(sort).get(0).kind());
        assertEquals("[a[RW, access, update], z[RW, access, update]]", keys(sort, "sortlike", "a", "STORE", "z"));
    }

    @Test
    void range_thatDoesNotFitGivesNoKeys() {
        CommandSpec mset = table.add("mset", -3, "write", (c, a) -> { }).keys(1, 3, 1);
        assertEquals("[]", keys(mset, "mset", "a", "b"));
    }
}
