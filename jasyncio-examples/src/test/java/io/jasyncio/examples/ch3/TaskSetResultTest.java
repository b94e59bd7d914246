package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSetResultTest {

    @Test
    void setResultIsRefusedAndCancelEndsTheTask() {
        try (Captured c = Captured.start()) {
            TaskSetResult.main(new String[0]);
            assertLinesMatch(List.of(
                    "false",
                    "<Task pending name='Task-\\d+'>",
                    "No longer allowed: Task does not support set_result operation",
                    "true",
                    "true"), c.out());
            assertEquals(1.0, c.loop().time(), 1e-9, "the million-second sleep is cancelled after one");
            assertEquals(List.of(), c.reports());
        }
    }
}
