package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MqPeer.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark's load generator ({@code scripts/mqload.c}, built here with gcc) in its count mode
 * against a real broker: every sender sends a fixed number of messages, and the generator exits 0 only if
 * each topic subscriber got exactly all of them (or the queue workers exactly all between them, each the
 * same share, as the deque rotation deals them), with every payload byte checked. A broker that loses,
 * duplicates or garbles a message fails it, and so does a generator that miscounts. Also checks that
 * {@code --quiet true} leaves out the per-message lines, as the benchmark needs.
 */
class MqLoadTest {

    static final Path SOURCE = Path.of("..", "scripts", "mqload.c").toAbsolutePath().normalize();
    static final Path BINARY = Path.of("target", "mqload").toAbsolutePath();

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is needed to build the load generator");
        Process gcc = new ProcessBuilder("/usr/bin/gcc", "-O2", "-Wall", "-o", BINARY.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc took too long");
        assertEquals(0, gcc.exitValue(), out);
    }

    /** Runs the generator in count mode; returns its JSON line after checking its exit status. */
    static String load(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-p", String.valueOf(port), "-d", "20", "-A"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mqload took too long");
        assertEquals(0, p.exitValue(), out + err);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mq-server", "mq_server.py"})
    void everyMessageArrivesExactlyOnceWithItsBytes(String broker) throws Exception {
        int port = freePort();
        MqPeer server = broker.endsWith(".py")
                ? MqPeer.python(broker, "--port", String.valueOf(port), "--quiet")
                : MqPeer.aio(broker, "--port", String.valueOf(port), "--quiet", "true");
        try (server) {
            MqPeer.awaitListening(port);
            String topic = load(port, "-c", "/topic/smoke", "-S", "10", "-P", "1", "-s", "100", "-n", "2000");
            assertTrue(topic.contains("\"sent\":2000,\"received\":20000,\"expected\":20000,\"received_min\":2000,"
                    + "\"received_max\":2000,\"errors\":0,\"bad_size\":0,\"verify_failures\":0,\"verify_all\":1,\"ok\":true"), topic);
            String queue = load(port, "-c", "/queue/smoke", "-S", "10", "-P", "10", "-s", "100", "-n", "300");
            assertTrue(queue.contains("\"sent\":3000,\"received\":3000,\"expected\":3000,\"received_min\":300,"
                    + "\"received_max\":300,\"errors\":0"), queue);
            String big = load(port, "-c", "/topic/smoke-big", "-S", "3", "-P", "1", "-s", "65536", "-n", "20");
            assertTrue(big.contains("\"received\":60,\"expected\":60,\"received_min\":20,\"received_max\":20,"), big);
            assertTrue(server.out().stream().noneMatch(l -> l.startsWith("Sending to")), "--quiet prints no messages");
        }
    }
}
