package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import io.redoubt.server.testutil.KeyspaceThreadAllocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import static io.redoubt.server.testutil.KeyspaceThreadAllocation.batch;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET, SET, INCR, MGET and MSET allocate nothing per command on the keyspace thread: measured over
 * pipelined batches with the thread's allocation counter, against PING as the baseline (whatever the
 * network layer allocates per read is the same for both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StringHotPathAllocationIT {
    private RedoubtServer server;
    private KeyspaceThreadAllocation probe;

    @BeforeAll
    void start() throws IOException {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        probe = new KeyspaceThreadAllocation(server);
    }

    @AfterAll
    void stop() throws IOException {
        probe.close();
        server.close();
    }

    @Test
    void hotPathCommands_allocateNoMoreThanPing() throws IOException {
        byte[] ping = batch(i -> new String[] {"PING"});
        double baseline = probe.bytesPerCommand(ping);
        String[][] names = {{"SET"}, {"GET"}, {"INCR"}, {"MGET"}, {"MSET"}};
        byte[][] batches = {
            batch(i -> new String[] {"SET", "key:" + (i & 63), "value-" + i}),
            batch(i -> new String[] {"GET", "key:" + (i & 63)}),
            batch(i -> new String[] {"INCR", "counter:" + (i & 7)}),
            batch(i -> new String[] {"MGET", "key:" + (i & 63), "key:" + ((i + 1) & 63), "missing"}),
            batch(i -> new String[] {"MSET", "key:" + (i & 63), "v" + i, "other:" + (i & 15), "w"}),
        };
        StringBuilder report = new StringBuilder("PING " + baseline);
        boolean ok = true;
        for (int k = 0; k < batches.length; k++) {
            double perCommand = probe.bytesPerCommand(batches[k]);
            report.append(", ").append(names[k][0]).append(' ').append(perCommand);
            ok &= perCommand <= baseline + 2;
        }
        assertTrue(ok, "bytes allocated per command: " + report);
    }
}
