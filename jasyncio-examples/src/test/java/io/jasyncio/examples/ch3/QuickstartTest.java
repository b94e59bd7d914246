package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartTest {

    /** A {@code time.ctime()} stamp, as {@code Sun Aug 18 02:14:34 2019}. */
    static final String CTIME = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}";

    @Test
    void saysHelloThenGoodbyeOneSecondLater() {
        try (Captured c = Captured.start()) {
            Quickstart.main(new String[0]);
            assertLinesMatch(List.of(CTIME + " Hello!", CTIME + " Goodbye!"), c.out());
            assertEquals(1.0, c.loop().time(), 1e-9, "the loop's clock at the end");
            assertTrue(c.loop().isClosed(), "Aio.run closes its loop");
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
