package io.redoubt.server.persist;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static io.redoubt.server.persist.Keyspace.b;

/**
 * A keyspace that exercises every way a file can store data: each type in its compact encoding (listpack,
 * intset, integer-encoded and short strings) and its large one (quicklist, hashtable, skiplist), values past
 * the compact thresholds by count and by element size, big compressible and incompressible strings (LZF or
 * not), integers at the edges of 64 bits, binary keys and values, special scores, expiries in milliseconds,
 * and several databases. Written through commands, so the same data goes into Redoubt and into Redis.
 */
public final class Dataset {
    private Dataset() {
    }

    /** An expiry base an hour from now, with milliseconds that are not round. */
    public static long expireBase() {
        return System.currentTimeMillis() / 1000 * 1000 + 3_600_000L + 123;
    }

    /**
     * Writes the data set into the server {@code j} talks to (its databases 0, 1, 7 and 15). The same seed
     * and {@code expireBaseMs} give the same keyspace on any server; expiries are a few ms after the base.
     */
    public static void write(Jedis j, long seed, long expireBaseMs) {
        Random rnd = new Random(seed);
        long base = expireBaseMs;
        j.select(0);
        Pipeline p = j.pipelined();
        strings(p, rnd, base);
        lists(p, rnd, base);
        hashes(p, rnd, base);
        sets(p, rnd, base);
        zsets(p, rnd, base);
        p.sync();
        int[] others = {1, 7, 15};
        for (int db : others) {
            j.select(db);
            p = j.pipelined();
            p.set(b("db" + db + ":string"), b("value in db " + db));
            p.set(b("db" + db + ":int"), b(Integer.toString(db * 1000)));
            p.rpush(b("db" + db + ":list"), b("a"), b("b"), b("1"));
            p.hset(b("db" + db + ":hash"), Map.of(b("f"), b("v"), b("n"), b("42")));
            p.sadd(b("db" + db + ":intset"), b("1"), b("2"), b("3"));
            p.zadd(b("db" + db + ":zset"), 1.5, b("m"));
            p.set(b("db" + db + ":ttl"), b("expiring"));
            p.pexpireAt(b("db" + db + ":ttl"), base + 1000L * db + 7);
            p.sync();
        }
        j.select(0);
    }

    /**
     * Changes on top of {@link #write}: deletes, expiry set, changed and removed, and commands a log must
     * record as their effect (relative expiries, INCRBYFLOAT, SPOP, SET with EX), in several databases and
     * inside a transaction.
     */
    public static void mutate(Jedis j, long expireBaseMs) {
        j.select(0);
        j.del(b("k:1"), b("k:2"), b("hash:bigvalue"));
        j.persist(b("str:ttl"));
        j.pexpireAt(b("k:3"), expireBaseMs + 99);
        j.expire(b("k:4"), 7200);
        j.set(b("k:5"), b("with ex"), redis.clients.jedis.params.SetParams.setParams().ex(7200));
        j.incrByFloat(b("str:int:3"), 0.25);
        j.spop(b("set:large"), 5);
        j.lpop(b("list:long"), 10);
        j.rpop(b("list:long"));
        j.lset(b("list:long"), 100, b("replaced"));
        j.linsert(b("list:small"), redis.clients.jedis.args.ListPosition.BEFORE, b("b"), b("inserted"));
        j.hdel(b("hash:large"), b("field-1"), b("field-2"));
        j.hincrBy(b("hash:small"), b("a"), 10);
        j.srem(b("set:manyints"), b("3"), b("6"));
        j.zincrby(b("zset:large"), 2.5, b("member-7"));
        j.zrem(b("zset:small"), b("a"));
        j.append(b("str:short"), b(" world"));
        j.setrange(b("str:44"), 2, b("XY"));
        redis.clients.jedis.Transaction t = j.multi();
        t.set(b("tx:a"), b("1"));
        t.incr(b("tx:a"));
        t.rpush(b("tx:list"), b("x"));
        t.exec();
        j.select(1);
        j.rename(b("db1:string"), b("db1:renamed"));
        j.move(b("db1:int"), 2);
        j.select(7);
        j.flushDB();
        j.set(b("db7:after-flush"), b("yes"));
        j.select(0);
    }

