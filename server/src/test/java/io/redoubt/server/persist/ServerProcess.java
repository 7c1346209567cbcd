package io.redoubt.server.persist;

import io.redoubt.server.testutil.Programs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A server running as its own operating-system process, so that a test can kill it with SIGKILL
 * ({@link #kill()}) in the middle of a write load and start it again on the same directory, as a crash
 * would. Either Redoubt ({@code io.redoubt.server.Main} in a child JVM on the test class path) or a real
 * {@code redis-server}, with the same life cycle, so interoperability tests treat both alike.
 *
 * <p>Every start picks a fresh free port (a killed server's port may linger in TIME_WAIT) and waits for the
 * server to answer PING with PONG, which both servers only do once loading is over. Each start's output
 * goes to its own log file beside (never inside) the data directory, so the data directory holds only
 * what the server wrote.
 */
public final class ServerProcess implements AutoCloseable {
    /** Which program runs. */
    public enum Kind { REDOUBT, REDIS }

    private static final String MAIN = "io.redoubt.server.Main";
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Kind kind;
    private final Path root;
    private final Path dir;
    private final List<String> baseArgs;
    private Process process;
    private Path log;
    private int port;
    private int starts;

    private ServerProcess(Kind kind, Path root, List<String> args) throws IOException {
        this.kind = kind;
        this.root = root;
        this.dir = Files.createDirectories(root.resolve("data"));
        this.baseArgs = List.copyOf(args);
    }

    /**
     * A Redoubt server, not started yet, with its data in a new temporary directory. With
     * {@code -Dit.target=redis} a real redis-server instead: runs the tests' own expectations against Redis.
     */
    public static ServerProcess redoubt(String... args) throws IOException {
        if ("redis".equals(System.getProperty("it.target"))) {
            return redis(args);
        }
        return new ServerProcess(Kind.REDOUBT, Files.createTempDirectory("redoubt-proc"), List.of(args));
    }

    /** A real redis-server, not started yet; the calling test is skipped when the program is missing. */
    public static ServerProcess redis(String... args) throws IOException {
        Programs.require("redis-server", "redis-server");
        return new ServerProcess(Kind.REDIS, Files.createTempDirectory("redis-proc"), List.of(args));
    }

    public Kind kind() {
        return kind;
    }

    /** The data directory ({@code --dir}): the same for every start. */
    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the server with its base arguments and {@code extra}, and waits until it answers PING. */
    public ServerProcess start(String... extra) throws IOException {
        launch(extra);
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind + " exited with status " + process.exitValue() + " before answering PING; its output:\n" + output());
            }
            if (answersPing()) {
                return this;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        process.destroyForcibly();
        throw new IOException(kind + " did not answer PING within 60 s on port " + port + "; its output:\n" + output());
    }

    /**
     * Starts the server and waits for it to exit by itself (a server that refuses its files): the exit
     * status. A server still running after {@code timeoutSeconds} is killed and reported as -1.
     */
    public int startExpectingExit(int timeoutSeconds, String... extra) throws IOException {
        launch(extra);
        try {
            if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return -1;
    }

    private void launch(String... extra) throws IOException {
        if (alive()) {
            throw new IllegalStateException(kind + " is already running");
        }
        port = Programs.freePort();
        starts++;
        log = root.resolve("server-" + starts + ".log");
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString()));
        if (kind == Kind.REDIS) {
            args.addAll(List.of("--daemonize", "no", "--enable-debug-command", "local"));
        }
        args.addAll(baseArgs);
        args.addAll(List.of(extra));
        List<String> cmd = new ArrayList<>();
        if (kind == Kind.REDIS) {
            cmd.add(Programs.find("redis-server").orElseThrow().toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // A small heap is plenty (the store is off-heap); C1 only and Serial GC start the JVM fastest,
            // which is what a crash test that restarts it many times waits on.
            cmd.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:MaxDirectMemorySize=2g", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                    "-Dio.netty.leakDetection.level=disabled", "-cp", classPath(), MAIN));
        }
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2_000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            // "-LOADING ..." while the server loads its files: not ready yet.
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL (on Linux {@code destroyForcibly} sends it), then waits for the process to be gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(30);
    }

    /** SIGTERM, as a service manager stops a server (Redis saves on it when save points are set). */
    public int terminate() {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!awaitExit(60)) {
            process.destroyForcibly();
            awaitExit(30);
        }
        return process.exitValue();
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The output (log) of the latest start. */
    public String output() {
        try {
            return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the server if it runs and deletes its directory. */
    @Override
    public void close() {
        if (alive()) {
            kill();
        }
        deleteTree(root);
    }

    static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // The child JVM's class path

    private static volatile String classPath;

    /**
     * The class path holding {@code io.redoubt.server.Main} and its dependencies. Surefire may run tests
     * from a manifest-only booter jar, where {@code java.class.path} is that one jar; it also publishes the
     * real path as {@code surefire.test.class.path}. The first candidate that really contains Main wins:
     * that property, then {@code java.class.path}, then the Class-Path of a booter jar's manifest.
     */
    static String classPath() {
        String cp = classPath;
        if (cp != null) {
            return cp;
        }
        List<String> candidates = new ArrayList<>();
        addIfSet(candidates, System.getProperty("surefire.test.class.path"));
        addIfSet(candidates, System.getProperty("java.class.path"));
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                addIfSet(candidates, manifestClassPath(Path.of(entry)));
            }
        }
        for (String c : candidates) {
            if (containsMain(c)) {
                classPath = c;
                return c;
            }
        }
        throw new IllegalStateException("no class path containing " + MAIN + " among: " + candidates);
    }

    private static void addIfSet(List<String> to, String cp) {
        if (cp != null && !cp.isBlank()) {
            to.add(cp);
        }
    }

    private static String manifestClassPath(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            String value = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (value == null) {
                return null;
            }
            List<String> entries = new ArrayList<>();
            for (String url : value.trim().split("\\s+")) {
                URI u = jar.toUri().resolve(url);
                entries.add(Path.of(u).toString());
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean containsMain(String cp) {
        String resource = MAIN.replace('.', '/') + ".class";
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(resource))) {
                return true;
            }
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                try (JarFile j = new JarFile(p.toFile())) {
                    if (j.getEntry(resource) != null) {
                        return true;
                    }
                } catch (IOException unreadable) {
                    // Not a jar we can read: it cannot be the one holding Main.
                }
            }
        }
        return false;
    }
}
