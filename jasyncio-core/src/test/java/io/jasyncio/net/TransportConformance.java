package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The transport conformance kit (as trio's {@code check_two_way_stream}): the scenarios every stream
 * transport must pass, on a connected pair made by the subclass. Run for memory, TCP and Unix sockets;
 * TLS adds its own subclass.
 */
abstract class TransportConformance {

    /** Connects {@code a} to {@code b} and returns when both protocols' {@code connectionMade} ran. */
    protected abstract void connect(SelectorEventLoop loop, RecordingProtocol a, RecordingProtocol b) throws Exception;

    /** Releases what {@link #connect} set up (a listening socket). */
    protected void cleanup() throws Exception {
    }

    /** Whether the peer of an aborted transport sees an error (a TCP reset) rather than a plain end. */
    protected boolean abortResetsPeer() {
        return true;
    }

    private RecordingProtocol a;
    private RecordingProtocol b;

    private void pair(SelectorEventLoop loop) throws Exception {
        a = new RecordingProtocol();
        b = new RecordingProtocol();
        try {
            connect(loop, a, b);
        } finally {
            cleanup();
        }
        Aio.await(a.made);
        Aio.await(b.made);
    }

    /** Both sides must end with exactly one connectionLost; abort whatever a failed test left open. */
    private void finish() {
        try (var t = Aio.timeout(5.0)) {
            Aio.await(a.lost);
            Aio.await(b.lost);
        } finally {
            a.transport.abort();
            b.transport.abort();
        }
        assertEquals(1, a.events.stream().filter(e -> e.startsWith("lost")).count(), a.events::toString);
        assertEquals(1, b.events.stream().filter(e -> e.startsWith("lost")).count(), b.events::toString);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void bytesArriveInOrderBothWays(SelectorEventLoop loop) throws Exception {
        pair(loop);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            byte[] msg = ("message " + i + ";").getBytes(StandardCharsets.UTF_8);
            sent.write(msg);
            a.transport.write(msg);
        }
        b.awaitCount(sent.size());
        assertArrayEquals(sent.toByteArray(), b.received());
        for (int i = 0; i < 2000; i++) {
            b.transport.write(ByteBuffer.wrap(("reply " + i + ";").getBytes(StandardCharsets.UTF_8)));
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            expected.append("reply ").append(i).append(';');
        }
        a.awaitCount(expected.length());
        assertEquals(expected.toString(), a.text());
        a.transport.close();
        finish();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aLargeWriteArrivesWholeWithOnePauseAndResume(SelectorEventLoop loop) throws Exception {
        a = new RecordingProtocol();
        b = RecordingProtocol.counting();
        try {
            connect(loop, a, b);
        } finally {
            cleanup();
        }
        Aio.await(a.made);
        Aio.await(b.made);
        int size = 8 << 20;
        a.transport.write(Pattern.chunk(0, size));
        b.awaitCount(size);
        assertEquals(size, b.count);
        assertEquals(0, a.transport.getWriteBufferSize());
        assertEquals(1, a.pauses, "pauseWriting calls");
        assertEquals(1, a.resumes, "resumeWriting calls");
        assertTrue(a.maxBufferAtPause > 64 * 1024, "paused above the high-water mark: " + a.maxBufferAtPause);
        a.transport.close();
        finish();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void halfCloseLetsThePeerAnswer(SelectorEventLoop loop) throws Exception {
        pair(loop);
        b.keepOpenOnEof = true;
        assertTrue(a.transport.canWriteEof());
        a.transport.write("question".getBytes(StandardCharsets.UTF_8));
        a.transport.writeEof();
        assertThrows(IllegalStateException.class, () -> a.transport.write(new byte[] {1}));
        Aio.await(b.eof);
        assertEquals("question", b.text());
        assertFalse(b.transport.isClosing(), "eofReceived returned true: the transport stays open");
        b.transport.write("answer".getBytes(StandardCharsets.UTF_8));
        b.transport.close();
        Aio.await(a.eof);
        assertEquals("answer", a.text());
        finish();
        assertNull(a.lost.result());
        assertNull(b.lost.result());
        assertEquals(List.of("made", "eof", "lost"), a.events);
        assertEquals(List.of("made", "eof", "lost"), b.events);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void eofClosesTheTransportUnlessTheProtocolKeepsItOpen(SelectorEventLoop loop) throws Exception {
        pair(loop);
        a.transport.writeEof();
        Aio.await(b.eof);
        Aio.await(b.lost);
        assertTrue(b.transport.isClosing());
        Aio.await(a.eof);
        finish();
        assertNull(a.lost.result());
        assertNull(b.lost.result());
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void closeSendsTheBufferFirst(SelectorEventLoop loop) throws Exception {
        a = new RecordingProtocol();
        b = RecordingProtocol.counting();
        try {
            connect(loop, a, b);
        } finally {
            cleanup();
        }
        Aio.await(a.made);
        Aio.await(b.made);
        int size = 4 << 20;
        a.transport.write(Pattern.chunk(0, size));
        a.transport.close();
        assertTrue(a.transport.isClosing());
        assertFalse(a.transport.isReading());
        a.transport.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> a.transport.write(new byte[] {1}));
        Aio.await(b.eof);
        assertEquals(size, b.count);
        finish();
        assertNull(a.lost.result());
        assertNull(b.lost.result());
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void abortDropsTheBufferAndEndsBothSides(SelectorEventLoop loop) throws Exception {
        a = new RecordingProtocol();
        b = RecordingProtocol.counting();
        try {
            connect(loop, a, b);
        } finally {
            cleanup();
        }
        Aio.await(a.made);
        Aio.await(b.made);
        b.transport.pauseReading();
        int size = 16 << 20;
        a.transport.write(Pattern.chunk(0, size));
        assertTrue(a.transport.getWriteBufferSize() > 0);
        a.transport.abort();
        assertTrue(a.transport.isClosing());
        assertEquals(0, a.transport.getWriteBufferSize());
        assertNull(Aio.await(a.lost), "the aborting side ends without an error");
        b.transport.resumeReading();
        Throwable peerError = Aio.await(b.lost);
        assertTrue(b.count < size, "the peer did not get everything: " + b.count);
        if (abortResetsPeer()) {
            assertNotNull(peerError, "the peer sees a reset");
        }
        finish();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void writeFlowControlFollowsTheReader(SelectorEventLoop loop) throws Exception {
        a = new RecordingProtocol();
        b = RecordingProtocol.counting();
        try {
            connect(loop, a, b);
        } finally {
            cleanup();
        }
        Aio.await(a.made);
        Aio.await(b.made);
        assertEquals(List.of(16 * 1024, 64 * 1024), List.of(a.transport.getWriteBufferLimits()[0],
                a.transport.getWriteBufferLimits()[1]));
        b.transport.pauseReading();
        assertFalse(b.transport.isReading());
        long sent = 0;
        int chunk = 64 * 1024;
        // The reader is paused: the kernel's buffers (if any) and then ours fill, until pauseWriting.
        while (!a.writingPaused) {
            assertTrue(sent < (256L << 20), "pauseWriting never came");
            a.transport.write(Pattern.chunk(sent, chunk));
            sent += chunk;
            if (sent % (1 << 20) == 0) {
                Aio.sleep(0); // let the transport flush what the socket takes
            }
        }
        assertEquals(1, a.pauses);
        assertTrue(a.transport.getWriteBufferSize() > 64 * 1024);
        Aio.sleep(0.05);
        assertEquals(0, a.resumes, "still paused while the reader is");
        assertEquals(0, b.count, "nothing delivered while reading is paused");
        b.transport.resumeReading();
        assertTrue(b.transport.isReading());
        a.awaitWritable();
        assertEquals(1, a.resumes);
        b.awaitCount(sent);
        assertEquals(sent, b.count);
        assertEquals(0, a.transport.getWriteBufferSize());
        a.transport.close();
        finish();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void waterMarksCanBeChanged(SelectorEventLoop loop) throws Exception {
        pair(loop);
        a.transport.setWriteBufferLimits(1000, null);
        assertArrayEquals(new int[] {250, 1000}, a.transport.getWriteBufferLimits());
        a.transport.setWriteBufferLimits(null, 100);
        assertArrayEquals(new int[] {100, 400}, a.transport.getWriteBufferLimits());
        assertThrows(IllegalArgumentException.class, () -> a.transport.setWriteBufferLimits(10, 20));
        a.transport.close();
        finish();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void pauseReadingHoldsDataBack(SelectorEventLoop loop) throws Exception {
        pair(loop);
        b.transport.pauseReading();
        b.transport.pauseReading(); // idempotent
        a.transport.write("held".getBytes(StandardCharsets.UTF_8));
        Aio.sleep(0.05);
        assertEquals(0, b.count);
        b.transport.resumeReading();
        b.transport.resumeReading(); // idempotent
        b.awaitCount(4);
        assertEquals("held", b.text());
        a.transport.close();
        finish();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void extraInfoNamesBothEnds(SelectorEventLoop loop) throws Exception {
        pair(loop);
        assertNotNull(a.transport.getExtraInfo("peername"));
        assertNotNull(a.transport.getExtraInfo("sockname"));
        assertEquals("dflt", a.transport.getExtraInfo("no such key", "dflt"));
        org.junit.jupiter.api.Assertions.assertSame(a, a.transport.getProtocol());
        a.transport.close();
        finish();
    }
}
