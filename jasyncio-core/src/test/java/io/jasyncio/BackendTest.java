package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.internal.fiber.Fibers;
import org.junit.jupiter.api.Test;

/** The suite runs once per back end; this checks that the run uses the one it is meant to. */
class BackendTest {

    @Test
    void theExpectedBackendIsInUse() {
        String expected = System.getProperty("jasyncio.expectBackend");
        String actual = Fibers.backend().name();
        System.out.println("coroutine back end: " + actual);
        if (expected != null) {
            assertEquals(expected, actual);
        }
    }
}
