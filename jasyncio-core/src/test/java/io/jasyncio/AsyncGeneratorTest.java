package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Async generators, iterators, comprehensions and the generator-based context manager. */
class AsyncGeneratorTest {

    @AfterEach
    void reset() {
        EventLoops.setLoopFactory(null);
    }

    static AsyncGenerator<Integer> ticker(SelectorEventLoop loop, List<String> log, int n) {
        return Aio.asyncGenerator(y -> {
            for (int i = 0; i < n; i++) {
                log.add("yield " + i + " at " + loop.time());
                y.yield(i);
                Aio.sleep(1);
            }
            log.add("end at " + loop.time());
        });
    }

    @AioTest
    void asyncForInterleavesYieldsAndAwaits(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        for (int v : ticker(loop, log, 3)) {
            log.add("got " + v);
        }
        assertEquals(List.of("yield 0 at 0.0", "got 0", "yield 1 at 1.0", "got 1", "yield 2 at 2.0", "got 2",
                "end at 3.0"), log);
    }

    @AioTest
    void otherTasksRunWhileTheGeneratorAwaits(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> other = Aio.createTask(() -> {
            for (int i = 0; i < 3; i++) {
                log.add("other " + loop.time());
                Aio.sleep(1);
            }
        });
        for (int v : ticker(loop, log, 2)) {
            log.add("got " + v);
        }
        Aio.await(other);
        // Timers due at the same time fire in the order they were set: the generator's sleep was first.
        assertEquals(List.of("yield 0 at 0.0", "got 0", "other 0.0", "yield 1 at 1.0", "got 1", "other 1.0",
                "end at 2.0", "other 2.0"), log);
    }

    @AioTest
    void acloseRunsFinallyBlocksThatAwait(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> gen = Aio.asyncGenerator(y -> {
            try {
                for (int i = 0; ; i++) {
                    y.yield(i);
                }
            } finally {
                Aio.sleep(2);
                log.add("cleaned up at " + loop.time());
            }
        });
        assertEquals(0, gen.next());
        assertEquals(1, gen.next());
        gen.aclose();
        assertTrue(gen.isFinished());
        assertFalse(gen.hasNext());
        assertEquals(List.of("cleaned up at 2.0"), log);
        gen.aclose();
    }

    @AioTest
    void aGeneratorThatIgnoresGeneratorExitIsAnError() {
        AsyncGenerator<Integer> gen = Aio.asyncGenerator(y -> {
            try {
                y.yield(1);
            } finally {
                y.yield(2);
            }
        });
        gen.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, gen::aclose);
        assertEquals("async generator ignored GeneratorExit", e.getMessage());
    }

    @AioTest
    void exceptionsInTheBodyReachTheConsumer() {
        AsyncGenerator<Integer> gen = Aio.asyncGenerator(y -> {
            y.yield(1);
            Aio.sleep(1);
            throw new IllegalArgumentException("generator broke");
        });
        assertEquals(1, gen.next());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, gen::hasNext);
        assertEquals("generator broke", e.getMessage());
        assertFalse(gen.hasNext());
        assertThrows(NoSuchElementException.class, gen::next);
    }

    @AioTest
    void cancellingTheConsumerCancelsTheGeneratorsAwait() {
        List<String> log = new ArrayList<>();
        Task<Void> consumer = Aio.createTask(() -> {
            AsyncGenerator<Integer> gen = Aio.asyncGenerator(y -> {
                try {
                    y.yield(1);
                    Aio.sleep(100);
                    y.yield(2);
                } catch (CancelledError e) {
                    log.add("generator saw cancel");
                    throw e;
                }
            });
            for (int v : gen) {
                log.add("got " + v);
            }
        });
        Aio.sleep(1);
        consumer.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(consumer));
        assertEquals(List.of("got 1", "generator saw cancel"), log);
    }

    @Test
    void runClosesGeneratorsLeftOpen() {
        EventLoops.setLoopFactory(VirtualTime::newLoop);
        List<String> log = new ArrayList<>();
        Aio.run(() -> {
            AsyncGenerator<Integer> gen = Aio.asyncGenerator(y -> {
                try {
                    y.yield(1);
                    y.yield(2);
                } finally {
                    Aio.sleep(1);
                    log.add("finalised");
                }
            });
            log.add("got " + gen.next());
        });
        assertEquals(List.of("got 1", "finalised"), log);
    }

    @AioTest
    void asyncComprehensions(SelectorEventLoop loop) {
        AsyncGenerator<Integer> numbers = Aio.asyncGenerator(y -> {
            for (int i = 1; i <= 6; i++) {
                Aio.sleep(0.5);
                y.yield(i);
            }
        });
        List<String> out = numbers.filter(x -> x % 2 == 0).map(x -> {
            Aio.sleep(1);
            return x + "@" + loop.time();
        }).toList();
        assertEquals(List.of("2@2.0", "4@4.0", "6@6.0"), out);
    }

    @AioTest
    void asyncContextManagerEntersAndExitsAroundTheBlock(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        try (AsyncContextManager<String> page = Aio.asyncContextManager(y -> {
            Aio.sleep(1);
            log.add("entered at " + loop.time());
            try {
                y.yield("<html>");
            } finally {
                Aio.sleep(1);
                log.add("exited at " + loop.time());
            }
        })) {
            log.add("using " + page.value() + " at " + loop.time());
        }
        assertEquals(List.of("entered at 1.0", "using <html> at 1.0", "exited at 2.0"), log);
    }

    @AioTest
    void plainIterablesWrapAsAsync() {
        assertEquals(List.of(3, 4), AsyncIterable.of(List.of(1, 2, 3, 4)).filter(x -> x > 2).toList());
    }
}
