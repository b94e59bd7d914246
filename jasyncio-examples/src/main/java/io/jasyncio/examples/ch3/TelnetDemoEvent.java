package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.net.Server;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Streams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Example 3-31, creating a task inside a cancellation handler (B:4354-4436): Example 3-30 where the
 * echo task, when cancelled, starts a task to report the dropped connection. That task is created
 * after {@code Aio.run}'s shutdown has collected and cancelled the tasks, so nobody waits for it and the
 * loop closes with it pending, the book's bug:
 * <pre>
 * New connection.
 * ^CConnection dropped!
 * Bye!
 * Task was destroyed but it is pending!
 * task: &lt;Task pending name='Task-6' coro=&lt;send_event() done, ...&gt;
 * </pre>
 * Here the report comes when the loop closes, so it is printed (on standard error) before
 * {@code Bye!}; Python prints it later, when the task is garbage-collected. The fix the book gives
 * next: await the new task in the handler.
 */
public final class TelnetDemoEvent {

    private TelnetDemoEvent() {
    }

    /** The book's {@code send_event(msg)}: pretends to notify a monitoring service. */
    static void sendEvent(String msg) {
        Aio.sleep(1);
    }

    static void echo(StreamReader reader, StreamWriter writer) throws IOException {
        System.out.println("New connection.");
        try {
            byte[] data;
            while ((data = reader.readline()).length > 0) {
                writer.write(new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
                        .getBytes(StandardCharsets.UTF_8));
                writer.drain();
            }
            System.out.println("Leaving Connection.");
        } catch (CancelledError e) {
            String msg = "Connection dropped!";
            System.out.println(msg);
            Aio.createTask(() -> sendEvent(msg), "send_event");
        }
    }

    static void main(String host, int port) throws IOException {
        try (Server server = Streams.startServer(TelnetDemoEvent::echo, host, port)) {
            server.serveForever();
        }
    }

    /** Runs the server until Ctrl-C. */
    public static void main(String[] args) {
        String host = TelnetDemo.option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(TelnetDemo.option(args, "--port", "8888"));
        try {
            Aio.run(() -> main(host, port));
        } catch (KeyboardInterrupt e) {
            System.out.println("Bye!");
        }
    }
}
