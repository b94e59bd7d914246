package io.jasyncio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncIterable;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

class ScanTest {

    @AioTest(virtualTime = false)
    void scanSeesEachOfAThousandKeysOnce() throws IOException {
        String p = TestRedis.prefix("scan");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                Pipeline pipe = redis.pipeline();
                for (int i = 0; i < 1_000; i++) {
                    pipe.add("SET", p + i, Integer.toString(i));
                }
                pipe.execute();
                Map<String, Integer> seen = new HashMap<>();
                for (String key : redis.scan(p + "*", 100)) {
                    seen.merge(key, 1, Integer::sum);
                }
                assertEquals(1_000, seen.size());
                for (int i = 0; i < 1_000; i++) {
                    assertEquals(1, seen.get(p + i), "key " + i);
                }
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void scanMatchesOnlyThePatternAndEndsOnAnEmptyMatch() throws IOException {
        String p = TestRedis.prefix("scan-match");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                redis.set(p + "apple", "1");
                redis.set(p + "apricot", "2");
                redis.set(p + "banana", "3");
                assertEquals(List.of(p + "apple", p + "apricot"),
                        redis.scan(p + "ap*", 10).toList().stream().sorted().toList());
                AsyncIterable<String> none = redis.scan(p + "zzz*", 1000);
                Iterator<String> it = none.iterator();
                assertFalse(it.hasNext());
                assertThrows(NoSuchElementException.class, it::next);
                assertTrue(redis.scan(null, 10).iterator().hasNext(), "no MATCH: every key");
                assertThrows(IllegalArgumentException.class, () -> redis.scan(null, 0).iterator());
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }
}
