package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameLoopTest {

    @Test
    void bothWaysGiveTheSameLoop() {
        try (Captured c = Captured.start()) {
            SameLoop.main(new String[0]);
            assertEquals(List.of("true", "getRunningLoop() inside a coroutine is the same loop: true"), c.out());
            assertEquals(1, c.loops().size());
        }
    }
}
