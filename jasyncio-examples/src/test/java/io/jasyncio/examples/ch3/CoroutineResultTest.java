package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoroutineResultTest {

    @Test
    void theReturnValueComesOutOfTheTaskAndOutOfAwait() {
        try (Captured c = Captured.start()) {
            CoroutineResult.main(new String[0]);
            assertEquals(List.of("The answer was: 123", "result = 123"), c.out());
            assertEquals(2, c.loops().size(), "one loop for Example 3-6, one for Example 3-7");
            assertEquals(0.0, c.loops().get(0).time(), 1e-9, "f() of Example 3-6 never sleeps");
            assertEquals(1.0, c.loops().get(1).time(), 1e-9, "f() of Example 3-7 sleeps one second");
            assertEquals(List.of(), c.reports());
        }
    }
}
