package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import io.jasyncio.testing.VirtualClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code asyncio.timeout} / {@code timeout_at} as try-with-resources. The expired block's await raises
 * {@link TimeoutError} (a {@link CancelledError}) where asyncio raises {@code CancelledError} inside and
 * {@code TimeoutError} outside; see {@link TimeoutError}.
 */
class TimeoutTest {

    @AioTest
    void expiresAtTheDeadlineWithTimeoutError(SelectorEventLoop loop) {
        Timeout[] box = new Timeout[1];
        List<String> log = new ArrayList<>();
        TimeoutError e = assertThrows(TimeoutError.class, () -> {
            try (Timeout t = Aio.timeout(2.0)) {
                box[0] = t;
                assertEquals(2.0, t.when());
                assertFalse(t.expired());
                Aio.sleep(10);
                log.add("not reached");
            }
        });
        assertEquals(List.of(), log);
        assertEquals(2.0, loop.time());
        assertTrue(box[0].expired());
        assertInstanceOf(CancelledError.class, e.getCause(), "it replaces the cancellation it was delivered as");
        assertEquals(0, Aio.currentTask().cancelling());
        assertEquals("<Timeout [expired]>", box[0].toString());
        Aio.sleep(1); // the task is not cancelled any more
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void aBlockThatEndsInTimeIsNotExpiredAndLeavesNoTimer(SelectorEventLoop loop) {
        Timeout t;
        try (Timeout tt = Aio.timeout(5.0)) {
            t = tt;
            assertEquals("<Timeout [active] when=5.0>", tt.toString());
            Aio.sleep(1);
        }
        assertFalse(t.expired());
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.scheduledTimerCount());
        assertEquals("<Timeout [finished]>", t.toString());
        Aio.sleep(10);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aNullDeadlineNeverExpires(SelectorEventLoop loop) {
        try (Timeout t = Aio.timeout(null)) {
            assertNull(t.when());
            assertEquals("<Timeout [active] when=null>", t.toString());
            Aio.sleep(1000);
            assertFalse(t.expired());
        }
        assertEquals(1000.0, loop.time());
    }

    @AioTest
    void anInfiniteDeadlineSetsNoTimer(SelectorEventLoop loop) {
        try (Timeout t = Aio.timeout(Double.POSITIVE_INFINITY)) {
            assertEquals(0, loop.scheduledTimerCount(), "else a virtual clock would jump to it");
            assertEquals("<Timeout [active] when=Infinity>", t.toString());
            Aio.sleep(1e6);
            assertFalse(t.expired());
        }
        assertEquals(1e6, loop.time());
    }

    @AioTest
    void aNaNDeadlineIsRefusedAndLeavesNoScopeBehind(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        assertThrows(IllegalArgumentException.class, () -> Aio.timeout(Double.NaN));
        assertNull(me.scopes(), "a Timeout whose constructor failed is never closed: it must not be pushed");
        try (Timeout t = Aio.timeout(1.0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.reschedule(Double.NaN));
            assertEquals("the deadline is NaN", e.getMessage());
            assertEquals(1.0, t.when(), "the deadline is unchanged");
        }
        assertNull(me.scopes());
    }

    @AioTest
    void timeoutAtTakesAnAbsoluteTimeOnTheLoopsClock(SelectorEventLoop loop) {
        Aio.sleep(10);
        assertThrows(TimeoutError.class, () -> {
            try (Timeout t = Aio.timeoutAt(loop.time() + 3)) {
                assertEquals(13.0, t.when());
                Aio.sleep(100);
            }
        });
        assertEquals(13.0, loop.time());
    }

    @AioTest
    void rescheduleMovesTheDeadlineLater(SelectorEventLoop loop) {
        assertThrows(TimeoutError.class, () -> {
            try (Timeout t = Aio.timeout(1.0)) {
                Aio.sleep(0.5);
                t.reschedule(loop.time() + 2);
                assertEquals(2.5, t.when());
                Aio.sleep(10);
            }
        });
        assertEquals(2.5, loop.time());
    }

    @AioTest
    void rescheduleMovesTheDeadlineEarlier(SelectorEventLoop loop) {
        assertThrows(TimeoutError.class, () -> {
            try (Timeout t = Aio.timeout(10.0)) {
                t.reschedule(loop.time() + 1);
                Aio.sleep(5);
            }
        });
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.scheduledTimerCount(), "the first deadline's timer was cancelled");
    }

