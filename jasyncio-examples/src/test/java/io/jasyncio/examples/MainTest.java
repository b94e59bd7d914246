package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void listPrintsOneLinePerProgramWithItsDescriptionAndSource() {
        try (Captured c = Captured.start()) {
            assertEquals(0, Main.execute("list"));
            List<String> out = c.out();
            assertEquals(Programs.all().size(), out.size());
            // The names are padded to the longest one plus two spaces.
            int width = Programs.all().stream().mapToInt(p -> p.name().length()).max().orElseThrow() + 2;
            String format = "%-" + width + "s%s";
            assertEquals(String.format(format, "quickstart", "Hello!, a one-second sleep, Goodbye! with Aio.run (Ex. 3-1)"), out.get(0));
            assertTrue(out.contains(String.format(format, "alltaskscomplete",
                    "gather with returnExceptions: every task completes, one with / by zero (Ex. 3-32)")), out::toString);
            for (int i = 0; i < out.size(); i++) {
                assertTrue(out.get(i).startsWith(Programs.all().get(i).name() + " "), out.get(i));
            }
        }
    }

    @Test
    void runsTheProgramNamedAndPassesItTheRestOfTheArguments() {
        try (Captured c = Captured.start()) {
            assertEquals(0, Main.execute("long-running", "--seed", "7"));
            assertEquals("task running now...", c.out().get(0));
            assertEquals("Hello 2", c.out().get(1));
            assertEquals("task cancelled", c.out().get(c.out().size() - 1));
        }
    }

    @Test
    void anUnknownProgramIsAUsageError() {
        try (Captured c = Captured.start()) {
            assertEquals(2, Main.execute("quikstart"));
            assertEquals(List.of("aio: unknown program 'quikstart'. Run './aio list' to see the programs."), c.err());
            assertEquals(List.of(), c.out());
        }
    }

    @Test
    void noProgramIsAUsageErrorWithTheUsage() {
        try (Captured c = Captured.start()) {
            assertEquals(2, Main.execute());
            assertEquals("aio: name a program to run, or 'list' to see them.", c.err().get(0));
            assertEquals("Usage: ./aio list", c.err().get(1));
        }
    }

    @Test
    void helpExplainsTheUsage() {
        try (Captured c = Captured.start()) {
            assertEquals(0, Main.execute("--help"));
            List<String> out = c.out();
            assertEquals(List.of("Usage: ./aio list", "       ./aio <program> [args...]", "       ./aio --help"),
                    out.subList(0, 3));
            assertTrue(out.contains("  list  lists the programs, one a line"), out::toString);
        }
    }

    @Test
    void aProgramThatFailsExitsWithOne() {
        try (Captured c = Captured.start()) {
            assertEquals(1, Main.execute("long-running", "--seed", "x"));
            assertTrue(String.join("\n", c.err()).contains("--seed needs a whole number, not 'x'"), c.err()::toString);
        }
    }
}