    private static void strings(Pipeline p, Random rnd, long base) {
        String[] ints = {"0", "1", "-1", "12345", "-12345", "127", "128", "-128", "-129", "32767", "32768", "-32768",
                "-32769", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
                "-9223372036854775808", "9223372036854775808", "007", "+1", "1.5", " 1", "1e3", "-0"};
        for (int i = 0; i < ints.length; i++) {
            p.set(b("str:int:" + i), b(ints[i]));
        }
        p.set(b("str:empty"), new byte[0]);
        p.set(b("str:short"), b("hello"));
        p.set(b("str:44"), b("x".repeat(44)));
        p.set(b("str:45"), b("y".repeat(45)));
        p.set(b("str:compressible"), b("abcdefgh".repeat(128 * 1024)));
        byte[] random = new byte[1 << 20];
        rnd.nextBytes(random);
        p.set(b("str:incompressible"), random);
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        p.set(allBytes, allBytes);
        p.set(b("bin:\0\r\n\u00ff\u0080key"), b("\0\0\r\n"));
        p.set(b("\u00e9t\u00e9 \u00c0"), b("latin-1 bytes"));
        p.set(b(""), b("the empty key"));
        p.set(b("str:ttl"), b("expires"));
        p.pexpireAt(b("str:ttl"), base + 1);
        p.set(b("str:int:ttl"), b("99"));
        p.pexpireAt(b("str:int:ttl"), base + 2);
        p.set(b("str:far"), b("year 2100"));
        p.pexpireAt(b("str:far"), 4_102_444_800_123L);
        for (int i = 0; i < 2000; i++) {
            p.set(b("k:" + i), b("v" + rnd.nextInt(1_000_000)));
        }
    }

    private static void lists(Pipeline p, Random rnd, long base) {
        p.rpush(b("list:small"), b("a"), b("1"), b("-7"), b(""), b("9223372036854775807"), b("b"));
        p.rpush(b("list:ints"), b("1"), b("2"), b("3"), b("100000"), b("-100000"));
        for (int i = 0; i < 5000; i++) {
            p.rpush(b("list:long"), b(i % 3 == 0 ? Integer.toString(i) : "element-" + i));
        }
        p.rpush(b("list:bigelem"), b("small"), b("z".repeat(20_000)), b("tail"));
        byte[] rb = new byte[100];
        rnd.nextBytes(rb);
        p.rpush(b("list:binary"), rb, b("\0"));
        p.rpush(b("list:ttl"), b("x"), b("y"));
        p.pexpireAt(b("list:ttl"), base + 3);
    }

    private static void hashes(Pipeline p, Random rnd, long base) {
        p.hset(b("hash:small"), Map.of(b("a"), b("1"), b("b"), b("two"), b("c"), b("-3"), b("d"), b("")));
        Map<byte[], byte[]> big = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            big.put(b("field-" + i), b(i % 2 == 0 ? Integer.toString(i * 7) : "value-" + rnd.nextInt()));
        }
        p.hset(b("hash:large"), big);
        p.hset(b("hash:bigvalue"), Map.of(b("f"), b("v".repeat(100)), b("g"), b("1")));
        p.hset(b("hash:ttl"), Map.of(b("f"), b("v")));
        p.pexpireAt(b("hash:ttl"), base + 4);
    }

    private static void sets(Pipeline p, Random rnd, long base) {
        p.sadd(b("set:intset16"), b("1"), b("2"), b("3"), b("-5"));
        p.sadd(b("set:intset32"), b("100000"), b("-100000"), b("7"));
        p.sadd(b("set:intset64"), b("9223372036854775807"), b("-9223372036854775808"), b("0"));
        for (int i = 0; i < 600; i++) {
            p.sadd(b("set:manyints"), b(Integer.toString(i * 3)));
        }
        p.sadd(b("set:small"), b("a"), b("b"), b("c"), b("1"));
        for (int i = 0; i < 300; i++) {
            p.sadd(b("set:large"), b("member-" + i + "-" + rnd.nextInt(1000)));
        }
        p.sadd(b("set:bigmember"), b("s".repeat(100)), b("t"));
        p.sadd(b("set:ttl"), b("1"), b("2"));
        p.pexpireAt(b("set:ttl"), base + 5);
    }

    private static void zsets(Pipeline p, Random rnd, long base) {
        p.zadd(b("zset:small"), Map.of(b("a"), 1.0, b("b"), 2.5, b("c"), -3.25, b("d"), 0.0, b("12"), 12.0));
        p.zadd(b("zset:special"), Map.of(b("inf"), Double.POSITIVE_INFINITY, b("-inf"), Double.NEGATIVE_INFINITY,
                b("tiny"), 1e-300, b("huge"), 1.7976931348623157e308, b("third"), 1.0 / 3, b("neg"), -123456789.125));
        Map<byte[], Double> big = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            big.put(b("member-" + i), rnd.nextDouble() * 1000 - 500);
        }
        p.zadd(b("zset:large"), big);
        p.zadd(b("zset:bigmember"), Map.of(b("m".repeat(100)), 1.0, b("n"), 2.0));
        p.zadd(b("zset:ttl"), Map.of(b("x"), 1.0));
        p.pexpireAt(b("zset:ttl"), base + 6);
    }
}
