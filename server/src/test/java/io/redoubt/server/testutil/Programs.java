package io.redoubt.server.testutil;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** External programs some tests use (redis-server, redis-cli, php…): found on PATH, or the test is skipped. */
public final class Programs {
    private Programs() {
    }

    /** The executable {@code name} on PATH, if any. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The executable {@code name}, or the calling test is skipped with a message saying what to install. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> p = find(name);
        Assumptions.assumeTrue(p.isPresent(),
                () -> "skipped: '" + name + "' is not on PATH (install the Debian package " + debianPackage + ")");
        return p.orElseThrow();
    }

    /** A TCP port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
