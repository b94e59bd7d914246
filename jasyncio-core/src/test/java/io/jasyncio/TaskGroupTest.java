package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code asyncio.TaskGroup} as a block: structured waiting, abort on failure, ExceptionGroup, cancellation. */
class TaskGroupTest {

    /** A task body that records how it ended, with the loop's time. */
    private static AsyncRunnable sleeper(List<String> log, double seconds, String name) {
        return () -> {
            SelectorEventLoop loop = Aio.getRunningLoop();
            try {
                Aio.sleep(seconds);
                log.add(name + " done@" + loop.time());
            } catch (CancelledError e) {
                log.add(name + " cancelled@" + loop.time());
                throw e;
            }
        };
    }

    private static AsyncRunnable failer(double seconds, Exception error) {
        return () -> {
            Aio.sleep(seconds);
            throw error;
        };
    }

    @AioTest
    void theBlockEndsWhenEveryTaskIsDone(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        List<Task<Integer>> tasks = new ArrayList<>();
        Aio.taskGroup(tg -> {
            assertSame(me, Aio.currentTask(), "the block runs in the calling task");
            tasks.add(tg.createTask(() -> Aio.sleep(3, 1)));
            tasks.add(tg.createTask(() -> Aio.sleep(1, 2), "second"));
        });
        assertEquals(3.0, loop.time());
        assertEquals(1, tasks.get(0).result());
        assertEquals(2, tasks.get(1).result());
        assertEquals("second", tasks.get(1).getName());
        assertEquals(0, me.cancelling());
    }

    @AioTest
    void anEmptyGroupEndsAtOnce(SelectorEventLoop loop) {
        Aio.taskGroup(tg -> { });
        assertEquals(0.0, loop.time());
    }

