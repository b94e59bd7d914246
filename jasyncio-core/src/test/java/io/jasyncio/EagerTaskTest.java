package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TaskFactory;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import io.jasyncio.testing.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Eager tasks (Python 3.12 {@code eager_task_factory}): the coroutine's first step runs inside
 * {@code createTask}, up to its first suspension; a coroutine that never suspends is done on return.
 */
class EagerTaskTest {

    @AioTest
    void aTaskThatNeverSuspendsIsDoneWhenCreateTaskReturns(SelectorEventLoop loop) {
        Expect x = new Expect();
        loop.setTaskFactory(Task.eagerTaskFactory());
        Task<?> creator = Aio.currentTask();
        Task<?>[] inside = new Task<?>[1];
        x.expect(1);
        Task<String> t = Aio.createTask(() -> {
            x.expect(2);
            inside[0] = Aio.currentTask();
            return "eager";
        }, "quick");
        x.expect(3);
        assertTrue(t.done());
        assertEquals("eager", t.result());
        assertSame(t, inside[0], "the eager step runs as the new task");
        assertSame(creator, Aio.currentTask(), "and the creator is current again afterwards");
        assertEquals("quick", t.getName());
        assertFalse(Aio.allTasks().contains(t));
        x.finish(4);
    }

    @AioTest
    void aTaskThatSuspendsRunsItsFirstStepEagerlyThenAsUsual(SelectorEventLoop loop) {
        Expect x = new Expect();
        loop.setTaskFactory(Task.eagerTaskFactory());
        Task<String> t = Aio.createTask(() -> {
            x.expect(1);
            Aio.sleep(1);
            x.expect(3);
            return "later";
        });
        x.expect(2);
        assertFalse(t.done());
        assertTrue(Aio.allTasks().contains(t));
        assertEquals("later", Aio.await(t));
        x.finish(4);
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void aPlainTaskStartsOnlyOnTheNextIteration(SelectorEventLoop loop) {
        Expect x = new Expect();
        assertNull(loop.getTaskFactory());
        Task<String> t = Aio.createTask(() -> {
            x.expect(2);
            return "lazy";
        });
        x.expect(1);
        assertFalse(t.done());
        assertEquals("lazy", Aio.await(t));
        x.finish(3);
    }

    @AioTest
    void anEagerStepThatAwaitsADoneFutureDoesNotSuspend(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        Future<Integer> ready = loop.createFuture();
        ready.setResult(41);
        Task<Integer> t = Aio.createTask(() -> Aio.await(ready) + 1);
        assertTrue(t.done());
        assertEquals(42, t.result());
    }

    @AioTest
    void anExceptionInTheEagerStepFailsTheTaskNotTheCreator(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        IOException boom = new IOException("boom");
        Task<String> t = Aio.createTask(() -> {
            throw boom;
        });
        assertTrue(t.done());
        assertFalse(t.cancelled());
        assertSame(boom, t.exception());
        assertSame(boom, assertThrows(IOException.class, () -> Aio.await(t)));
    }

    @AioTest
    void theDoneCallbacksOfAnEagerlyFinishedTaskAreStillScheduled(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        List<String> log = new ArrayList<>();
        Task<String> t = Aio.createTask(() -> "x");
        t.addDoneCallback(f -> log.add("callback " + f.result()));
        log.add("after addDoneCallback");
        Aio.sleep(0);
        assertEquals(List.of("after addDoneCallback", "callback x"), log);
    }

    @AioTest
    void eagerTasksCreatedByAnEagerStepRunInsideIt(SelectorEventLoop loop) {
        Expect x = new Expect();
        loop.setTaskFactory(Task.eagerTaskFactory());
        Task<Integer> outer = Aio.createTask(() -> {
            x.expect(1);
            Task<Integer> inner = Aio.createTask(() -> {
                x.expect(2);
                Aio.sleep(1);
                x.expect(5);
                return 1;
            });
            x.expect(3);
            return Aio.await(inner) + 1;
        });
        x.expect(4);
        assertEquals(2, Aio.await(outer));
        x.finish(6);
    }

    @AioTest
    void anEagerTaskCreatedInACallbackRunsInsideTheCallback(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        List<String> log = new ArrayList<>();
        Future<Task<String>> created = loop.createFuture();
        loop.callSoon(() -> {
            log.add("callback");
            Task<String> t = loop.createTask(() -> {
                log.add("eager step, current=" + (Aio.currentTask() != null));
                return "x";
            });
            log.add("after createTask, done=" + t.done() + ", current=" + Aio.currentTask());
            created.setResult(t);
        });
        Task<String> t = Aio.await(created);
        assertEquals(List.of("callback", "eager step, current=true", "after createTask, done=true, current=null"), log);
        assertEquals("x", t.result());
    }

    @AioTest
    void theFactoryCanBeRemovedAgain(SelectorEventLoop loop) {
        TaskFactory eager = Task.eagerTaskFactory();
        loop.setTaskFactory(eager);
        assertSame(eager, loop.getTaskFactory());
        assertTrue(Aio.createTask(() -> 1).done());
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
        Task<Integer> lazy = Aio.createTask(() -> 1);
        assertFalse(lazy.done());
        Aio.await(lazy);
    }

    @AioTest
    void aGatherOfEagerTasksThatFinishAtOnceIsDoneAtOnce(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        Future<List<Integer>> g = Aio.gather(() -> 1, () -> 2, () -> 3);
        assertTrue(g.done());
        assertEquals(List.of(1, 2, 3), g.result());
    }

    @AioTest
    void aGatherOfEagerTasksThatSuspend(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        Future<List<Integer>> g = Aio.gather(() -> 1, () -> Aio.sleep(2, 2));
        assertFalse(g.done());
        assertEquals(List.of(1, 2), Aio.await(g));
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void aTaskGroupWithEagerTasks(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        List<Task<Integer>> tasks = new ArrayList<>();
        Aio.taskGroup(tg -> {
            tasks.add(tg.createTask(() -> 1));
            assertTrue(tasks.get(0).done());
            tasks.add(tg.createTask(() -> Aio.sleep(1, 2)));
            assertFalse(tasks.get(1).done());
        });
        assertEquals(1, tasks.get(0).result());
        assertEquals(2, tasks.get(1).result());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void anEagerTaskFailingAtOnceAbortsTheGroupAtTheBlocksNextAwait(SelectorEventLoop loop) {
        // CPython gh-128550: the failure goes through the done callback, so createTask returns normally
        // and the block is interrupted at its next await, not in the middle of createTask.
        loop.setTaskFactory(Task.eagerTaskFactory());
        Expect x = new Expect();
        IOException boom = new IOException("boom");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            Task<Void> failing = tg.createTask(() -> {
                throw boom;
            });
            assertTrue(failing.done());
            x.expect(1);
            Task<Integer> second = tg.createTask(() -> Aio.sleep(5, 2));
            x.expect(2);
            assertFalse(second.done());
            try {
                Aio.sleep(10);
            } catch (CancelledError e) {
                x.expect(3);
                assertEquals(1, second.cancelling(), "the group cancelled its sibling");
                throw e;
            }
        }));
        x.finish(4);
        assertEquals(List.of(boom), eg.exceptions());
        assertEquals(0.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void cancellingAnEagerTaskThatSuspended(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        List<String> log = new ArrayList<>();
        Task<Void> t = Aio.createTask(() -> {
            try {
                Aio.sleep(5);
            } catch (CancelledError e) {
                log.add("cancelled " + e.getMessage());
                throw e;
            }
        });
        t.cancel("stop");
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertEquals(List.of("cancelled stop"), log);
        assertTrue(t.cancelled());
    }

    @AioTest
    void theCreatorsExpiredTimeoutDoesNotReachTheEagerStep(SelectorEventLoop loop) {
        loop.setTaskFactory(Task.eagerTaskFactory());
        Task<String> child;
        try (Timeout _ = Aio.timeout(1.0)) {
            assertThrows(TimeoutError.class, () -> Aio.sleep(5));
            child = Aio.createTask(() -> {
                Aio.sleep(0);
                return Aio.sleep(1, "child");
            });
            assertFalse(child.done());
        }
        assertEquals("child", Aio.await(child));
        assertEquals(2.0, loop.time());
    }

    @Test
    void anEagerTaskOnALoopThatIsNotRunningStartsWhenTheLoopRuns() {
        List<String> log = new ArrayList<>();
        SelectorEventLoop loop = VirtualTime.newLoop();
        try {
            Task<String> t = new Task<>(() -> {
                log.add("ran");
                return "x";
            }, loop, "not-eager", true);
            assertFalse(t.done());
            assertEquals(List.of(), log);
            assertEquals("x", loop.runUntilComplete(t));
            assertEquals(List.of("ran"), log);
        } finally {
            loop.close();
        }
    }
}
