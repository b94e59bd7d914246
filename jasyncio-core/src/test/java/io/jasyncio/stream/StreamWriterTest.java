package io.jasyncio.stream;

import static io.jasyncio.stream.MemoryStreams.b;
import static io.jasyncio.stream.MemoryStreams.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;

/** StreamWriter: writes, drain under flow control, closing, over an in-memory connection. */
class StreamWriterTest {

    private static final int CHUNK = 2048;
    private static final int CHUNKS = 100;

    @AioTest
    void drainReturnsAtOnceWhenTheBufferIsLow(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> reader.read());
        c.writer().write(b("small"));
        double before = loop.time();
        c.writer().drain();
        assertEquals(before, loop.time());
    }

    @AioTest
    void drainWaitsUntilThePeerReads(SelectorEventLoop loop) throws Exception {
        Expect e = new Expect();
        Future<Void> go = loop.createFuture();
        Future<Integer> received = loop.createFuture();
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            Aio.await(go);
            e.expect(3);
            received.setResult(reader.readExactly(CHUNK * CHUNKS).length);
        }, StreamReader.DEFAULT_LIMIT, 1024);
        for (int i = 0; i < CHUNKS; i++) {
            c.writer().write(new byte[CHUNK]);
        }
        assertTrue(c.writer().transport().getWriteBufferSize() > 64 * 1024);
        Task<Void> drain = Aio.createTask(() -> {
            e.expect(1);
            c.writer().drain();
            e.expect(4);
        });
        Aio.sleep(10.0);
        assertFalse(drain.done(), "the server has not read: drain must wait");
        e.expect(2);
        go.setResult(null);
        Aio.await(drain);
        assertEquals(CHUNK * CHUNKS, Aio.await(received));
        e.finish(5);
    }

    @AioTest
    void everyWaitingWriterWakesUp(SelectorEventLoop loop) throws Exception {
        Future<Void> go = loop.createFuture();
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            Aio.await(go);
            reader.read();
        }, StreamReader.DEFAULT_LIMIT, 1024);
        for (int i = 0; i < CHUNKS; i++) {
            c.writer().write(new byte[CHUNK]);
        }
        Task<Void> a = Aio.createTask(() -> c.writer().drain());
        Task<Void> d = Aio.createTask(() -> c.writer().drain());
        Aio.sleep(1.0);
        assertFalse(a.done() || d.done());
        go.setResult(null);
        Aio.await(a);
        Aio.await(d);
    }

    @AioTest
    void aCancelledDrainLeavesTheDataOnItsWay(SelectorEventLoop loop) throws Exception {
        Future<Void> go = loop.createFuture();
        Future<Integer> received = loop.createFuture();
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            Aio.await(go);
            received.setResult(reader.read().length);
        }, StreamReader.DEFAULT_LIMIT, 1024);
        for (int i = 0; i < CHUNKS; i++) {
            c.writer().write(new byte[CHUNK]);
        }
        Task<Void> drain = Aio.createTask(() -> c.writer().drain());
        Aio.sleep(1.0);
        drain.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(drain));
        c.writer().close();
        go.setResult(null);
        assertEquals(CHUNK * CHUNKS, Aio.await(received));
    }

    @AioTest
    void drainRaisesTheErrorThatBrokeTheConnection(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> writer.transport().abort());
        Aio.sleep(0.1);
        c.writer().write(b("anyone there?"));
        SocketException e = assertThrows(SocketException.class, () -> c.writer().drain());
        assertEquals("Connection reset by peer", e.getMessage());
    }

    @AioTest
    void drainAfterCloseRaisesConnectionLost(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> reader.read());
        c.writer().close();
        assertTrue(c.writer().isClosing());
        SocketException e = assertThrows(SocketException.class, () -> c.writer().drain());
        assertEquals("Connection lost", e.getMessage());
        c.writer().waitClosed();
    }

    @AioTest
    void writelinesAndBuffersArriveInOrder(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            writer.write(reader.read());
            writer.close();
        });
        c.writer().writelines(List.of(b("a"), b("bc"), b(""), b("def")));
        ByteBuffer buf = ByteBuffer.wrap(b("xxghi"));
        buf.position(2);
        c.writer().write(buf);
        c.writer().writeEof();
        assertEquals("abcdefghi", s(c.reader().read()));
    }

    @AioTest
    void extraInfoComesFromTheTransport(SelectorEventLoop loop) {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> reader.read());
        assertEquals("memory:b", c.writer().getExtraInfo("peername"));
        assertEquals("memory:a", c.writer().getExtraInfo("sockname"));
        assertNull(c.writer().getExtraInfo("nothing"));
        assertEquals("fallback", c.writer().getExtraInfo("nothing", "fallback"));
        assertTrue(c.writer().toString().startsWith("<StreamWriter transport=<MemoryTransport memory:a>"));
        c.writer().close();
    }

    @AioTest
    void tryWithResourcesClosesTheWriter(SelectorEventLoop loop) throws Exception {
        Future<String> received = loop.createFuture();
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> received.setResult(s(reader.read())));
        try (StreamWriter w = c.writer()) {
            w.write(b("bye"));
        }
        assertTrue(c.writer().isClosing());
        c.writer().waitClosed();
        assertEquals("bye", Aio.await(received));
    }
}
