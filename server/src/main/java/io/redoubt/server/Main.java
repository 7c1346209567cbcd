package io.redoubt.server;

import io.redoubt.server.config.ConfigException;
import io.redoubt.server.config.ConfigFile;
import io.redoubt.server.config.ServerConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code redoubt-server [config-file] [--directive value ...]}, with redis-server's conventions: a config
 * path first ("-" reads it from standard input), then overrides. SIGTERM and SIGINT stop it cleanly.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (!args.isEmpty() && (args.get(0).equals("-v") || args.get(0).equals("--version"))) {
            System.out.println("Redoubt server v=" + RedoubtServer.VERSION + " java=" + Runtime.version());
            return;
        }
        if (!args.isEmpty() && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
            System.out.println("Usage: redoubt-server [/path/to/redis.conf] [options] [-]\n"
                    + "       redoubt-server - (read config from stdin)\n"
                    + "       redoubt-server -v or --version\n"
                    + "       redoubt-server -h or --help\n\n"
                    + "Examples:\n"
                    + "       redoubt-server (run the server with default config)\n"
                    + "       redoubt-server /etc/redis/6379.conf\n"
                    + "       redoubt-server --port 7777\n"
                    + "       redoubt-server /etc/myredis.conf --loglevel verbose --save 60 1000");
            return;
        }
        ServerConfig config = new ServerConfig();
        String configPath = "";
        try {
            if (!args.isEmpty() && !args.get(0).startsWith("--")) {
                configPath = args.remove(0);
                if (configPath.equals("-")) {
                    String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                    ConfigFile.loadText(text, "stdin", config);
                    // As Redis: a configuration read from stdin leaves nothing for CONFIG REWRITE to write to.
                    configPath = "";
                } else {
                    Path p = Path.of(configPath).toAbsolutePath();
                    if (!Files.isReadable(p)) {
                        System.err.println("Fatal error, can't open config file '" + configPath + "': No such file or directory");
                        System.exit(1);
                    }
                    configPath = p.toString();
                    ConfigFile.load(p, config);
                }
            }
            if (!args.isEmpty()) {
                ConfigFile.loadText(ConfigFile.argumentsToText(args), "command line", config);
            }
        } catch (ConfigException e) {
            System.err.println("\n*** FATAL CONFIG FILE ERROR (Redoubt " + RedoubtServer.VERSION + ") ***");
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("Fatal error reading configuration: " + e.getMessage());
            System.exit(1);
            return;
        }
        run(config, configPath);
    }

    private static void run(ServerConfig config, String configPath) {
        Log log = new Log();
        try {
            // Relative log and pid files are relative to dir, as Redis opens them after its chdir.
            String logfile = config.get("logfile");
            log.file(logfile.isEmpty() ? logfile : config.resolve(logfile).toString());
            log.level(config.get("loglevel"));
        } catch (IOException e) {
            System.err.println("Can't open the log file: " + e.getMessage());
            System.exit(1);
        }
        long pid = ProcessHandle.current().pid();
        log.notice("oO0OoO0OoO0Oo Redoubt is starting oO0OoO0OoO0Oo");
        log.notice("Redoubt version=" + RedoubtServer.VERSION + ", bits=64, java=" + Runtime.version() + ", pid=" + pid + ", just started");
        log.notice(configPath.isEmpty()
                ? "Warning: no config file specified, using the default config. In order to specify a config file use redoubt-server /path/to/redis.conf"
                : "Configuration loaded");
        for (String w : config.warnings()) {
            log.warning(w);
        }
        if (config.getBool("daemonize")) {
            log.warning("daemonize yes has no effect on the JVM: the server stays in the foreground. Run it under systemd, or with nohup and '&', to detach it.");
        }
        RedoubtServer server;
        try {
            server = RedoubtServer.start(config);
        } catch (IOException e) {
            log.warning(e.getMessage());
            System.exit(1);
            return;
        }
        server.internals().configFile(configPath);
        String pidfile = config.get("pidfile").isEmpty() ? "" : config.resolve(config.get("pidfile")).toString();
        if (!pidfile.isEmpty()) {
            try {
                Files.writeString(Path.of(pidfile), pid + "\n");
            } catch (IOException e) {
                log.warning("Failed to write PID file: " + e.getMessage());
            }
        }
        log.notice("Running mode=standalone, port=" + server.port() + ".");
        log.notice("Server initialized");
        log.notice("Ready to accept connections tcp");
        CountDownLatch stopped = new CountDownLatch(1);
        server.onShutdown(() -> {
            if (!pidfile.isEmpty()) {
                try {
                    Files.deleteIfExists(Path.of(pidfile));
                } catch (IOException ignored) {
                    // Nothing more to do on the way out.
                }
            }
            log.warning("Redoubt is now ready to exit, bye bye...");
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!server.stopped()) {
                log.warning("Received SIGTERM scheduling shutdown...");
                String mode = config.get("shutdown-on-sigterm");
                boolean save = mode.contains("save") && !mode.contains("nosave");
                boolean nosave = mode.contains("nosave");
                try {
                    // On the keyspace thread, which still runs: the final save sees a quiet keyspace.
                    // No time limit: a big dataset takes as long as it takes, as Redis's final save does.
                    boolean saved = server.internals().loop()
                            .submit(() -> server.internals().snapshots().shutdownSave(save, nosave)).get();
                    if (!saved) {
                        log.warning("Error trying to save the DB, exiting anyway (the JVM cannot refuse a SIGTERM).");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                    log.warning("Error trying to save the DB: " + e.getMessage());
                }
                server.close();
            }
        }, "redoubt-sigterm"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }
}
