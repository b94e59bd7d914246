package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class FutureResultTest {

    @Test
    void aTaskCompletesTheBareFuture() {
        try (Captured c = Captured.start()) {
            FutureResult.main(new String[0]);
            assertLinesMatch(List.of(
                    "false",
                    "<Task pending name='Task-\\d+'>",
                    "I have finished.",
                    "true",
                    "I have finished."), c.out());
            assertEquals(1.0, c.loop().time(), 1e-9, "main() sleeps one second before setting the result");
            assertEquals(List.of(), c.reports());
        }
    }
}
