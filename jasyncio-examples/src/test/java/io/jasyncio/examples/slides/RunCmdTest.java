package io.jasyncio.examples.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCmdTest {

    @Test
    void bothCommandsStartAtOnceAndEchoFinishesFirst() {
        long t0 = System.nanoTime();
        try (Captured c = Captured.start()) {
            RunCmd.main(new String[0]);
            assertEquals(List.of("Executing: sleep 1", "Executing: echo hello", "hello", "", ""), c.out());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
        // Real children take real time, even on the test's virtual clock: sleep 1 ran for its second.
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= 1.0 && seconds < 10, "took " + seconds + " s");
    }

    @Test
    void theSnippetOfDocsProcessMdIsThisProgramsCode() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "process.md"));
        int start = doc.indexOf("```java\n") + "```java\n".length();
        String snippet = doc.substring(start, doc.indexOf("```", start));
        String code = Files.readString(Path.of("src", "main", "java", "io", "jasyncio", "examples", "slides",
                "RunCmd.java"));
        assertTrue(code.contains(snippet), "docs/process.md's snippet differs from RunCmd.java:\n" + snippet);
    }
}
