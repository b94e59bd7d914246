package io.jasyncio.stream;

import static io.jasyncio.stream.MemoryStreams.b;
import static io.jasyncio.stream.MemoryStreams.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Server;
import io.jasyncio.net.ssl.SslOptions;
import io.jasyncio.net.ssl.TestPki;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** StreamReader.readChunk: the lent direct buffer, its return at the next read, buffered bytes, EOF, errors, cancellation. */
class StreamReaderReadChunkTest {

    private static String str(ByteBuffer chunk) {
        byte[] out = new byte[chunk.remaining()];
        chunk.get(chunk.position(), out);
        return s(out);
    }

    private static byte[] pattern(int n, int seed) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    /** A task suspended in {@code r.readChunk(max)} on an empty reader. */
    private static Task<ByteBuffer> waitingReadChunk(StreamReader r, int max) {
        Task<ByteBuffer> reading = Aio.createTask(() -> r.readChunk(max));
        Aio.sleep(0);
        return reading;
    }

    @AioTest
    void aWaitingReadChunkGetsTheTransportsBufferItselfUntilTheNextRead(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        Task<ByteBuffer> reading = waitingReadChunk(r, 10_000);
        ByteBuffer given = r.getBuffer(-1);
        assertTrue(given.isDirect());
        assertEquals(16 * 1024, given.capacity(), "the smallest power of two of at least max bytes");
        assertEquals(10_000, given.limit(), "a socket read takes at most max bytes");
        byte[] first = pattern(6000, 1);
        given.put(first);
        r.bufferUpdated(6000);
        ByteBuffer later = r.getBuffer(-1);
        assertFalse(later == given, "the chunk is the reader's now: later bytes go elsewhere");
        later.put(b("later"));
        r.bufferUpdated(5);
        ByteBuffer chunk = Aio.await(reading);
        assertSame(given, chunk);
        assertEquals(0, chunk.position());
        assertEquals(6000, chunk.limit());
        byte[] got = new byte[6000];
        chunk.get(0, got);
        assertEquals(-1, Arrays.mismatch(first, got));
        assertEquals("later", s(r.read(100)), "the next read gives the chunk back and sees the later bytes");

        Task<ByteBuffer> again = waitingReadChunk(r, 10_000);
        assertSame(given, r.getBuffer(-1), "the chunk given back is the next one lent");
        r.bufferUpdated(0);
        r.feedEof();
        assertEquals(0, Aio.await(again).remaining());
    }

    @AioTest
    void aSmallMaxLendsASmallBufferAndAnEmptyReadLeavesItWithTheLoop(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        Task<ByteBuffer> reading = waitingReadChunk(r, 100);
        ByteBuffer given = r.getBuffer(-1);
        assertEquals(4096, given.capacity(), "4 KiB is the smallest buffer");
        assertEquals(100, given.limit());
        r.bufferUpdated(0); // a read that got nothing: the buffer stays with the loop, the reader waits on
        assertSame(given, r.getBuffer(-1));
        given.put(b("tiny"));
        r.bufferUpdated(4);
        ByteBuffer chunk = Aio.await(reading);
        assertSame(given, chunk, "even a few bytes come in the lent buffer: no copy");
        assertEquals("tiny", str(chunk));
        reading = waitingReadChunk(r, 100);
        assertSame(given, r.getBuffer(-1), "given back by the next read, and lent again");
        r.bufferUpdated(0);
        reading.cancel();
        Task<ByteBuffer> cancelled = reading;
        assertThrows(CancelledError.class, () -> Aio.await(cancelled));
    }

