package io.jasyncio;

import io.jasyncio.loop.SelectorEventLoop;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The doors between threads and a loop: {@code wrap_future} (a thread's future seen from the loop)
 * and {@code run_coroutine_threadsafe} (a loop's task seen from a thread), with cancellation passed
 * both ways as asyncio's {@code _chain_future} does.
 */
final class ThreadBridge {

    private ThreadBridge() {
    }

    static <T> Future<T> wrap(java.util.concurrent.Future<T> source, SelectorEventLoop loop) {
        Future<T> target = loop.createFuture();
        target.addDoneCallback(f -> {
            if (f.cancelled()) {
                source.cancel(false);
            }
        });
        if (source instanceof CompletableFuture<T> cf) {
            cf.whenComplete((value, error) -> deliver(loop, target, source));
        } else {
            // No completion callback on a plain Future: a virtual thread waits for it.
            Thread.ofVirtual().name("jasyncio-wrap-future").start(() -> {
                try {
                    source.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | CancellationException e) {
                    // delivered below
                }
                deliver(loop, target, source);
            });
        }
        return target;
    }

    private static <T> void deliver(SelectorEventLoop loop, Future<T> target, java.util.concurrent.Future<T> source) {
        try {
            loop.callSoonThreadsafe(() -> copy(source, target));
        } catch (IllegalStateException closed) {
            // The loop is closed: nobody can receive the outcome any more.
        }
    }

    private static <T> void copy(java.util.concurrent.Future<T> source, Future<T> target) {
        if (target.done()) {
            return;
        }
        if (source.isCancelled()) {
            target.cancel();
            return;
        }
        try {
            target.setResult(source.get());
        } catch (ExecutionException e) {
            target.setException(e.getCause() != null ? e.getCause() : e);
        } catch (CancellationException e) {
            target.cancel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target.cancel();
        }
    }

    static <T> CompletableFuture<T> submit(Coroutine<T> coroutine, SelectorEventLoop loop) {
        TaskFuture<T> result = new TaskFuture<>(loop);
        loop.callSoonThreadsafe(() -> {
            if (result.isCancelled()) {
                return;
            }
            Task<T> task;
            try {
                task = loop.createTask(coroutine);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            result.task = task;
            task.addDoneCallback(t -> {
                if (t.cancelled()) {
                    result.cancelFromLoop();
                } else if (t.peekException() != null) {
                    result.completeExceptionally(t.exception());
                } else {
                    result.complete(t.result());
                }
            });
        });
        return result;
    }

    /** The thread's side of {@code run_coroutine_threadsafe}: cancelling it cancels the task on its loop. */
    private static final class TaskFuture<T> extends CompletableFuture<T> {
        private final SelectorEventLoop loop;
        volatile Task<T> task;

        TaskFuture(SelectorEventLoop loop) {
            this.loop = loop;
        }

        void cancelFromLoop() {
            super.cancel(false);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                try {
                    loop.callSoonThreadsafe(() -> {
                        Task<T> t = task;
                        if (t != null) {
                            t.cancel();
                        }
                    });
                } catch (IllegalStateException closed) {
                    // nothing left to cancel
                }
            }
            return cancelled;
        }
    }
}
