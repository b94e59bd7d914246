package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    @Test
    void callLaterThenCallAtWhileTheLoopRunsTwoSeconds() {
        try (Captured c = Captured.start()) {
            Scheduling.main(new String[0]);
            assertEquals(List.of("Hello", "Hello timed"), c.out());
            assertEquals(2.0, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.reports());
        }
    }
}
