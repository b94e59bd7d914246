package io.jasyncio.net;

import io.jasyncio.Future;
import io.jasyncio.internal.ReadBuffers;
import io.jasyncio.internal.SocketIo;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * A stream transport over a non-blocking {@link SocketChannel}, TCP or Unix domain (asyncio's
 * {@code _SelectorSocketTransport}). Made by {@code createConnection}, {@code createServer} and their
 * Unix variants; not thread-safe, use it on its loop's thread. Nothing here suspends.
 *
 * <ul>
 *   <li>Reading: while reading is on, each readiness event reads once, into a buffer the loop thread
 *       reuses for every connection, and calls {@link Protocol#dataReceived}; a {@link BufferedProtocol}
 *       gets the bytes read straight into its own buffer instead. End of stream calls
 *       {@code eofReceived}, which closes the transport unless it returns {@code true}.</li>
 *   <li>Writing: the first {@link #write} of a loop iteration tries the socket at once and copies only
 *       what it does not take into the write buffer, which is flushed when the socket is writable. Later
 *       writes in the same iteration (a broker fanning out a burst, a server answering pipelined
 *       requests) are copied into the buffer and sent together by one gathering write at the start of
 *       the next iteration, so a burst of small writes costs a few system calls instead of one each;
 *       {@link #writelines} sends its buffers in one gathering write. Above the high-water mark (64 KiB by
 *       default) the protocol's {@code pauseWriting} is called, at or below the low one (16 KiB)
 *       {@code resumeWriting}.</li>
 *   <li>Closing: {@link #close} stops reading, sends what is buffered, then closes the socket and calls
 *       {@code connectionLost(null)}; {@link #abort} drops the buffer and resets a TCP connection;
 *       {@link #writeEof} shuts down the sending side once the buffer is empty. An I/O error closes this
 *       connection only, with {@code connectionLost(error)}.</li>
 * </ul>
 */
public final class SocketTransport extends SelectorTransport<SocketChannel> implements Transport {

    private final boolean tcp;
    private final SocketAddress sockname;
    private final SocketAddress peername;
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;
    private final Runnable onFlush = this::flushDeferred;
    private ConnectionProtocol protocol;
    private BufferedProtocol buffered;
    /** The loop thread's receive buffers, once the first read looked them up. */
    private ReadBuffers readBuffers;
    /** The loop thread's socket reads and writes, once asked for. */
    private SocketIo io;
    private Server server;
    private final WriteBuffer buffer = new WriteBuffer();
    private int high = 64 * 1024;
    private int low = 16 * 1024;
    private boolean protocolPaused;
    /** The loop iteration of the last write that went to the socket at once. */
    private long sentInIteration = -1;
    /** A flush of the writes of this iteration is scheduled for the next one. */
    private boolean flushScheduled;
    /** writeEof() was called. */
    private boolean eof;
    /** Completed when the write buffer is next empty (for sendfile); failed if the connection is lost first. */
    private Future<Void> emptyWaiter;
    /** A sendfile owns the socket: write() raises. */
    private boolean sendfileInProgress;
    /** pauseReading() is in force. */
    private boolean paused;
    /** The peer sent EOF; reading stays off. */
    private boolean eofReceived;
    /** close() was called by the user: later writes raise. */
    private boolean closeCalled;
    private boolean reset;
    private Throwable madeError;

    /**
     * Wraps a connected {@code channel} (asyncio's {@code _make_socket_transport}): schedules
     * {@code protocol.connectionMade(this)}, then starts reading, then completes {@code waiter} (if not
     * {@code null} and not cancelled) so that whoever awaits it runs after {@code connectionMade}.
     * {@code server} (may be {@code null}) counts this connection until it is lost. Turns on
     * {@code TCP_NODELAY} for TCP, as asyncio does.
     */
    public SocketTransport(SelectorEventLoop loop, SocketChannel channel, ConnectionProtocol protocol,
                           Future<Void> waiter, Server server) {
        super(loop, channel);
        this.sockname = localAddress(channel);
        this.peername = remoteAddress(channel);
        this.tcp = sockname instanceof java.net.InetSocketAddress || peername instanceof java.net.InetSocketAddress;
        try {
            if (channel.isBlocking()) {
                channel.configureBlocking(false);
            }
            if (tcp) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // A socket that fails here is dead; the first read or write reports it to the protocol.
        }
        setProtocol(protocol);
        this.server = server;
        if (server != null) {
            server.attach(this);
        }
        // One callback, in asyncio's order: connectionMade, then reading, then the waiter.
        loop.callSoon(() -> start(waiter));
    }

    private void start(Future<Void> waiter) {
        connectionMade();
        startReading();
        if (waiter != null && !waiter.done()) {
            if (madeError != null) {
                waiter.setException(madeError);
            } else {
                waiter.setResult(null);
            }
        }
    }

    private static SocketAddress localAddress(SocketChannel ch) {
        try {
            return ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static SocketAddress remoteAddress(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private void connectionMade() {
        if (closing) {
            // Closed before the protocol heard of it (a cancelled createConnection): it hears nothing.
            return;
        }
        made = true;
        try {
            protocol.connectionMade(this);
        } catch (RuntimeException | Error e) {
            madeError = e;
            fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
        }
    }

    private void startReading() {
        if (!closing && !paused && !eofReceived) {
            loop.addReader(channel, onReadable);
        }
    }

    // ---- protocol ------------------------------------------------------------------------------

    /** Replaces the protocol (asyncio {@code set_protocol}); the next read goes to the new one. */
    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        if (!(protocol instanceof Protocol) && !(protocol instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("a stream transport needs a Protocol or a BufferedProtocol: " + protocol);
        }
        this.protocol = protocol;
        this.buffered = protocol instanceof BufferedProtocol bp ? bp : null;
    }

    /** The protocol (asyncio {@code get_protocol}). */
    @Override
    public ConnectionProtocol getProtocol() {
        return protocol;
    }

    // ---- reading -------------------------------------------------------------------------------

    /** The socket I/O of the loop thread (asked for once: calls come from the loop's thread, or in turn with it). */
    private SocketIo io() {
        SocketIo i = io;
        return i != null ? i : (io = SocketIo.ofThisThread());
    }

    private void readReady() {
        if (connLost > 0) {
            return;
        }
        BufferedProtocol bp = buffered;
        if (bp != null) {
            readIntoProtocol(bp);
            return;
        }
        ReadBuffers rb = readBuffers;
        if (rb == null) {
            readBuffers = rb = ReadBuffers.ofThisThread(); // reads run on the loop thread only
        }
        ByteBuffer buf = rb.lend(ReadBuffers.SIZE);
        int n;
        try {
            n = io().read(channel, buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return;
        }
        if (n < 0) {
            readEof();
            return;
        }
        if (n == 0) {
            return;
        }
        buf.flip();
        try {
            ((Protocol) protocol).dataReceived(buf);
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.dataReceived() call failed.");
        }
    }

    private void readIntoProtocol(BufferedProtocol bp) {
        ByteBuffer buf;
        try {
            buf = bp.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new IllegalStateException("getBuffer() returned an empty buffer");
            }
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.getBuffer() call failed.");
            return;
        }
        int n;
        try {
            n = io().read(channel, buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return;
        }
        if (n < 0) {
            readEof();
            return;
        }
        if (n == 0) {
            return;
        }
        try {
            bp.bufferUpdated(n);
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.bufferUpdated() call failed.");
        }
    }

    private void readEof() {
        if (loop.getDebug()) {
            loop.logger().log(Level.DEBUG, this + " received EOF");
        }
        eofReceived = true;
        boolean keepOpen;
        try {
            keepOpen = protocol.eofReceived();
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        if (keepOpen) {
            // The protocol may still write, but nothing more can be read.
            loop.removeReader(channel);
        } else {
            startClosing();
        }
    }

    /** Whether data is being delivered (asyncio {@code is_reading}): not paused and not closing. */
    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    /**
     * Stops reading from the socket until {@link #resumeReading()} (asyncio {@code pause_reading}); the
     * kernel's receive buffer then fills and TCP slows the peer down. Does nothing if not reading.
     */
    @Override
    public void pauseReading() {
        if (closing || paused) {
            return;
        }
        paused = true;
        loop.removeReader(channel);
    }

    /** Starts reading again (asyncio {@code resume_reading}). Does nothing if not paused or closing. */
    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        startReading();
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * Sends the remaining bytes of {@code data} (asyncio {@code write}): straight to the socket if nothing
     * is buffered and this is the connection's first write in this loop iteration, the rest copied into
     * the write buffer (later writes of the iteration go out together at the start of the next one); the
     * caller may reuse {@code data} on return. Raises {@link IllegalStateException} after
     * {@link #writeEof()} or {@link #close()}. After the connection is lost, writes are silently dropped
     * (a warning is logged after a few).
     */
    @Override
    public void write(ByteBuffer data) {
        if (!writable() || !data.hasRemaining()) {
            return;
        }
        if (buffer.isEmpty() && !holdBack()) {
            try {
                io().write(channel, data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        int before = buffer.size();
        buffer.append(data);
        flushIfFull(before);
        maybePauseProtocol();
    }

    /**
     * Sends each buffer in turn (asyncio {@code writelines}), as {@link #write} does, but in one gathering
     * write when it goes to the socket at once: a length prefix and its payload leave in one segment.
     */
    @Override
    public void writelines(List<ByteBuffer> data) {
        if (!writable() || data.isEmpty()) {
            return;
        }
        if (buffer.isEmpty() && !holdBack()) {
            ByteBuffer[] all = data.toArray(new ByteBuffer[0]);
            try {
                channel.write(all);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!anyRemaining(all)) {
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        int before = buffer.size();
        for (ByteBuffer b : data) {
            buffer.append(b);
        }
        flushIfFull(before);
        maybePauseProtocol();
    }

    /**
     * Writes held back for the next iteration go out at once when they pass the high-water mark (the
     * buffer held {@code before} bytes), so that the protocol is paused only when the socket refuses
     * bytes, as in asyncio, never because of the holding back.
     */
    private void flushIfFull(int before) {
        if (!flushScheduled || before > high || buffer.size() <= high) {
            return;
        }
        flushNow();
    }

    /**
     * Sends what the buffer holds, as much as the socket takes, and watches for writability if it refused
     * some; {@code false} after a fatal write error (the buffer is then dropped).
     */
    private boolean flushNow() {
        try {
            buffer.flushTo(channel);
        } catch (IOException e) {
            buffer.clear();
            fatalError(e, "Fatal write error on socket transport");
            return false;
        }
        if (!buffer.isEmpty()) {
            loop.addWriter(channel, onWritable);
        }
        return true;
    }

    /** Checks that writing is allowed; {@code false} (and counted) once the connection is lost. */
    private boolean writable() {
        if (sendfileInProgress) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        if (eof) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (closeCalled) {
            throw new IllegalStateException("Cannot call write() after close()");
        }
        return !lostForWriting();
    }

    private static boolean anyRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a write finding the buffer empty must wait for the next iteration: the connection already
     * wrote to the socket in this one, so the write joins the flush scheduled for the next; otherwise it
     * is this iteration's first and goes to the socket now (recorded as such).
     */
    private boolean holdBack() {
        long iteration = loop.iterations();
        if (sentInIteration != iteration) {
            sentInIteration = iteration;
            return false;
        }
        if (!flushScheduled) {
            flushScheduled = true;
            loop.callSoon(onFlush);
        }
        return true;
    }

    /** Sends what the writes of the last iteration buffered, in one gathering write. */
    private void flushDeferred() {
        flushScheduled = false;
        if (connLost > 0 || buffer.isEmpty()) {
            return;
        }
        sentInIteration = loop.iterations();
        if (flushNow()) {
            flushed();
        }
    }

    private void writeReady() {
        if (connLost > 0 || buffer.isEmpty()) {
            return;
        }
        try {
            buffer.flushTo(channel);
        } catch (IOException e) {
            loop.removeWriter(channel);
            buffer.clear();
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        flushed();
    }

    /** After a flush: resumes the protocol below the low-water mark; once all is sent, closes if asked to. */
    private void flushed() {
        maybeResumeProtocol(); // may write more
        if (buffer.isEmpty() && connLost == 0) {
            loop.removeWriter(channel);
            settleEmptyWaiter(null);
            if (!flushedWhileClosing() && eof) {
                shutdownOutput();
            }
        }
    }

    /**
     * Half-closes: once the write buffer is sent, shuts down the sending side, so the peer reads end of
     * stream while this side can still receive (asyncio {@code write_eof}). Later writes raise.
     */
    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on socket transport: shutdownOutput failed");
        }
    }

    /** Always {@code true}: TCP and Unix sockets can half-close. */
    @Override
    public boolean canWriteEof() {
        return true;
    }

    /** Whether the protocol was told to pause writing and not yet to resume. */
    @Override
    public boolean isWritingPaused() {
        return protocolPaused;
    }

    /** Bytes accepted by {@link #write} that the socket has not taken yet (asyncio {@code get_write_buffer_size}). */
    @Override
    public int getWriteBufferSize() {
        return buffer.size();
    }

    /**
     * Sets the water marks (asyncio {@code set_write_buffer_limits}): {@code high} {@code null} means
     * 64 KiB, or four times {@code low}; {@code low} {@code null} means a quarter of {@code high}.
     */
    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        WaterMarks marks = WaterMarks.of(high, low);
        this.high = marks.high();
        this.low = marks.low();
        maybePauseProtocol();
    }

    /** The water marks as {@code [low, high]} (asyncio {@code get_write_buffer_limits}). */
    @Override
    public int[] getWriteBufferLimits() {
        return new int[] {low, high};
    }

    private void maybePauseProtocol() {
        if (!protocolPaused && buffer.size() > high) {
            protocolPaused = true;
            ProtocolCalls.pauseWriting(loop, this, protocol);
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && buffer.size() <= low) {
            protocolPaused = false;
            ProtocolCalls.resumeWriting(loop, this, protocol);
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    /** Whether {@link #close()} or {@link #abort()} was called or the connection broke (asyncio {@code is_closing}). */
    @Override
    public boolean isClosing() {
        return closing;
    }

    /**
     * Closes (asyncio {@code close}): stops reading, sends the buffered bytes, then closes the socket and
     * calls {@code connectionLost(null)} on a later loop iteration. Calling it again does nothing.
     */
    @Override
    public void close() {
        closeCalled = true;
        startClosing();
    }

    /**
     * Closes at once (asyncio {@code abort}): drops the write buffer and the data not yet read; a TCP
     * peer sees a reset. {@code connectionLost(null)} follows on a later loop iteration.
     */
    @Override
    public void abort() {
        if (connLost == 0 && tcp) {
            reset = true;
        }
        forceClose(null);
    }

    /**
     * Handles an error that ends this connection (asyncio {@code _fatal_error}): I/O errors are the
     * peer's doing and are only logged in debug mode; anything else is a bug and goes to the loop's
     * exception handler. Either way the protocol's {@code connectionLost(error)} follows.
     */
    private void fatalError(Throwable error, String message) {
        if (error instanceof IOException) {
            if (loop.getDebug()) {
                loop.logger().log(Level.DEBUG, this + ": " + message, error);
            }
        } else {
            loop.callExceptionHandler(ExceptionContext.of(message, error)
                    .with("transport", this).with("protocol", protocol));
        }
        forceClose(error);
    }

    @Override
    boolean writeBufferEmpty() {
        return buffer.isEmpty();
    }

    @Override
    void clearWriteBuffer() {
        buffer.clear();
    }

    @Override
    void protocolConnectionLost(Throwable error) {
        protocol.connectionLost(error);
    }

    /**
     * For {@code loop.sendfile}: a future done once everything written so far has gone to the socket,
     * failed if the connection is lost first.
     */
    Future<Void> whenWriteBufferEmpty() {
        Future<Void> f = loop.createFuture();
        if (connLost > 0) {
            f.setException(new IOException("Connection is closed"));
        } else if (buffer.isEmpty()) {
            f.setResult(null);
        } else {
            emptyWaiter = f;
        }
        return f;
    }

    /** For {@code loop.sendfile}: while on, {@link #write} raises, since the socket is the file's. */
    void sendfileInProgress(boolean on) {
        sendfileInProgress = on;
    }

    /** Completes the waiter of {@link #whenWriteBufferEmpty()}, if any: done, or failed with {@code error}. */
    private void settleEmptyWaiter(IOException error) {
        Future<Void> waiter = emptyWaiter;
        if (waiter == null) {
            return;
        }
        emptyWaiter = null;
        if (waiter.done()) {
            return;
        }
        if (error == null) {
            waiter.setResult(null);
        } else {
            waiter.setException(error);
        }
    }

    @Override
    void beforeChannelClose() {
        if (emptyWaiter != null) {
            settleEmptyWaiter(new IOException("Connection closed by peer"));
        }
        if (reset) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
    }

    @Override
    void afterChannelClose() {
        Server s = server;
        if (s != null) {
            server = null;
            s.detach(this);
        }
    }

    // ---- facts ---------------------------------------------------------------------------------

    /**
     * asyncio's extra info: {@code peername} and {@code sockname} (an {@code InetSocketAddress} or a
     * {@code UnixDomainSocketAddress}), {@code socket} (the {@link SocketChannel}); {@code null} otherwise.
     */
    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "peername" -> peername;
            case "sockname" -> sockname;
            case "socket" -> channel;
            default -> null;
        };
    }

    /** The loop this transport runs on. */
    public SelectorEventLoop getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SocketTransport");
        if (closed) {
            sb.append(" closed");
        } else if (closing) {
            sb.append(" closing");
        }
        sb.append(' ').append(sockname).append(" -> ").append(peername);
        if (!closed) {
            sb.append(isReading() ? " read=polling" : " read=idle");
            sb.append(" write=<").append(buffer.isEmpty() ? "idle" : "polling")
                    .append(", bufsize=").append(buffer.size()).append('>');
        }
        return sb.append('>').toString();
    }
}
