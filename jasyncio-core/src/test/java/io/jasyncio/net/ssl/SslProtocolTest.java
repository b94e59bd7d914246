package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.MemoryTransport;
import io.jasyncio.net.Protocol;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.testing.AioTest;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;

/** The TLS layer over in-memory transports: handshakes that succeed and fail, data, shutdown, timeouts. */
class SslProtocolTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- handshake -----------------------------------------------------------------------------

    @AioTest
    void handshakeThenDataBothWays(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair p = TlsPair.open(loop, c, s);
        assertInstanceOf(SslTransport.class, c.transport);
        assertSame(p.client.appTransport(), c.transport);
        c.transport.write(b("ping"));
        s.transport.write(b("pong"));
        Aio.sleep(0.1);
        assertEquals("ping", s.data.toString());
        assertEquals("pong", c.data.toString());
        assertEquals(List.of("made"), c.events);
        assertEquals(List.of("made"), s.events);
    }

    @AioTest
    void extraInfoDescribesTheSession(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TestPki pki = TestPki.get();
        SSLContext clientContext = pki.clientContext();
        TlsPair p = TlsPair.start(loop, c, clientContext, "localhost", s, pki.serverContext());
        Aio.await(p.clientHandshake);
        X509Certificate peer = (X509Certificate) c.transport.getExtraInfo("peercert");
        assertEquals("CN=localhost", peer.getSubjectX500Principal().getName());
        assertSame(clientContext, c.transport.getExtraInfo("sslcontext"));
        assertTrue(((String) c.transport.getExtraInfo("cipher")).startsWith("TLS_"));
        SSLEngine engine = (SSLEngine) c.transport.getExtraInfo("ssl_object");
        assertEquals("TLSv1.3", engine.getSession().getProtocol());
        assertEquals("memory:b", c.transport.getExtraInfo("peername"), "other keys come from the raw transport");
        Aio.await(s.made);
        assertNull(s.transport.getExtraInfo("peercert"), "the client sent no certificate");
    }

    @AioTest
    void tls12WorksToo(SelectorEventLoop loop) throws Exception {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TestPki pki = TestPki.get();
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, trustManagers(pki), null);
        TlsPair p = TlsPair.start(loop, c, tls12, "localhost", s, pki.serverContext());
        Aio.await(p.clientHandshake);
        assertEquals("TLSv1.2", ((SSLEngine) c.transport.getExtraInfo("ssl_object")).getSession().getProtocol());
        c.transport.write(b("hello 1.2"));
        Aio.await(s.made);
        Aio.sleep(0.1);
        assertEquals("hello 1.2", s.data.toString());
        c.transport.close();
        assertNull(Aio.await(s.lost));
        assertNull(Aio.await(c.lost));
        assertEquals(List.of("made", "eof", "lost"), s.events);
    }

    private static javax.net.ssl.TrustManager[] trustManagers(TestPki pki) throws Exception {
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", pki.ca.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    @AioTest
    void aWrongHostNameFailsTheHandshakeOnBothSides(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TestPki pki = TestPki.get();
        TlsPair p = TlsPair.start(loop, c, pki.clientContext(), "wrong.example", s, pki.serverContext());
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Aio.await(p.clientHandshake));
        assertTrue(e.getMessage().contains("No subject alternative DNS name matching wrong.example found"),
                e.getMessage());
        assertTrue(hasCause(e, CertificateException.class));
        SSLHandshakeException alert = assertThrows(SSLHandshakeException.class, () -> Aio.await(p.serverHandshake));
        assertTrue(alert.getMessage().contains("certificate_unknown"), alert.getMessage());
        Aio.sleep(0.1);
        assertTrue(p.raw[0].isClosing() && p.raw[1].isClosing());
        assertEquals(List.of(), c.events, "the application never saw a connection");
        assertEquals(List.of(), s.events);
    }

    @AioTest
    void anUntrustedAuthorityFailsTheHandshake(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TestPki pki = TestPki.get();
        TlsPair p = TlsPair.start(loop, c, pki.clientContext(), "localhost", s, pki.rogueServerContext());
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Aio.await(p.clientHandshake));
        assertTrue(e.getMessage().contains("PKIX path building failed"), e.getMessage());
        assertThrows(SSLHandshakeException.class, () -> Aio.await(p.serverHandshake));
        assertEquals(List.of(), c.events);
        assertEquals(List.of(), s.events);
    }

    @AioTest
    void anEmptyHostNameStillChecksTheChain(SelectorEventLoop loop) {
        TestPki pki = TestPki.get();
        TlsPair ok = TlsPair.start(loop, new Recorder(loop), pki.clientContext(), "", new Recorder(loop),
                pki.serverContext());
        Aio.await(ok.clientHandshake);
        TlsPair rogue = TlsPair.start(loop, new Recorder(loop), pki.clientContext(), "", new Recorder(loop),
                pki.rogueServerContext());
        assertThrows(SSLHandshakeException.class, () -> Aio.await(rogue.clientHandshake));
    }

    @AioTest
    void anIpAddressMatchesTheCertificatesIpEntry(SelectorEventLoop loop) {
        TestPki pki = TestPki.get();
        TlsPair p = TlsPair.start(loop, new Recorder(loop), pki.clientContext(), "127.0.0.1", new Recorder(loop),
                pki.serverContext());
        Aio.await(p.clientHandshake);
        TlsPair other = TlsPair.start(loop, new Recorder(loop), pki.clientContext(), "10.1.2.3", new Recorder(loop),
                pki.serverContext());
        assertThrows(SSLHandshakeException.class, () -> Aio.await(other.clientHandshake));
    }

    @AioTest
    void theHandshakeTimesOut(SelectorEventLoop loop) {
        Future<Void> waiter = loop.createFuture();
        SslProtocol client = new SslProtocol(loop, new Recorder(loop), TestPki.get().clientContext(), waiter, false,
                "localhost", true, null, null);
        MemoryTransport[] raw = MemoryTransport.pair(loop, client, new Protocol() { });
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> Aio.await(waiter));
        assertEquals("SSL handshake is taking longer than 60.0 seconds: aborting the connection", e.getMessage());
        assertEquals(60.0, loop.time(), 1e-6);
        Aio.sleep(0);
        assertTrue(raw[0].isClosing());
    }

    @AioTest
    void theHandshakeTimeoutCanBeChosen(SelectorEventLoop loop) {
        Future<Void> waiter = loop.createFuture();
        SslProtocol client = new SslProtocol(loop, new Recorder(loop), TestPki.get().clientContext(), waiter, false,
                "localhost", true, 2.5, null);
        MemoryTransport.pair(loop, client, new Protocol() { });
        assertThrows(SocketTimeoutException.class, () -> Aio.await(waiter));
        assertEquals(2.5, loop.time(), 1e-6);
    }

    @AioTest
    void thePeerVanishingDuringTheHandshakeIsAnError(SelectorEventLoop loop) {
        Future<Void> waiter = loop.createFuture();
        SslProtocol client = new SslProtocol(loop, new Recorder(loop), TestPki.get().clientContext(), waiter, false,
                "localhost", true, null, null);
        MemoryTransport[] raw = MemoryTransport.pair(loop, client, new Protocol() { });
        loop.callLater(1.0, raw[1]::close);
        SocketException e = assertThrows(SocketException.class, () -> Aio.await(waiter));
        assertEquals("Connection reset by peer during the SSL handshake", e.getMessage());
    }

    @AioTest
    void badArgumentsAreRejected(SelectorEventLoop loop) {
        Recorder app = new Recorder(loop);
        assertEquals("Server side SSL needs a valid SSLContext", assertThrows(IllegalArgumentException.class,
                () -> new SslProtocol(loop, app, null, null, true, null, true, null, null)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SslProtocol(loop, app, TestPki.get().clientContext(), null, false, null, true, null, null));
        assertEquals("ssl_handshake_timeout should be a positive number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SslProtocol(loop, app, null, null, false,
                        "localhost", true, 0.0, null)).getMessage());
        assertEquals("ssl_shutdown_timeout should be a positive number, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SslProtocol(loop, app, null, null, false,
                        "localhost", true, null, -1.0)).getMessage());
    }

    // ---- shutdown ------------------------------------------------------------------------------

    @AioTest
    void closeSendsCloseNotifyAndThePeerSeesEofThenTheEnd(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair p = TlsPair.open(loop, c, s);
        c.transport.write(b("last words"));
        c.transport.close();
        assertTrue(c.transport.isClosing());
        assertNull(Aio.await(s.lost));
        assertNull(Aio.await(c.lost));
        assertEquals("last words", s.data.toString());
        assertEquals(List.of("made", "eof", "lost"), s.events);
        // As asyncio: the closing side's protocol also hears eofReceived when the peer's close_notify comes.
        assertEquals(List.of("made", "eof", "lost"), c.events);
        assertTrue(p.raw[0].isClosing() && p.raw[1].isClosing());
    }

    @AioTest
    void whatTheClosingSideWroteArrivesButItReceivesNoMore(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair.open(loop, c, s);
        s.transport.write(b("from server"));
        s.transport.close();
        c.transport.write(b("too late")); // crosses the server's close_notify
        assertNull(Aio.await(c.lost));
        Aio.await(s.lost);
        assertEquals("from server", c.data.toString());
        assertEquals("", s.data.toString(), "a closed transport receives no more data");
        assertEquals(List.of("made", "eof", "lost"), c.events);
    }

    @AioTest
    void aPeerThatNeverAnswersCloseNotifyTimesOut(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair p = TlsPair.open(loop, c, s);
        p.raw[1].setProtocol(new Protocol() { }); // the server's bytes now go nowhere, and it never answers
        double start = loop.time();
        c.transport.close();
        SocketTimeoutException e = assertInstanceOf(SocketTimeoutException.class, Aio.await(c.lost));
        assertEquals("SSL shutdown timed out", e.getMessage());
        assertEquals(start + 30.0, loop.time(), 1e-6);
    }

    @AioTest
    void aBareEofAfterTheHandshakeEndsTheStreamNormally(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair p = TlsPair.open(loop, c, s);
        s.transport.write(b("data then a TCP FIN"));
        Aio.sleep(0.1);
        p.raw[1].close(); // no close_notify
        assertNull(Aio.await(c.lost));
        assertEquals("data then a TCP FIN", c.data.toString());
        assertEquals(List.of("made", "eof", "lost"), c.events);
    }

    @AioTest
    void aResetReachesTheApplication(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair p = TlsPair.open(loop, c, s);
        p.raw[1].abort();
        SocketException e = assertInstanceOf(SocketException.class, Aio.await(c.lost));
        assertEquals("Connection reset by peer", e.getMessage());
        assertEquals(List.of("made", "lost SocketException: Connection reset by peer"), c.events);
    }

    @AioTest
    void abortClosesAtOnce(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair.open(loop, c, s);
        c.transport.abort();
        assertNull(Aio.await(c.lost));
        assertInstanceOf(SocketException.class, Aio.await(s.lost));
    }

    // ---- big transfers -------------------------------------------------------------------------

    @AioTest
    void megabytesThroughStreamsOverTls(SelectorEventLoop loop) throws Exception {
        int size = 4 * 1024 * 1024 + 123;
        byte[] payload = new byte[size];
        new Random(42).nextBytes(payload);
        StreamReader clientReader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol clientProtocol = new StreamReaderProtocol(clientReader, null, loop);
        StreamReaderProtocol serverProtocol = new StreamReaderProtocol(new StreamReader(StreamReader.DEFAULT_LIMIT, loop),
                (reader, writer) -> {
                    // An echo server as the book writes them: read a block, write it, drain.
                    while (true) {
                        byte[] block = reader.read(50_000);
                        if (block.length == 0) {
                            break;
                        }
                        writer.write(block);
                        writer.drain();
                    }
                    writer.close();
                }, loop);
        TestPki pki = TestPki.get();
        TlsPair p = TlsPair.start(loop, clientProtocol, pki.clientContext(), "localhost", serverProtocol,
                pki.serverContext());
        Aio.await(p.clientHandshake);
        StreamWriter writer = new StreamWriter(p.client.appTransport(), clientProtocol, clientReader, loop);
        Task<Void> send = Aio.createTask(() -> {
            for (int off = 0; off < size; off += 100_000) {
                writer.write(java.nio.ByteBuffer.wrap(payload, off, Math.min(100_000, size - off)));
                writer.drain();
            }
        });
        byte[] echoed = clientReader.readExactly(size);
        Aio.await(send);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(payload),
                MessageDigest.getInstance("SHA-256").digest(echoed));
        writer.close();
        writer.waitClosed();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
