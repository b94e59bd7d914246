package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunUntilCompleteTest {

    @Test
    void theLoopRunsTheCoroutineToItsValue() {
        try (Captured c = Captured.start()) {
            RunUntilComplete.main(new String[0]);
            assertEquals(List.of("111"), c.out());
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.reports());
        }
    }
}
