package io.jasyncio.process;

import static io.jasyncio.process.Redirect.PIPE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.WriteTransport;
import io.jasyncio.testing.AioTest;
import java.util.List;

/** The stdin pipe transport: write flow control, end of file, abort. */
class WritePipeTransportTest {

    private static SubprocessPair<RecordingProtocol> start(SelectorEventLoop loop, String script) throws Exception {
        return loop.subprocessShell(() -> new RecordingProtocol(loop), script, PIPE, PIPE, null, null, null);
    }

    @AioTest(virtualTime = false)
    void waterMarksPauseAndResumeTheProtocol(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, "sleep 0.2; wc -c");
        WriteTransport stdin = (WriteTransport) pair.transport().getPipeTransport(0);
        assertArrayEquals(new int[] {16 * 1024, 64 * 1024}, stdin.getWriteBufferLimits());
        stdin.setWriteBufferLimits(4096, null);
        assertArrayEquals(new int[] {1024, 4096}, stdin.getWriteBufferLimits());
        stdin.write(new byte[1000]);
        assertEquals(List.of("made"), pair.protocol().events);
        stdin.write(new byte[1_000_000]);
        assertEquals(List.of("made", "paused"), pair.protocol().events, "paused at once, inside write()");
        assertEquals(1_001_000, stdin.getWriteBufferSize());
        for (int i = 0; i < 500 && !pair.protocol().events.contains("resumed"); i++) {
            Aio.sleep(0.01);
        }
        assertEquals(List.of("made", "paused", "resumed"), pair.protocol().events);
        assertTrue(stdin.getWriteBufferSize() <= 1024);
        stdin.close();
        assertTrue(stdin.isClosing());
        Aio.await(pair.protocol().done);
        assertEquals("1001000", pair.protocol().text(1).strip());
        assertEquals(0, stdin.getWriteBufferSize());
    }

    @AioTest(virtualTime = false)
    void writeEofClosesThePipeAfterTheQueuedData(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, "cat");
        WriteTransport stdin = (WriteTransport) pair.transport().getPipeTransport(0);
        assertTrue(stdin.canWriteEof());
        stdin.write("one ".getBytes());
        stdin.writelines(List.of(java.nio.ByteBuffer.wrap("two ".getBytes()), java.nio.ByteBuffer.wrap("three".getBytes())));
        stdin.writeEof();
        stdin.writeEof();
        assertThrows(IllegalStateException.class, () -> stdin.write("four".getBytes()));
        Aio.await(pair.protocol().done);
        assertEquals("one two three", pair.protocol().text(1));
        assertTrue(pair.protocol().events.contains("lost 0 null"));
        assertThrows(IllegalArgumentException.class, () -> stdin.setWriteBufferLimits(10, 20));
    }

    @AioTest(virtualTime = false)
    void abortDropsWhatIsQueued(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, "sleep 0.2; wc -c");
        WriteTransport stdin = (WriteTransport) pair.transport().getPipeTransport(0);
        for (int i = 0; i < 100; i++) {
            stdin.write(new byte[100_000]);
        }
        stdin.abort();
        assertTrue(stdin.isClosing());
        stdin.abort();
        Aio.await(pair.protocol().done);
        long received = Long.parseLong(pair.protocol().text(1).strip());
        assertTrue(received < 10_000_000, "received " + received);
        assertTrue(pair.protocol().events.contains("lost 0 null"), pair.protocol().events.toString());
        assertEquals(0, pair.transport().getReturncode());
    }
}