    @AioTest
    void rescheduleToNullRemovesTheDeadline(SelectorEventLoop loop) {
        try (Timeout t = Aio.timeout(1.0)) {
            t.reschedule(null);
            assertNull(t.when());
            Aio.sleep(5);
            assertFalse(t.expired());
        }
        assertEquals(5.0, loop.time());
    }

    @AioTest
    void aDeadlineInThePastExpiresOnTheNextIteration(SelectorEventLoop loop) {
        // CPython 3.11 prints ['cb before', 'cb after', 'timeout'].
        List<String> log = new ArrayList<>();
        Aio.sleep(5);
        try (Timeout t = Aio.timeout(null)) {
            loop.callSoon(() -> log.add("cb before"));
            t.reschedule(loop.time() - 1);
            loop.callSoon(() -> log.add("cb after"));
            Aio.sleep(0);
            log.add("not here");
        } catch (TimeoutError e) {
            log.add("timeout");
        }
        assertEquals(List.of("cb before", "cb after", "timeout"), log);
        assertEquals(5.0, loop.time());
    }

    @AioTest
    void aZeroTimeoutExpiresAtTheFirstAwait(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        try (Timeout _ = Aio.timeout(0.0)) {
            log.add("in block");
            Aio.sleep(0);
            log.add("not here");
        } catch (TimeoutError e) {
            log.add("timeout");
        }
        assertEquals(List.of("in block", "timeout"), log);
        assertEquals(0.0, loop.time());
    }

