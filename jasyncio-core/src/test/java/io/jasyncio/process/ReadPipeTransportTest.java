package io.jasyncio.process;

import static io.jasyncio.process.Redirect.PIPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.testing.AioTest;
import java.util.List;

/** The stdout/stderr pipe transport: read flow control, bounded buffering, closing early. */
class ReadPipeTransportTest {

    private static final String NUMBERED_LINES = "import sys\n"
            + "for i in range(100000): sys.stdout.write('%07d\\n' % i)\n"; // 800 kB: 12 times the pipe's buffer

    private static String expectedLines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100000; i++) {
            String n = Integer.toString(i);
            b.append("0".repeat(7 - n.length())).append(n).append('\n');
        }
        return b.toString();
    }

    @AioTest(virtualTime = false)
    void pausedReadingStopsTheChildAndResumingDeliversEverythingInOrder(SelectorEventLoop loop) throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(loop);
        protocol.onData = fdAndSize -> {
            ReadTransport out = (ReadTransport) protocol.transport.getPipeTransport(1);
            if (out.isReading()) {
                out.pauseReading();
            }
        };
        SubprocessPair<RecordingProtocol> pair = loop.subprocessExec(() -> protocol,
                List.of("python3", "-S", "-c", NUMBERED_LINES), null, PIPE, null, null, null);
        ReadTransport out = (ReadTransport) pair.transport().getPipeTransport(1);
        for (int i = 0; i < 1000 && protocol.data[1].size() == 0; i++) {
            Aio.sleep(0.01); // Python takes a while to start
        }
        Aio.sleep(0.3);
        assertFalse(out.isReading());
        int seen = protocol.data[1].size();
        assertTrue(seen > 0, "some data arrived before the pause");
        // What was already handed to the loop may still arrive, nothing more: the pump stopped reading.
        assertTrue(seen <= ReadPipeTransport.MAX_IN_FLIGHT + 2 * ReadPipeTransport.CHUNK, "received " + seen);
        assertNull(pair.transport().getReturncode(), "the child is blocked on its full pipe");
        Aio.sleep(0.2);
        assertEquals(seen, protocol.data[1].size(), "nothing more while paused");

        protocol.onData = x -> { };
        out.resumeReading();
        out.resumeReading();
        assertTrue(out.isReading());
        Aio.await(protocol.done);
        assertEquals(expectedLines(), protocol.text(1));
        assertEquals(0, pair.transport().getReturncode());
    }

    @AioTest(virtualTime = false)
    void pausingAndResumingOnEveryChunkLosesNothing(SelectorEventLoop loop) throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(loop);
        protocol.onData = fdAndSize -> {
            ReadTransport out = (ReadTransport) protocol.transport.getPipeTransport(1);
            out.pauseReading();
            loop.callLater(0.001, out::resumeReading);
        };
        loop.subprocessExec(() -> protocol, List.of("python3", "-S", "-c", NUMBERED_LINES), null, PIPE, null, null, null);
        Aio.await(protocol.done);
        assertEquals(expectedLines(), protocol.text(1));
        assertTrue(protocol.events.contains("lost 1 null"), protocol.events.toString());
    }

    @AioTest(virtualTime = false)
    void closingTheReadEndEndsAWriterWithSigpipe(SelectorEventLoop loop) throws Exception {
        RecordingProtocol protocol = new RecordingProtocol(loop);
        protocol.onData = fdAndSize -> protocol.transport.getPipeTransport(1).close();
        SubprocessPair<RecordingProtocol> pair = loop.subprocessExec(() -> protocol, List.of("yes"), null, PIPE, null,
                null, null);
        Aio.await(protocol.done);
        ReadTransport out = (ReadTransport) pair.transport().getPipeTransport(1);
        assertTrue(out.isClosing());
        assertFalse(out.isReading());
        out.pauseReading(); // no effect once closed
        out.resumeReading();
        assertEquals(-13, pair.transport().getReturncode(), "asyncio reports death by SIGPIPE as -13");
        assertTrue(protocol.events.contains("lost 1 null"), protocol.events.toString());
        assertTrue(protocol.text(1).startsWith("y\ny\n"));
    }

    @AioTest(virtualTime = false)
    void extraInfoAndToString(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = loop.subprocessExec(() -> new RecordingProtocol(loop),
                List.of("true"), null, PIPE, PIPE, null, null);
        ReadTransport err = (ReadTransport) pair.transport().getPipeTransport(2);
        assertTrue(err.getExtraInfo("pipe") instanceof java.io.InputStream);
        assertNull(err.getExtraInfo("peername"));
        assertTrue(err.toString().contains("stderr"), err.toString());
        Aio.await(pair.protocol().done);
        assertTrue(err.toString().endsWith(" closed>"), err.toString());
    }
}
