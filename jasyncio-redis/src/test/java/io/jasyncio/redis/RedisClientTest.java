package io.jasyncio.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class RedisClientTest {

    @AioTest(virtualTime = false)
    void stringCommandsGiveExactValues() throws IOException {
        String p = TestRedis.prefix("strings");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                assertEquals("PONG", redis.ping());
                assertNull(redis.get(p + "a"));
                redis.set(p + "a", "hello");
                assertEquals("hello", redis.get(p + "a"));
                redis.set(p + "bin", new byte[] {0, 1, (byte) 0xfe});
                assertArrayEquals(new byte[] {0, 1, (byte) 0xfe}, redis.getBytes(p + "bin"));
                redis.set(p + "u", "caf\u00e9 \u2603");
                assertEquals("caf\u00e9 \u2603", redis.get(p + "u"));
                assertEquals(1, redis.exists(p + "a"));
                assertEquals(2, redis.exists(p + "a", p + "a", p + "missing"));
                assertEquals(1, redis.incr(p + "n"));
                assertEquals(2, redis.incr(p + "n"));
                assertEquals(12, redis.incrBy(p + "n", 10));
                assertEquals("12", redis.get(p + "n"));
                assertEquals(2, redis.del(p + "a", p + "n", p + "missing"));
                assertEquals(0, redis.exists(p + "a"));
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void setOptionsAndExpiry() throws IOException {
        String p = TestRedis.prefix("set");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                assertTrue(redis.set(p + "k", "1", SetOptions.NONE.nx()));
                assertFalse(redis.set(p + "k", "2", SetOptions.NONE.nx()), "NX on an existing key");
                assertEquals("1", redis.get(p + "k"));
                assertTrue(redis.set(p + "k", "3", SetOptions.NONE.xx()));
                assertFalse(redis.set(p + "absent", "3", SetOptions.NONE.xx()), "XX on a missing key");
                assertNull(redis.get(p + "absent"));
                assertEquals(-1, redis.ttl(p + "k"));
                assertTrue(redis.set(p + "k", "4", SetOptions.ex(100)));
                assertEquals(100, redis.ttl(p + "k"));
                assertTrue(redis.set(p + "k", "5", SetOptions.NONE.keepTtl()));
                assertEquals(100, redis.ttl(p + "k"));
                assertTrue(redis.set(p + "k", "6", SetOptions.px(50_000)));
                assertTrue(redis.ttl(p + "k") <= 50 && redis.ttl(p + "k") >= 49);
                assertTrue(redis.expire(p + "k", 200));
                assertEquals(200, redis.ttl(p + "k"));
                assertFalse(redis.expire(p + "missing", 200));
                assertEquals(-2, redis.ttl(p + "missing"));
                assertTrue(redis.set(p + "gone", "x", SetOptions.px(1)));
                Aio.sleep(0.05);
                assertNull(redis.get(p + "gone"), "expired after 1 ms");
                assertThrows(IllegalArgumentException.class, () -> SetOptions.ex(1).nx().xx());
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void keysMgetMset() throws IOException {
        String p = TestRedis.prefix("multi");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                Map<String, String> pairs = new LinkedHashMap<>();
                pairs.put(p + "x", "1");
                pairs.put(p + "y", "2");
                pairs.put(p + "z", "3");
                redis.mset(pairs);
                assertEquals(Arrays.asList("3", null, "1"), redis.mget(p + "z", p + "nope", p + "x"));
                assertEquals(List.of(p + "x", p + "y", p + "z"), redis.keys(p + "*").stream().sorted().toList());
                assertEquals(List.of(p + "y"), redis.keys(p + "y"));
                assertEquals(List.of(), redis.keys(p + "nothing*"));
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void hashesAndLists() throws IOException {
        String p = TestRedis.prefix("hash");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                assertEquals(1, redis.hset(p + "h", "a", "1"));
                assertEquals(0, redis.hset(p + "h", "a", "one"));
                Map<String, String> more = new LinkedHashMap<>();
                more.put("b", "2");
                more.put("c", "3");
                assertEquals(2, redis.hset(p + "h", more));
                assertEquals("one", redis.hget(p + "h", "a"));
                assertNull(redis.hget(p + "h", "zz"));
                assertEquals(Map.of("a", "one", "b", "2", "c", "3"), redis.hgetall(p + "h"));
                assertEquals(List.of("a", "b", "c"), List.copyOf(redis.hgetall(p + "h").keySet()), "server order");
                assertEquals(Map.of(), redis.hgetall(p + "missing"));

                assertEquals(1, redis.lpush(p + "l", "first"));
                assertEquals(3, redis.lpush(p + "l", "second", "third"));
                assertEquals("first", redis.rpop(p + "l"));
                assertEquals("second", redis.rpop(p + "l"));
                assertEquals("third", redis.rpop(p + "l"));
                assertNull(redis.rpop(p + "l"));
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void serverErrorsAreRedisErrorsAndTheConnectionStaysUsable() throws IOException {
        String p = TestRedis.prefix("errors");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                redis.lpush(p + "list", "x");
                RedisError e = assertThrows(RedisError.class, () -> redis.get(p + "list"));
                assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
                assertEquals("WRONGTYPE", e.kind());
                RedisError unknown = assertThrows(RedisError.class, () -> redis.execute("NOSUCHCOMMAND", "a"));
                assertTrue(unknown.getMessage().startsWith("ERR unknown command 'NOSUCHCOMMAND'"), unknown.getMessage());
                redis.set(p + "s", "abc");
                RedisError notInt = assertThrows(RedisError.class, () -> redis.incr(p + "s"));
                assertEquals("ERR value is not an integer or out of range", notInt.getMessage());
                assertEquals("abc", redis.get(p + "s"), "the connection is still in step");
                assertEquals("OK", redis.execute("SET", p + "g", "v"));
                assertArrayEquals("v".getBytes(), (byte[]) redis.execute("GET", p + "g"));
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void aRefusedConnectionSaysWhere() {
        IOException e = assertThrows(IOException.class, () -> RedisClient.connect("127.0.0.1", 1));
        assertTrue(e.getMessage().startsWith("cannot connect to Redis at 127.0.0.1:1: "), e.getMessage());
    }

    @AioTest(virtualTime = false)
    void aLostConnectionFailsWaitingAndLaterCommandsWithIOException() throws IOException {
        try (RedisClient victim = TestRedis.connect(); RedisClient killer = TestRedis.connect()) {
            long id = (Long) victim.execute("CLIENT", "ID");
            Task<Object> blocked = Aio.createTask(() -> victim.execute("BLPOP", "jasyncio-test:never:" + id, "0"));
            Aio.sleep(0.05);
            assertEquals(1L, killer.execute("CLIENT", "KILL", "ID", Long.toString(id)));
            IOException waiting = assertThrows(IOException.class, () -> Aio.await(blocked));
            assertEquals("Redis connection to 127.0.0.1:6379 lost: connection closed by the server", waiting.getMessage());
            IOException later = assertThrows(IOException.class, victim::ping);
            assertEquals("Redis connection to 127.0.0.1:6379 lost: connection closed by the server", later.getMessage());
            assertTrue(victim.isClosed());
            assertEquals("PONG", killer.ping());
        }
    }

    @AioTest(virtualTime = false)
    void closeFailsLaterCommands() throws IOException {
        RedisClient redis = TestRedis.connect();
        assertEquals("PONG", redis.ping());
        redis.close();
        IOException e = assertThrows(IOException.class, redis::ping);
        assertEquals("Redis connection to 127.0.0.1:6379 closed by the client", e.getMessage());
        redis.waitClosed();
        assertTrue(redis.isClosed());
    }

    @AioTest(virtualTime = false)
    void aCancelledCommandDoesNotPutLaterRepliesOutOfStep() throws IOException {
        String p = TestRedis.prefix("cancel");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                redis.set(p + "a", "A");
                redis.set(p + "b", "B");
                Task<String> first = Aio.createTask(() -> redis.get(p + "a"));
                Task<String> second = Aio.createTask(() -> redis.get(p + "b"));
                Aio.sleep(0);  // both requests are written
                first.cancel();
                assertEquals("B", Aio.await(second));
                assertTrue(first.cancelled());
                assertEquals("A", redis.get(p + "a"));
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }
}
