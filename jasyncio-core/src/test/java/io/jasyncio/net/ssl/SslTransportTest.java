package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.CapturingLogger;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The application's TLS transport: its contract and its two layers of flow control. */
class SslTransportTest {

    @AioTest
    void noHalfCloseOverTls(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        TlsPair.open(loop, c, new Recorder(loop));
        assertFalse(c.transport.canWriteEof());
        assertEquals("SSL doesn't support half-closes",
                assertThrows(UnsupportedOperationException.class, c.transport::writeEof).getMessage());
    }

    @AioTest
    void writingAfterCloseIsAnErrorButAfterTheConnectionIsLostItIsDropped(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        TlsPair.open(loop, c, s);
        c.transport.close();
        c.transport.close(); // idempotent
        assertEquals("Cannot call write() after close()", assertThrows(IllegalStateException.class,
                () -> c.transport.write("x".getBytes(StandardCharsets.US_ASCII))).getMessage());
        Aio.await(s.lost);
        assertTrue(s.transport.isClosing());
        CapturingLogger log = new CapturingLogger();
        loop.setLogger(log);
        for (int i = 0; i < 10; i++) {
            s.transport.write(ByteBuffer.wrap(new byte[] {1})); // dropped; as asyncio, a warning from the 5th on
        }
        assertEquals(6, log.entries.size());
        assertEquals("WARNING SSL connection is closed", log.messages().getFirst());
    }

    @AioTest
    void defaultLimitsAreAsyncios(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        TlsPair.open(loop, c, new Recorder(loop));
        SslTransport t = (SslTransport) c.transport;
        assertArrayEquals(new int[] {128 * 1024, 512 * 1024}, t.getWriteBufferLimits());
        assertArrayEquals(new int[] {64 * 1024, 256 * 1024}, t.getReadBufferLimits());
        t.setWriteBufferLimits(1000, null);
        assertArrayEquals(new int[] {250, 1000}, t.getWriteBufferLimits());
        t.setReadBufferLimits(null, 100);
        assertArrayEquals(new int[] {100, 400}, t.getReadBufferLimits());
        assertEquals("high (1) must be >= low (2) must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(1, 2)).getMessage());
        assertEquals(0, t.getWriteBufferSize());
        assertEquals(0, t.getReadBufferSize());
    }

    @AioTest
    void aReaderThatPausesSlowsTheWriterDownThroughBothLayers(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        c.keepBytes = false;
        TlsPair p = TlsPair.open(loop, c, s);
        c.transport.pauseReading();
        assertFalse(c.transport.isReading());
        int total = 4 * 1024 * 1024;
        byte[] chunk = new byte[64 * 1024];
        for (int sent = 0; sent < total; sent += chunk.length) {
            s.transport.write(chunk);
        }
        assertEquals(List.of("made", "pauseWriting"), s.events, "the server's application is told to stop");
        assertTrue(s.transport.getWriteBufferSize() >= 512 * 1024);
        Aio.sleep(1.0);
        SslTransport clientTransport = (SslTransport) c.transport;
        assertEquals(0, c.bytes, "nothing delivered while paused");
        assertTrue(clientTransport.getReadBufferSize() >= 256 * 1024, "ciphertext waits in the TLS layer");
        assertFalse(p.raw[0].isReading(), "and the raw transport stopped reading");
        c.transport.resumeReading();
        while (c.bytes < total) {
            Aio.sleep(0.01);
        }
        assertEquals(total, c.bytes);
        assertEquals(List.of("made", "pauseWriting", "resumeWriting"), s.events);
        assertEquals(0, s.transport.getWriteBufferSize());
        assertTrue(p.raw[0].isReading());
    }

    @AioTest
    void theProtocolCanBeSwapped(SelectorEventLoop loop) {
        Recorder c = new Recorder(loop);
        Recorder s = new Recorder(loop);
        Recorder other = new Recorder(loop);
        TlsPair.open(loop, c, s);
        s.transport.setProtocol(other);
        assertSame(other, s.transport.getProtocol());
        c.transport.write("to the new protocol".getBytes(StandardCharsets.US_ASCII));
        Aio.sleep(0.1);
        assertEquals("to the new protocol", other.data.toString());
        assertEquals("", s.data.toString());
    }
}
