package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/examples.md} true: its Java snippet is the real code, its table lists every program. */
class DocsTest {

    private static final Path DOC = Path.of("..", "docs", "examples.md");
    private static final Path QUICKSTART =
            Path.of("src", "main", "java", "io", "jasyncio", "examples", "ch3", "Quickstart.java");

    @Test
    void theQuickstartSnippetIsTheFilesCode() throws IOException {
        List<String> javaBlocks = blocks(Files.readString(DOC), "```java");
        assertEquals(1, javaBlocks.size(), "one Java snippet");
        assertTrue(Files.readString(QUICKSTART).contains(javaBlocks.get(0)),
                "docs/examples.md's Java snippet differs from Quickstart.java:\n" + javaBlocks.get(0));
    }

    @Test
    void theTableListsEveryProgramInOrder() throws IOException {
        List<String> rows = Files.readString(DOC).lines().filter(l -> l.startsWith("| `") && !l.startsWith("| `./aio`")).toList();
        List<String> names = rows.stream().map(r -> r.substring(3, r.indexOf('`', 3))).toList();
        assertEquals(Programs.all().stream().map(Program::name).toList(), names);
    }

    private static List<String> blocks(String text, String fence) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while ((from = text.indexOf(fence + "\n", from)) >= 0) {
            int start = from + fence.length() + 1;
            int end = text.indexOf("```", start);
            out.add(text.substring(start, end));
            from = end + 3;
        }
        return out;
    }
}
