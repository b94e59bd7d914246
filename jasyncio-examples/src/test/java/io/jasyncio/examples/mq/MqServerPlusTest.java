package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MqPeer.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the improved broker adds (Ex. 4-9, by the book's intent): a subscriber that does not read loses
 * messages, counted for it, while a fast subscriber of the same topic gets every one; shutdown is bounded
 * even when a subscriber never reads.
 */
class MqServerPlusTest {

    @Test
    void aStalledSubscriberLosesMessagesAndSlowsNobody() throws Exception {
        int port = freePort();
        try (MqPeer server = MqPeer.listening(port, "mq-server-plus", "--port", "" + port, "--queue-size", "20",
                "--quiet", "true", "--shutdown-timeout", "1");
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            DataOutputStream o = new DataOutputStream(stalled.getOutputStream());
            byte[] chan = "/topic/slow".getBytes(StandardCharsets.US_ASCII);
            o.writeInt(chan.length);
            o.write(chan);
            o.flush();
            server.awaitOut(l -> l.contains("subscribed to b'/topic/slow'"), 1);
            try (MqPeer fast = MqPeer.python("mq_listen.py", "--port", "" + port, "--listen", "/topic/slow")) {
                fast.awaitLine("I am ");
                server.awaitOut(l -> l.contains("subscribed to b'/topic/slow'"), 2);
                try (MqPeer s = MqPeer.python("mq_send.py", "--port", "" + port, "--channel", "/topic/slow",
                        "--interval", "0.002", "--count", "300", "--size", "100000")) {
                    fast.awaitOut(l -> l.startsWith("Received by"), 300);
                    assertEquals(0, s.waitFor());
                }
                server.signal("HUP");
                server.awaitLine("Counters:");
                List<String> out = server.out();
                String counters = out.stream().filter(l -> l.startsWith("Counters:")).findFirst().orElseThrow();
                assertTrue(counters.contains("messages in 300"), counters);
                String stalledLine = "  dropped for /127.0.0.1:" + stalled.getLocalPort() + " (b'/topic/slow'): ";
                assertTrue(out.stream().anyMatch(l -> l.startsWith(stalledLine)), out.toString());
                assertEquals(1, out.stream().filter(l -> l.startsWith("  dropped for ")).count(), out.toString());
                long t0 = System.nanoTime();
                server.signal("TERM");
                assertEquals(0, server.waitFor());
                assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "shutdown is bounded");
                fast.awaitLine("Server closed.");
            }
        }
    }
}
