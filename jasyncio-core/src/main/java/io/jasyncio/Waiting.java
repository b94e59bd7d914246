package io.jasyncio;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TimerHandle;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** {@code asyncio.wait}: waits for some or all of a set of futures, with an optional timeout; never cancels them. */
final class Waiting {

    private Waiting() {
    }

    static <T> Aio.Done<T> await(Task<?> task, Collection<? extends Future<T>> futures, Double timeout,
                                 Aio.ReturnWhen returnWhen) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        if (returnWhen == null) {
            throw new IllegalArgumentException("Invalid return_when value: null");
        }
        SelectorEventLoop loop = (SelectorEventLoop) task.getLoop();
        Set<Future<T>> fs = new LinkedHashSet<>(futures);
        Future<Void> waiter = loop.createFuture();
        TimerHandle[] timeoutHandle = new TimerHandle[1];
        if (timeout != null) {
            timeoutHandle[0] = loop.callLater(timeout, () -> {
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            });
        }
        int[] counter = {fs.size()};
        Consumer<Future<T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == Aio.ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == Aio.ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (timeoutHandle[0] != null) {
                    timeoutHandle[0].cancel();
                }
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        };
        for (Future<T> f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            task.awaitFuture(waiter);
        } finally {
            if (timeoutHandle[0] != null) {
                timeoutHandle[0].cancel();
            }
            for (Future<T> f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new Aio.Done<>(done, pending);
    }
}