    @AioTest
    void oneFailureCancelsTheSiblingsAndTheBlock(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        IOException boom = new IOException("boom");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            tg.createTask(failer(1, boom));
            tg.createTask(sleeper(log, 7, "b"));
            try {
                Aio.sleep(10);
                log.add("body not cancelled");
            } catch (CancelledError e) {
                log.add("body cancelled@" + loop.time());
                throw e;
            }
        }));
        assertEquals(List.of(boom), eg.exceptions());
        assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", eg.getMessage());
        // CPython 3.11: ['a cancelled', 'b cancelled', 'body cancelled']
        assertEquals(List.of("a cancelled@1.0", "b cancelled@1.0", "body cancelled@1.0"), log);
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling(), "the group took back its own cancel request");
        Aio.sleep(1); // and the task goes on normally
    }

    @AioTest
    void failuresAtTheSameTimeAreAllCollectedInOrder(SelectorEventLoop loop) {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(failer(1, first));
            tg.createTask(failer(1, second));
        }));
        assertEquals(List.of(first, second), eg.exceptions());
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", eg.getMessage());
        assertEquals(List.of(first, second), List.of(eg.getSuppressed()));
    }

    @AioTest
    void anErrorInTheBlockCancelsTheTasks(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        IllegalStateException bodyError = new IllegalStateException("body");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            Aio.sleep(1);
            throw bodyError;
        }));
        assertEquals(List.of(bodyError), eg.exceptions());
        assertEquals(List.of("a cancelled@1.0"), log);
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void errorsOfTasksComeBeforeTheErrorOfTheBlock(SelectorEventLoop loop) {
        // CPython 3.11: [ValueError('on cancel'), KeyError('body')]
        IOException onCancel = new IOException("on cancel");
        IllegalStateException bodyError = new IllegalStateException("body");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(() -> {
                try {
                    Aio.sleep(5);
                } catch (CancelledError e) {
                    throw onCancel;
                }
            });
            Aio.sleep(1);
            throw bodyError;
        }));
        assertEquals(List.of(onCancel, bodyError), eg.exceptions());
    }

    @AioTest
    void aChildFailingWhileTheBlockIsSuspendedInterruptsItsAwait(SelectorEventLoop loop) {
        Expect x = new Expect();
        Future<String> never = loop.createFuture();
        assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(() -> {
                Aio.sleep(2);
                x.expect(1);
                throw new IOException("child");
            });
            try {
                Aio.await(never);
                x.expectUnreached();
            } catch (CancelledError e) {
                x.expect(2);
                assertEquals(2.0, loop.time());
                throw e;
            }
        }));
        x.finish(3);
        assertTrue(never.cancelled(), "the future the block awaited was cancelled");
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aChildFailingAfterTheBlockEndedStillAbortsTheGroup(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        IOException late = new IOException("late");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            tg.createTask(failer(2, late));
        }));
        assertEquals(List.of(late), eg.exceptions());
        assertEquals(List.of("a cancelled@2.0"), log);
        assertEquals(2.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
        Aio.sleep(1);
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void aChildCancelledAloneDoesNotAbortTheGroup(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Aio.taskGroup(tg -> {
            Task<Void> a = tg.createTask(sleeper(log, 5, "a"));
            tg.createTask(sleeper(log, 2, "b"));
            Aio.sleep(1);
            a.cancel();
        });
        assertEquals(List.of("a cancelled@1.0", "b done@2.0"), log);
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void theParentCancelledFromOutsideCancelsTheTasksAndRaisesCancelledError(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> parent = Aio.createTask(() -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            tg.createTask(sleeper(log, 6, "b"));
            Aio.sleep(10);
        }));
        Aio.sleep(1);
        parent.cancel("outside");
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(parent));
        assertFalse(e instanceof TimeoutError);
        assertEquals("outside", e.getMessage());
        assertTrue(parent.cancelled());
        assertEquals(List.of("a cancelled@1.0", "b cancelled@1.0"), log);
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void theParentCancelledWhileTheGroupWaitsForItsTasks(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> parent = Aio.createTask(() -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
        }));
        Aio.sleep(1);
        parent.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(parent));
        assertTrue(parent.cancelled());
        assertEquals(List.of("a cancelled@1.0"), log);
    }

    @AioTest
    void theGroupWaitsForTasksThatCleanUpSlowly(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> parent = Aio.createTask(() -> Aio.taskGroup(tg -> {
            tg.createTask(() -> {
                try {
                    Aio.sleep(5);
                } catch (CancelledError e) {
                    Aio.sleep(2);
                    log.add("cleaned up@" + Aio.getRunningLoop().time());
                    throw e;
                }
            });
            Aio.sleep(10);
        }));
        Aio.sleep(1);
        parent.cancel();
        Aio.sleep(0.5);
        parent.cancel(); // a second request while the group waits changes nothing
        assertThrows(CancelledError.class, () -> Aio.await(parent));
        assertEquals(List.of("cleaned up@3.0"), log);
        assertEquals(3.0, loop.time());
        assertEquals(2, parent.cancelling());
    }

    @AioTest
    void errorsWinOverAnOutsideCancellationWhichStaysPending(SelectorEventLoop loop) {
        IOException onCancel = new IOException("on cancel");
        List<String> log = new ArrayList<>();
        Task<Void> parent = Aio.createTask(() -> {
            try {
                Aio.taskGroup(tg -> {
                    tg.createTask(() -> {
                        try {
                            Aio.sleep(5);
                        } catch (CancelledError e) {
                            throw onCancel;
                        }
                    });
                    Aio.sleep(10);
                });
            } catch (ExceptionGroup eg) {
                log.add("group raised " + eg.exceptions());
                log.add("cancelling=" + Aio.currentTask().cancelling());
            }
            try {
                Aio.sleep(1);
                log.add("not cancelled");
            } catch (CancelledError e) {
                // Python 3.13: the group re-cancels the parent, so the outside cancellation is not lost.
                log.add("still cancelled");
                throw e;
            }
        });
        Aio.sleep(1);
        parent.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(parent));
        assertEquals(List.of("group raised [" + onCancel + "]", "cancelling=1", "still cancelled"), log);
    }

    @AioTest
    void aCancelledBlockCannotCreateTasks(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(failer(1, new IOException("x")));
            try {
                Aio.sleep(5);
            } catch (CancelledError e) {
                log.add(tg.toString());
                IllegalStateException ise = assertThrows(IllegalStateException.class,
                        () -> tg.createTask(() -> Aio.sleep(1)));
                log.add(ise.getMessage());
            }
        }));
        assertEquals(List.of("<TaskGroup errors=1 cancelling>",
                "TaskGroup <TaskGroup errors=1 cancelling> is shutting down"), log);
        assertEquals(1, eg.exceptions().size());
        assertEquals(1, Aio.allTasks().size(), "no task was created");
    }

    @AioTest
    void aFinishedGroupCannotCreateTasks(SelectorEventLoop loop) {
        TaskGroup[] box = new TaskGroup[1];
        List<String> reprs = new ArrayList<>();
        Aio.taskGroup(tg -> {
            box[0] = tg;
            reprs.add(tg.toString());
            tg.createTask(() -> Aio.sleep(1));
            reprs.add(tg.toString());
        });
        reprs.add(box[0].toString());
        // CPython 3.11: <TaskGroup entered>, <TaskGroup tasks=1 entered>, <TaskGroup entered>
        assertEquals(List.of("<TaskGroup entered>", "<TaskGroup tasks=1 entered>", "<TaskGroup entered>"), reprs);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> box[0].createTask(() -> 1));
        assertEquals("TaskGroup <TaskGroup entered> is finished", e.getMessage());
    }

    @AioTest
    void tasksCanAddTasksToTheirGroupWhileItRuns(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Aio.taskGroup(tg -> tg.createTask(() -> {
            Aio.sleep(1);
            tg.createTask(sleeper(log, 2, "grandchild"));
        }));
        assertEquals(List.of("grandchild done@3.0"), log);
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void nestedGroupsNestTheirExceptionGroups(SelectorEventLoop loop) {
        // CPython 3.11: ExceptionGroup([ExceptionGroup([ValueError('inner-fail')])]), both siblings cancelled.
        List<String> log = new ArrayList<>();
        IOException innerFail = new IOException("inner-fail");
        ExceptionGroup outer = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(o -> {
            o.createTask(sleeper(log, 5, "outer-sib"));
            Aio.taskGroup(i -> {
                i.createTask(sleeper(log, 5, "inner-sib"));
                i.createTask(failer(1, innerFail));
            });
        }));
        assertEquals(1, outer.exceptions().size());
        ExceptionGroup inner = assertInstanceOf(ExceptionGroup.class, outer.exceptions().get(0));
        assertEquals(List.of(innerFail), inner.exceptions());
        assertEquals(List.of("inner-sib cancelled@1.0", "outer-sib cancelled@1.0"), log);
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void anOuterGroupFailingCancelsTheInnerGroup(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        IOException outerFail = new IOException("outer-fail");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(o -> {
            o.createTask(failer(1, outerFail));
            Aio.taskGroup(i -> {
                i.createTask(() -> {
                    try {
                        Aio.sleep(5);
                    } catch (CancelledError e) {
                        Aio.sleep(1); // cleanup while the inner group waits, inside the aborted outer block
                        log.add("inner child cleaned up@" + Aio.getRunningLoop().time());
                        throw e;
                    }
                });
                Aio.sleep(10);
            });
            log.add("not reached");
        }));
        assertEquals(List.of(outerFail), eg.exceptions());
        assertEquals(List.of("inner child cleaned up@2.0"), log);
        assertEquals(2.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aGroupInsideAnExpiredTimeoutRaisesTimeoutError(SelectorEventLoop loop) {
        // asyncio: the block gets CancelledError, the group propagates it, the timeout turns it into TimeoutError.
        List<String> log = new ArrayList<>();
        TimeoutError e = assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                Aio.taskGroup(tg -> {
                    tg.createTask(sleeper(log, 5, "a"));
                    Aio.sleep(10);
                });
            }
        });
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("a cancelled@1.0"), log);
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aGroupWaitingForSlowCleanupInsideAnExpiredTimeout(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                Aio.taskGroup(tg -> {
                    tg.createTask(() -> {
                        try {
                            Aio.sleep(5);
                        } catch (CancelledError e) {
                            Aio.sleep(2);
                            log.add("cleaned up@" + Aio.getRunningLoop().time());
                            throw e;
                        }
                    });
                });
            }
        });
        assertEquals(List.of("cleaned up@3.0"), log);
        assertEquals(3.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aTimeoutInsideTheBlockIsAnErrorOfTheBlock(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            try (Timeout _ = Aio.timeout(1.0)) {
                Aio.sleep(10);
            }
        }));
        assertEquals(1, eg.exceptions().size());
        assertInstanceOf(TimeoutError.class, eg.exceptions().get(0));
        assertEquals(List.of("a cancelled@1.0"), log);
    }

    @AioTest
    void aTaskEndingWithTimeoutErrorIsAFailure(SelectorEventLoop loop) {
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(() -> Aio.waitFor(() -> Aio.sleep(5, 1), 1.0));
        }));
        assertInstanceOf(TimeoutError.class, eg.exceptions().get(0));
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void aFatalErrorOfATaskIsRaisedAsItIs(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        OutOfMemoryError fatal = new OutOfMemoryError("fake");
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            tg.createTask(() -> {
                Aio.sleep(1);
                throw fatal;
            });
        }));
        assertSame(fatal, e);
        assertEquals(List.of("a cancelled@1.0"), log);
    }

    @AioTest
    void aTimeoutDuringTheBlocksCleanupAndACrashingTaskGiveTheTaskError(SelectorEventLoop loop) {
        // CPython test_timeout_taskgroup: the block raises, its finally awaits and is interrupted by the
        // timeout, the cancelled task crashes in its cleanup: ExceptionGroup([ZeroDivisionError]).
        ArithmeticException crash = new ArithmeticException("/ by zero");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> {
            try (Timeout _ = Aio.timeout(0.01)) {
                Aio.taskGroup(tg -> {
                    tg.createTask(() -> {
                        try {
                            Aio.sleep(2);
                        } catch (CancelledError e) {
                            throw crash; // a crash in the cleanup
                        }
                    });
                    try {
                        throw new IllegalArgumentException("body");
                    } finally {
                        Aio.sleep(1);
                    }
                });
            }
        });
        assertEquals(List.of(crash), eg.exceptions());
        assertEquals(0.01, loop.time(), 1e-9);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aFatalErrorOfTheBlockIsRaisedAsItIs(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        StackOverflowError fatal = new StackOverflowError("fake");
        StackOverflowError e = assertThrows(StackOverflowError.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            Aio.sleep(1);
            throw fatal;
        }));
        assertSame(fatal, e);
        assertEquals(List.of("a cancelled@1.0"), log);
    }

    @AioTest
    void theBlockCancellingItsOwnTaskPropagatesTheCancellation(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> parent = Aio.createTask(() -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "a"));
            Aio.currentTask().cancel("self");
            Aio.sleep(1);
            log.add("not reached");
        }));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(parent));
        assertEquals("self", e.getMessage());
        assertEquals(List.of("a cancelled@0.0"), log);
    }

    @AioTest
    void aTaskOfTheGroupCancellingTheParent(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<?>[] parent = new Task<?>[1];
        parent[0] = Aio.createTask(() -> Aio.taskGroup(tg -> {
            tg.createTask(() -> {
                Aio.sleep(1);
                parent[0].cancel("by child");
                log.add("child done");
            });
            tg.createTask(sleeper(log, 5, "sibling"));
            Aio.sleep(10);
        }));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(parent[0]));
        assertEquals("by child", e.getMessage());
        assertEquals(List.of("child done", "sibling cancelled@1.0"), log);
    }

    @AioTest
    void closingAnAsyncGeneratorSuspendedInsideAGroupRaisesGeneratorExitNotAnExceptionGroup(
            SelectorEventLoop loop) {
        // CPython 3.14: if the only error is the block's GeneratorExit, the group raises it as it is, so
        // that aclose() of a generator that yields inside a TaskGroup ends cleanly.
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = Aio.asyncGenerator(y -> Aio.taskGroup(tg -> {
            tg.createTask(sleeper(log, 5, "child"));
            y.yield(1);
            y.yield(2);
        }));
        assertTrue(gen.hasNext());
        assertEquals(1, gen.next());
        Aio.sleep(1);
        gen.aclose();
        assertTrue(gen.isFinished());
        assertEquals(List.of("child cancelled@1.0"), log);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void theBlockSwallowingTheAbortRaisesAgainAtItsNextAwait(SelectorEventLoop loop) {
        Expect x = new Expect();
        assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(failer(1, new IOException("x")));
            try {
                Aio.sleep(5);
            } catch (CancelledError e) {
                x.expect(1);
            }
            try {
                Aio.sleep(5);
            } catch (CancelledError e) {
                x.expect(2);
                assertEquals(1.0, loop.time());
            }
        }));
        x.finish(3);
        Aio.sleep(1); // outside the block nothing is cancelled
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void theBlockSwallowingAnOutsideCancelIsNotCancelledAgain(SelectorEventLoop loop) {
        // An outside cancel is edge-triggered, as in asyncio: only the group's own abort is level-triggered.
        List<String> log = new ArrayList<>();
        Task<Void> parent = Aio.createTask(() -> Aio.taskGroup(tg -> {
            try {
                Aio.sleep(5);
            } catch (CancelledError e) {
                log.add("swallowed@" + Aio.getRunningLoop().time());
            }
            Aio.sleep(1);
            log.add("went on@" + Aio.getRunningLoop().time());
        }));
        Aio.sleep(1);
        parent.cancel();
        Aio.await(parent);
        assertEquals(List.of("swallowed@1.0", "went on@2.0"), log);
    }
}
