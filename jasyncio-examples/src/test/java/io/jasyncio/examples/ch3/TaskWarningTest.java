package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskWarningTest {

    @Test
    void closingTheLoopReportsTheSecondTaskAsDestroyedWhilePending() {
        try (Captured c = Captured.start()) {
            TaskWarning.main(new String[0]);
            assertEquals(List.of(), c.out());
            assertLinesMatch(List.of(
                    "Task was destroyed but it is pending!",
                    "task: <Task pending name='Task-\\d+' at io\\.jasyncio\\.examples\\.ch3\\.TaskWarning\\.f"
                            + "\\(TaskWarning\\.java:\\d+\\) sleeping until 2\\.0>"), c.err());
            assertEquals(1.0, c.loop().time(), 1e-9, "the loop ran only until task 1 was complete");
            assertEquals(List.of(), c.reports(), "the program's own handler took the report");
        }
    }
}
