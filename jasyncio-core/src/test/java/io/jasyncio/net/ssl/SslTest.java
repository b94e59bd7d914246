package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.MemoryTransport;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import io.jasyncio.stream.ClientConnectedCallback;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.testing.AioTest;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;

/** startTls: upgrading live connections, as SMTP's and IMAP's STARTTLS do. */
class SslTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private record Client(StreamReader reader, StreamWriter writer, MemoryTransport[] raw) {
    }

    private static Client connect(SelectorEventLoop loop, ClientConnectedCallback serve) {
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        MemoryTransport[] raw = MemoryTransport.pair(loop, protocol,
                new StreamReaderProtocol(new StreamReader(StreamReader.DEFAULT_LIMIT, loop), serve, loop));
        Aio.sleep(0);
        return new Client(reader, new StreamWriter(raw[0], protocol, reader, loop), raw);
    }

    @AioTest
    void streamsUpgradeMidConversation(SelectorEventLoop loop) throws Exception {
        TestPki pki = TestPki.get();
        Future<String> serverSaw = loop.createFuture();
        Client c = connect(loop, (reader, writer) -> {
            assertEquals("STARTTLS\n", s(reader.readline()));
            writer.write(b("220 go ahead\n"));
            writer.startTls(pki.serverContext(), null);
            String secret = s(reader.readline());
            serverSaw.setResult(secret + " over " + writer.transport().getClass().getSimpleName());
            writer.write(b("250 got " + secret));
            assertEquals(0, reader.read().length);
            writer.close();
        });
        c.writer().write(b("STARTTLS\n"));
        assertEquals("220 go ahead\n", s(c.reader().readline()));
        c.writer().startTls(pki.clientContext(), "localhost");
        assertInstanceOf(SslTransport.class, c.writer().transport());
        assertInstanceOf(SslProtocol.class, c.raw()[0].getProtocol(), "the raw transport now feeds the TLS layer");
        assertInstanceOf(SslProtocol.class, c.raw()[1].getProtocol());
        assertEquals("CN=localhost",
                ((X509Certificate) c.writer().getExtraInfo("peercert")).getSubjectX500Principal().getName());
        assertFalse(c.writer().canWriteEof());
        c.writer().write(b("secret\n"));
        assertEquals("250 got secret\n", s(c.reader().readline()));
        assertEquals("secret\n over SslTransport", Aio.await(serverSaw));
        c.writer().close();
        c.writer().waitClosed();
        assertTrue(c.raw()[0].isClosing());
    }

    @AioTest
    void aFailedUpgradeRaisesAndClosesTheConnection(SelectorEventLoop loop) throws Exception {
        TestPki pki = TestPki.get();
        Future<Throwable> serverError = loop.createFuture();
        loop.setExceptionHandler((l, context) -> { });
        Client c = connect(loop, (reader, writer) -> {
            reader.readline();
            try {
                writer.startTls(pki.serverContext(), null);
            } catch (SSLHandshakeException e) {
                serverError.setResult(e);
            }
        });
        c.writer().write(b("STARTTLS\n"));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> c.writer().startTls(pki.clientContext(), "mail.example"));
        assertTrue(e.getMessage().contains("mail.example"), e.getMessage());
        assertTrue(c.writer().transport().isClosing());
        assertInstanceOf(SSLHandshakeException.class, Aio.await(serverError));
        assertInstanceOf(SSLHandshakeException.class, assertThrows(SSLHandshakeException.class,
                () -> c.reader().read()), "the reader ends with the handshake's error");
    }

    @AioTest
    void theUpgradeTimesOutAgainstASilentPeer(SelectorEventLoop loop) {
        Protocol app = new Protocol() { };
        MemoryTransport[] raw = MemoryTransport.pair(loop, app, new Protocol() { });
        Aio.sleep(0);
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> Ssl.startTls(raw[0], app,
                TestPki.get().clientContext(), false, "localhost", 1.5, null));
        assertEquals("SSL handshake is taking longer than 1.5 seconds: aborting the connection", e.getMessage());
        assertEquals(1.5, loop.time(), 1e-6);
        assertTrue(raw[0].isClosing());
    }

    @AioTest
    void cancellingTheUpgradeClosesTheConnection(SelectorEventLoop loop) {
        Protocol app = new Protocol() { };
        MemoryTransport[] raw = MemoryTransport.pair(loop, app, new Protocol() { });
        Aio.sleep(0);
        Task<Transport> upgrade = Aio.createTask(() -> Ssl.startTls(raw[0], app, TestPki.get().clientContext(), false,
                "localhost"));
        Aio.sleep(1.0);
        upgrade.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(upgrade));
        assertTrue(raw[0].isClosing());
    }
}
