package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.AsyncIterable;
import io.jasyncio.redis.RedisClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * Example 3-25 (B:3743-3841): an async iterator fetching data from Redis only on demand.
 *
 * <p>Python's {@code __aiter__} is {@link AsyncIterable#iterator()}: as in the book it creates the
 * plain iterator over the keys ({@code self.ikeys}) and returns the object itself. Python's
 * {@code __anext__} is split the Java way: {@code hasNext()} is the end test, where the book turns the
 * keys' {@code StopIteration} into {@code StopAsyncIteration}, and {@code next()} awaits
 * {@code redis.get(k)}, suspending the task (other tasks run meanwhile) until the value arrives. The
 * for-each in {@code main} is the book's {@code async for}.
 *
 * <p>The book shows no output and leaves {@code do_something_with} undefined, and it assumes the keys
 * already hold data. This program first stores a value under each key, prints each fetched value in
 * {@code doSomethingWith} (after a zero sleep standing for its I/O), then deletes the keys:
 * <pre>
 * Americas: 35 countries
 * Africa: 54 countries
 * Europe: 44 countries
 * Asia: 48 countries
 * </pre>
 * Needs the Redis server at localhost:6379 ({@code --host}, {@code --port}, {@code --prefix}: see
 * {@link Continents}). Note the book's latent bug: {@code __anext__} uses the global {@code redis}, not
 * {@code self.redis}; this follows the intent and uses the field.
 */
public final class RedisAsyncIterator {

    private RedisAsyncIterator() {
    }

    /** The book's {@code OneAtATime}: fetches one value per step of the iteration. */
    static final class OneAtATime implements AsyncIterable<String>, Iterator<String> {
        private final RedisClient redis;
        private final List<String> keys;
        private Iterator<String> ikeys;

        OneAtATime(RedisClient redis, List<String> keys) {
            this.redis = redis;
            this.keys = keys;
        }

        /** {@code __aiter__}: a plain iterator over the keys; the object itself is the iterator. */
        @Override
        public Iterator<String> iterator() {
            ikeys = keys.iterator();
            return this;
        }

        /** The end test of {@code __anext__}: no key left is {@code StopAsyncIteration}. */
        @Override
        public boolean hasNext() {
            return ikeys.hasNext();
        }

        /** The rest of {@code __anext__}: {@code value = await redis.get(k)}. Suspends. */
        @Override
        public String next() {
            String k = ikeys.next();
            try {
                return redis.get(k);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The book's undefined {@code do_something_with}: some I/O, then the value goes on (here: printed). */
    static void doSomethingWith(String value) {
        Aio.sleep(0);
        System.out.println(value);
    }

    /** Runs the example; see the class comment for the options. */
    public static void main(String[] args) {
        Continents c = Continents.fromArgs(args);
        Aio.run(() -> {
            try (RedisClient redis = RedisClient.connect(c.host, c.port)) {
                c.store(redis);
                try {
                    for (String value : new OneAtATime(redis, c.keys())) {
                        doSomethingWith(value);
                    }
                } finally {
                    c.remove(redis);
                }
            }
            return null;
        });
    }
}
