package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncComprehensionAwaitTest {

    @Test
    void awaitsEachCoroutineTheGeneratorHandsOut() {
        try (Captured c = Captured.start()) {
            AsyncComprehensionAwait.main(new String[0]);
            assertEquals(List.of("results =  [100, 101, 102]"), c.out());
            assertEquals(0.6, c.loop().time(), 1e-9, "three sleeps in factory, three in f");
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
