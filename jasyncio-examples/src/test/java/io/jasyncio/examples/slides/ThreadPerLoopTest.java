package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadPerLoopTest {

    @Test
    void fiveLoopsInFiveThreadsEachPrintThreeLinesInOrder() throws InterruptedException {
        try (Captured c = Captured.start()) {
            ThreadPerLoop.main(new String[0]);
            List<String> out = c.out();
            assertEquals(17, out.size(), out::toString);
            assertEquals("done", out.get(16), "the main thread says done after joining every thread");
            List<String> hellos = new ArrayList<>(out.subList(0, 16));
            assertEquals(true, hellos.remove("Waiting to finish"), out::toString);
            for (int id = 0; id < 5; id++) {
                String suffix = " from thread " + id;
                List<String> own = hellos.stream().filter(s -> s.endsWith(suffix)).toList();
                assertEquals(List.of("Hello 0" + suffix, "Hello 1" + suffix, "Hello 2" + suffix), own);
            }
            assertEquals(5, c.loops().size(), "one loop per thread");
            for (SelectorEventLoop loop : c.loops()) {
                assertEquals(3.0, loop.time(), 1e-9, "each thread sleeps 0 + 1 + 2 seconds");
            }
            assertEquals(List.of(), c.reports());
        }
    }
}
