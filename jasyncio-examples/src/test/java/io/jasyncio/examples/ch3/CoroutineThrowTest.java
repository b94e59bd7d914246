package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoroutineThrowTest {

    @Test
    void theExceptionComesOutOfTheCoroutine() {
        try (Captured c = Captured.start()) {
            CoroutineThrow.main(new String[0]);
            assertEquals(List.of("java.lang.Exception: blah"), c.out());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
