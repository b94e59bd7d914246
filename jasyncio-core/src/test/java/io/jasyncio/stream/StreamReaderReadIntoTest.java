package io.jasyncio.stream;

import static io.jasyncio.stream.MemoryStreams.b;
import static io.jasyncio.stream.MemoryStreams.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Server;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;

/** StreamReader.readInto: exact counts, positions and bytes, the direct hand-over, EOF, errors and cancellation. */
class StreamReaderReadIntoTest {

    private static String got(ByteBuffer dst, int from) {
        byte[] out = new byte[dst.position() - from];
        dst.get(from, out);
        return s(out);
    }

    @AioTest
    void readIntoCopiesWhatIsBufferedUpToTheRoomLeft(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("hello world"));
        byte[] into = new byte[8];
        assertEquals(5, r.readInto(into, 3, 5));
        assertEquals("\0\0\0hello", s(into));
        ByteBuffer dst = ByteBuffer.allocate(100).position(10);
        assertEquals(6, r.readInto(dst));
        assertEquals(16, dst.position());
        assertEquals(" world", got(dst, 10));
        assertEquals(0, r.readInto(ByteBuffer.allocate(0)), "no room: 0 at once");
    }

    @AioTest
    void readIntoReturnsMinusOneAtTheEndOfTheStream(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("ab"));
        r.feedEof();
        byte[] into = new byte[10];
        assertEquals(2, r.readInto(into));
        assertEquals(-1, r.readInto(into));
        assertEquals(-1, r.readInto(into), "and again");
    }

    @AioTest
    void aWaitingReadIntoIsWokenByEof(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(1.0, r::feedEof);
        assertEquals(-1, r.readInto(new byte[10]));
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @AioTest
    void aWaitingReadIntoGetsFedDataDirectlyAndTheRestIsBuffered(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(1.0, () -> r.feedData(b("0123456789")));
        ByteBuffer dst = ByteBuffer.allocate(4);
        assertEquals(4, r.readInto(dst));
        assertEquals("0123", got(dst, 0));
        assertEquals("456789", s(r.read(100)));
    }

    @AioTest
    void theTransportFillsAWaitingReadIntosDestinationItself(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        ByteBuffer dst = ByteBuffer.allocate(8192).position(100);
        Task<Integer> reading = Aio.createTask(() -> r.readInto(dst));
        Aio.sleep(0);
        ByteBuffer given = r.getBuffer(-1);
        assertSame(dst, given, "the destination is handed to the transport");
        given.put(b("direct"));
        r.bufferUpdated(6);
        ByteBuffer next = r.getBuffer(-1);
        assertNotSame(dst, next, "once filled, later bytes go to the reader's own buffer");
        next.put(b("later"));
        r.bufferUpdated(5);
        assertEquals(6, Aio.await(reading));
        assertEquals(106, dst.position());
        assertEquals("direct", got(dst, 100));
        assertEquals("later", s(r.read(100)));
    }

    @AioTest
    void aSmallDestinationIsNotHandedToTheTransport(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        ByteBuffer dst = ByteBuffer.allocate(16);
        Task<Integer> reading = Aio.createTask(() -> r.readInto(dst));
        Aio.sleep(0);
        ByteBuffer given = r.getBuffer(-1);
        assertNotSame(dst, given, "a tiny socket read would cost a system call per few bytes");
        given.put(b("0123456789abcdefXYZ"));
        r.bufferUpdated(19);
        assertEquals(16, Aio.await(reading));
        assertEquals("0123456789abcdef", got(dst, 0));
        assertEquals("XYZ", s(r.read(100)));
    }

    @AioTest
    void aCancelledReadIntoPutsBackWhatAlreadyReachedItsDestination(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        ByteBuffer dst = ByteBuffer.allocate(8192).position(7);
        Task<Integer> reading = Aio.createTask(() -> r.readInto(dst));
        Aio.sleep(0);
        ByteBuffer given = r.getBuffer(-1);
        given.put(b("first"));
        r.bufferUpdated(5); // the reader is woken, but cancelled before it runs
        r.feedData(b(" second"));
        reading.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(reading));
        assertEquals(7, dst.position(), "the destination's position is restored");
        assertEquals("first second", s(r.read(100)), "no byte lost, none reordered");
    }

    @AioTest
    void aCancelledReadIntoThatGotNothingLeavesEverythingAlone(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        byte[] into = new byte[10];
        Task<Integer> reading = Aio.createTask(() -> r.readInto(into));
        Aio.sleep(0.5);
        reading.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(reading));
        r.feedData(b("x"));
        assertEquals(1, r.readInto(into));
        assertEquals('x', into[0]);
    }

    @AioTest
    void readIntoRaisesTheStreamsErrorAndRefusesReadOnlyBuffers(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        assertThrows(ReadOnlyBufferException.class, () -> r.readInto(ByteBuffer.allocate(4).asReadOnlyBuffer()));
        Task<Integer> reading = Aio.createTask(() -> r.readInto(new byte[4]));
        Aio.sleep(0);
        assertEquals("readInto() called while another task is already waiting for incoming data",
                assertThrows(IllegalStateException.class, () -> r.readInto(new byte[4])).getMessage());
        SocketException reset = new SocketException("Connection reset");
        r.setException(reset);
        assertSame(reset, assertThrows(SocketException.class, () -> Aio.await(reading)));
        assertSame(reset, assertThrows(SocketException.class, () -> r.readInto(new byte[4])));
    }

    @AioTest
    void anEchoOverRealSocketsWithReadIntoReturnsEveryByteInOrder(SelectorEventLoop loop) throws Exception {
        byte[] message = new byte[300_000];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i * 31 + i / 251);
        }
        ClientConnectedCallback echo = (reader, writer) -> {
            try (writer) {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                while (reader.readInto(buf.clear()) > 0) {
                    writer.write(buf.flip());
                    writer.drain();
                }
            } catch (IOException gone) {
                // the client went away
            }
        };
        try (Server server = Streams.startServer(echo, "127.0.0.1", 0)) {
            int port = ((java.net.InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair client = Streams.openConnection("127.0.0.1", port);
            Task<byte[]> back = Aio.createTask(() -> client.reader().readExactly(message.length));
            client.writer().write(message);
            client.writer().drain();
            client.writer().writeEof();
            byte[] echoed = Aio.await(back);
            assertEquals(-1, client.reader().readInto(new byte[1]), "the server closes after our EOF");
            assertEquals(-1, Arrays.mismatch(message, echoed));
            client.writer().close();
        }
    }
}
