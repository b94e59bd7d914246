package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.internal.fiber.Fibers;
import org.junit.jupiter.api.Test;

/** The programs' tests run once per coroutine back end; this checks that a run uses the one it is meant to. */
class BackendTest {

    @Test
    void theExpectedBackendIsInUse() {
        String expected = System.getProperty("jasyncio.expectBackend");
        if (expected != null) {
            assertEquals(expected, Fibers.backend().name());
        }
    }
}
