package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signal programs of chapter 3 (Ex. 3-33 … 3-35), run in a child JVM and sent real signals with kill. */
class SignalProgramsTest {

    private static final String RUNNING = "<Your app is running>";
    private static final String SHUTTING = "<Your app is shutting down...>";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void shellSignal01StopsOnSigint() throws Exception {
        try (ChildJvm app = ChildJvm.start("shell-signal01")) {
            app.awaitOut(RUNNING::equals, 2, LIMIT);
            app.signal("INT");
            assertEquals(0, app.waitFor(LIMIT));
            List<String> out = app.out();
            assertEquals("Got signal: SIGINT, shutting down.", out.get(out.size() - 1));
            assertEquals(List.of(), out.subList(0, out.size() - 1).stream().filter(l -> !l.equals(RUNNING)).toList());
            assertEquals(List.of(), app.err());
        }
    }

    @Test
    void shellSignal02ShutsDownOnceWhateverIsSentDuringTheShutdown() throws Exception {
        try (ChildJvm app = ChildJvm.start("shell-signal02")) {
            app.awaitOut(RUNNING::equals, 2, LIMIT);
            app.signal("INT");
            app.awaitOut(SHUTTING::equals, 1, LIMIT);
            app.signal("INT"); // ignored: SIGINT's handler now does nothing
            assertEquals(0, app.waitFor(LIMIT));
            List<String> out = app.out();
            int got = out.indexOf("Got signal: SIGINT, shutting down.");
            assertEquals(List.of(SHUTTING, SHUTTING, SHUTTING), out.subList(got + 1, out.size()));
            assertEquals(List.of(), out.subList(0, got).stream().filter(l -> !l.equals(RUNNING)).toList());
            assertEquals(List.of(), app.err());
        }
    }

    @Test
    void shellSignal02AlsoStopsOnSigterm() throws Exception {
        try (ChildJvm app = ChildJvm.start("shell-signal02")) {
            app.awaitOut(RUNNING::equals, 1, LIMIT);
            app.signal("TERM");
            assertEquals(0, app.waitFor(LIMIT));
            List<String> out = app.out();
            int got = out.indexOf("Got signal: SIGTERM, shutting down.");
            assertEquals(List.of(SHUTTING, SHUTTING, SHUTTING), out.subList(got + 1, out.size()));
        }
    }

    @Test
    void shellSignal02bShutsDownThroughRunsOwnSequence() throws Exception {
        try (ChildJvm app = ChildJvm.start("shell-signal02b")) {
            app.awaitOut(RUNNING::equals, 2, LIMIT);
            app.signal("TERM");
            app.awaitOut(SHUTTING::equals, 1, LIMIT);
            app.signal("INT"); // ignored
            assertEquals(0, app.waitFor(LIMIT));
            List<String> out = app.out();
            int got = out.indexOf("Got signal: SIGTERM, shutting down.");
            assertEquals(List.of(SHUTTING, SHUTTING, SHUTTING), out.subList(got + 1, out.size()));
            assertEquals(List.of(), app.err());
        }
    }
}
