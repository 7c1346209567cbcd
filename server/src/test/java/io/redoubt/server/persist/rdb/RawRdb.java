package io.redoubt.server.persist.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds RDB bytes by hand, in the encodings only older Redis versions wrote (ziplist, zipmap, quicklist of
 * ziplists, string scores, expiry in seconds), so that reading them is tested without fixture files.
 */
final class RawRdb {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawRdb(int version) {
        out.writeBytes(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
    }

    RawRdb op(int b) {
        out.write(b);
        return this;
    }

    RawRdb bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    RawRdb length(long len) {
        if (len < 64) {
            out.write((int) len);
        } else if (len < 16384) {
            out.write(0x40 | (int) (len >>> 8));
            out.write((int) len & 0xff);
        } else {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)) & 0xff);
            }
        }
        return this;
    }

    RawRdb string(byte[] s) {
        length(s.length);
        out.writeBytes(s);
        return this;
    }

    RawRdb string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    RawRdb key(int type, String key) {
        op(type);
        return string(key);
    }

    /** EOF and, from version 5, the CRC-64 of everything before it. */
    byte[] end(int version) {
        out.write(0xFF);
        byte[] body = out.toByteArray();
        if (version < 5) {
            return body;
        }
        long crc = Crc64.update(0, body, 0, body.length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body);
        for (int i = 0; i < 8; i++) {
            all.write((int) (crc >>> (8 * i)) & 0xff);
        }
        return all.toByteArray();
    }

    /** EOF and 8 zero bytes: a file saved with rdbchecksum no. */
    byte[] endWithoutChecksum() {
        out.write(0xFF);
        out.writeBytes(new byte[8]);
        return out.toByteArray();
    }

    /** A ziplist of strings (String) and integers (Long). */
    static byte[] ziplist(List<Object> entries) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int prev = 0;
        int tail = 10;
        for (Object o : entries) {
            tail = 10 + e.size();
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            if (prev < 254) {
                one.write(prev);
            } else {
                one.write(254);
                le(one, prev, 4);
            }
            if (o instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                if (b.length < 64) {
                    one.write(b.length);
                } else if (b.length < 16384) {
                    one.write(0x40 | (b.length >>> 8));
                    one.write(b.length & 0xff);
                } else {
                    one.write(0x80);
                    for (int i = 3; i >= 0; i--) {
                        one.write((b.length >>> (8 * i)) & 0xff);
                    }
                }
                one.writeBytes(b);
            } else {
                long v = (Long) o;
                if (v >= 0 && v <= 12) {
                    one.write(0xF1 + (int) v);
                } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                    one.write(0xFE);
                    le(one, v, 1);
                } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    one.write(0xC0);
                    le(one, v, 2);
                } else if (v >= -(1 << 23) && v < (1 << 23)) {
                    one.write(0xF0);
                    le(one, v, 3);
                } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    one.write(0xD0);
                    le(one, v, 4);
                } else {
                    one.write(0xE0);
                    le(one, v, 8);
                }
            }
            prev = one.size();
            e.writeBytes(one.toByteArray());
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        le(zl, 10 + e.size() + 1, 4);
        le(zl, tail, 4);
        le(zl, entries.size(), 2);
        zl.writeBytes(e.toByteArray());
        zl.write(0xFF);
        return zl.toByteArray();
    }

    /** A zipmap (Redis before 2.6). */
    static byte[] zipmap(Map<String, String> fields) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.write(fields.size());
        for (Map.Entry<String, String> f : fields.entrySet()) {
            byte[] k = f.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = f.getValue().getBytes(StandardCharsets.UTF_8);
            zipmapLen(z, k.length);
            z.writeBytes(k);
            zipmapLen(z, v.length);
            z.write(2); // two free bytes after the value, as an updated zipmap may have
            z.writeBytes(v);
            z.write(0);
            z.write(0);
        }
        z.write(0xFF);
        return z.toByteArray();
    }

    private static void zipmapLen(ByteArrayOutputStream z, int len) {
        if (len < 254) {
            z.write(len);
        } else {
            z.write(254);
            le(z, len, 4);
        }
    }

    static void le(ByteArrayOutputStream o, long v, int n) {
        for (int i = 0; i < n; i++) {
            o.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
