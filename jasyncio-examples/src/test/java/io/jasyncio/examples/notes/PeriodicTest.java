package io.jasyncio.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    @Test
    void printsPeriodicEverySecondUntilCancelledAtFive() {
        try (Captured c = Captured.start()) {
            Periodic.main(new String[0]);
            assertEquals(Collections.nCopies(5, "periodic"), c.out());
            assertEquals(5.0, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
