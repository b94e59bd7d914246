package io.jasyncio.stream;

import static io.jasyncio.stream.MemoryStreams.b;
import static io.jasyncio.stream.MemoryStreams.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.MemoryTransport;
import io.jasyncio.testing.AioTest;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** StreamReaderProtocol: the bridge from transport events to the reader, and the per-client task. */
class StreamReaderProtocolTest {

    @AioTest
    void eachClientGetsItsOwnTaskWithAReaderAndAWriter(SelectorEventLoop loop) throws Exception {
        List<String> served = new ArrayList<>();
        ClientConnectedCallback upper = (reader, writer) -> {
            byte[] line = reader.readline();
            served.add(s(line).trim());
            writer.write(s(line).toUpperCase().getBytes());
            await(writer);
            writer.close();
        };
        MemoryStreams.Client a = MemoryStreams.connect(loop, upper);
        MemoryStreams.Client c = MemoryStreams.connect(loop, upper);
        c.writer().write(b("second\n"));
        a.writer().write(b("first\n"));
        assertEquals("SECOND\n", s(c.reader().read()));
        assertEquals("FIRST\n", s(a.reader().read()));
        assertEquals(List.of("second", "first"), served);
        assertNotNull(a.serverProtocol().task());
        assertTrue(a.serverProtocol().task().done());
    }

    private static void await(StreamWriter writer) throws Exception {
        writer.drain();
    }

    @AioTest
    void theServerKeepsWritingAfterTheClientHalfCloses(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            byte[] all = reader.read();
            writer.write(b("got " + all.length + " bytes"));
            writer.close();
        });
        c.writer().write(b("12345"));
        assertTrue(c.writer().canWriteEof());
        c.writer().writeEof();
        assertEquals("got 5 bytes", s(c.reader().read()));
        // EOF from the server does not close our side (eofReceived kept it open for writing): we do.
        assertFalse(c.writer().isClosing());
        c.writer().close();
        c.writer().waitClosed();
    }

    @AioTest
    void anErrorEscapingTheCallbackIsReportedAndClosesTheConnection(SelectorEventLoop loop) throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            reader.readline();
            throw new IllegalStateException("bad request");
        });
        c.writer().write(b("hello\n"));
        assertEquals(0, c.reader().read().length, "the server closed the connection");
        assertEquals(1, reports.size());
        assertEquals("Unhandled exception in client_connected_cb", reports.get(0).message());
        assertEquals("bad request", reports.get(0).exception().getMessage());
        assertSame(c.transports()[1], reports.get(0).get("transport"));
    }

    @AioTest
    void aCancelledCallbackClosesTheConnection(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> reader.read());
        c.serverProtocol().task().cancel();
        assertEquals(0, c.reader().read().length);
    }

    @AioTest
    void aConnectionErrorReachesTheReaderAndWaitClosed(SelectorEventLoop loop) throws Exception {
        Future<Void> serverSaw = loop.createFuture();
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> {
            try {
                reader.read();
            } catch (SocketException e) {
                serverSaw.setException(e);
                throw e;
            }
        });
        loop.setExceptionHandler((l, context) -> { });
        c.writer().transport().abort();
        SocketException e = assertThrows(SocketException.class, () -> Aio.await(serverSaw));
        assertEquals("Connection reset by peer", e.getMessage());
        // The aborting side's own connection ends without error.
        c.writer().waitClosed();
        assertEquals(0, c.reader().read().length);
    }

    @AioTest
    void waitClosedRaisesTheErrorTheConnectionEndedWith(SelectorEventLoop loop) throws Exception {
        MemoryStreams.Client c = MemoryStreams.connect(loop, (reader, writer) -> writer.transport().abort());
        SocketException e = assertThrows(SocketException.class, () -> c.writer().waitClosed());
        assertEquals("Connection reset by peer", e.getMessage());
        assertSame(e, assertThrows(SocketException.class, () -> c.reader().read(1)));
    }

    @AioTest
    void aBufferedTransportFeedsTheReaderThroughGetBufferAndBufferUpdated(SelectorEventLoop loop) throws Exception {
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol p = new StreamReaderProtocol(reader, null, loop);
        List<String> asked = new ArrayList<>();
        StreamReaderProtocol other = new StreamReaderProtocol(new StreamReader(StreamReader.DEFAULT_LIMIT, loop), null, loop);
        MemoryTransport[] t = MemoryTransport.pair(loop, new io.jasyncio.net.BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                asked.add("getBuffer");
                return p.getBuffer(sizeHint);
            }

            @Override
            public void bufferUpdated(int nbytes) {
                asked.add("bufferUpdated " + nbytes);
                p.bufferUpdated(nbytes);
            }
        }, other);
        Aio.sleep(0);
        t[1].write(b("direct"));
        assertEquals("direct", s(reader.read(100)));
        assertEquals(List.of("getBuffer", "bufferUpdated 6"), asked);
    }

    @AioTest
    void aPlainProtocolTransportFeedsCopies(SelectorEventLoop loop) throws Exception {
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol p = new StreamReaderProtocol(reader, null, loop);
        p.dataReceived(ByteBuffer.wrap(b("copied")));
        assertTrue(p.eofReceived(), "a plain connection stays open for writing after EOF");
        assertEquals("copied", s(reader.read()));
        assertNull(p.streamWriter());
        assertSame(reader, p.reader());
    }

    @AioTest
    void connectionLostWithoutErrorIsEof(SelectorEventLoop loop) throws Exception {
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol p = new StreamReaderProtocol(reader, null, loop);
        p.dataReceived(ByteBuffer.wrap(b("tail")));
        p.connectionLost(null);
        assertEquals("tail", s(reader.read()));
        assertTrue(reader.atEof());
        assertTrue(p.closeWaiter(null).done());
        assertNull(p.closeWaiter(null).result());
    }
}
