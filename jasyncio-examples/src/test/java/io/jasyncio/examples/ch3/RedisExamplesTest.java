package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Aio;
import io.jasyncio.examples.Captured;
import io.jasyncio.redis.RedisClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Examples 3-24 … 3-26; the Redis ones talk to the real server at localhost:6379 (.ci/run starts it). */
class RedisExamplesTest {

    private static final List<String> VALUES = List.of(
            "Americas: 35 countries", "Africa: 54 countries", "Europe: 44 countries", "Asia: 48 countries");

    @Test
    void theTraditionalIteratorPrintsOneTwoThree() {
        try (Captured c = Captured.start()) {
            SyncIterator.main(new String[0]);
            assertEquals(List.of("1", "2", "3"), c.out());
        }
    }

    @Test
    void theAsyncIteratorFetchesEachKeyInOrder() {
        String prefix = "jasyncio-test:ex3-25:" + UUID.randomUUID() + ":";
        try (Captured c = Captured.startRealTime()) {
            RedisAsyncIterator.main(new String[] {"--prefix", prefix});
            assertEquals(VALUES, c.out());
            assertEquals(List.of(), c.reports());
        }
        assertEquals(0L, remaining(prefix), "the program deletes its keys");
    }

    @Test
    void theAsyncGeneratorFetchesEachKeyInOrder() {
        String prefix = "jasyncio-test:ex3-26:" + UUID.randomUUID() + ":";
        try (Captured c = Captured.startRealTime()) {
            RedisAsyncGenerator.main(new String[] {"--prefix", prefix});
            assertEquals(VALUES, c.out());
            assertEquals(List.of(), c.reports());
        }
        assertEquals(0L, remaining(prefix), "the program deletes its keys");
    }

    private static long remaining(String prefix) {
        return Aio.run(() -> {
            try (RedisClient redis = RedisClient.connect("127.0.0.1", 6379)) {
                return (long) redis.keys(prefix + "*").size();
            }
        });
    }
}
