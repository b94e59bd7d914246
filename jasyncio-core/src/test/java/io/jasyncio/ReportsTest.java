package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's reports of what nobody can be told: tasks pending at close, exceptions never retrieved. */
class ReportsTest {

    @Test
    void pendingTasksAtCloseAreReportedInCreationOrder() {
        // Example 3-29 (taskwarning): t1 is awaited, t2 is still pending when the loop closes.
        SelectorEventLoop loop = VirtualTime.newLoop();
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        Task<Void> t1 = loop.createTask(() -> Aio.sleep(1, (Void) null), "t1");
        Task<Void> t2 = loop.createTask(() -> Aio.sleep(2, (Void) null), "t2");
        Task<Void> t3 = loop.createTask(() -> Aio.sleep(3, (Void) null), "t3");
        loop.runUntilComplete(t1);
        loop.close();
        assertEquals(2, reports.size());
        assertEquals("Task was destroyed but it is pending!", reports.get(0).message());
        assertEquals(t2, reports.get(0).get("task"));
        assertEquals(t3, reports.get(1).get("task"));
        assertTrue(String.valueOf(reports.get(0).get("task")).startsWith("<Task pending name='t2'"));
    }

    @Test
    void closingTheLoopUnwindsPendingTasksSoTheirFinallyBlocksRun() {
        // The same on both back ends, as Python closes a destroyed coroutine with GeneratorExit.
        SelectorEventLoop loop = VirtualTime.newLoop();
        loop.setExceptionHandler((l, c) -> { });
        List<String> log = new ArrayList<>();
        Task<Void> t = loop.createTask(() -> {
            try {
                Aio.sleep(10);
            } finally {
                log.add("finally ran");
            }
        });
        loop.runUntilComplete(() -> Aio.sleep(0, null));
        loop.close();
        assertEquals(List.of("finally ran"), log);
        assertTrue(!t.done(), "the task is not completed by the unwinding");
    }

    @Test
    void anExceptionNeverRetrievedIsReportedWhenTheTaskIsCollected() throws Exception {
        SelectorEventLoop loop = VirtualTime.newLoop();
        List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, c) -> reports.add(c));
        loop.runUntilComplete(() -> {
            Aio.createTask(() -> {
                throw new IllegalStateException("nobody looks at me");
            }, "ignored");
            Aio.sleep(1);
            return null;
        });
        for (int i = 0; i < 100 && reports.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
            loop.runUntilComplete(() -> Aio.sleep(0.01, null));
        }
        loop.close();
        assertEquals(1, reports.size());
        assertEquals("Task exception was never retrieved", reports.get(0).message());
        assertEquals("nobody looks at me", reports.get(0).exception().getMessage());
        assertTrue(String.valueOf(reports.get(0).get("task")).contains("name='ignored'"));
    }

    @Test
    void aRetrievedExceptionIsNotReported() throws Exception {
        SelectorEventLoop loop = VirtualTime.newLoop();
        List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, c) -> reports.add(c));
        loop.runUntilComplete(() -> {
            Task<Object> t = Aio.createTask(() -> {
                throw new IllegalStateException("seen");
            });
            Aio.sleep(1);
            assertEquals("seen", t.exception().getMessage());
            return null;
        });
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(10);
            loop.runUntilComplete(() -> Aio.sleep(0.01, null));
        }
        loop.close();
        assertEquals(List.of(), reports);
    }
}
