package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.List;

/** An exception raised three awaits deep shows the frames of every awaiting coroutine, as Python's traceback does. */
class StackTraceTest {

    static int innermost() {
        Aio.sleep(1);
        throw new IllegalStateException("three awaits deep");
    }

    static int middle() {
        return Aio.await(Aio.createTask(StackTraceTest::innermost, "innermost-task"));
    }

    static int outer() {
        return Aio.await(Aio.createTask(StackTraceTest::middle, "middle-task"));
    }

    @AioTest
    void traceShowsEveryAwaitingCoroutine() {
        Task<Integer> top = Aio.createTask(StackTraceTest::outer, "outer-task");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Aio.await(top));
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(StackTraceTest.class.getName()) || f.getFileName() != null
                    && f.getFileName().startsWith("awaited by")) {
                frames.add(f.getMethodName() + (f.getFileName().startsWith("awaited by") ? "(" + f.getFileName() + ")" : ""));
            }
        }
        assertEquals(List.of(
                "innermost",
                "await(awaited by task 'middle-task')",
                "middle",
                "await(awaited by task 'outer-task')",
                "outer",
                "await(awaited by task '" + Aio.currentTask().getName() + "')",
                "lambda$traceShowsEveryAwaitingCoroutine$0"), frames.subList(0, 7));
        assertTrue(frames.size() >= 7);
    }
}
