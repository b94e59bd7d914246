package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongRunningTest {

    @Test
    void helloLinesForTenSecondsThenTheTaskIsCancelled() {
        try (Captured c = Captured.start()) {
            // Random(7).nextInt(4) gives 2 2 2 0 1 1 3 ...: sleeps ending at 2, 4, 6, 6, 7, 8, and 11 > 10.
            LongRunning.main(new String[] {"--seed", "7"});
            assertEquals(List.of(
                    "task running now...",
                    "Hello 2",
                    "Hello 2",
                    "Hello 2",
                    "Hello 0",
                    "Hello 1",
                    "Hello 1",
                    "we waited 10 seconds",
                    "task cancelled"), c.out());
            assertEquals(10.0, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.reports(), "the cancelled task ended before the loop closed");
        }
    }

    @Test
    void aSeedThatIsNotANumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongRunning.randomFrom(new String[] {"--seed", "x"}));
        assertEquals("--seed needs a whole number, not 'x'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LongRunning.randomFrom(new String[] {"7"}));
    }
}
