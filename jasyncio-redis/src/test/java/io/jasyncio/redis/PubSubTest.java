package io.jasyncio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

class PubSubTest {

    @AioTest(virtualTime = false)
    void messagesArriveInPublicationOrderAcrossChannels() throws IOException {
        String p = TestRedis.prefix("pubsub");
        try (RedisClient redis = TestRedis.connect(); PubSub sub = redis.subscribe(p + "a", p + "b")) {
            assertEquals(Set.of(p + "a", p + "b"), sub.channels());
            Task<List<String>> listener = Aio.createTask(() -> {
                List<String> got = new ArrayList<>();
                for (Message m : sub) {
                    got.add(m.channel().substring(p.length()) + "=" + m.text());
                    if (got.size() == 200) {
                        break;
                    }
                }
                return got;
            });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                assertEquals(1, redis.publish(p + "a", "m" + i));
                assertEquals(1, redis.publish(p + "b", "n" + i));
                expected.add("a=m" + i);
                expected.add("b=n" + i);
            }
            assertEquals(0, redis.publish(p + "other", "nobody"));
            assertEquals(expected, Aio.await(listener));
        }
    }

    @AioTest(virtualTime = false)
    void unsubscribeStopsDeliveryAndCloseEndsTheIteration() throws IOException {
        String p = TestRedis.prefix("unsub");
        try (RedisClient redis = TestRedis.connect()) {
            PubSub sub = redis.subscribe(p + "a", p + "b");
            redis.publish(p + "a", "1");
            sub.unsubscribe(p + "a");
            assertEquals(Set.of(p + "b"), sub.channels());
            assertEquals(0, redis.publish(p + "a", "lost"));
            assertEquals(1, redis.publish(p + "b", "2"));
            sub.subscribe(p + "c");
            assertEquals(1, redis.publish(p + "c", "3"));
            sub.unsubscribe();
            assertEquals(Set.of(), sub.channels());
            assertEquals(0, redis.publish(p + "b", "lost"));
            Aio.sleep(0.05);
            sub.close();
            List<String> got = new ArrayList<>();
            for (Message m : sub) {
                got.add(m.text());
            }
            assertEquals(List.of("1", "2", "3"), got, "messages received before close are still delivered");
            sub.waitClosed();
            assertThrows(IOException.class, () -> sub.subscribe(p + "d"));
        }
    }

    @AioTest(virtualTime = false)
    void aLostPubSubConnectionEndsTheIterationWithAnError() throws IOException {
        String p = TestRedis.prefix("pubsub-lost");
        try (RedisClient redis = TestRedis.connect(); PubSub sub = redis.subscribe(p + "x")) {
            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
                for (Message m : sub) {
                    m.text();
                }
            });
            assertEquals("Redis pub/sub connection to 127.0.0.1:6379 lost: connection closed by the server",
                    e.getCause().getMessage());
        }
    }
}
