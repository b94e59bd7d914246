package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The book's janus_demo: ten values from the thread, in order, then "Done.". */
class JanusDemoTest {

    @Test
    void printsEveryValueTheThreadProducedThenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JanusDemo.run(new Random(7), 0.002, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> expected = new ArrayList<>();
        Random same = new Random(7);
        for (int i = 0; i < 10; i++) {
            expected.add("Got " + same.nextInt(5) + " off queue");
        }
        expected.add("Done.");
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
