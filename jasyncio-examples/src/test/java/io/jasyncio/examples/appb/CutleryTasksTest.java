package io.jasyncio.examples.appb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cutlery service with tasks (Ex. B-1): always balanced, however many tables. */
class CutleryTasksTest {

    @Test
    void aHundredThousandTablesLeaveTheKitchenAsItWas() {
        try (Captured c = Captured.start()) {
            CutleryTasks.main(new String[] {"100000"});
            assertEquals(List.of(
                    "Kitchen inventory before service: Cutlery(knives=100, forks=100)",
                    "Kitchen inventory after service: Cutlery(knives=100, forks=100)"), c.out());
            assertEquals(0.0, c.loop().time(), "prefilled queues never suspend: no time passes");
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void theDefaultHundredTablesBalanceToo() {
        try (Captured c = Captured.start()) {
            CutleryTasks.main(new String[0]);
            assertEquals("Kitchen inventory after service: Cutlery(knives=100, forks=100)", c.out().get(1));
        }
    }
}
