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
 * Example 3-30, {@code telnetdemo.py} (B:4246-4330): an echo server on streams that answers each line in
 * capitals, to show an application's life cycle. Telnet to it ({@code telnet 127.0.0.1 8888}), type
 * {@code hi!}, get {@code HI!}. Server output when the client leaves first, then Ctrl-C:
 * <pre>
 * New connection.
 * Leaving Connection.
 * ^CBye!
 * </pre>
 * and when Ctrl-C comes while a client is connected (its task is cancelled by {@code Aio.run}'s shutdown):
 * <pre>
 * New connection.
 * ^CConnection dropped!
 * Bye!
 * </pre>
 * Options: {@code [--host H] [--port P]} (defaults 127.0.0.1 and 8888, as the book's {@code main()}).
 * The book upper-cases bytes; here the line is decoded as UTF-8, upper-cased and encoded again.
 */
public final class TelnetDemo {

    private TelnetDemo() {
    }

    /** The book's {@code echo(reader, writer)}: one task per connection. */
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
            System.out.println("Connection dropped!");
        }
    }

    /** The book's {@code main(host, port)}: serves until cancelled. */
    static void main(String host, int port) throws IOException {
        try (Server server = Streams.startServer(TelnetDemo::echo, host, port)) {
            server.serveForever();
        }
    }

    /** Runs the server until Ctrl-C. */
    public static void main(String[] args) {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8888"));
        try {
            Aio.run(() -> main(host, port));
        } catch (KeyboardInterrupt e) {
            System.out.println("Bye!");
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
