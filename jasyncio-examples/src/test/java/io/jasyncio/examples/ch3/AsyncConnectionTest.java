package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncConnectionTest {

    @Test
    void theConnectionIsClosedWhenTheBlockEndsEitherWay() {
        try (Captured c = Captured.start()) {
            AsyncConnection.main(new String[0]);
            assertEquals(List.of(
                    "get_conn('localhost', 9001): connected",
                    "<do stuff with conn>: conn to localhost:9001",
                    "conn.close(): closed conn to localhost:9001",
                    "get_conn('localhost', 9001): connected",
                    "<do stuff with conn>: conn to localhost:9001, then an error",
                    "conn.close(): closed conn to localhost:9001",
                    "the error left the block: java.lang.IllegalStateException: something went wrong"), c.out());
            assertEquals(0.4, c.loop().time(), 1e-9, "two connects and two closes of 0.1 s");
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }
}
