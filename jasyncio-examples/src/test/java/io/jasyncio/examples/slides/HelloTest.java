package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloTest {

    @Test
    void saysHi() {
        try (Captured c = Captured.start()) {
            Hello.main(new String[0]);
            assertEquals(List.of("hi"), c.out());
            assertTrue(c.loop().isClosed());
            assertEquals(List.of(), c.reports());
        }
    }
}
