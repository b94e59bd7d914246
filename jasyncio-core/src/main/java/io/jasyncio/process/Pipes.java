package io.jasyncio.process;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadPipeConnection;
import io.jasyncio.net.ReadPipeProtocol;
import io.jasyncio.net.WritePipeConnection;
import io.jasyncio.net.WritePipeProtocol;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code loop.connect_read_pipe} and {@code loop.connect_write_pipe}, and streams on them: a
 * transport over any blocking {@link InputStream} or {@link OutputStream} (standard input and output, a
 * FIFO opened with {@code FileInputStream}, an OS pipe from {@code java.nio.channels.Pipe} through
 * {@code Channels.newInputStream}), so that a task reads and writes it without blocking the loop.
 *
 * <p>As for a child's pipes, a virtual thread owns the blocking stream and hands chunks to the loop in
 * order; reading is paused by not reading (the writer then blocks on a full pipe) and writing is flow
 * controlled with asyncio's water marks. Closing a transport closes its stream, as asyncio closes the
 * pipe. Call these in a task on the running loop.
 */
public final class Pipes {

    private Pipes() {
    }

    /**
     * Reads {@code pipe} with a protocol from {@code factory} (asyncio {@code connect_read_pipe}): the
     * protocol's {@code connectionMade}, then {@code dataReceived} per chunk, then at the end of the stream
     * {@code eofReceived} and {@code connectionLost(null)}. A read error is reported to the loop's exception
     * handler ("Fatal read error on pipe transport") and ends the connection with it. Suspends until
     * {@code connectionMade} ran; cancellable (the transport is closed).
     */
    public static <P extends ReadPipeProtocol> ReadPipeConnection<P> connectReadPipe(SelectorEventLoop loop,
            Supplier<? extends P> factory, InputStream pipe) {
        Objects.requireNonNull(pipe, "pipe");
        P protocol = factory.get();
        ProtocolReader sink = new ProtocolReader(loop, protocol);
        ReadPipeTransport transport = new ReadPipeTransport(loop, sink, 0, pipe, "read-pipe");
        sink.transport = transport;
        Future<Void> waiter = loop.createFuture();
        // As asyncio: connectionMade, then reading starts, then the caller resumes.
        loop.callSoon(() -> protocol.connectionMade(transport));
        loop.callSoon(transport::start);
        loop.callSoon(() -> setResultUnlessDone(waiter));
        try {
            Aio.await(waiter);
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new ReadPipeConnection<>(transport, protocol);
    }

    /**
     * Writes to {@code pipe} with a protocol from {@code factory} (asyncio {@code connect_write_pipe}):
     * {@code write} never blocks, {@code pauseWriting}/{@code resumeWriting} follow the water marks,
     * {@code writeEof} and {@code close} close the pipe once everything queued is written, and a write
     * error (the reader went away: "Broken pipe") ends the connection with it. Suspends until
     * {@code connectionMade} ran; cancellable (the transport is closed).
     */
    public static <P extends WritePipeProtocol> WritePipeConnection<P> connectWritePipe(SelectorEventLoop loop,
            Supplier<? extends P> factory, OutputStream pipe) {
        Objects.requireNonNull(pipe, "pipe");
        P protocol = factory.get();
        WritePipeTransport transport = new WritePipeTransport(loop, new ProtocolWriter(protocol), pipe, "write-pipe");
        transport.start();
        Future<Void> waiter = loop.createFuture();
        loop.callSoon(() -> protocol.connectionMade(transport));
        loop.callSoon(() -> setResultUnlessDone(waiter));
        try {
            Aio.await(waiter);
        } catch (Throwable e) {
            transport.abort();
            throw e;
        }
        return new WritePipeConnection<>(transport, protocol);
    }

    /**
     * A {@link StreamReader} on {@code pipe} with the default 64 KiB limit: the stream form of
     * {@link #connectReadPipe}, that is {@code connectReadPipe} with a {@link StreamReaderProtocol}, as in
     * asyncio.
     * Its {@link StreamReader#transport()} closes the pipe early. Suspends one loop iteration.
     */
    public static StreamReader openReadPipe(InputStream pipe) {
        return openReadPipe(pipe, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #openReadPipe(InputStream)} with the reader's {@code limit}. */
    public static StreamReader openReadPipe(InputStream pipe, int limit) {
        SelectorEventLoop loop = Aio.getRunningLoop();
        StreamReader reader = new StreamReader(limit, loop);
        connectReadPipe(loop, () -> new StreamReaderProtocol(reader, null, loop), pipe);
        return reader;
    }

    /**
     * A {@link StreamWriter} on {@code pipe}: the stream form of {@link #connectWritePipe}. {@code drain}
     * follows the pipe's flow control, {@code close} closes the pipe after the queued bytes, and
     * {@code waitClosed} waits for that and raises the pipe's write error. Suspends one loop iteration.
     */
    public static StreamWriter openWritePipe(OutputStream pipe) {
        SelectorEventLoop loop = Aio.getRunningLoop();
        WritePipeConnection<WritePipeStreamProtocol> c =
                connectWritePipe(loop, () -> new WritePipeStreamProtocol(loop), pipe);
        return c.protocol().writer();
    }

    private static void setResultUnlessDone(Future<Void> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    /** Delivers a read pipe's events to its protocol, as asyncio's {@code _UnixReadPipeTransport} does. */
    private static final class ProtocolReader implements ReadPipeTransport.Sink {
        private final SelectorEventLoop loop;
        private final ReadPipeProtocol protocol;
        ReadPipeTransport transport;

        ProtocolReader(SelectorEventLoop loop, ReadPipeProtocol protocol) {
            this.loop = loop;
            this.protocol = protocol;
        }

        @Override
        public void pipeDataReceived(int fd, ByteBuffer data) {
            protocol.dataReceived(data);
        }

        @Override
        public void pipeEof(int fd) {
            // asyncio calls eof_received in a callback of its own: its error does not stop connection_lost.
            try {
                protocol.eofReceived();
            } catch (RuntimeException e) {
                loop.callExceptionHandler(ExceptionContext.of("Exception in callback " + protocol + ".eofReceived()", e)
                        .with("transport", transport).with("protocol", protocol));
            }
        }

        @Override
        public void pipeConnectionLost(int fd, Throwable error) {
            if (error != null) {
                loop.callExceptionHandler(ExceptionContext.of("Fatal read error on pipe transport", error)
                        .with("transport", transport).with("protocol", protocol));
            }
            protocol.connectionLost(error);
        }

        @Override
        public void pipeClosing(int fd) {
            // Nothing to tell: connectionLost(null) follows.
        }
    }

    /** Delivers a write pipe's flow control and end to its protocol. */
    private record ProtocolWriter(WritePipeProtocol protocol) implements WritePipeTransport.Sink {
        @Override
        public void pauseWriting() {
            protocol.pauseWriting();
        }

        @Override
        public void resumeWriting() {
            protocol.resumeWriting();
        }

        @Override
        public void pipeConnectionLost(int fd, Throwable error) {
            protocol.connectionLost(error);
        }
    }
}
