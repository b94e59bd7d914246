package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

class TaskTest {

    static void parkForever() {
        Aio.sleep(1_000_000);
    }

    @AioTest
    void createdTaskRunsWhenTheCreatorYields() {
        Expect ex = new Expect();
        Task<Integer> t = Aio.createTask(() -> {
            ex.expect(2);
            return 42;
        });
        ex.expect(1);
        assertEquals(42, Aio.await(t));
        ex.finish(3);
    }

    @AioTest
    void tasksRunInCreationOrder() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Aio.createTask(() -> {
                sb.append(n);
            });
        }
        Aio.sleep(0);
        assertEquals("01234", sb.toString());
    }

    @AioTest
    void defaultNamesCountUpAndNamesCanBeSet() {
        Task<Integer> a = Aio.createTask(() -> 1);
        Task<Integer> b = Aio.createTask(() -> 2);
        assertTrue(a.getName().matches("Task-\\d+"), a.getName());
        long na = Long.parseLong(a.getName().substring(5));
        assertEquals("Task-" + (na + 1), b.getName());
        Task<Integer> c = Aio.createTask(() -> 3, "worker");
        assertEquals("worker", c.getName());
        c.setName("renamed");
        assertEquals("renamed", c.getName());
        Aio.await(Aio.gather(a, b, c));
    }

    @AioTest
    void exceptionOfATaskIsRaisedByAwait() {
        Task<Integer> t = Aio.createTask(() -> {
            throw new IOException("disk on fire");
        });
        Exception e = assertThrows(Exception.class, () -> Aio.await(t));
        assertTrue(e instanceof IOException);
        assertEquals("disk on fire", e.getMessage());
        assertSame(e, t.exception());
    }

    @AioTest
    void setResultOnATaskIsRefused() {
        Task<Integer> t = Aio.createTask(() -> 1);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> t.setResult(2));
        assertEquals("Task does not support set_result operation", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()));
        assertEquals(1, Aio.await(t));
    }

    @AioTest
    void currentTaskAndAllTasks(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        assertSame(me, loop.currentTask());
        Task<Void> sleeper = Aio.createTask(TaskTest::parkForever, "sleeper");
        Task<Integer> quick = Aio.createTask(() -> 1, "quick");
        Aio.sleep(0);
        Set<Task<?>> all = Aio.allTasks();
        assertTrue(all.contains(me));
        assertTrue(all.contains(sleeper));
        assertFalse(all.contains(quick), "done tasks are not listed");
        Task<?>[] seen = new Task<?>[1];
        Aio.await(Aio.createTask(() -> {
            seen[0] = Aio.currentTask();
        }, "inner"));
        assertEquals("inner", seen[0].getName());
        assertSame(me, Aio.currentTask());
        sleeper.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(sleeper));
    }

    @AioTest
    void theLoopKeepsAnUnreferencedTaskAlive(SelectorEventLoop loop) {
        int[] done = {0};
        for (int i = 0; i < 100; i++) {
            Aio.createTask(() -> {
                Aio.sleep(1);
                done[0]++;
            });
        }
        System.gc();
        Aio.sleep(2);
        assertEquals(100, done[0]);
    }

    @AioTest
    void aTaskCannotAwaitItself() {
        Task<?> me = Aio.currentTask();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Aio.await(me));
        assertTrue(e.getMessage().startsWith("Task cannot await on itself"), e.getMessage());
    }

    @AioTest
    void ensureFutureReturnsTheSameTaskAndWrapsCoroutines() {
        Task<Integer> t = Aio.createTask(() -> 1);
        assertSame(t, Aio.ensureFuture(t));
        Coroutine<Integer> coro = () -> 2;
        Future<Integer> wrapped = Aio.ensureFuture(coro);
        assertTrue(wrapped instanceof Task);
        assertNotSame(coro, wrapped);
        assertEquals(2, Aio.await(wrapped));
        assertEquals(1, Aio.await(t));
    }

    @AioTest
    void getStackShowsWhereASuspendedTaskWaits() {
        Task<Void> t = Aio.createTask(TaskTest::parkForever, "parked");
        Aio.sleep(0);
        StackTraceElement[] stack = t.getStack();
        assertTrue(stack.length > 0);
        assertEquals("parkForever", stack[0].getMethodName(), Arrays.toString(stack));
        assertEquals(TaskTest.class.getName(), stack[0].getClassName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.printStack(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Stack for <Task pending name='parked' at io.jasyncio.TaskTest.parkForever("), printed);
        assertTrue(printed.contains("\tat io.jasyncio.TaskTest.parkForever("), printed);
        assertTrue(t.toString().endsWith(" sleeping until 1000000.0>"), t.toString());
        t.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertEquals(0, t.getStack().length);
        assertEquals("<Task cancelled name='parked'>", t.toString());
    }

    @AioTest
    void sleepAdvancesVirtualTimeExactly(SelectorEventLoop loop) {
        double t0 = loop.time();
        Aio.sleep(3600);
        assertEquals(t0 + 3600, loop.time(), 1e-6);
        assertEquals("result", Aio.sleep(1, "result"));
    }

    @AioTest
    void deepCallChainsSuspendWithoutColouring() {
        assertEquals(55, fib(10));
    }

    private static int fib(int n) {
        Aio.sleep(0);
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
