package io.jasyncio;

import io.jasyncio.loop.SelectorEventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code asyncio.gather}: one future for the results of many awaitables, in the order given.
 *
 * <p>Without {@code returnExceptions}, the first failure (or child cancellation) completes the gather
 * with that exception while the other children keep running. With it, exceptions take their child's
 * place in the result list. Cancelling the gather cancels every unfinished child, and the gather then
 * raises {@link CancelledError} whatever {@code returnExceptions} says.
 */
final class Gather<T> extends Future<List<T>> {

    private final List<Future<? extends T>> children;
    private final boolean returnExceptions;
    private int expected;
    private int finished;
    private boolean cancelRequested;

    private Gather(SelectorEventLoop loop, List<Future<? extends T>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
    }

    static <T> Future<List<T>> of(SelectorEventLoop loop, List<? extends Awaitable<? extends T>> awaitables,
                                  boolean returnExceptions) {
        if (awaitables.isEmpty()) {
            Future<List<T>> outer = loop.createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        // The same awaitable given twice is one child: a coroutine runs once and fills both places.
        Map<Awaitable<?>, Future<? extends T>> seen = new IdentityHashMap<>();
        List<Future<? extends T>> children = new ArrayList<>(awaitables.size());
        List<Future<? extends T>> alreadyDone = new ArrayList<>();
        List<Future<? extends T>> pending = new ArrayList<>();
        for (Awaitable<? extends T> a : awaitables) {
            Future<? extends T> f = seen.get(a);
            if (f == null) {
                f = Aio.ensureFuture(a, loop);
                seen.put(a, f);
                (f.done() ? alreadyDone : pending).add(f);
            }
            children.add(f);
        }
        Gather<T> outer = new Gather<>(loop, children, returnExceptions);
        outer.expected = seen.size();
        for (Future<? extends T> f : pending) {
            f.addDoneCallback(outer::childDone);
        }
        // As asyncio 3.12: children already done (finished futures, eager tasks) are counted here, so a
        // gather of only finished children is itself finished when it is returned.
        for (Future<? extends T> f : alreadyDone) {
            outer.childDone(f);
        }
        return outer;
    }

    private void childDone(Future<?> child) {
        finished++;
        if (done()) {
            if (!child.cancelled()) {
                child.exception(); // marks it retrieved: the gather already reported its outcome
            }
            return;
        }
        if (!returnExceptions) {
            if (child.cancelled()) {
                // A child cancelled on its own counts as a CancelledError raised by it; the gather itself
                // is not cancelled (so that one child's cancellation does not cancel its siblings).
                setException(child.makeCancelledError());
                return;
            }
            Throwable error = child.exception();
            if (error != null) {
                setException(error);
                return;
            }
        }
        if (finished == expected) {
            List<Object> results = new ArrayList<>(children.size());
            for (Future<? extends T> f : children) {
                if (f.cancelled()) {
                    // A fresh error per place: a duplicate child fills two places.
                    results.add(new CancelledError(f.cancelMessage()));
                } else {
                    Throwable error = f.exception();
                    results.add(error != null ? error : f.peekResult());
                }
            }
            if (cancelRequested) {
                // The gather was cancelled: propagate it whatever returnExceptions says. As asyncio, the
                // error comes from the child that finished last, so that the cancel message survives.
                setException(child.makeCancelledError());
            } else {
                @SuppressWarnings("unchecked")
                List<T> typed = (List<T>) results;
                setResult(typed);
            }
        }
    }

    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        boolean any = false;
        for (Future<? extends T> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }

    @Override
    public String toString() {
        return "<_GatheringFuture " + describeState() + ">";
    }
}
