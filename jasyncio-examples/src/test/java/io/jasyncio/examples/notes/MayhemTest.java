package io.jasyncio.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import io.jasyncio.examples.ChildJvm;
import io.jasyncio.loop.SignalName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The notes' Mayhem service: on virtual time with the shutdown scheduled as a signal would start it,
 * and in a child JVM sent real signals.
 */
class MayhemTest {

    private static final Pattern LINE = Pattern.compile("\\d{2}:\\d{2}:\\d{2},\\d{3} INFO: (.*)");
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** The messages of the log lines, without their times; fails on a line of another form. */
    private static List<String> messages(List<String> out) {
        List<String> messages = new ArrayList<>();
        for (String line : out) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            messages.add(m.group(1));
        }
        return messages;
    }

    /** The shutdown's lines, in order, for {@code signal}, with the count of tasks cancelled as a pattern. */
    private static void assertShutdownTail(List<String> messages, String signal) {
        int received = messages.indexOf("Received exit signal " + signal + "...");
        assertTrue(received > 0, messages::toString);
        List<String> tail = messages.subList(received, messages.size());
        assertEquals(6, tail.size(), tail::toString);
        assertEquals("Closing database connections", tail.get(1));
        assertEquals("Nacking outstanding messages", tail.get(2));
        assertTrue(tail.get(3).matches("Cancelling [1-9]\\d* outstanding tasks"), tail.get(3));
        assertEquals("Flushing metrics", tail.get(4));
        assertEquals("Successfully shutdown the Mayhem service.", tail.get(5));
    }

    private static List<String> runForTenSeconds(long seed) {
        try (Captured c = Captured.start()) {
            Mayhem.run(new Random(seed), loop -> loop.callLater(10, Mayhem.onSignal(SignalName.SIGTERM, loop)));
            assertEquals(10.0, c.loop().time(), 1e-9);
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports(), "no task left pending, no error unretrieved");
            return messages(c.out());
        }
    }

    @Test
    void publishesConsumesHandlesAndShutsDownInOrder() {
        List<String> messages = runForTenSeconds(3);
        assertShutdownTail(messages, "SIGTERM");
        List<String> consumed = new ArrayList<>();
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String m = messages.get(i);
            if (m.startsWith("Consumed ")) {
                String msg = m.substring(9);
                assertTrue(messages.subList(0, i).contains("Published message " + msg), m);
                consumed.add(msg);
            } else if (m.startsWith("Done. Acked ")) {
                String msg = m.substring(12);
                String host = msg.substring("PubSubMessage(instance_name='".length(), msg.length() - 2) + ".example.net";
                List<String> before = messages.subList(0, i);
                assertTrue(before.contains("Saved " + msg + " into database"), m);
                assertTrue(before.contains("Restarted " + host), m);
                assertTrue(before.contains("Extended deadline by 3 seconds for " + msg), m);
                acked.add(msg);
            } else {
                assertTrue(m.startsWith("Published message PubSubMessage(instance_name='cattle-")
                        || m.startsWith("Saved ") || m.startsWith("Restarted cattle-")
                        || m.startsWith("Extended deadline by 3 seconds for ")
                        || messages.indexOf(m) >= messages.size() - 6, m);
            }
        }
        assertTrue(consumed.size() >= 5, "about one message a half second: " + consumed);
        assertTrue(!acked.isEmpty() && consumed.containsAll(acked), acked::toString);
    }

    @Test
    void theSameSeedGivesTheSameLog() {
        assertEquals(runForTenSeconds(11), runForTenSeconds(11));
    }

    @Test
    void refusesABadSeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mayhem.main(new String[] {"--seed", "x"}));
        assertEquals("usage: mayhem [--seed N]", e.getMessage());
    }

    private static void shutsDownOn(String signal) throws Exception {
        try (ChildJvm app = ChildJvm.start("mayhem", "--seed", "5")) {
            app.awaitOut(l -> l.contains(" INFO: Consumed "), 2, LIMIT);
            app.signal(signal);
            assertEquals(0, app.waitFor(LIMIT));
            assertShutdownTail(messages(app.out()), "SIG" + signal);
            assertEquals(List.of(), app.err());
        }
    }

    @Test
    void sigtermShutsTheServiceDownGracefully() throws Exception {
        shutsDownOn("TERM");
    }

    @Test
    void sigintShutsTheServiceDownGracefully() throws Exception {
        shutsDownOn("INT");
    }

    @Test
    void sighupShutsTheServiceDownGracefully() throws Exception {
        shutsDownOn("HUP");
    }
}
