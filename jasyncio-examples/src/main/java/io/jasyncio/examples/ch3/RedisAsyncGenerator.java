package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.redis.RedisClient;
import java.util.List;

/**
 * Example 3-26 (B:3856-3959): the same as Example 3-25 ({@link RedisAsyncIterator}), easier with an
 * async generator. {@code oneAtATime} is the book's {@code one_at_a_time}: a loop over the keys that
 * awaits {@code redis.get(k)} and yields each value; {@link Aio#asyncGenerator} runs it on a nested
 * continuation, so the awaits inside it suspend the task that iterates. Same output as Example 3-25,
 * with the same setup and clean-up (see there).
 */
public final class RedisAsyncGenerator {

    private RedisAsyncGenerator() {
    }

    /** The book's {@code async def one_at_a_time(redis, keys)}. */
    static AsyncGenerator<String> oneAtATime(RedisClient redis, List<String> keys) {
        return Aio.asyncGenerator(yielder -> {
            for (String k : keys) {
                String value = redis.get(k);
                yielder.yield(value);
            }
        });
    }

    /** Runs the example; accepts {@code --host}, {@code --port}, {@code --prefix} (see {@link Continents}). */
    public static void main(String[] args) {
        Continents c = Continents.fromArgs(args);
        Aio.run(() -> {
            try (RedisClient redis = RedisClient.connect(c.host, c.port)) {
                c.store(redis);
                try {
                    for (String value : oneAtATime(redis, c.keys())) {
                        RedisAsyncIterator.doSomethingWith(value);
                    }
                } finally {
                    c.remove(redis);
                }
            }
            return null;
        });
    }
}
