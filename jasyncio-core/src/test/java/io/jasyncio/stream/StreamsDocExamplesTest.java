package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Server;
import io.jasyncio.net.ssl.SslContexts;
import io.jasyncio.net.ssl.SslOptions;
import io.jasyncio.net.ssl.TestPki;
import io.jasyncio.testing.AioTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** The examples of docs/streams.md, verbatim but for ports (0: any free one) and host names, run as tests. */
class StreamsDocExamplesTest {

    /** The echo server of the docs. */
    static final ClientConnectedCallback ECHO = (reader, writer) -> {
        try (writer) {                               // closes the connection at the end
            for (byte[] line : reader) {             // async for line in reader
                writer.write(line);
                writer.drain();                      // waits while the client reads slowly
            }
        }
    };

    private static int port(Server server) throws Exception {
        return ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void echoServerAndClient(SelectorEventLoop loop) throws Exception {
        Server server = Streams.startServer(ECHO, "127.0.0.1", 0);
        Task<Void> serving = Aio.createTask(server::serveForever);

        StreamPair c = Streams.openConnection("127.0.0.1", port(server));
        c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
        String echoed = new String(c.reader().readline(), StandardCharsets.UTF_8);   // "hello\n"
        c.writer().close();
        c.writer().waitClosed();

        assertEquals("hello\n", echoed);
        serving.cancel();
        server.close();
        server.waitClosed();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void tlsServerAndClient(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-doc");
        TestPki.get().writePem(dir);
        Path serverPem = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server.key");
        Path caPem = dir.resolve("ca.pem");

        SSLContext serverContext = SslContexts.server(serverPem, serverKey);
        Server server = Streams.startServer(ECHO, "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT,
                SslOptions.of(serverContext));

        SSLContext clientContext = SslContexts.client(caPem);
        StreamPair c = Streams.openConnection("127.0.0.1", port(server), StreamReader.DEFAULT_LIMIT,
                SslOptions.of(clientContext).withServerHostname("localhost"));

        c.writer().write("private\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("private\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
        c.writer().close();
        c.writer().waitClosed();
        server.close();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void startTlsOnAPlainConnection(SelectorEventLoop loop) throws Exception {
        TestPki pki = TestPki.get();
        Server server = Streams.startServer((reader, writer) -> {
            reader.readline();                                   // "STARTTLS"
            writer.write("220 go ahead\n".getBytes(StandardCharsets.US_ASCII));
            writer.startTls(pki.serverContext(), null);
            ECHO.handle(reader, writer);
        }, "127.0.0.1", 0);
        SSLContext clientContext = pki.clientContext();
        byte[] secret = "secret\n".getBytes(StandardCharsets.US_ASCII);
        StreamPair c = Streams.openConnection("127.0.0.1", port(server));
        StreamReader reader = c.reader();
        StreamWriter writer = c.writer();

        writer.write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
        reader.readline();                                   // "220 go ahead"
        writer.startTls(clientContext, "localhost");         // suspends for the handshake
        writer.write(secret);                                // encrypted from here on

        assertEquals("secret\n", new String(reader.readline(), StandardCharsets.US_ASCII));
        writer.close();
        writer.waitClosed();
        server.close();
    }
}
