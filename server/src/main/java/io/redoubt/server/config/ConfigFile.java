package io.redoubt.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads redis.conf syntax: one directive a line, arguments split as Redis splits them (double quotes with
 * escapes, single quotes), {@code #} comments, {@code include} (with glob patterns), and directives that
 * accumulate over several lines ({@code save}, {@code client-output-buffer-limit}).
 */
public final class ConfigFile {
    private final ServerConfig config;

    private ConfigFile(ServerConfig config) {
        this.config = config;
    }

    public static void load(Path file, ServerConfig config) throws IOException, ConfigException {
        ConfigFile cf = new ConfigFile(config);
        cf.loadFile(file, 0);
    }

    /** Applies configuration text (as built from command-line options) after any file. */
    public static void loadText(String text, String origin, ServerConfig config) throws ConfigException {
        new ConfigFile(config).loadLines(List.of(text.split("\n", -1)), origin, 0);
    }

    /**
     * Turns redis-server style arguments ({@code --port 6380 --save ""}) into configuration text: each
     * {@code --name} starts a line and the words after it are its arguments.
     */
    public static String argumentsToText(List<String> args) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        boolean valueSeen = true;
        String lastName = "";
        for (String a : args) {
            if (a.startsWith("--") && a.length() > 2 && valueSeen) {
                if (!first) {
                    sb.append('\n');
                }
                sb.append(a.substring(2));
                first = false;
                lastName = a.substring(2).trim().toLowerCase(Locale.ROOT);
                // "--port 6380" as one argument carries its value; "--port" waits for the next argument.
                valueSeen = split(a) != null && split(a).size() > 1;
            } else if (!valueSeen && a.startsWith("--") && a.length() > 2 && lastName.equals("save")) {
                // Redis reads "--save --port 1" as an empty save followed by the next option.
                sb.append(" \"\"\n").append(a.substring(2));
                lastName = a.substring(2).trim().toLowerCase(Locale.ROOT);
                valueSeen = split(a) != null && split(a).size() > 1;
            } else {
                sb.append(' ').append(quote(a));
                valueSeen = true;
            }
        }
        if (!valueSeen && lastName.equals("save")) {
            sb.append(" \"\"");
        }
        return sb.toString();
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\')) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private void loadFile(Path file, int depth) throws IOException, ConfigException {
        if (depth > 16) {
            throw new ConfigException("Too many nested includes at " + file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        loadLines(lines, file.toString(), depth);
    }

    private void loadLines(List<String> lines, String origin, int depth) throws ConfigException {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words = split(line);
            if (words == null) {
                throw error(origin, i + 1, line, "Unbalanced quotes in configuration line");
            }
            if (words.isEmpty()) {
                continue;
            }
            String name = words.get(0).toLowerCase(Locale.ROOT);
            List<String> rest = words.subList(1, words.size());
            try {
                if (name.equals("include")) {
                    if (rest.size() != 1) {
                        throw new ConfigException("Bad directive or wrong number of arguments");
                    }
                    include(rest.get(0), depth);
                } else {
                    apply(name, rest);
                }
            } catch (ConfigException e) {
                throw error(origin, i + 1, line, e.getMessage());
            } catch (IOException e) {
                throw error(origin, i + 1, line, "Could not read included file: " + e.getMessage());
            }
        }
    }

    private void include(String pattern, int depth) throws IOException, ConfigException {
        Path p = Path.of(pattern);
        String fileName = p.getFileName() == null ? "" : p.getFileName().toString();
        if (fileName.contains("*") || fileName.contains("?") || fileName.contains("[")) {
            // As Redis: a pattern matching nothing (an empty conf.d) is not an error.
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            List<Path> matches = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, fileName)) {
                    ds.forEach(matches::add);
                }
            }
            matches.sort(null);
            for (Path m : matches) {
                loadFile(m, depth + 1);
            }
        } else {
            if (!Files.isReadable(p)) {
                throw new ConfigException("Fatal error, can't open config file '" + pattern + "': "
                        + (Files.exists(p) ? "Permission denied" : "No such file or directory"));
            }
            loadFile(p, depth + 1);
        }
    }

    /** Applies one directive line: {@code name} in lower case, {@code args} the words after it. */
    void apply(String name, List<String> args) throws ConfigException {
        Directive d = config.directive(name);
        if (d == null) {
            applyOther(name, args);
            return;
        }
        if (!d.has(Directive.MULTI_ARG) && args.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        List<String> words = args;
        if (d.has(Directive.MULTI_ARG) && args.size() == 1 && !args.get(0).isEmpty()) {
            // A multi-word value given as one argument ("--save '900 1'") is split as a line would be.
            words = split(args.get(0));
            if (words == null) {
                throw new ConfigException("Unbalanced quotes in configuration line");
            }
        }
        if (d.name().equals("save")) {
            words = accumulateSave(words);
        }
        config.setArgs(d, words);
    }

    /**
     * Save lines add to each other: the first one read replaces the default, later ones append, and
     * {@code save ""} clears what came before.
     */
    private List<String> accumulateSave(List<String> words) throws ConfigException {
        boolean first = !config.saveLoaded;
        config.saveLoaded = true;
        if (words.isEmpty() || (words.size() == 1 && words.get(0).isEmpty())) {
            return List.of("");
        }
        String parsed = ConfigDirectives.parseSave(words, "");
        String previous = config.get("save");
        String joined = first || previous.isEmpty() ? parsed : previous + " " + parsed;
        return List.of(joined.split(" "));
    }

    /** Lines that are not settings: rename-command, user, loadmodule, sentinel, module options. */
    private void applyOther(String name, List<String> args) throws ConfigException {
        if (ConfigDirectives.isDeprecated(name, args.size() + 1)) {
            return;
        }
        List<String> line = new ArrayList<>(args.size() + 1);
        line.add(name);
        line.addAll(args);
        switch (name) {
            case "rename-command" -> {
                if (args.size() != 2) {
                    throw new ConfigException("Bad directive or wrong number of arguments");
                }
                config.addRaw(line);
                config.warn("rename-command is not supported yet: '" + args.get(0) + "' keeps its name");
            }
            case "user" -> {
                if (args.isEmpty()) {
                    throw new ConfigException("Bad directive or wrong number of arguments");
                }
                config.addRaw(line);
                config.warn("user directives are not supported yet: user '" + args.get(0) + "' is ignored");
            }
            case "loadmodule" -> {
                if (args.isEmpty()) {
                    throw new ConfigException("Bad directive or wrong number of arguments");
                }
                config.addRaw(line);
                config.warn("modules are not supported: '" + args.get(0) + "' is not loaded");
            }
            case "sentinel" -> {
                // Kept for sentinel mode; a bare "sentinel" only selects that mode.
                if (!args.isEmpty()) {
                    config.addRaw(line);
                }
            }
            default -> {
                if (name.indexOf('.') >= 0) {
                    if (args.isEmpty()) {
                        throw new ConfigException("Module config specified without value");
                    }
                    config.addRaw(line);
                    config.warn("modules are not supported: module option '" + name + "' is ignored");
                    return;
                }
                throw new ConfigException("Bad directive or wrong number of arguments");
            }
        }
    }

    private static ConfigException error(String origin, int line, String text, String why) {
        return new ConfigException("Reading the configuration file " + origin + ", at line " + line
                + "\n>>> '" + text + "'\n" + why);
    }

    /**
     * Splits a line as Redis's {@code sdssplitargs}: spaces separate; "double quotes" allow
     * {@code \n \r \t \b \a \\ \" \xHH}; 'single quotes' allow {@code \'}. Returns null on unbalanced quotes.
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int p = 0;
        int n = line.length();
        while (true) {
            while (p < n && Character.isWhitespace(line.charAt(p))) {
                p++;
            }
            if (p >= n) {
                return out;
            }
            StringBuilder cur = new StringBuilder();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (p >= n) {
                    if (inDouble || inSingle) {
                        return null;
                    }
                    break;
                }
                char c = line.charAt(p);
                if (inDouble) {
                    if (c == '\\' && p + 3 < n && line.charAt(p + 1) == 'x' && isHex(line.charAt(p + 2)) && isHex(line.charAt(p + 3))) {
                        cur.append((char) Integer.parseInt(line.substring(p + 2, p + 4), 16));
                        p += 3;
                    } else if (c == '\\' && p + 1 < n) {
                        p++;
                        char e = line.charAt(p);
                        cur.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (p + 1 < n && !Character.isWhitespace(line.charAt(p + 1))) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && p + 1 < n && line.charAt(p + 1) == '\'') {
                        p++;
                        cur.append('\'');
                    } else if (c == '\'') {
                        if (p + 1 < n && !Character.isWhitespace(line.charAt(p + 1))) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    cur.append(c);
                }
                if (p < n) {
                    p++;
                }
            }
            out.add(cur.toString());
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
