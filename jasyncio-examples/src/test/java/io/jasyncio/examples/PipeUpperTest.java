package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./aio pipe-upper} in a child JVM: its real standard input and output as pipe streams. */
class PipeUpperTest {

    @Test
    void upperCasesEachLineAsItArrivesAndEndsAtEndOfInput() throws Exception {
        try (ChildJvm child = ChildJvm.start("pipe-upper")) {
            OutputStream stdin = child.stdin();
            stdin.write("hello pipes\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            // The line comes back while stdin is still open: the read did not wait for the end.
            child.awaitOut(line -> line.equals("HELLO PIPES"), 1, Duration.ofSeconds(60));
            // The heartbeat runs while the program waits for more input: the loop is not blocked.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (child.err().stream().noneMatch(l -> l.equals("(the loop is free)")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.err().contains("(the loop is free)"), "err=" + child.err());
            stdin.write("second line\nno newline at the end".getBytes(StandardCharsets.UTF_8));
            stdin.close();
            assertEquals(0, child.waitFor(Duration.ofSeconds(60)));
            assertEquals(List.of("HELLO PIPES", "SECOND LINE", "NO NEWLINE AT THE END"), child.out());
            assertTrue(child.err().contains("lines: 3"), "err=" + child.err());
        }
    }

    @Test
    void theSnippetOfDocsProcessMdIsThisProgramsCode() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "process.md"));
        int section = doc.indexOf("### Pipes");
        int start = doc.indexOf("```java\n", section) + "```java\n".length();
        String snippet = doc.substring(start, doc.indexOf("```", start));
        String code = Files.readString(Path.of("src", "main", "java", "io", "jasyncio", "examples", "PipeUpper.java"));
        assertTrue(section > 0 && code.contains(snippet), "docs/process.md's pipe snippet differs from PipeUpper.java:\n" + snippet);
    }
}
