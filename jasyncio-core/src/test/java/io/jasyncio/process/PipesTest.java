package io.jasyncio.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadPipeConnection;
import io.jasyncio.net.ReadPipeProtocol;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.net.WritePipeConnection;
import io.jasyncio.net.WritePipeProtocol;
import io.jasyncio.net.WriteTransport;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** {@code connectReadPipe}/{@code connectWritePipe} and the streams on them, over real OS pipes. */
class PipesTest {

    /** Records a read pipe's events ("made", "data", "eof", "lost null"; consecutive data is one "data"). */
    static final class ReadRecorder implements ReadPipeProtocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Future<Throwable> lost;
        ReadTransport transport;

        ReadRecorder(SelectorEventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(ReadTransport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bytes.writeBytes(b);
            if (!events.getLast().equals("data")) {
                events.add("data");
            }
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return true; // ignored for a pipe
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost " + (error == null ? "null" : error.getMessage()));
            lost.setResult(error);
        }
    }

    /** Records a write pipe's flow control and end. */
    static final class WriteRecorder implements WritePipeProtocol {
        final List<String> events = new ArrayList<>();
        final Future<Throwable> lost;
        WriteTransport transport;

        WriteRecorder(SelectorEventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(WriteTransport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void pauseWriting() {
            events.add("paused");
        }

        @Override
        public void resumeWriting() {
            events.add("resumed");
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost " + (error == null ? "null" : error.getMessage()));
            lost.setResult(error);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    @AioTest(virtualTime = false)
    void aWritePipeFeedsAReadPipeEveryByteInOrderWithFlowControl(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        byte[] payload = randomBytes(1 << 20);
        ReadRecorder reader = new ReadRecorder(loop);
        ReadPipeConnection<ReadRecorder> in =
                loop.connectReadPipe(() -> reader, Channels.newInputStream(pipe.source()));
        assertSame(reader, in.protocol());
        assertSame(in.transport(), reader.transport);
        assertEquals(List.of("made"), reader.events, "connectionMade ran before the call returned");
        assertTrue(in.transport().getExtraInfo("pipe") instanceof InputStream);

        WriteRecorder writer = new WriteRecorder(loop);
        WritePipeConnection<WriteRecorder> out =
                loop.connectWritePipe(() -> writer, Channels.newOutputStream(pipe.sink()));
        assertEquals(List.of("made"), writer.events);
        WriteTransport t = out.transport();
        t.write(payload);
        assertEquals(payload.length, t.getWriteBufferSize());
        assertEquals(List.of("made", "paused"), writer.events, "1 MiB is above the 64 KiB high-water mark");
        assertTrue(t.isWritingPaused());
        assertTrue(t.canWriteEof());
        t.writeEof();
        assertTrue(t.isClosing());
        assertThrows(IllegalStateException.class, () -> t.write(new byte[1]));

        assertEquals(null, Aio.await(reader.lost));
        assertEquals(null, Aio.await(writer.lost));
        assertArrayEquals(payload, reader.bytes.toByteArray());
        assertEquals(List.of("made", "data", "eof", "lost null"), reader.events);
        assertEquals(List.of("made", "paused", "resumed", "lost null"), writer.events);
        assertEquals(0, t.getWriteBufferSize());
    }

    @AioTest(virtualTime = false)
    void closingAReadPipeLosesTheConnectionOnceWithoutEof(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        ReadRecorder reader = new ReadRecorder(loop);
        ReadPipeConnection<ReadRecorder> in =
                loop.connectReadPipe(() -> reader, Channels.newInputStream(pipe.source()));
        pipe.sink().write(ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < 500 && reader.bytes.size() < 5; i++) {
            Aio.sleep(0.01);
        }
        in.transport().close();
        assertTrue(in.transport().isClosing());
        assertFalse(in.transport().isReading());
        in.transport().close();
        assertEquals(null, Aio.await(reader.lost));
        Aio.sleep(0.05);
        assertEquals(List.of("made", "data", "lost null"), reader.events);
        assertEquals("first", reader.bytes.toString(StandardCharsets.US_ASCII));
        // The pipe was closed with the transport: the writer's next write is a broken pipe.
        assertThrows(IOException.class, () -> pipe.sink().write(ByteBuffer.wrap(new byte[] {1})));
    }

    @AioTest(virtualTime = false)
    void aReadErrorIsReportedAndEndsTheConnectionWithIt(SelectorEventLoop loop) throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    b[off] = 'x';
                    return 1;
                }
                throw new IOException("device gone");
            }
        };
        ReadRecorder reader = new ReadRecorder(loop);
        loop.connectReadPipe(() -> reader, failing);
        Throwable error = Aio.await(reader.lost);
        assertEquals("device gone", error.getMessage());
        assertEquals(List.of("made", "data", "lost device gone"), reader.events);
        assertEquals(1, reports.size());
        assertEquals("Fatal read error on pipe transport", reports.get(0).message());
        assertSame(error, reports.get(0).exception());
    }

