package io.redoubt.server.persist.aof;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The whole data set of a server (Redoubt or Redis) as one comparable text: every key, type, value and expiry time. */
final class DataSetDump {
    private DataSetDump() {
    }

    static String dump(Jedis j, int databases) {
        StringBuilder sb = new StringBuilder();
        for (int db = 0; db < databases; db++) {
            j.select(db);
            for (String k : new TreeSet<>(j.keys("*"))) {
                String type = j.type(k);
                sb.append(db).append(' ').append(k).append(' ').append(type).append(' ');
                switch (type) {
                    case "string" -> sb.append(j.get(k));
                    case "list" -> sb.append(j.lrange(k, 0, -1));
                    case "set" -> sb.append(new TreeSet<>(j.smembers(k)));
                    case "hash" -> sb.append(new TreeMap<>(j.hgetAll(k)));
                    case "zset" -> {
                        List<String> z = new ArrayList<>();
                        for (Tuple t : j.zrangeWithScores(k, 0, -1)) {
                            z.add(t.getElement() + "=" + t.getScore());
                        }
                        sb.append(z);
                    }
                    default -> sb.append('?');
                }
                sb.append(" expireat=").append(j.pexpireTime(k)).append('\n');
            }
        }
        j.select(0);
        return sb.toString();
    }

    static Map<String, String> info(Jedis j, String section) {
        Map<String, String> m = new TreeMap<>();
        for (String line : j.info(section).split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0) {
                m.put(line.substring(0, c), line.substring(c + 1));
            }
        }
        return m;
    }
}
