package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgramsTest {

    @Test
    void everyProgramHasAUniqueLowerCaseNameAndAMainMethod() {
        Set<String> names = new HashSet<>();
        for (Program p : Programs.all()) {
            assertTrue(names.add(p.name()), "duplicate name " + p.name());
            assertTrue(p.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), "name " + p.name());
            assertNotNull(p.mainMethod(), p.name());
        }
    }

    @Test
    void findsAProgramByName() {
        Program quickstart = Programs.find("quickstart").orElseThrow();
        assertSame(io.jasyncio.examples.ch3.Quickstart.class, quickstart.mainClass());
        assertEquals("Ex. 3-1", quickstart.source());
        assertTrue(Programs.find("no-such-program").isEmpty());
    }
}
