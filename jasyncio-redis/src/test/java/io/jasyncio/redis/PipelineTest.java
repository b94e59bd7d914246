package io.jasyncio.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

class PipelineTest {

    @AioTest(virtualTime = false)
    void tenThousandCommandsInOneWriteComeBackInOrder() throws IOException {
        String p = TestRedis.prefix("pipeline");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                Pipeline pipe = redis.pipeline();
                for (int i = 0; i < 5_000; i++) {
                    pipe.add("SET", p + i, "value-" + i);
                }
                for (int i = 0; i < 5_000; i++) {
                    pipe.add("GET", p + i);
                }
                assertEquals(10_000, pipe.size());
                List<Object> replies = pipe.execute();
                assertEquals(10_000, replies.size());
                assertEquals(0, pipe.size());
                for (int i = 0; i < 5_000; i++) {
                    assertEquals("OK", replies.get(i));
                    assertArrayEquals(("value-" + i).getBytes(), (byte[]) replies.get(5_000 + i), "reply " + (5_000 + i));
                }
                assertEquals("value-4999", redis.get(p + 4999));
            } finally {
                Pipeline del = redis.pipeline();
                for (int i = 0; i < 5_000; i++) {
                    del.add("DEL", p + i);
                }
                del.execute();
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void anErrorIsAnElementAndTheOthersStillAnswer() throws IOException {
        String p = TestRedis.prefix("pipeline-error");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                List<Object> replies = redis.pipeline()
                        .add("SET", p + "s", "text")
                        .add("INCR", p + "s")
                        .add("INCR", p + "n")
                        .add("GET", p + "missing")
                        .execute();
                assertEquals("OK", replies.get(0));
                assertEquals("ERR value is not an integer or out of range", assertInstanceOf(RedisError.class, replies.get(1)).getMessage());
                assertEquals(1L, replies.get(2));
                assertEquals(null, replies.get(3));
                assertEquals(List.of(), redis.pipeline().execute());
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void concurrentTasksOnOneConnectionAreAnsweredFifo() throws IOException {
        String p = TestRedis.prefix("fifo");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                // Fifty tasks each increment one counter 100 times and record the values they saw:
                // every INCR of every task is pipelined on the one connection.
                List<Task<List<Long>>> tasks = new ArrayList<>();
                for (int t = 0; t < 50; t++) {
                    tasks.add(Aio.createTask(() -> {
                        List<Long> seen = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            seen.add(redis.incr(p + "counter"));
                        }
                        return seen;
                    }));
                }
                List<Long> all = new ArrayList<>();
                for (Task<List<Long>> t : tasks) {
                    List<Long> seen = Aio.await(t);
                    for (int i = 1; i < seen.size(); i++) {
                        assertEquals(seen.get(i - 1) + 50, seen.get(i), "round-robin FIFO: 50 tasks between two of mine");
                    }
                    all.addAll(seen);
                }
                assertEquals(5_000, all.stream().distinct().count());
                assertEquals("5000", redis.get(p + "counter"));
                // Each task's first INCR was written in the order the tasks started.
                for (int t = 0; t < 50; t++) {
                    assertEquals(t + 1, Aio.await(tasks.get(t)).get(0));
                }
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }

    @AioTest(virtualTime = false)
    void aCancelledPipelineLeavesTheConnectionInStep() throws IOException {
        String p = TestRedis.prefix("pipeline-cancel");
        try (RedisClient redis = TestRedis.connect()) {
            try {
                Pipeline pipe = redis.pipeline();
                for (int i = 0; i < 1_000; i++) {
                    pipe.add("INCR", p + "n").add("INCR", p + "text-" + i).add("GET", p + "n");
                }
                Task<List<Object>> task = Aio.createTask(pipe::execute);
                Aio.sleep(0);  // the pipeline is written; cancel it while it waits for replies
                task.cancel();
                redis.set(p + "after", "mine");
                assertEquals("mine", redis.get(p + "after"));
                assertEquals("1000", redis.get(p + "n"), "the server ran every command");
            } finally {
                TestRedis.cleanUp(redis, p);
            }
        }
    }
}
