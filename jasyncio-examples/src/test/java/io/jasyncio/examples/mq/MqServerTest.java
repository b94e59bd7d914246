package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MqPeer.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our brokers ({@code mq-server}, {@code mq-server-plus}) in a child JVM, with the Python asyncio listener
 * and sender (the book's Ex. 4-3 and 4-4) as clients, over real sockets, stopped with real signals.
 */
class MqServerTest {

    static List<String> received(MqPeer listener) {
        return listener.out().stream().filter(l -> l.startsWith("Received by ")).map(l -> l.substring(l.indexOf(": ") + 2)).toList();
    }

    static String pythonPort(String iAm) {
        // I am ('127.0.0.1', 54922)
        return iAm.substring(iAm.lastIndexOf(", ") + 2, iAm.length() - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mq-server", "mq-server-plus"})
    void theBooksDemoQueueListenersShareRoundRobinAndCtrlCClosesEveryone(String broker) throws Exception {
        int port = freePort();
        try (MqPeer server = MqPeer.listening(port, broker, "--port", String.valueOf(port))) {
            try (MqPeer a = MqPeer.python("mq_listen.py", "--port", "" + port, "--listen", "/queue/blah")) {
                String aPort = pythonPort(a.awaitLine("I am "));
                server.awaitOut(l -> l.contains("subscribed to"), 1);
                try (MqPeer b = MqPeer.python("mq_listen.py", "--port", "" + port, "--listen", "/queue/blah")) {
                    String bPort = pythonPort(b.awaitLine("I am "));
                    server.awaitOut(l -> l.contains("subscribed to"), 2);
                    try (MqPeer s = MqPeer.python("mq_send.py", "--port", "" + port, "--channel", "/queue/blah",
                            "--interval", "0.05", "--count", "6")) {
                        String sid = s.awaitLine("Starting up ").substring(12);
                        a.awaitOut(l -> l.startsWith("Received by"), 3);
                        b.awaitOut(l -> l.startsWith("Received by"), 3);
                        assertEquals(0, s.waitFor());
                        // deque.rotate(): the most recent subscriber gets the first message
                        assertEquals(List.of("b'Msg 1 from " + sid + "'", "b'Msg 3 from " + sid + "'",
                                "b'Msg 5 from " + sid + "'"), received(a));
                        assertEquals(List.of("b'Msg 0 from " + sid + "'", "b'Msg 2 from " + sid + "'",
                                "b'Msg 4 from " + sid + "'"), received(b));
                        List<String> out = server.out();
                        assertEquals("Remote /127.0.0.1:" + aPort + " subscribed to b'/queue/blah'", out.get(0));
                        assertEquals("Remote /127.0.0.1:" + bPort + " subscribed to b'/queue/blah'", out.get(1));
                        assertTrue(out.get(2).endsWith(" subscribed to b'/null'"), out.toString());
                        assertEquals("Sending to b'/queue/blah': b'Msg 0 from " + sid + "'...", out.get(3));
                    }
                    server.signal("INT");
                    assertEquals(0, server.waitFor());
                    a.awaitLine("Server closed.");
                    b.awaitLine("Server closed.");
                    assertEquals(0, a.waitFor());
                    assertEquals(0, b.waitFor());
                    List<String> out = server.out();
                    String cancelled = broker.equals("mq-server") ? "closing connection." : "connection cancelled.";
                    assertTrue(out.contains("Remote /127.0.0.1:" + aPort + " " + cancelled), out.toString());
                    assertTrue(out.contains("Remote /127.0.0.1:" + bPort + " closed"), out.toString());
                    assertEquals("Bye!", out.get(out.size() - 2), out.toString());
                    assertTrue(out.get(out.size() - 1).startsWith("Counters: connections 3 (open 0), messages in 6, out 6, dropped 0"),
                            out.toString());
                    assertEquals(List.of(), server.err());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mq-server", "mq-server-plus"})
    void topicSubscribersAllGetEveryMessageSighupPrintsCountersSigtermStops(String broker) throws Exception {
        int port = freePort();
        try (MqPeer server = MqPeer.listening(port, broker, "--port", String.valueOf(port));
             MqPeer a = MqPeer.python("mq_listen.py", "--port", "" + port, "--listen", "/topic/foo")) {
            a.awaitLine("I am ");
            try (MqPeer b = MqPeer.python("mq_listen.py", "--port", "" + port, "--listen", "/topic/foo")) {
                b.awaitLine("I am ");
                server.awaitOut(l -> l.contains("subscribed to b'/topic/foo'"), 2);
                try (MqPeer s = MqPeer.python("mq_send.py", "--port", "" + port, "--interval", "0.02", "--count", "4")) {
                    String sid = s.awaitLine("Starting up ").substring(12);
                    a.awaitOut(l -> l.startsWith("Received by"), 4);
                    b.awaitOut(l -> l.startsWith("Received by"), 4);
                    List<String> all = List.of("b'Msg 0 from " + sid + "'", "b'Msg 1 from " + sid + "'",
                            "b'Msg 2 from " + sid + "'", "b'Msg 3 from " + sid + "'");
                    assertEquals(all, received(a));
                    assertEquals(all, received(b));
                    assertEquals(0, s.waitFor());
                }
                server.signal("HUP");
                String counters = server.awaitLine("Counters:");
                assertTrue(counters.contains("messages in 4, out 8, dropped 0"), counters);
                server.signal("TERM");
                assertEquals(0, server.waitFor());
                a.awaitLine("Server closed.");
                b.awaitLine("Server closed.");
                assertEquals("Bye!", server.out().get(server.out().size() - 2));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mq-server", "mq-server-plus"})
    void aFrameAboveTheMaximumClosesOnlyThatConnection(String broker) throws Exception {
        int port = freePort();
        try (MqPeer server = MqPeer.listening(port, broker, "--port", String.valueOf(port), "--max-frame", "1000");
             MqPeer a = MqPeer.python("mq_listen.py", "--port", "" + port, "--listen", "/topic/x")) {
            a.awaitLine("I am ");
            server.awaitOut(l -> l.contains("subscribed to b'/topic/x'"), 1);
            try (Socket bad = new Socket("127.0.0.1", port)) {
                DataOutputStream o = new DataOutputStream(bad.getOutputStream());
                byte[] chan = "/null".getBytes(StandardCharsets.US_ASCII);
                o.writeInt(chan.length);
                o.write(chan);
                o.writeInt(1_000_000);
                o.flush();
                String line = server.awaitLine("Remote /127.0.0.1:" + bad.getLocalPort() + " sent a frame");
                assertEquals("Remote /127.0.0.1:" + bad.getLocalPort()
                        + " sent a frame of 1000000 bytes (maximum 1000): closing the connection.", line);
                DataInputStream in = new DataInputStream(bad.getInputStream());
                try {
                    in.readByte();
                    throw new AssertionError("the connection should be closed");
                } catch (EOFException | java.net.SocketException expected) {
                    // closed by the broker
                }
            }
            try (MqPeer s = MqPeer.python("mq_send.py", "--port", "" + port, "--channel", "/topic/x",
                    "--interval", "0", "--count", "2", "--size", "1000")) {
                a.awaitOut(l -> l.startsWith("Received by"), 2);
                assertEquals(0, s.waitFor());
            }
            assertEquals("b'XXXXXXXXXXXXXXXXXXXX'", received(a).get(0));
            server.signal("TERM");
            assertEquals(0, server.waitFor());
        }
    }
}
