package io.redoubt.server.clients;

import io.redoubt.server.testutil.TargetServer;
import io.redoubt.server.testutil.ProcessRun;
import io.redoubt.server.testutil.Programs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code redis-benchmark} runs its tests to the end without errors (no timing is asserted). */
class RedisBenchmarkIT {

    @Test
    void set_get_incr_mset_without_errors() throws IOException {
        Path benchmark = Programs.require("redis-benchmark", "redis-tools");
        try (TargetServer server = TargetServer.start()) {
            for (String pipeline : new String[] {"1", "16"}) {
                ProcessRun run = ProcessRun.run(List.of(benchmark.toString(), "-h", server.host(),
                        "-p", Integer.toString(server.port()), "-n", "2000", "-P", pipeline,
                        "-t", "set,get,incr,mset", "-q"), null, 120);
                String out = run.stdout() + run.stderr();
                assertEquals(0, run.exitCode(), run.toString());
                for (String test : new String[] {"SET", "GET", "INCR", "MSET"}) {
                    assertTrue(out.contains(test + ": ") || out.contains(test + " (10 keys): "),
                            "no result line for " + test + ":\n" + run);
                }
                String lower = out.toLowerCase(Locale.ROOT);
                assertFalse(lower.contains("error") || lower.contains("err "), run.toString());
            }
        }
    }
}