    @AioTest
    void bufferedBytesComeWithoutACopyWhenAllAreTakenElseUpToMax(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("hello world"));
        ByteBuffer first = r.readChunk(5);
        assertEquals("hello", str(first));
        assertEquals(0, first.position());
        ByteBuffer rest = r.readChunk(100);
        assertEquals(" world", str(rest));
        assertEquals(0, r.capacity(), "the reader dropped its array: it went out with the chunk");
        r.feedData(b("next"));
        assertEquals(" world", str(rest), "and later bytes do not overwrite it");
        assertEquals("next", str(r.readChunk(100)));
    }

    @AioTest
    void readChunkReturnsAnEmptyBufferAtTheEndOfTheStream(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(1.0, () -> r.feedData(b("ab")));
        loop.callLater(2.0, r::feedEof);
        assertEquals("ab", str(r.readChunk(10)), "fed data wakes a waiting readChunk");
        assertEquals(0, r.readChunk(10).remaining(), "EOF wakes it with nothing");
        assertEquals(2.0, loop.time(), 1e-9);
        assertEquals(0, r.readChunk(10).remaining(), "and again");
    }

    @AioTest
    void aCancelledReadChunkPutsBackTheBytesItsChunkHeld(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        Task<ByteBuffer> reading = waitingReadChunk(r, 8192);
        byte[] first = pattern(5000, 7);
        r.getBuffer(-1).put(first);
        r.bufferUpdated(5000); // the reader is woken, but cancelled before it runs
        r.feedData(b("second"));
        reading.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(reading));
        byte[] all = r.readExactly(5006);
        assertEquals(-1, Arrays.mismatch(first, Arrays.copyOf(all, 5000)), "no byte lost");
        assertEquals("second", s(Arrays.copyOfRange(all, 5000, 5006)), "none reordered");
    }

    @AioTest
    void readChunkRaisesTheStreamsErrorAndRefusesANonPositiveMax(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        assertEquals("max must be positive, not 0",
                assertThrows(IllegalArgumentException.class, () -> r.readChunk(0)).getMessage());
        Task<ByteBuffer> reading = waitingReadChunk(r, 10);
        assertEquals("readChunk() called while another task is already waiting for incoming data",
                assertThrows(IllegalStateException.class, () -> r.readChunk(10)).getMessage());
        SocketException reset = new SocketException("Connection reset");
        r.setException(reset);
        assertSame(reset, assertThrows(SocketException.class, () -> Aio.await(reading)));
        assertSame(reset, assertThrows(SocketException.class, () -> r.readChunk(10)));
    }

    @AioTest
    void anEchoOverRealSocketsWithReadChunkReturnsEveryByteInOrder(SelectorEventLoop loop) throws Exception {
        echoTwoClients(65536, null, null);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void anEchoOverTlsWithReadChunkReturnsEveryByteInOrderWhateverTheMax(SelectorEventLoop loop) throws Exception {
        // TLS decrypts a record (up to 16 KiB) straight into a lent buffer only when it fits; with max 100
        // it goes through TLS's own buffer and the reader is handed 100 bytes at a time.
        for (int max : new int[] {100, 262144}) {
            echoTwoClients(max, SslOptions.of(TestPki.get().serverContext()),
                    SslOptions.of(TestPki.get().clientContext()).withServerHostname("localhost"));
        }
    }

    /** Two clients at once send a megabyte each through a readChunk(max) echo server, and check what comes back. */
    private static void echoTwoClients(int max, SslOptions serverSsl, SslOptions clientSsl) throws Exception {
        byte[] message = pattern(1_000_000, 3);
        ClientConnectedCallback echo = (reader, writer) -> {
            try (writer) {
                ByteBuffer chunk;
                while ((chunk = reader.readChunk(max)).hasRemaining()) {
                    if (chunk.remaining() > max) {
                        throw new AssertionError(chunk.remaining() + " bytes > max " + max);
                    }
                    writer.write(chunk);
                    writer.drain();
                }
            } catch (IOException gone) {
                // the client went away
            }
        };
        try (Server server = serverSsl == null
                ? Streams.startServer(echo, "127.0.0.1", 0)
                : Streams.startServer(echo, "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, serverSsl)) {
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair[] clients = new StreamPair[2];
            for (int c = 0; c < 2; c++) {
                clients[c] = clientSsl == null
                        ? Streams.openConnection("127.0.0.1", port)
                        : Streams.openConnection("127.0.0.1", port, StreamReader.DEFAULT_LIMIT, clientSsl);
            }
            @SuppressWarnings("unchecked")
            Task<byte[]>[] back = new Task[2];
            for (int c = 0; c < 2; c++) {
                StreamPair client = clients[c];
                back[c] = Aio.createTask(() -> client.reader().readExactly(message.length));
            }
            for (int c = 0; c < 2; c++) {
                // Both connections at once, so that their chunks come from, and go back to, one pool.
                clients[c].writer().write(c == 0 ? message : pattern(message.length, 5));
            }
            for (StreamPair client : clients) {
                client.writer().drain();
                if (client.writer().canWriteEof()) {
                    client.writer().writeEof();
                }
            }
            assertEquals(-1, Arrays.mismatch(message, Aio.await(back[0])));
            assertEquals(-1, Arrays.mismatch(pattern(message.length, 5), Aio.await(back[1])));
            for (StreamPair client : clients) {
                if (client.writer().canWriteEof()) {
                    assertEquals(0, client.reader().readChunk(1).remaining(), "the server closes after our EOF");
                }
                client.writer().close();
                client.writer().waitClosed();
            }
        }
    }
}
