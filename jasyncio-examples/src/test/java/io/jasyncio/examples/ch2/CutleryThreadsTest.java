package io.jasyncio.examples.ch2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cutlery race with threads (Ex. 2-2, 2-3). Its result is nondeterministic by nature: the tests
 * check that the inventories are reported, never which wrong totals a run ends with.
 */
class CutleryThreadsTest {

    private static final String BEFORE = "Kitchen inventory before service: Cutlery(knives=100, forks=100)";
    private static final String AFTER = "Kitchen inventory after service: Cutlery\\(knives=-?\\d+, forks=-?\\d+\\)";

    @Test
    void reportsTheKitchenBeforeAndAfterServiceOfTheDefaultHundredTables() throws Exception {
        try (Captured c = Captured.startRealTime()) {
            CutleryThreads.main(new String[0]);
            List<String> out = c.out();
            assertEquals(2, out.size(), out.toString());
            assertEquals(BEFORE, out.get(0));
            assertTrue(out.get(1).matches(AFTER), out.get(1));
            assertEquals(List.of(), c.err());
        }
    }

    @Test
    void tenThousandTablesAreServedAndTheResultReportedEachRun() throws Exception {
        // The book's long test, three times: each run reports an inventory, balanced or not.
        for (int run = 0; run < 3; run++) {
            try (Captured c = Captured.startRealTime()) {
                Cutlery kitchen = CutleryThreads.serve(10_000);
                assertEquals(List.of(BEFORE, "Kitchen inventory after service: " + kitchen), c.out());
                assertTrue(c.out().get(1).matches(AFTER), c.out().get(1));
            }
        }
    }

    @Test
    void cutleryRendersAsTheAttrsRepr() {
        Cutlery kitchen = new Cutlery(100, 100);
        Cutlery bot = new Cutlery(0, 0);
        kitchen.give(bot, 4, 4);
        assertEquals("Cutlery(knives=96, forks=96)", kitchen.toString());
        assertEquals("Cutlery(knives=4, forks=4)", bot.toString());
        bot.give(kitchen, 4, 4);
        assertEquals("Cutlery(knives=100, forks=100)", kitchen.toString());
    }

    @Test
    void refusesATableCountThatIsNotAWholeNumber() {
        assertEquals(100, CutleryThreads.tables(new String[0], "cutlery-threads"));
        assertEquals(7, CutleryThreads.tables(new String[] {"7"}, "cutlery-threads"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CutleryThreads.tables(new String[] {"many"}, "cutlery-threads"));
        assertEquals("usage: cutlery-threads [tables], tables a whole number >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CutleryThreads.tables(new String[] {"-1"}, "x"));
        assertThrows(IllegalArgumentException.class, () -> CutleryThreads.tables(new String[] {"1", "2"}, "x"));
    }
}
