package io.jasyncio.examples.ch3;

import static io.jasyncio.examples.ch3.QuickstartTest.CTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartLoopTest {

    @Test
    void printsWhatQuickstartPrintsAndLeavesTheLoopClosedAndUnset() {
        try (Captured c = Captured.start()) {
            QuickstartLoop.main(new String[0]);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!"), c.out());
            assertEquals(1.0, c.loop().time(), 1e-9, "the loop's clock at the end");
            assertTrue(c.loop().isClosed());
            assertThrows(IllegalStateException.class, Aio::getEventLoop, "the thread's loop is unset");
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
