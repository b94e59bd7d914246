package io.jasyncio.stream;

import static io.jasyncio.stream.MemoryStreams.b;
import static io.jasyncio.stream.MemoryStreams.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** StreamReader: exact bytes and exact errors of every read method, fed by hand. */
class StreamReaderTest {

    // ---- read(n) / read() ----------------------------------------------------------------------

    @AioTest
    void readReturnsWhatIsBufferedUpToN(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("hello world"));
        assertEquals("hello", s(r.read(5)));
        assertEquals(" world", s(r.read(100)));
        assertEquals(0, r.read(0).length);
        assertFalse(r.atEof());
        r.feedEof();
        assertTrue(r.atEof());
        assertEquals(0, r.read(10).length);
    }

    @AioTest
    void readSuspendsUntilDataArrives(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        Expect e = new Expect();
        loop.callLater(1.0, () -> {
            e.expect(2);
            r.feedData(b("abc"));
        });
        e.expect(1);
        assertEquals("abc", s(r.read(10)));
        e.finish(3);
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @AioTest
    void readZeroReturnsAtOnceEvenWithNothingBuffered(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        assertEquals(0, r.read(0).length);
    }

    @AioTest
    void readWithoutSizeReadsToEof(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(4, loop);
        loop.callLater(0.1, () -> r.feedData(b("0123456789")));
        loop.callLater(0.2, () -> r.feedData(b("abc")));
        loop.callLater(0.3, r::feedEof);
        assertEquals("0123456789abc", s(r.read()));
        assertTrue(r.atEof());
        assertEquals(0, r.read().length);
    }

    @AioTest
    void readRaisesTheStreamsErrorUnchanged(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("data"));
        SocketException reset = new SocketException("Connection reset by peer");
        r.setException(reset);
        assertSame(reset, r.exception());
        assertSame(reset, assertThrows(SocketException.class, () -> r.read(10)));
        assertSame(reset, assertThrows(SocketException.class, r::readline));
        assertSame(reset, assertThrows(SocketException.class, () -> r.readExactly(1)));
        assertSame(reset, assertThrows(SocketException.class, () -> r.readUntil(b("x"))));
    }

    @AioTest
    void aSuspendedReadRaisesTheErrorThatEndsTheStream(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        SocketException reset = new SocketException("Connection reset by peer");
        loop.callLater(0.5, () -> r.setException(reset));
        assertSame(reset, assertThrows(SocketException.class, () -> r.readExactly(3)));
    }

    // ---- readline ------------------------------------------------------------------------------

    @AioTest
    void readlineReturnsLinesThenThePartialLastLineThenNothing(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("line1\nline2\npartial"));
        r.feedEof();
        assertEquals("line1\n", s(r.readline()));
        assertEquals("line2\n", s(r.readline()));
        assertEquals("partial", s(r.readline()));
        assertEquals("", s(r.readline()));
        assertTrue(r.atEof());
    }

    @AioTest
    void readlineJoinsALineSplitAcrossChunks(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(0.1, () -> r.feedData(b("ab")));
        loop.callLater(0.2, () -> r.feedData(b("c")));
        loop.callLater(0.3, () -> r.feedData(b("\nde")));
        assertEquals("abc\n", s(r.readline()));
        assertEquals("de", s(r.read(10)));
    }

    @AioTest
    void readlineTooLongWithItsNewlineDropsThatLine(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(4, loop);
        r.feedData(b("abcdefgh\nxy\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::readline);
        assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
        assertEquals(8, assertInstanceOf(LimitOverrunError.class, e.getCause()).consumed());
        assertEquals("xy\n", s(r.readline()));
    }

    @AioTest
    void readlineTooLongWithoutNewlineDropsTheBuffer(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(4, loop);
        r.feedData(b("abcdefgh"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::readline);
        assertEquals("Separator is not found, and chunk exceed the limit", e.getMessage());
        r.feedData(b("ij\n"));
        assertEquals("ij\n", s(r.readline()));
    }

    @AioTest
    void iteratingGivesLinesUntilEof(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(0.1, () -> r.feedData(b("one\ntw")));
        loop.callLater(0.2, () -> r.feedData(b("o\nthree")));
        loop.callLater(0.3, r::feedEof);
        List<String> lines = new ArrayList<>();
        for (byte[] line : r) {
            lines.add(s(line));
        }
        assertEquals(List.of("one\n", "two\n", "three"), lines);
    }

    // ---- readUntil -----------------------------------------------------------------------------

    @AioTest
    void readUntilFindsASeparatorSplitAcrossChunks(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(0.1, () -> r.feedData(b("GET / HTTP/1.1\r\nHost: x\r\n\r")));
        loop.callLater(0.2, () -> r.feedData(b("\nBODY")));
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n", s(r.readUntil(b("\r\n\r\n"))));
        assertEquals("BODY", s(r.read(100)));
    }

    @AioTest
    void readUntilAtEofRaisesIncompleteReadErrorWithEverythingLeft(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("abc\r"));
        loop.callLater(0.1, r::feedEof);
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readUntil(b("\r\n")));
        assertEquals("abc\r", s(e.partial()));
        assertNull(e.expected());
        assertEquals("4 bytes read on a total of undefined expected bytes", e.getMessage());
        assertTrue(r.atEof());
    }

    @AioTest
    void readUntilSeesTheSeparatorThatCameWithEof(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("end;"));
        r.feedEof();
        assertEquals("end;", s(r.readUntil(b(";"))));
        assertTrue(r.atEof());
    }

    @AioTest
    void readUntilOverTheLimitLeavesTheDataBuffered(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(3, loop);
        r.feedData(b("abcdef"));
        LimitOverrunError notFound = assertThrows(LimitOverrunError.class, () -> r.readUntil(b("\n")));
        assertEquals("Separator is not found, and chunk exceed the limit", notFound.getMessage());
        assertEquals(6, notFound.consumed());
        r.feedData(b("\n"));
        LimitOverrunError tooFar = assertThrows(LimitOverrunError.class, () -> r.readUntil(b("\n")));
        assertEquals("Separator is found, but chunk is longer than limit", tooFar.getMessage());
        assertEquals(6, tooFar.consumed());
        assertEquals("abcdef\n", s(r.read(100)));
    }

    @AioTest
    void readUntilWithATwoByteSeparatorCountsWhatHoldsNoSeparator(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(5, loop);
        r.feedData(b("0123456\r"));
        // The last byte may start the separator: 8 + 1 - 2 = 7 bytes are known to hold none.
        assertEquals(7, assertThrows(LimitOverrunError.class, () -> r.readUntil(b("\r\n"))).consumed());
    }

    @AioTest
    void readUntilRejectsAnEmptySeparator(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0]));
        assertEquals("Separator should be at least one-byte string", e.getMessage());
    }

    // ---- readExactly ---------------------------------------------------------------------------

    @AioTest
    void readExactlyGathersChunks(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        loop.callLater(0.1, () -> r.feedData(b("ab")));
        loop.callLater(0.2, () -> r.feedData(b("cd")));
        loop.callLater(0.3, () -> r.feedData(b("efgh")));
        assertEquals("abcdef", s(r.readExactly(6)));
        assertEquals(0.3, loop.time(), 1e-9);
        assertEquals("gh", s(r.readExactly(2)));
        assertEquals(0, r.readExactly(0).length);
    }

    @AioTest
    void readExactlyAtEofRaisesIncompleteReadErrorWithThePartialBytes(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("abc"));
        loop.callLater(0.1, r::feedEof);
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readExactly(5));
        assertEquals("abc", s(e.partial()));
        assertEquals(5, e.expected());
        assertEquals("3 bytes read on a total of 5 expected bytes", e.getMessage());
        assertTrue(r.atEof());
    }

    @AioTest
    void readExactlyRejectsANegativeSize(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readExactly(-1));
        assertEquals("readexactly size can not be less than zero", e.getMessage());
    }

    @AioTest
    void readExactlyBeyondTwiceTheLimitResumesThePausedTransport(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(4, loop);
        FakeReadTransport t = new FakeReadTransport();
        r.setTransport(t);
        r.feedData(b("012345678")); // 9 > 2 * 4: pause
        assertEquals(List.of("pause"), t.calls);
        loop.callLater(0.1, () -> r.feedData(b("9abcdefghij")));
        assertEquals("0123456789abcdefghij", s(r.readExactly(20)));
        // Waiting while paused resumes (else it would wait forever); the second chunk pauses again, and
        // taking the 20 bytes resumes.
        assertEquals(List.of("pause", "resume", "pause", "resume"), t.calls);
        r.feedData(b("k"));
        assertEquals("k", s(r.read(1)));
        assertEquals(List.of("pause", "resume", "pause", "resume"), t.calls);
    }

    // ---- flow control --------------------------------------------------------------------------

    @AioTest
    void pausesAbove2xLimitAndResumesAtTheLimit(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(4, loop);
        FakeReadTransport t = new FakeReadTransport();
        r.setTransport(t);
        r.feedData(b("01234567")); // 8 == 2 * limit: not yet
        assertEquals(List.of(), t.calls);
        r.feedData(b("8"));
        assertEquals(List.of("pause"), t.calls);
        r.feedData(b("9"));
        assertEquals(List.of("pause"), t.calls, "paused once");
        assertEquals("01234", s(r.read(5))); // 5 left > limit
        assertEquals(List.of("pause"), t.calls);
        assertEquals("5", s(r.read(1))); // 4 left == limit
        assertEquals(List.of("pause", "resume"), t.calls);
    }

    @AioTest
    void aTransportThatCannotPauseIsForgotten(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(1, loop);
        r.setTransport(new FakeReadTransport() {
            @Override
            public void pauseReading() {
                throw new UnsupportedOperationException();
            }
        });
        r.feedData(b("abc"));
        r.feedData(b("def"));
        assertEquals("abcdef", s(r.read(10)));
    }

    @AioTest
    void setTransportTwiceIsAnError(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.setTransport(new FakeReadTransport());
        assertEquals("Transport already set",
                assertThrows(IllegalStateException.class, () -> r.setTransport(new FakeReadTransport())).getMessage());
    }

    // ---- one reader at a time; cancellation ----------------------------------------------------

    @AioTest
    void asecondReaderIsAClearError(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        Task<byte[]> first = Aio.createTask(() -> r.readline());
        Aio.sleep(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.read(1));
        assertEquals("read() called while another task is already waiting for incoming data", e.getMessage());
        assertEquals("readExactly() called while another task is already waiting for incoming data",
                assertThrows(IllegalStateException.class, () -> r.readExactly(1)).getMessage());
        assertEquals("readUntil() called while another task is already waiting for incoming data",
                assertThrows(IllegalStateException.class, () -> r.readUntil(b(";"))).getMessage());
        r.feedData(b("ok\n"));
        assertEquals("ok\n", s(Aio.await(first)));
    }

    @AioTest
    void aCancelledReadExactlyLeavesEveryByteBuffered(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("0123"));
        Task<byte[]> reader = Aio.createTask(() -> r.readExactly(10));
        Aio.sleep(0.1);
        r.feedData(b("45"));
        Aio.sleep(0); // the reader wakes, finds 6 of 10, and waits again
        reader.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(reader));
        r.feedData(b("6789"));
        assertEquals("0123456789", s(r.readExactly(10)));
    }

    @AioTest
    void aCancelledReadlineCanBeRetried(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("par"));
        Task<byte[]> reader = Aio.createTask(() -> r.readline());
        Aio.sleep(0.1);
        reader.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(reader));
        r.feedData(b("tial\n"));
        assertEquals("partial\n", s(r.readline()));
    }

    @AioTest
    void aReadThatTimesOutLeavesTheBufferAlone(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("no newline yet"));
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> r.readline(), 5.0));
        assertEquals(5.0, loop.time(), 1e-9);
        r.feedData(b("\n"));
        assertEquals("no newline yet\n", s(r.readline()));
    }

    // ---- the protocol's side -------------------------------------------------------------------

    @AioTest
    void getBufferThenBufferUpdatedAppends(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(b("ab"));
        ByteBuffer buf = r.getBuffer(100_000);
        assertTrue(buf.remaining() >= 100_000);
        buf.put(b("cdef"));
        r.bufferUpdated(4);
        assertEquals("abcdef", s(r.read(100)));
        ByteBuffer again = r.getBuffer(-1);
        assertTrue(again.remaining() >= 16 * 1024, "at least 16 KiB: " + again.remaining());
    }

    @AioTest
    void aReaderHoldsMemoryOnlyForUnreadBytes(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        assertEquals(0, r.capacity(), "nothing before the first byte");
        ByteBuffer buf = r.getBuffer(-1);
        assertTrue(buf.remaining() >= 256 * 1024, "a socket read may take up to 256 KiB: " + buf.remaining());
        buf.put(b("0123456789"));
        r.bufferUpdated(10);
        assertEquals(256, r.capacity(), "ten bytes are kept in a small array, not in a 256 KiB one");
        assertEquals("01234", s(r.read(5)));
        assertEquals(256, r.capacity());
        assertEquals("56789", s(r.read(5)));
        assertEquals(0, r.capacity(), "every byte read: the array goes");
    }

    @AioTest
    void readersOfOneThreadShareTheStagingBufferWithoutMixingBytes(SelectorEventLoop loop) throws Exception {
        StreamReader a = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReader b = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        ByteBuffer forA = a.getBuffer(-1);
        forA.put(b("for a"));
        a.bufferUpdated(5);
        ByteBuffer forB = b.getBuffer(-1);
        assertSame(forA, forB, "one staging buffer per loop thread");
        forB.put(b("for b!"));
        b.bufferUpdated(6);
        assertEquals("for a", s(a.read(100)));
        assertEquals("for b!", s(b.read(100)));
        assertEquals("bufferUpdated(1) without getBuffer()",
                assertThrows(IllegalStateException.class, () -> a.bufferUpdated(1)).getMessage());
    }

    @AioTest
    void feedDataAfterEofIsAnError(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedEof();
        assertThrows(IllegalStateException.class, () -> r.feedData(b("x")));
    }

    @AioTest
    void feedingNothingChangesNothing(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(new byte[0]);
        r.feedEof();
        assertTrue(r.atEof());
        assertEquals(0, r.read(5).length);
    }

    @AioTest
    void manyChunksThroughOneBufferKeepTheirOrder(SelectorEventLoop loop) throws Exception {
        StreamReader r = new StreamReader(1024, loop);
        byte[] expected = new byte[300_000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 31 + 7);
        }
        Task<byte[]> all = Aio.createTask(() -> r.readExactly(expected.length));
        for (int off = 0; off < expected.length; off += 777) {
            r.feedData(ByteBuffer.wrap(expected, off, Math.min(777, expected.length - off)));
            if (off % 7770 == 0) {
                Aio.sleep(0);
            }
        }
        assertArrayEquals(expected, Aio.await(all));
    }

    @AioTest
    void limitMustBePositive(SelectorEventLoop loop) {
        assertEquals("Limit cannot be <= 0",
                assertThrows(IllegalArgumentException.class, () -> new StreamReader(0, loop)).getMessage());
    }

    @AioTest
    void toStringShowsTheState(SelectorEventLoop loop) {
        StreamReader r = new StreamReader(10, loop);
        r.feedData(b("abc"));
        r.feedEof();
        assertEquals("<StreamReader 3 bytes eof limit=10>", r.toString());
    }
}
