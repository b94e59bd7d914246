package io.jasyncio.examples.ch3;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Example 3-24 (B:3661-3700): a traditional, non-async iterator, the model for the async ones of
 * Examples 3-25 and 3-26. Python's {@code __iter__} is {@link Iterable#iterator()} (it sets the state
 * and returns the object itself); {@code __next__} is split into {@code hasNext()} (the book's
 * {@code StopIteration} test) and {@code next()}. Prints what the book prints: 1, 2, 3.
 */
public final class SyncIterator {

    private SyncIterator() {
    }

    /** The book's class {@code A}. */
    static final class A implements Iterable<Integer>, Iterator<Integer> {
        private int x;

        @Override
        public Iterator<Integer> iterator() {
            x = 0;
            return this;
        }

        @Override
        public boolean hasNext() {
            return x <= 2;
        }

        @Override
        public Integer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            x += 1;
            return x;
        }
    }

    /** Runs the example. */
    public static void main(String[] args) {
        for (int i : new A()) {
            System.out.println(i);
        }
    }
}
