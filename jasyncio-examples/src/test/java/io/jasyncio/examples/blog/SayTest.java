package io.jasyncio.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class SayTest {

    @Test
    void saysHelloWorldAfterOneSecond() {
        try (Captured c = Captured.start()) {
            Say.main(new String[0]);
            assertEquals(List.of("hello world"), c.out());
            assertEquals(1.0, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.reports());
        }
    }
}
