package io.jasyncio.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import io.jasyncio.loop.SelectorEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SayTwoTest {

    @Test
    void secondHelloThenFirstHelloAfterTwoSecondsThenTheLoopRunsOn() throws Exception {
        try (Captured c = Captured.start()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread program = new Thread(() -> {
                try {
                    SayTwo.main(new String[0]);
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "say-two");
            program.start();
            assertEquals(List.of("second hello", "first hello"), c.awaitOut(2, Duration.ofSeconds(10)));
            SelectorEventLoop loop = c.loop();
            assertEquals(2.0, loop.time(), 1e-9, "both tasks share the loop: 2 seconds, not 3");

            Thread.sleep(50);
            assertTrue(program.isAlive(), "runForever keeps running with nothing left to do");
            assertEquals(2, c.out().size());

            loop.callSoonThreadsafe(loop::stop);
            program.join(10_000);
            assertFalse(program.isAlive(), "stop() ends runForever, and main closes the loop");
            assertEquals(null, failure.get());
            assertTrue(loop.isClosed());
            assertEquals(List.of(), c.reports());
        }
    }
}
