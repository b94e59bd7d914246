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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code asyncio.shield}: the awaiting task can be cancelled, the shielded work cannot through it. */
class ShieldTest {

    @AioTest
    void cancellingTheAwaitingTaskLeavesTheShieldedTaskRunning(SelectorEventLoop loop) {
        Expect x = new Expect();
        Task<String> inner = Aio.createTask(() -> {
            Aio.sleep(2);
            x.expect(3);
            return "inner";
        });
        Task<String> outer = Aio.createTask(() -> {
            try {
                return Aio.await(Aio.shield(inner));
            } catch (CancelledError e) {
                x.expect(2);
                assertEquals("stop", e.getMessage());
                throw e;
            }
        });
        Aio.sleep(1);
        x.expect(1);
        assertTrue(outer.cancel("stop"));
        assertThrows(CancelledError.class, () -> Aio.await(outer));
        assertEquals(1.0, loop.time());
        assertTrue(outer.cancelled());
        assertFalse(inner.done());
        assertEquals("inner", Aio.await(inner));
        x.finish(4);
        assertEquals(2.0, loop.time());
        assertFalse(inner.cancelled());
    }

    @AioTest
    void aShieldedCoroutineRunsInItsOwnTaskToTheEnd(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> outer = Aio.createTask(() -> {
            Coroutine<Void> work = () -> {
                Aio.sleep(2);
                log.add("shielded work done at " + loop.time());
                return null;
            };
            Aio.await(Aio.shield(work));
            log.add("never");
        });
        Aio.sleep(1);
        outer.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(outer));
        assertEquals(List.of(), log);
        Aio.sleep(1.5);
        assertEquals(List.of("shielded work done at 2.0"), log);
    }

    @AioTest
    void aTimeoutAroundAShieldRaisesWhileTheWorkGoesOn(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> Aio.sleep(3, "done"));
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                Aio.await(Aio.shield(inner));
            }
        });
        assertEquals(1.0, loop.time());
        assertFalse(inner.done());
        assertEquals("done", Aio.await(inner));
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void waitForAroundAShieldTimesOutWithoutCancellingTheWork(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> Aio.sleep(3, "done"));
        assertThrows(TimeoutError.class, () -> Aio.waitFor(Aio.shield(inner), 1.0));
        assertEquals(1.0, loop.time());
        assertEquals("done", Aio.await(inner));
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void theShieldGivesTheResultOrTheExceptionOfTheWork(SelectorEventLoop loop) {
        // (Aio.shield takes an Awaitable, so a lambda needs its Coroutine type spelled out.)
        assertEquals(5, Aio.await(Aio.shield((Coroutine<Integer>) () -> Aio.sleep(1, 5))));
        IOException boom = new IOException("boom");
        Coroutine<Integer> failing = () -> {
            Aio.sleep(1);
            throw boom;
        };
        IOException e = assertThrows(IOException.class, () -> Aio.await(Aio.shield(failing)));
        assertSame(boom, e);
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void aFutureThatIsAlreadyDoneIsReturnedAsItIs(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        assertSame(f, Aio.shield(f));
        Future<String> pending = loop.createFuture();
        assertNotSame(pending, Aio.shield(pending));
    }

    @AioTest
    void cancellingTheShieldItselfDoesNotReachTheWork(SelectorEventLoop loop) {
        Future<String> inner = loop.createFuture();
        Future<String> shield = Aio.shield(inner);
        assertTrue(shield.cancel());
        assertTrue(shield.cancelled());
        assertFalse(inner.cancelled());
        inner.setResult("later");
        Aio.sleep(0);
        assertTrue(shield.cancelled(), "a cancelled shield stays cancelled");
        assertEquals("later", inner.result());
        assertFalse(inner.hasCallbacks());
    }

    @AioTest
    void theWorkCancelledDirectlyCancelsTheShield(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> Aio.sleep(5, "x"));
        Future<String> shield = Aio.shield(inner);
        loop.callLater(1, () -> inner.cancel("inner stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(shield));
        assertTrue(shield.cancelled());
        // jasyncio keeps the message of the work's cancellation (asyncio drops it: outer.cancel()).
        assertEquals("inner stop", e.getMessage());
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling(), "the awaiting task was not cancelled");
    }

    @AioTest
    void manyShieldsOfOneFutureAreIndependent(SelectorEventLoop loop) {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> s1 = Aio.shield(inner);
        Future<Integer> s2 = Aio.shield(inner);
        s1.cancel();
        loop.callLater(1, () -> inner.setResult(9));
        assertEquals(9, Aio.await(s2));
        assertTrue(s1.cancelled());
    }

    @AioTest
    void insideAnExpiredTimeoutAwaitingAShieldRaisesAgainAtOnce(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> Aio.sleep(5, "done"));
        try (Timeout _ = Aio.timeout(1.0)) {
            assertThrows(TimeoutError.class, () -> Aio.sleep(10));
            // Level-triggered: the scope is cancelled, so the next await raises again, with no time passing.
            assertThrows(TimeoutError.class, () -> Aio.await(Aio.shield(inner)));
            assertEquals(1.0, loop.time());
        }
        assertFalse(inner.cancelled());
        assertEquals("done", Aio.await(inner));
        assertEquals(5.0, loop.time());
    }
}
