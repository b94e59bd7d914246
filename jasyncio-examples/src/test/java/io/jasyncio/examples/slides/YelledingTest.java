package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YelledingTest {

    @Test
    void theGeneratorAndItsConsumerTakeTurns() {
        List<String> expected = new ArrayList<>();
        for (int idx = 0; idx < 5; idx++) {
            expected.add("Before yelleding " + idx);
            expected.add("Yay, I've been yelleded " + idx);
        }
        try (Captured c = Captured.start()) {
            Yelleding.main(new String[0]);
            assertEquals(expected, c.out());
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
