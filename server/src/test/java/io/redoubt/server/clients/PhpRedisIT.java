package io.redoubt.server.clients;

import io.redoubt.server.testutil.ProcessRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** phpredis, the C extension (Debian php-redis), runs a small script; skipped without php or the extension. */
class PhpRedisIT extends PhpClientBase {

    @Test
    void phpredis_script() throws IOException {
        ProcessRun loaded = ProcessRun.run(List.of(php.toString(), "-r", "exit(extension_loaded('redis') ? 0 : 1);"), null, 30);
        Assumptions.assumeTrue(loaded.exitCode() == 0, "skipped: the PHP redis extension is not installed (Debian package php-redis)");
        ProcessRun run = runScript("""
                <?php
                $r = new Redis();
                $r->connect($argv[1], (int) $argv[2], 10);
                var_dump($r->ping());
                $r->set('phpr:k', 'hello');
                echo $r->get('phpr:k'), "\\n";
                var_dump($r->get('phpr:missing'));
                echo $r->incrBy('phpr:n', 5), "\\n";
                $r->mSet(['phpr:a' => 'x', 'phpr:b' => 'y']);
                echo implode(',', $r->mGet(['phpr:a', 'phpr:b'])), "\\n";
                $p = $r->multi(Redis::PIPELINE);
                for ($i = 0; $i < 100; $i++) {
                    $p->set("phpr:p:$i", $i);
                }
                $p->get('phpr:p:99');
                $replies = $p->exec();
                echo count($replies), ' ', end($replies), "\\n";
                echo $r->setex('phpr:t', 100, 'v') ? 'ok' : 'fail', ' ', $r->ttl('phpr:t') > 0 ? 'ttl' : 'no ttl', "\\n";
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                bool(true)
                hello
                bool(false)
                5
                x,y
                101 99
                ok ttl
                """, run.stdout(), run.toString());
    }
}