    @AioTest
    void aDeadlineLongPastExpiresAtASleepZero(SelectorEventLoop loop) {
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(-11.0)) {
                Aio.sleep(0);
            }
        });
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aTimeoutInCleanupAfterASwallowedCancellationStillRaisesTimeoutError(SelectorEventLoop loop) {
        // CPython test_timeout_after_cancellation: the timeout counts from the cancelling() it found.
        Task<?> me = Aio.currentTask();
        try {
            me.cancel();
            Aio.sleep(1);
        } catch (CancelledError e) {
            // swallowed, without uncancel()
        } finally {
            assertThrows(TimeoutError.class, () -> {
                try (Timeout _ = Aio.timeout(0.0)) {
                    Aio.sleep(1);
                }
            });
        }
        assertEquals(1, me.cancelling());
    }

    @AioTest
    void aCancelInsideATimeoutEnteredAfterACancellationGivesCancelledError(SelectorEventLoop loop) {
        // CPython test_cancel_in_timeout_after_cancellation.
        Task<?> me = Aio.currentTask();
        try {
            me.cancel();
            Aio.sleep(1);
        } catch (CancelledError e) {
            // swallowed
        } finally {
            CancelledError e = assertThrows(CancelledError.class, () -> {
                try (Timeout _ = Aio.timeout(0.0)) {
                    me.cancel();
                    Aio.sleep(2);
                }
            });
            assertFalse(e instanceof TimeoutError, "a second cancel outlives the timeout: " + e);
        }
        assertEquals(2, me.cancelling());
    }

    @AioTest
    void anOuterTimeoutStopsWorkAfterTheInnerOneExpiredOnABusyLoop(SelectorEventLoop loop, VirtualClock clock) {
        // CPython test_nested_timeouts_loop_busy: the loop is blocked past both deadlines, so both fire in
        // one iteration; the outer one raises, and the work after the inner block is interrupted.
        double t0 = loop.time();
        List<String> log = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> {
            try (Timeout outer = Aio.timeout(0.1)) {
                assertThrows(TimeoutError.class, () -> {
                    try (Timeout _ = Aio.timeout(0.01)) {
                        clock.advance(0.1); // a blocking computation: the loop is busy for 0.1 s
                        Aio.sleep(1);
                    }
                });
                log.add("after inner, outer expired=" + outer.expired());
                Aio.sleep(10);
                log.add("not reached");
            }
        });
        assertEquals(List.of("after inner, outer expired=true"), log);
        assertEquals(t0 + 0.1, loop.time(), 1e-9);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void rescheduleIsRefusedOnceTheDeadlinePassedOrTheBlockEnded(SelectorEventLoop loop) {
        Timeout[] box = new Timeout[1];
        try (Timeout t = Aio.timeout(1.0)) {
            box[0] = t;
            try {
                Aio.sleep(5);
            } catch (TimeoutError e) {
                IllegalStateException ise = assertThrows(IllegalStateException.class, () -> t.reschedule(10.0));
                assertEquals("Cannot change state of expiring Timeout", ise.getMessage());
                assertEquals("<Timeout [expiring]>", t.toString());
            }
        }
        // Swallowed inside and no await after it: the block ends normally, as in asyncio.
        assertTrue(box[0].expired());
        IllegalStateException ise = assertThrows(IllegalStateException.class, () -> box[0].reschedule(10.0));
        assertEquals("Cannot change state of expired Timeout", ise.getMessage());

        Timeout finished;
        try (Timeout t = Aio.timeout(1.0)) {
            finished = t;
        }
        ise = assertThrows(IllegalStateException.class, () -> finished.reschedule(10.0));
        assertEquals("Cannot change state of finished Timeout", ise.getMessage());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void innerTimeoutExpiringFirstIsCaughtInsideTheOuterOne(SelectorEventLoop loop) {
        Timeout[] inner = new Timeout[1];
        try (Timeout outer = Aio.timeout(5.0)) {
            assertThrows(TimeoutError.class, () -> {
                try (Timeout t = Aio.timeout(1.0)) {
                    inner[0] = t;
                    Aio.sleep(10);
                }
            });
            assertEquals(1.0, loop.time());
            assertTrue(inner[0].expired());
            assertFalse(outer.expired());
            Aio.sleep(2); // the outer block goes on normally
            assertEquals(3.0, loop.time());
        }
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void outerTimeoutExpiringFirstPassesThroughTheInnerOne(SelectorEventLoop loop) {
        Timeout[] box = new Timeout[2];
        assertThrows(TimeoutError.class, () -> {
            try (Timeout outer = Aio.timeout(1.0)) {
                box[0] = outer;
                try (Timeout inner = Aio.timeout(5.0)) {
                    box[1] = inner;
                    Aio.sleep(10);
                }
            }
        });
        assertEquals(1.0, loop.time());
        assertTrue(box[0].expired());
        assertFalse(box[1].expired());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void twoTimeoutsWithTheSameDeadlineGiveOneTimeoutErrorFromTheOuter(SelectorEventLoop loop) {
        // CPython: the inner block is left with CancelledError, the outer one with TimeoutError, and
        // cancelling() is back to 0. Here the await raises TimeoutError, which both blocks let through.
        Timeout[] box = new Timeout[2];
        TimeoutError e = assertThrows(TimeoutError.class, () -> {
            try (Timeout outer = Aio.timeout(1.0)) {
                box[0] = outer;
                try (Timeout inner = Aio.timeout(1.0)) {
                    box[1] = inner;
                    Aio.sleep(10);
                }
            }
        });
        assertEquals(1.0, loop.time());
        assertTrue(box[0].expired());
        assertTrue(box[1].expired());
        assertEquals(0, Aio.currentTask().cancelling());
        Aio.sleep(1);
    }

    @AioTest
    void anOutsideCancelGivesCancelledErrorNotTimeoutError(SelectorEventLoop loop) {
        Task<String> t = Aio.createTask(() -> {
            try (Timeout _ = Aio.timeout(5.0)) {
                return Aio.sleep(10, "x");
            }
        });
        loop.callLater(1, () -> t.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(t));
        assertFalse(e instanceof TimeoutError);
        assertEquals("outside", e.getMessage());
        assertTrue(t.cancelled());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void anOutsideCancelAtTheDeadlineStillGivesCancelledError(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<String> t = Aio.createTask(() -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                return Aio.sleep(10, "x");
            } catch (CancelledError e) {
                log.add(e.getClass().getSimpleName() + " cancelling=" + Aio.currentTask().cancelling());
                throw e;
            }
        });
        Aio.sleep(0);
        loop.callLater(1, () -> t.cancel("outside")); // after the deadline's timer, same iteration
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertEquals(List.of("CancelledError cancelling=1"), log);
        assertTrue(t.cancelled());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void cancellingIsBackToItsValueAfterTheBlock(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        // A cancellation swallowed earlier without uncancel() leaves cancelling() at 1.
        me.cancel();
        assertThrows(CancelledError.class, () -> Aio.sleep(0));
        assertEquals(1, me.cancelling());
        List<Integer> inside = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                try {
                    Aio.sleep(5);
                } finally {
                    inside.add(me.cancelling());
                }
            }
        });
        assertEquals(List.of(2), inside);
        assertEquals(1, me.cancelling());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void aTimeoutThatDidNotExpireDoesNotTouchCancelling(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        me.cancel();
        assertThrows(CancelledError.class, () -> Aio.sleep(0));
        try (Timeout _ = Aio.timeout(5.0)) {
            Aio.sleep(1);
        }
        assertEquals(1, me.cancelling());
    }

    @AioTest
    void swallowingTheTimeoutInsideTheBlockRaisesItAgainAtTheNextAwait(SelectorEventLoop loop) {
        Expect x = new Expect();
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                try {
                    Aio.sleep(5);
                } catch (TimeoutError e) {
                    x.expect(1);
                }
                try {
                    Aio.sleep(0);
                } catch (TimeoutError e) {
                    x.expect(2);
                }
                Aio.sleep(5); // raises again: the block is cancelled until it ends
                x.expectUnreached();
            }
        });
        x.finish(3);
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void aTaskEndingWithTimeoutErrorFailsRatherThanBeingCancelled(SelectorEventLoop loop) {
        Task<String> t = Aio.createTask(() -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                return Aio.sleep(5, "x");
            }
        });
        assertThrows(TimeoutError.class, () -> Aio.await(t));
        assertFalse(t.cancelled());
        assertInstanceOf(TimeoutError.class, t.exception());
    }

    @AioTest
    void anExceptionRaisedWhileHandlingTheTimeoutPropagatesInstead(SelectorEventLoop loop) {
        IOException cleanup = new IOException("cleanup");
        IOException e = assertThrows(IOException.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                try {
                    Aio.sleep(5);
                } catch (CancelledError ce) {
                    throw cleanup;
                }
            }
        });
        assertEquals(cleanup, e);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void anAwaitedTaskThatSwallowsTheCancellationEndsTheBlockNormally(SelectorEventLoop loop) {
        Task<String> stubborn = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "slept");
            } catch (CancelledError e) {
                Aio.sleep(1);
                return "swallowed";
            }
        });
        String r;
        Timeout timeout;
        try (Timeout t = Aio.timeout(2.0)) {
            timeout = t;
            r = Aio.await(stubborn);
        }
        assertEquals("swallowed", r);
        assertTrue(timeout.expired());
        assertEquals(3.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void timeoutOutsideATaskIsAnError(SelectorEventLoop loop) {
        Future<String> outcome = loop.createFuture();
        loop.callSoon(() -> {
            try {
                Aio.timeout(1.0);
                outcome.setResult("returned");
            } catch (IllegalStateException e) {
                outcome.setResult(e.getMessage());
            }
        });
        assertEquals("timeout() must be called inside a task, not in a callback", Aio.await(outcome));
    }

    @AioTest
    void closingTwiceIsHarmless(SelectorEventLoop loop) {
        Timeout t = Aio.timeout(1.0);
        t.close();
        t.close();
        Aio.sleep(2);
        assertFalse(t.expired());
        assertEquals(0, loop.scheduledTimerCount());
    }

    @AioTest
    void manyTasksEachWithTheirOwnTimeout(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                try (Timeout _ = Aio.timeout(n * 1.0)) {
                    Aio.sleep(2.5);
                    log.add(n + " done@" + loop.time());
                } catch (TimeoutError e) {
                    log.add(n + " timeout@" + loop.time());
                }
            }));
        }
        Aio.wait(tasks);
        assertEquals(List.of("1 timeout@1.0", "2 timeout@2.0", "3 done@2.5"), log);
    }

    @AioTest
    void theBlockCanReturnAValueFromInside(SelectorEventLoop loop) {
        int v = compute();
        assertEquals(42, v);
        assertEquals(0, loop.scheduledTimerCount());
    }

    private static int compute() {
        try (Timeout _ = Aio.timeout(1.0)) {
            return Aio.sleep(0.5, 42);
        }
    }

    @AioTest
    void aBlockEndingByAnExceptionBeforeTheDeadlineLetsItThrough(SelectorEventLoop loop) {
        IllegalStateException boom = new IllegalStateException("boom");
        try (Timeout _ = Aio.timeout(5.0)) {
            Aio.sleep(1);
            throw boom;
        } catch (IllegalStateException e) {
            assertEquals(boom, e);
        }
        assertEquals(0, loop.scheduledTimerCount());
        try {
            Aio.sleep(10);
        } catch (CancelledError e) {
            fail("no cancellation may be left behind: " + e);
        }
    }
}
