package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The telnet echo servers of chapter 3 (Ex. 3-30, 3-31), in a child JVM, with real clients and a real SIGINT. */
class TelnetProgramsTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Connects, retrying while the child starts listening. */
    private static Socket connect(int port) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String exchange(Socket s, String line) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void echoesInCapitalsThenSaysByeOnCtrlC() throws Exception {
        int port = freePort();
        try (ChildJvm app = ChildJvm.start("telnetdemo", "--port", String.valueOf(port))) {
            try (Socket s = connect(port)) {
                assertEquals("HI!", exchange(s, "hi!"));
            }
            app.awaitOut("Leaving Connection."::equals, 1, LIMIT);
            app.signal("INT");
            assertEquals(0, app.waitFor(LIMIT));
            assertEquals(List.of("New connection.", "Leaving Connection.", "Bye!"), app.out());
            assertEquals(List.of(), app.err());
        }
    }

    @Test
    void ctrlCWithAClientConnectedDropsIt() throws Exception {
        int port = freePort();
        try (ChildJvm app = ChildJvm.start("telnetdemo", "--port", String.valueOf(port));
             Socket s = connect(port)) {
            assertEquals("STOP SHOUTING", exchange(s, "stop shouting"));
            app.signal("INT");
            assertEquals(0, app.waitFor(LIMIT));
            assertEquals(List.of("New connection.", "Connection dropped!", "Bye!"), app.out());
            assertEquals(List.of(), app.err());
        }
    }

    @Test
    void aTaskCreatedInTheCancellationHandlerIsLeftPending() throws Exception {
        int port = freePort();
        try (ChildJvm app = ChildJvm.start("telnetdemo-event", "--port", String.valueOf(port));
             Socket s = connect(port)) {
            assertEquals("X", exchange(s, "x"));
            app.signal("INT");
            assertEquals(0, app.waitFor(LIMIT));
            assertEquals(List.of("New connection.", "Connection dropped!", "Bye!"), app.out());
            List<String> err = app.err();
            assertEquals("Task was destroyed but it is pending!", err.get(0));
            assertTrue(err.get(1).startsWith("task: <Task pending name='send_event'"), err.get(1));
        }
    }
}
