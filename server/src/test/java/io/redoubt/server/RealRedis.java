package io.redoubt.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real redis-server for byte-for-byte comparisons; {@link #start()} returns null when none is installed. */
public final class RealRedis implements AutoCloseable {
    private final Process process;
    private final int port;

    private RealRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RealRedis start(String... extraArgs) throws IOException, InterruptedException {
        Path exe = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(exe)) {
            return null;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(exe.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        cmd.addAll(java.util.List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (RawClient c = new RawClient(port)) {
                if (c.call("PING").equals("+PONG\r\n")) {
                    return new RealRedis(p, port);
                }
            } catch (IOException e) {
                Thread.onSpinWait();
            }
            if (!p.isAlive()) {
                return null;
            }
        }
        p.destroyForcibly();
        return null;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
