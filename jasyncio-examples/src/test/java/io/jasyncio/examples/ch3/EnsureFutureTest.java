package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsureFutureTest {

    @Test
    void aCoroutineGetsANewTaskAndATaskComesBackUnchanged() {
        try (Captured c = Captured.start()) {
            EnsureFuture.main(new String[0]);
            assertEquals(List.of(
                    "loop.createTask(coro) is a Task: true",
                    "Aio.ensureFuture(coro) is a Task: true",
                    "... and a new one: true",
                    "Aio.ensureFuture(task) == task: true"), c.out());
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.reports(), "both tasks ran to their end before the loop closed");
        }
    }
}
