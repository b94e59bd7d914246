package io.jasyncio.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The blog's producer/consumer with an asyncio queue (seed 004 lines 119-176), on virtual time. */
class ProducerConsumerTest {

    @Test
    void withEveryRandomDrawZeroTheInterleavingIsExact() {
        // random.random() always 0: every producer sleeps 0.5 s, as the consumer does per item. At each
        // half second, the first producer, then the second, then the consumer run (the order their
        // timers were set); the producers put two items per half second and the consumer takes one, so
        // the k-th item processed (from 0) was made at (k / 2) * 0.5 s and is processed at k * 0.5 s.
        List<String> expected = new ArrayList<>();
        expected.add("App started.");
        for (int k = 0; k < 40; k++) {
            if (k < 20) {
                expected.add(" -- generated item " + (k + 1));
                expected.add(" -- generated item " + (k + 1));
            }
            int value = (k / 2 + 1) * (k / 2 + 1);
            double waited = (k - k / 2) * 0.5;
            expected.add(String.format(Locale.ROOT, " +++ Processed value %d after %.2f sec.", value, waited));
        }
        expected.add("App exiting, total time: 20.00 sec.");
        try (Captured c = Captured.start()) {
            ProducerConsumer.run(() -> 0.0, false);
            assertEquals(expected, c.out());
            assertEquals(" +++ Processed value 400 after 10.00 sec.", c.out().get(80));
            assertEquals(20.0, c.loop().time(), 1e-9);
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void aSeededRunProcessesAllFortyItemsInOrderAndRepeatsExactly() {
        List<String> first;
        try (Captured c = Captured.start()) {
            ProducerConsumer.main(new String[] {"--seed", "7"});
            first = c.out();
            double total = c.loop().time();
            assertTrue(total >= 20.0 && total < 31.0, "total " + total);
            assertEquals(String.format(Locale.ROOT, "App exiting, total time: %.2f sec.", total), first.get(first.size() - 1));
        }
        assertEquals(82, first.size());
        assertEquals("App started.", first.get(0));
        List<String> generated = first.stream().filter(l -> l.startsWith(" -- generated item ")).toList();
        assertEquals(40, generated.size());
        List<Integer> processed = first.stream().filter(l -> l.startsWith(" +++ Processed value "))
                .map(l -> Integer.parseInt(l.split(" ")[4])).toList();
        assertEquals(40, processed.size());
        // Items come off the queue in the order they were put on it.
        List<Integer> put = new ArrayList<>();
        for (String l : first) {
            if (l.startsWith(" -- generated item ")) {
                put.add(Integer.parseInt(l.substring(19)) * Integer.parseInt(l.substring(19)));
            }
        }
        assertEquals(put, processed);
        try (Captured c = Captured.start()) {
            ProducerConsumer.main(new String[] {"--seed", "7"});
            assertEquals(first, c.out(), "the same seed gives the same run");
        }
    }

    @Test
    void colourPutsPlainAnsiCodesAroundEachLine() {
        try (Captured c = Captured.start()) {
            ProducerConsumer.main(new String[] {"--color", "--seed", "1"});
            List<String> out = c.out();
            assertEquals("\u001b[37mApp started.\u001b[0m", out.get(0));
            assertEquals("\u001b[33m -- generated item 1\u001b[0m", out.get(1));
            assertEquals("\u001b[36m +++ Processed value 1 after 0.00 sec.\u001b[0m", out.get(3));
            assertTrue(out.get(81).startsWith("\u001b[37mApp exiting, total time: "), out.get(81));
        }
    }

    @Test
    void refusesUnknownArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProducerConsumer.main(new String[] {"--seed"}));
        assertEquals("usage: producer-consumer [--seed N] [--color]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProducerConsumer.main(new String[] {"--seed", "x"}));
        assertThrows(IllegalArgumentException.class, () -> ProducerConsumer.main(new String[] {"fast"}));
    }
}
