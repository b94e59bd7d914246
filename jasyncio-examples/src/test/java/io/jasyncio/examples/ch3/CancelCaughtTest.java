package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelCaughtTest {

    @Test
    void theCoroutineCatchesItsCancellationAndEndsNormally() {
        try (Captured c = Captured.start()) {
            CancelCaught.main(new String[0]);
            assertEquals(List.of(
                    "I was cancelled!",
                    "The coroutine exited normally: cancelled() = false, result = null"), c.out());
            assertEquals(List.of(), c.reports());
        }
    }
}
