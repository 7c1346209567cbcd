package io.redoubt.server.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way redis-cli does (sdssplitargs): words separated by spaces; "double quotes" with
 * \n \r \t \" \\ and \xHH escapes; 'single quotes' taken literally. Lets the fixed sequences read like a
 * redis-cli session and still carry binary values.
 */
final class CommandLine {
    private CommandLine() {
    }

    static List<byte[]> split(String line) {
        List<byte[]> args = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return args;
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            char q = line.charAt(i);
            if (q == '"' || q == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unbalanced quotes in: " + line);
                    }
                    char c = line.charAt(i++);
                    if (c == q) {
                        break;
                    }
                    if (q == '"' && c == '\\' && i < n) {
                        char e = line.charAt(i++);
                        switch (e) {
                            case 'n' -> word.write('\n');
                            case 'r' -> word.write('\r');
                            case 't' -> word.write('\t');
                            case 'x' -> {
                                word.write(Integer.parseInt(line.substring(i, i + 2), 16));
                                i += 2;
                            }
                            default -> word.write(e);
                        }
                    } else {
                        word.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    }
                }
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    word.writeBytes(String.valueOf(line.charAt(i++)).getBytes(StandardCharsets.UTF_8));
                }
            }
            args.add(word.toByteArray());
        }
    }

    static String show(List<byte[]> args) {
        StringBuilder s = new StringBuilder();
        for (byte[] a : args) {
            if (s.length() > 0) {
                s.append(' ');
            }
            boolean plain = a.length > 0;
            for (byte b : a) {
                plain &= b > 0x20 && b < 0x7f && b != '"' && b != '\'' && b != '\\';
            }
            s.append(plain ? new String(a, StandardCharsets.US_ASCII) : RespValue.quote(a));
        }
        return s.toString();
    }
}
