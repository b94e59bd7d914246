package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsyncComprehensionsTest {

    @Test
    void listDictAndSetComprehensionsOverTheAsyncGenerator() {
        try (Captured c = Captured.start()) {
            AsyncComprehensions.main(new String[0]);
            assertEquals(List.of(
                    "[(0, 0), (1, 2), (2, 4)]",
                    "{0: 0, 1: 2, 2: 4}",
                    "{(0, 0), (1, 2), (2, 4)}"), c.out());
            assertEquals(0.9, c.loop().time(), 1e-9, "three comprehensions of three 0.1 s sleeps");
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void theSetLineHoldsTheBooksThreeTuplesWhateverTheirOrder() {
        // The book's line is {(2, 4), (1, 2), (0, 0)}: a set prints in no particular order.
        Set<String> book = Set.of("(2, 4)", "(1, 2)", "(0, 0)");
        Set<AsyncComprehensions.Pair> ours = new LinkedHashSet<>(List.of(
                new AsyncComprehensions.Pair(2, 4), new AsyncComprehensions.Pair(1, 2), new AsyncComprehensions.Pair(0, 0)));
        assertEquals("{(2, 4), (1, 2), (0, 0)}", AsyncComprehensions.pythonSet(ours));
        assertEquals(book, Set.copyOf(ours.stream().map(Object::toString).toList()));
    }
}
