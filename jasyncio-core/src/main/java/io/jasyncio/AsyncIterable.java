package io.jasyncio;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Something a task can iterate over while suspending between items ({@code async for}). Because
 * jasyncio's coroutines are stackful, an async iterable is a plain {@link Iterable} whose
 * {@code hasNext()}/{@code next()} may suspend the calling task: a for-each loop is {@code async for}.
 * The default methods are async comprehensions: their functions may await too.
 *
 * @param <T> the type of the items
 */
public interface AsyncIterable<T> extends Iterable<T> {

    /** Wraps a plain iterable (an {@code async for} over it never suspends). */
    static <T> AsyncIterable<T> of(Iterable<T> items) {
        return items::iterator;
    }

    /** {@code [x async for x in this]}: every item, in order. */
    default List<T> toList() {
        List<T> out = new ArrayList<>();
        for (T item : this) {
            out.add(item);
        }
        return out;
    }

    /** Runs {@code action} on each item in turn; the action may await. */
    @Override
    default void forEach(Consumer<? super T> action) {
        for (T item : this) {
            action.accept(item);
        }
    }

    /** {@code (f(x) async for x in this)}: lazily maps each item; {@code f} may await. */
    default <R> AsyncIterable<R> map(Function<? super T, ? extends R> f) {
        AsyncIterable<T> source = this;
        return () -> {
            Iterator<T> it = source.iterator();
            return new Iterator<R>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public R next() {
                    return f.apply(it.next());
                }
            };
        };
    }

    /** {@code (x async for x in this if p(x))}: lazily keeps the items {@code p} accepts; {@code p} may await. */
    default AsyncIterable<T> filter(Predicate<? super T> p) {
        AsyncIterable<T> source = this;
        return () -> {
            Iterator<T> it = source.iterator();
            return new Iterator<T>() {
                private T next;
                private boolean ready;

                @Override
                public boolean hasNext() {
                    while (!ready && it.hasNext()) {
                        T candidate = it.next();
                        if (p.test(candidate)) {
                            next = candidate;
                            ready = true;
                        }
                    }
                    return ready;
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ready = false;
                    T out = next;
                    next = null;
                    return out;
                }
            };
        };
    }
}
