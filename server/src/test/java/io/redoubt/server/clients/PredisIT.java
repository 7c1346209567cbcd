package io.redoubt.server.clients;

import io.redoubt.server.testutil.ProcessRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Predis, the pure-PHP client, runs a small script against the server; skipped without php or Predis. */
class PredisIT extends PhpClientBase {

    @Test
    void predis_script() throws IOException {
        String autoload = predisAutoload().toString();
        ProcessRun run = runScript("""
                <?php
                require '%s';
                $c = new Predis\\Client(['host' => $argv[1], 'port' => (int) $argv[2], 'read_write_timeout' => 10]);
                echo $c->ping(), "\\n";
                $c->set('php:k', 'hello');
                echo $c->get('php:k'), "\\n";
                var_dump($c->get('php:missing'));
                echo $c->incr('php:n'), ' ', $c->incrby('php:n', 41), "\\n";
                $c->mset(['php:a' => '1', 'php:b' => '2']);
                echo implode(',', $c->mget(['php:a', 'php:b'])), "\\n";
                $c->set('php:bin', "\\x00\\xff\\r\\n");
                echo bin2hex($c->get('php:bin')), "\\n";
                $replies = $c->pipeline(function ($pipe) {
                    for ($i = 0; $i < 500; $i++) {
                        $pipe->set("php:p:$i", $i);
                    }
                    $pipe->get('php:p:499');
                });
                echo count($replies), ' ', end($replies), "\\n";
                echo $c->expire('php:k', 100), ' ', $c->exists('php:k'), "\\n";
                try {
                    $c->incr('php:k');
                } catch (Predis\\Response\\ServerException $e) {
                    echo $e->getMessage(), "\\n";
                }
                echo $c->del(['php:k', 'php:a', 'php:missing']), "\\n";
                """.formatted(autoload));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                PONG
                hello
                NULL
                1 42
                1,2
                00ff0d0a
                501 499
                1 1
                ERR value is not an integer or out of range
                2
                """, run.stdout(), run.toString());
    }
}
