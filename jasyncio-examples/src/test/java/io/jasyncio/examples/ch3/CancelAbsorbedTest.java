package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelAbsorbedTest {

    @Test
    void theCoroutineAbsorbsItsCancellationAndLivesOn() {
        try (Captured c = Captured.start()) {
            CancelAbsorbed.main(new String[0]);
            assertEquals(List.of(
                    "Nope!",
                    "After another step the task is still running: done() = false"), c.out());
            assertEquals(List.of(), c.reports(), "Aio.run's second cancellation ends the task");
        }
    }
}
