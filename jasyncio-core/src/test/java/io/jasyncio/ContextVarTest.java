package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** contextvars: each task runs in a copy of its creator's context; callbacks carry theirs. */
class ContextVarTest {

    private static final ContextVar<String> REQUEST = new ContextVar<>("request");
    private static final ContextVar<Integer> DEPTH = new ContextVar<>("depth", 0);

    @AioTest
    void getSetResetWithTokens() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, REQUEST::get);
        assertEquals("<ContextVar name='request'>", e.getMessage());
        assertEquals("fallback", REQUEST.get("fallback"));
        assertEquals(0, DEPTH.get());
        ContextVar.Token<String> t1 = REQUEST.set("a");
        assertFalse(t1.hadOldValue());
        ContextVar.Token<String> t2 = REQUEST.set("b");
        assertTrue(t2.hadOldValue());
        assertEquals("b", REQUEST.get());
        REQUEST.reset(t2);
        assertEquals("a", REQUEST.get());
        assertThrows(IllegalStateException.class, () -> REQUEST.reset(t2));
        REQUEST.reset(t1);
        assertThrows(NoSuchElementException.class, REQUEST::get);
    }

    @AioTest
    void eachTaskGetsACopyOfItsCreatorsContext() {
        REQUEST.set("parent");
        List<String> seen = new ArrayList<>();
        Task<Void> child = Aio.createTask(() -> {
            seen.add("child sees " + REQUEST.get());
            REQUEST.set("child");
            Aio.sleep(1);
            seen.add("child keeps " + REQUEST.get());
        });
        REQUEST.set("parent changed after creating the child");
        Aio.await(child);
        seen.add("parent has " + REQUEST.get());
        assertEquals(List.of("child sees parent", "child keeps child",
                "parent has parent changed after creating the child"), seen);
    }

    @AioTest
    void interleavedTasksDoNotSeeEachOthersValues() {
        List<String> seen = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (String name : List.of("x", "y", "z")) {
            tasks.add(Aio.createTask(() -> {
                REQUEST.set(name);
                for (int i = 0; i < 2; i++) {
                    Aio.sleep(0);
                    seen.add(name + "=" + REQUEST.get());
                }
            }));
        }
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of("x=x", "y=y", "z=z", "x=x", "y=y", "z=z"), seen);
    }

    @AioTest
    void callbacksRunInTheContextOfTheirScheduler(SelectorEventLoop loop) {
        REQUEST.set("at schedule time");
        AtomicReference<String> seen = new AtomicReference<>();
        loop.callSoon(() -> {
            seen.set(REQUEST.get());
            REQUEST.set("changed in callback");
        });
        REQUEST.set("after scheduling");
        Aio.sleep(0);
        assertEquals("at schedule time", seen.get());
        assertEquals("after scheduling", REQUEST.get());
    }

    @AioTest
    void doneCallbacksRunInTheContextTheyWereAddedIn(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        REQUEST.set("when added");
        AtomicReference<String> seen = new AtomicReference<>();
        f.addDoneCallback(x -> seen.set(REQUEST.get()));
        REQUEST.set("when completed");
        f.setResult(1);
        Aio.sleep(0);
        assertEquals("when added", seen.get());
    }

    @AioTest
    void toThreadCarriesTheContextIntoTheThread() {
        REQUEST.set("from the task");
        String inThread = Aio.toThread(() -> REQUEST.get() + " on " + (Thread.currentThread().getName().startsWith("jasyncio-executor") ? "executor" : "?"));
        assertEquals("from the task on executor", inThread);
    }

    @Test
    void threadsHaveTheirOwnContext() throws Exception {
        ContextVar<String> v = new ContextVar<>("v");
        v.set("main thread");
        AtomicReference<String> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(v.get("none")));
        t.start();
        t.join();
        assertEquals("none", other.get());
        Context copy = Context.copyContext();
        assertEquals("main thread", copy.get(v));
        assertEquals("main thread", copy.run(() -> {
            v.set("inside run");
            return v.get();
        }).replace("inside run", "main thread"));
        assertEquals("inside run", copy.get(v));
        assertEquals("main thread", v.get());
    }
}
