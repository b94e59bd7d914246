package io.jasyncio.examples.ch3;

import static io.jasyncio.examples.ch3.QuickstartTest.CTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executor programs of chapter 3 (Ex. 3-3, 3-36 … 3-39). Their jobs sleep in threads in real time.
 * Where the job must end first (Ex. 3-3), the loop runs on virtual time that jumps only after 3 s of real
 * idleness, so the job is seen before the clock moves on; where the job must end last, the tests run on
 * the real clock with the job stretched to 4 s against main()'s 1 s, a margin no load on this machine
 * closes.
 */
class ExecutorProgramsTest {

    @Test
    void quickstartExeHearsFromTheThreadBeforeGoodbye() {
        try (Captured c = Captured.startVirtualTimeWithThreads(3.0)) {
            QuickstartExe.main(new String[0]);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Hello from a thread!", CTIME + " Goodbye!"), c.out());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void python38RunClosesTheLoopUnderTheJob() throws Exception {
        // Real time, with the job made 4 s long (the book's is 1.5 s) so that it surely outlives the loop.
        try (Captured c = Captured.startRealTime()) {
            ExecutorTooLong.run(4.0);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!"), c.out());
            List<String> out = c.awaitOut(3, Duration.ofSeconds(20));
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!", CTIME + " Hello from a thread!"), out);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (c.err().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            List<String> err = c.err();
            assertTrue(err.get(0).matches("exception calling callback for <Future at [0-9a-f]+ state=SUCCESS>"), err.get(0));
            assertEquals("java.lang.IllegalStateException: Event loop is closed", err.get(1));
        }
    }

    @Test
    void aioRunWaitsForTheExecutor() {
        try (Captured c = Captured.startRealTime()) {
            ExecutorRunWaits.run(4.0);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!", CTIME + " Hello from a thread!"), c.out());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void optionAAwaitsTheFutureInFinally() {
        try (Captured c = Captured.startRealTime()) {
            ExecutorOptionA.run(4.0);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!", CTIME + " Hello from a thread!"), c.out());
            assertEquals(List.of(), c.err());
        }
    }

    @Test
    void optionBKeepsWaitingThroughCancellation() {
        try (Captured c = Captured.startRealTime()) {
            ExecutorOptionB.run(4.0);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!", CTIME + " Hello from a thread!"), c.out());
            assertEquals(List.of(), c.err());
        }
    }

    @Test
    void optionCShutsItsOwnExecutorDown() throws Exception {
        try (Captured c = Captured.startRealTime()) {
            ExecutorOptionC.run(4.0);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!", CTIME + " Hello from a thread!"), c.out());
            assertEquals(List.of(), c.err());
        }
    }
}
