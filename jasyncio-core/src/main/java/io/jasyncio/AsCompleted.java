package io.jasyncio;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TimerHandle;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code asyncio.as_completed}: an iterator of futures, one per input, that complete in the order the
 * inputs finish. Awaiting the k-th gives the result (or raises the exception) of the k-th input to
 * finish; after the timeout, the ones still waiting raise {@link TimeoutError} (outcomes that arrived
 * before it are still handed out first). The inputs are never cancelled. The same awaitable given twice
 * counts once. The k-th future is bound when {@code next()} hands it out, not when it is awaited.
 */
final class AsCompleted<T> implements Iterator<Future<T>>, Iterable<Future<T>> {

    private final SelectorEventLoop loop;
    private final ArrayDeque<Future<? extends T>> finished = new ArrayDeque<>();
    private final ArrayDeque<Future<T>> promised = new ArrayDeque<>();
    private final Set<Future<? extends T>> todo = new LinkedHashSet<>();
    private int remaining;
    private boolean timedOut;
    private TimerHandle timeoutHandle;

    AsCompleted(SelectorEventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, Double timeout) {
        this.loop = loop;
        // As asyncio's set(fs): the same awaitable given twice is one input (a coroutine runs once).
        Set<Awaitable<? extends T>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Awaitable<? extends T> a : awaitables) {
            if (distinct.add(a)) {
                todo.add(Aio.ensureFuture(a, loop));
            }
        }
        remaining = todo.size();
        for (Future<? extends T> f : todo) {
            f.addDoneCallback(this::onCompletion);
        }
        if (timeout != null && !todo.isEmpty()) {
            timeoutHandle = loop.callLater(timeout, this::onTimeout);
        }
    }

    private void onCompletion(Future<? extends T> f) {
        if (!todo.remove(f)) {
            return;
        }
        Future<T> promise = promised.pollFirst();
        if (promise != null) {
            if (!promise.done()) {
                promise.copyStateFrom(f);
            }
        } else {
            finished.addLast(f);
        }
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    private void onTimeout() {
        timedOut = true;
        todo.clear(); // late completions are ignored by onCompletion

        Future<T> promise;
        while ((promise = promised.pollFirst()) != null) {
            if (!promise.done()) {
                promise.setException(new TimeoutError());
            }
        }
    }

    @Override
    public boolean hasNext() {
        return remaining > 0;
    }

    @Override
    public Future<T> next() {
        if (remaining == 0) {
            throw new NoSuchElementException();
        }
        remaining--;
        Future<T> next = loop.createFuture();
        Future<? extends T> ready = finished.pollFirst();
        if (ready != null) {
            next.copyStateFrom(ready);
        } else if (timedOut) {
            next.setException(new TimeoutError());
        } else {
            promised.addLast(next);
        }
        return next;
    }

    @Override
    public Iterator<Future<T>> iterator() {
        return this;
    }
}
