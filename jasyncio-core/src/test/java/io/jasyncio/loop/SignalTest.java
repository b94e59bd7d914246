package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.KeyboardInterrupt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/** Signals reach the loop thread through addSignalHandler; Aio.run turns SIGINT into a cancellation. */
class SignalTest {

    @Test
    void aSignalIsDeliveredOnTheLoopThread() {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            loop.addSignalHandler(SignalName.SIGHUP, () -> {
                ranOn.set(Thread.currentThread());
                loop.stop();
            });
            assertTrue(loop.hasSignalHandler(SignalName.SIGHUP));
            loop.callSoon(() -> Signal.raise(new Signal("HUP")));
            loop.runForever();
            assertEquals(Thread.currentThread(), ranOn.get());
            assertTrue(loop.removeSignalHandler(SignalName.SIGHUP));
            assertFalse(loop.removeSignalHandler(SignalName.SIGHUP));
        }
    }

    @Test
    void sigintCancelsTheMainTaskAndRunRaisesKeyboardInterrupt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> events = new ArrayList<>();
        Thread main = new Thread(() -> {
            try {
                Aio.run(() -> {
                    try {
                        Aio.getRunningLoop().callLater(0.05, () -> Signal.raise(new Signal("INT")));
                        Aio.sleep(30);
                    } catch (CancelledError e) {
                        events.add("main task cancelled");
                        Aio.sleep(0.01);
                        events.add("cleanup done");
                        throw e;
                    }
                });
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "main");
        main.start();
        main.join(20_000);
        assertTrue(failure.get() instanceof KeyboardInterrupt, String.valueOf(failure.get()));
        assertEquals(List.of("main task cancelled", "cleanup done"), events);
    }

    @Test
    void aMainTaskThatHandlesSigintEndsNormally() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread main = new Thread(() -> {
            try {
                outcome.set(Aio.run(() -> {
                    Aio.getRunningLoop().callLater(0.05, () -> Signal.raise(new Signal("INT")));
                    try {
                        Aio.sleep(30);
                        return "slept";
                    } catch (CancelledError e) {
                        Aio.currentTask().uncancel();
                        return "interrupted, shut down cleanly";
                    }
                }));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "main");
        main.start();
        main.join(20_000);
        assertEquals("interrupted, shut down cleanly", outcome.get());
    }
}
