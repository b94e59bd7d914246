package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoFuturesTest {

    @Test
    void hi2AtOnceThenHi1HalfASecondLater() {
        try (Captured c = Captured.start()) {
            TwoFutures.main(new String[0]);
            assertEquals(List.of("hi 2", "hi 1"), c.out());
            assertEquals(0.5, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.reports());
        }
    }
}
