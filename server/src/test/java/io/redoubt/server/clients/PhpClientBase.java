package io.redoubt.server.clients;

import io.redoubt.server.testutil.TargetServer;
import io.redoubt.server.testutil.ProcessRun;
import io.redoubt.server.testutil.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Shared by the PHP client tests: a server, the php binary, and a way to run a script against the server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PhpClientBase {
    Path php;
    TargetServer server;

    @BeforeAll
    void start() throws IOException {
        php = Programs.require("php", "php-cli");
        server = TargetServer.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code script} with the server's host and port as arguments. */
    ProcessRun runScript(String script) throws IOException {
        Path file = Files.createTempFile("redoubt-client", ".php");
        try {
            Files.writeString(file, script);
            return ProcessRun.run(List.of(php.toString(), file.toString(), server.host(),
                    Integer.toString(server.port())), null, 120);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Debian's php-nrk-predis puts Predis under /usr/share/php/Predis, with a generated autoload.php. */
    static Path predisAutoload() {
        Optional<Path> found = List.of("/usr/share/php/Predis/autoload.php", "/usr/share/php/Predis/Autoload.php",
                        "/usr/share/php/nrk/Predis/autoload.php")
                .stream().map(Path::of).filter(Files::isReadable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "skipped: Predis is not installed (Debian package php-nrk-predis)");
        return found.orElseThrow();
    }
}