    @AioTest(virtualTime = false)
    void writingToAPipeWhoseReaderIsGoneLosesTheConnectionWithBrokenPipe(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().close();
        WriteRecorder writer = new WriteRecorder(loop);
        WritePipeConnection<WriteRecorder> out =
                loop.connectWritePipe(() -> writer, Channels.newOutputStream(pipe.sink()));
        out.transport().write("lost".getBytes(StandardCharsets.US_ASCII));
        Throwable error = Aio.await(writer.lost);
        assertEquals("Broken pipe", error.getMessage());
        assertEquals(List.of("made", "lost Broken pipe"), writer.events);
        assertEquals(0, out.transport().getWriteBufferSize());
    }

    @AioTest(virtualTime = false)
    void streamsOnPipesReadLinesAndSeeTheEnd(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        StreamReader reader = Pipes.openReadPipe(Channels.newInputStream(pipe.source()));
        StreamWriter writer = Pipes.openWritePipe(Channels.newOutputStream(pipe.sink()));
        writer.write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
        writer.drain();
        assertEquals("one\n", new String(reader.readline(), StandardCharsets.US_ASCII));
        writer.write("three".getBytes(StandardCharsets.US_ASCII));
        writer.close();
        assertTrue(writer.isClosing());
        writer.waitClosed();
        assertEquals("two\n", new String(reader.readline(), StandardCharsets.US_ASCII));
        assertEquals("three", new String(reader.readline(), StandardCharsets.US_ASCII));
        assertEquals(0, reader.readline().length);
        assertTrue(reader.atEof());
    }

    @AioTest(virtualTime = false)
    void asyncioIdiomAStreamReaderProtocolOnAReadPipe(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        StreamReader reader = new StreamReader();
        ReadPipeConnection<StreamReaderProtocol> c =
                loop.connectReadPipe(() -> new StreamReaderProtocol(reader), Channels.newInputStream(pipe.source()));
        assertSame(c.transport(), reader.transport());
        pipe.sink().write(ByteBuffer.wrap("a:b".getBytes(StandardCharsets.US_ASCII)));
        pipe.sink().close();
        assertEquals("a:", new String(reader.readUntil(":".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
        assertEquals("b", new String(reader.read(-1), StandardCharsets.US_ASCII));
        assertTrue(reader.atEof());
        assertEquals(null, c.protocol().streamWriter());
    }

    @AioTest(virtualTime = false)
    void aStreamWriterDrainsAgainstASlowReaderAndTheReaderLimitPausesThePipe(SelectorEventLoop loop)
            throws Exception {
        Pipe pipe = Pipe.open();
        byte[] payload = randomBytes(4 << 20);
        StreamReader reader = Pipes.openReadPipe(Channels.newInputStream(pipe.source()), 4096);
        StreamWriter writer = Pipes.openWritePipe(Channels.newOutputStream(pipe.sink()));
        var producer = loop.createTask(() -> {
            for (int off = 0; off < payload.length; off += 100_000) {
                writer.write(payload, off, Math.min(100_000, payload.length - off));
                writer.drain();
                assertTrue(writer.transport().getWriteBufferSize() <= 64 * 1024 + 100_000);
            }
            writer.close();
            writer.waitClosed();
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean sawPaused = false;
        byte[] chunk;
        while ((chunk = reader.read(7000)).length > 0) {
            sawPaused |= !reader.transport().isReading() && !reader.transport().isClosing();
            got.writeBytes(chunk);
            if (got.size() % 3 == 0) {
                Aio.sleep(0.001); // a slow reader
            }
        }
        Aio.await(producer);
        assertArrayEquals(payload, got.toByteArray());
        assertTrue(sawPaused, "more than twice the 4 KiB limit buffered pauses the pipe");
    }

    @AioTest(virtualTime = false)
    void aStreamWriterOnABrokenPipeRaisesFromWaitClosedAndDrain(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().close();
        StreamWriter writer = Pipes.openWritePipe(Channels.newOutputStream(pipe.sink()));
        writer.write(new byte[10]);
        IOException e = assertThrows(IOException.class, writer::waitClosed);
        assertEquals("Broken pipe", e.getMessage());
        assertThrows(SocketException.class, writer::drain);
    }

    @AioTest(virtualTime = false)
    void closingAStreamReadersTransportEndsTheStream(SelectorEventLoop loop) throws Exception {
        Pipe pipe = Pipe.open();
        StreamReader reader = Pipes.openReadPipe(Channels.newInputStream(pipe.source()));
        OutputStream sink = Channels.newOutputStream(pipe.sink());
        sink.write("partial".getBytes(StandardCharsets.US_ASCII));
        assertEquals("partial", new String(reader.read(100), StandardCharsets.US_ASCII));
        reader.transport().close();
        assertEquals(0, reader.read(100).length);
        assertTrue(reader.atEof());
    }
}
