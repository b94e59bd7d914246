package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ssl.SslConnections;
import io.jasyncio.net.ssl.SslOptions;
import io.jasyncio.net.ssl.SslTransport;
import io.jasyncio.net.ssl.TestPki;
import io.jasyncio.testing.AioTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The conformance kit on {@link SslTransport} over TCP on 127.0.0.1. TLS has no half-close and larger
 * default water marks (asyncio's 512 KiB), so the three scenarios that depend on them are replaced by
 * their TLS counterparts; every other scenario runs unchanged.
 */
class SslTransportConformanceTest extends TransportConformance {

    private Server server;

    @Override
    protected void connect(SelectorEventLoop loop, RecordingProtocol a, RecordingProtocol b) throws Exception {
        TestPki pki = TestPki.get();
        server = SslConnections.createServer(loop, () -> b, "127.0.0.1", 0, SslOptions.of(pki.serverContext()));
        int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
        SslConnections.createConnection(loop, () -> a, "127.0.0.1", port,
                SslOptions.of(pki.clientContext()).withServerHostname("localhost"));
        Aio.await(b.made);
    }

    @Override
    protected void cleanup() {
        if (server != null) {
            server.close();
        }
    }

    private RecordingProtocol[] open(SelectorEventLoop loop, RecordingProtocol a, RecordingProtocol b) throws Exception {
        try {
            connect(loop, a, b);
        } finally {
            cleanup();
        }
        Aio.await(a.made);
        Aio.await(b.made);
        return new RecordingProtocol[] {a, b};
    }

    private static void finish(RecordingProtocol a, RecordingProtocol b) {
        try (var t = Aio.timeout(5.0)) {
            Aio.await(a.lost);
            Aio.await(b.lost);
        } finally {
            a.transport.abort();
            b.transport.abort();
        }
    }

    /** TLS: no half-close; writeEof is refused and the connection is unaffected. */
    @Override
    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void halfCloseLetsThePeerAnswer(SelectorEventLoop loop) throws Exception {
        RecordingProtocol[] p = open(loop, new RecordingProtocol(), new RecordingProtocol());
        RecordingProtocol a = p[0];
        RecordingProtocol b = p[1];
        assertFalse(a.transport.canWriteEof());
        assertThrows(UnsupportedOperationException.class, a.transport::writeEof);
        a.transport.write("question".getBytes(StandardCharsets.UTF_8));
        b.awaitCount(8);
        b.transport.write("answer".getBytes(StandardCharsets.UTF_8));
        a.awaitCount(6);
        assertEquals("answer", a.text());
        a.transport.close();
        finish(a, b);
    }

    /** TLS: close sends close_notify; each side hears eofReceived (its return value has no effect), then the end. */
    @Override
    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void eofClosesTheTransportUnlessTheProtocolKeepsItOpen(SelectorEventLoop loop) throws Exception {
        RecordingProtocol[] p = open(loop, new RecordingProtocol(), new RecordingProtocol());
        RecordingProtocol a = p[0];
        RecordingProtocol b = p[1];
        b.keepOpenOnEof = true;
        a.transport.close();
        Aio.await(b.eof);
        Aio.await(b.lost);
        assertTrue(b.transport.isClosing(), "over TLS, keeping the transport open on EOF has no effect");
        finish(a, b);
        assertNull(a.lost.result());
        assertNull(b.lost.result());
        assertEquals(List.of("made", "eof", "lost"), a.events);
        assertEquals(List.of("made", "eof", "lost"), b.events);
    }

    /** As the kit's, with TLS's water marks (128 KiB, 512 KiB). */
    @Override
    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void writeFlowControlFollowsTheReader(SelectorEventLoop loop) throws Exception {
        RecordingProtocol[] p = open(loop, new RecordingProtocol(), RecordingProtocol.counting());
        RecordingProtocol a = p[0];
        RecordingProtocol b = p[1];
        assertArrayEquals(new int[] {128 * 1024, 512 * 1024}, a.transport.getWriteBufferLimits());
        b.transport.pauseReading();
        assertFalse(b.transport.isReading());
        long sent = 0;
        int chunk = 64 * 1024;
        // Fill every buffer on the way: ours, the kernel's, and the reader's TLS layer (256 KiB of
        // ciphertext before it stops reading the socket), which can make writing resume once.
        while (true) {
            while (!a.writingPaused) {
                assertTrue(sent < (256L << 20), "pauseWriting never came");
                a.transport.write(Pattern.chunk(sent, chunk));
                sent += chunk;
                if (sent % (1 << 20) == 0) {
                    Aio.sleep(0);
                }
            }
            Aio.sleep(0.05);
            if (a.writingPaused) {
                break;
            }
        }
        assertEquals(a.resumes + 1, a.pauses);
        int resumes = a.resumes;
        assertTrue(a.transport.getWriteBufferSize() >= 128 * 1024);
        Aio.sleep(0.05);
        assertEquals(resumes, a.resumes, "still paused while the reader is");
        assertEquals(0, b.count, "nothing delivered while reading is paused");
        b.transport.resumeReading();
        assertTrue(b.transport.isReading());
        a.awaitWritable();
        assertEquals(a.pauses, a.resumes);
        b.awaitCount(sent);
        assertEquals(sent, b.count);
        assertEquals(0, a.transport.getWriteBufferSize());
        a.transport.close();
        finish(a, b);
    }
}
