package io.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.util.ArrayList;
import java.util.List;

/** asyncio's Event: set wakes every waiter in order, clear re-arms, cancellation touches no one else. */
class EventTest {

    @AioTest
    void awaitReturnsAtOnceWhenSet() {
        Expect ex = new Expect();
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        Aio.createTask(() -> ex.expect(2));
        ev.await(); // no suspension
        ex.expect(1);
        Aio.sleep(0);
        ex.finish(3);
    }

    @AioTest
    void setWakesEveryWaiterInTheOrderTheyCame() {
        Expect ex = new Expect();
        Event ev = new Event();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                ex.expect(n);
                ev.await();
                ex.expect(4 + n);
            }));
        }
        Aio.sleep(0);
        assertEquals("<Event [unset, waiters:3]>", ev.toString());
        ex.expect(4);
        ev.set();
        assertEquals("<Event [set]>", ev.toString());
        Aio.await(Aio.gather(tasks));
        ex.finish(8);
    }

    @AioTest
    void waitersWokenBySetReturnEvenIfClearedBeforeTheyRun() {
        // CPython test_clear_with_waiters.
        Event ev = new Event();
        List<String> got = new ArrayList<>();
        Task<Void> t = Aio.createTask(() -> {
            ev.await();
            got.add("woken");
        });
        Aio.sleep(0);
        ev.set();
        ev.clear();
        assertFalse(ev.isSet());
        Aio.await(t);
        assertEquals(List.of("woken"), got);
    }

    @AioTest
    void clearMakesLaterWaitersWait() {
        Expect ex = new Expect();
        Event ev = new Event();
        ev.set();
        ev.clear();
        Task<Void> t = Aio.createTask(() -> {
            ex.expect(1);
            ev.await();
            ex.expect(3);
        });
        Aio.sleep(0);
        ex.expect(2);
        ev.set();
        Aio.await(t);
        ex.finish(4);
    }

    @AioTest
    void cancellingOneWaiterLeavesTheOthersWaiting() {
        Event ev = new Event();
        List<String> got = new ArrayList<>();
        Task<Void> a = Aio.createTask(() -> {
            ev.await();
            got.add("a");
        });
        Task<Void> b = Aio.createTask(() -> {
            ev.await();
            got.add("b");
        });
        Aio.sleep(0);
        a.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(a));
        assertEquals("<Event [unset, waiters:1]>", ev.toString());
        ev.set();
        Aio.await(b);
        assertEquals(List.of("b"), got);
    }

    @AioTest
    void awaitUnderATimeoutExpiresOnVirtualTime(SelectorEventLoop loop) {
        Event ev = new Event();
        double t0 = loop.time();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> {
            ev.await();
            return null;
        }, 3600.0));
        assertEquals(3600.0, loop.time() - t0, 1e-6);
        assertEquals("<Event [unset]>", ev.toString());
        loop.callLater(2, ev::set);
        ev.await();
        assertEquals(3602.0, loop.time() - t0, 1e-6);
    }
}
