package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateTasksTest {

    @Test
    void fReturnsBeforeTheTasksItLaunchedFinish() {
        try (Captured c = Captured.start()) {
            CreateTasks.main(new String[0]);
            assertEquals(List.of(
                    "f() has returned; still running: [task-from-loop.createTask, task-from-Aio.createTask]",
                    "task-from-loop.createTask finished after 1.0 s",
                    "task-from-Aio.createTask finished after 2.0 s"), c.out());
            assertEquals(2.0, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.reports());
        }
    }
}
