package io.jasyncio.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The real Redis server the tests talk to, and a key prefix per test that is cleaned up. */
final class TestRedis {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private TestRedis() {
    }

    /** Connects, or fails with a message saying Redis must run (CI starts it in .ci/run). */
    static RedisClient connect() {
        try {
            return RedisClient.connect(HOST, PORT);
        } catch (IOException e) {
            throw new AssertionError("these tests need the Redis server at " + HOST + ":" + PORT
                    + " and it is not answering (" + e.getMessage() + "); start it as .ci/run does:"
                    + " redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no", e);
        }
    }

    /** A fresh key prefix, so tests never see each other's keys. */
    static String prefix(String test) {
        return "jasyncio-test:" + test + ":" + UUID.randomUUID() + ":";
    }

    /** Deletes every key under {@code prefix}. */
    static void cleanUp(RedisClient redis, String prefix) throws IOException {
        List<String> keys = new ArrayList<>(redis.keys(prefix + "*"));
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
    }
}
