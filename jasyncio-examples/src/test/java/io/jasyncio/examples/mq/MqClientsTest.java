package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MqPeer.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our listener and sender ({@code mq-listen}, {@code mq-send}) in child JVMs against the book's broker
 * written in Python asyncio ({@code src/test/python/mq/mq_server.py}), over real sockets.
 */
class MqClientsTest {

    @Test
    void ourListenersAndSenderAgainstThePythonBroker() throws Exception {
        int port = freePort();
        try (MqPeer server = MqPeer.python("mq_server.py", "--port", "" + port)) {
            server.awaitLine("Serving on");
            try (MqPeer a = MqPeer.aio("mq-listen", "--port", "" + port, "--listen", "/queue/blah")) {
                String aIam = a.awaitLine("I am ");
                assertTrue(aIam.matches("I am /127\\.0\\.0\\.1:\\d+"), aIam);
                assertTrue(a.out().get(0).matches("Starting up [0-9a-f]{8}"), a.out().toString());
                server.awaitOut(l -> l.contains("subscribed to"), 1);
                try (MqPeer b = MqPeer.aio("mq-listen", "--port", "" + port, "--listen", "/queue/blah")) {
                    b.awaitLine("I am ");
                    server.awaitOut(l -> l.contains("subscribed to"), 2);
                    String aId = a.out().get(0).substring(12);
                    try (MqPeer s = MqPeer.aio("mq-send", "--port", "" + port, "--channel", "/queue/blah",
                            "--interval", "0.05", "--count", "6")) {
                        String sid = s.awaitLine("Starting up ").substring(12);
                        assertTrue(s.awaitLine("I am ").matches("I am /127\\.0\\.0\\.1:\\d+"));
                        a.awaitOut(l -> l.startsWith("Received by"), 3);
                        b.awaitOut(l -> l.startsWith("Received by"), 3);
                        assertEquals(0, s.waitFor());
                        assertEquals(List.of("Received by " + aId + ": b'Msg 1 from " + sid + "'",
                                "Received by " + aId + ": b'Msg 3 from " + sid + "'",
                                "Received by " + aId + ": b'Msg 5 from " + sid + "'"), a.out().subList(2, 5));
                        assertEquals(5, b.out().size(), b.out().toString());
                        assertTrue(b.out().get(2).endsWith(": b'Msg 0 from " + sid + "'"), b.out().toString());
                    }
                    server.signal("INT");
                    assertEquals(0, server.waitFor());
                    a.awaitLine("Server closed.");
                    b.awaitLine("Server closed.");
                    assertEquals(0, a.waitFor());
                    assertEquals(0, b.waitFor());
                    assertEquals(List.of(), a.err());
                }
            }
        }
    }

    @Test
    void ourSenderReportsTheEndOfTheConnection() throws Exception {
        int port = freePort();
        try (MqPeer server = MqPeer.python("mq_server.py", "--port", "" + port)) {
            server.awaitLine("Serving on");
            try (MqPeer s = MqPeer.aio("mq-send", "--port", "" + port, "--interval", "0.05", "--size", "3")) {
                server.awaitOut(l -> l.startsWith("Sending to b'/topic/foo': b'XXX'"), 2);
                server.signal("TERM");
                s.awaitLine("Connection ended.");
                assertEquals(0, s.waitFor());
                assertEquals(List.of(), s.err());
            }
        }
    }
}
