package io.jasyncio.stream;

import io.jasyncio.Aio;
import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.net.Transport;
import io.jasyncio.net.WriteTransport;
import io.jasyncio.net.ssl.Ssl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The writing end of a stream connection (asyncio {@code StreamWriter}): a transport plus
 * {@link #drain()}, which waits for the transport's flow control, and {@link #waitClosed()}.
 *
 * <p>Writes never suspend: the transport buffers what the socket cannot take. Write, then
 * {@link #drain()}, so that a slow peer slows the writer down instead of growing the buffer without limit.
 * {@link #close()} does not suspend either; {@link #waitClosed()} waits for the connection to be gone.
 * It is {@link AutoCloseable}, so try-with-resources closes it. Not thread-safe: use it on its loop.
 */
public class StreamWriter implements AutoCloseable {

    private WriteTransport transport;
    private final FlowControlProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    /**
     * A writer on {@code transport}, whose flow control {@code protocol} reports; {@code reader} (may be
     * {@code null}) is the same connection's reader, whose error {@link #drain()} raises.
     */
    public StreamWriter(WriteTransport transport, FlowControlProtocol protocol, StreamReader reader, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /** The transport underneath (asyncio {@code transport}); after {@link #startTls} the TLS transport. */
    public WriteTransport transport() {
        return transport;
    }

    /** Writes {@code data} (asyncio {@code write}); never suspends. Follow with {@link #drain()}. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Writes {@code data[off, off + len)}; never suspends, and the caller may reuse {@code data} on return. */
    public void write(byte[] data, int off, int len) {
        transport.write(ByteBuffer.wrap(data, off, len));
    }

    /** Writes the remaining bytes of {@code data}; never suspends. */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Writes each array in turn (asyncio {@code writelines}); never suspends. */
    public void writelines(Iterable<byte[]> data) {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (byte[] b : data) {
            buffers.add(ByteBuffer.wrap(b));
        }
        transport.writelines(buffers);
    }

    /** Closes the writing side after the buffered data (asyncio {@code write_eof}); see {@link #canWriteEof()}. */
    public void writeEof() {
        transport.writeEof();
    }

    /** Whether the transport supports {@link #writeEof()} (asyncio {@code can_write_eof}; TLS does not). */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the transport (asyncio {@code close}); buffered data is still sent. Never suspends. */
    @Override
    public void close() {
        transport.close();
    }

    /** Whether the transport is closing or closed (asyncio {@code is_closing}). */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Waits until the connection is gone (asyncio {@code wait_closed}), after {@link #close()} or when the
     * peer ends it; raises the error it ended with, if any. Suspends; cancellable (the connection is not
     * affected).
     */
    public void waitClosed() throws IOException {
        Aio.await(protocol.closeWaiter(this));
    }

    /** A fact about the connection (asyncio {@code get_extra_info}): {@code peername}, {@code sslcontext}... */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** {@link #getExtraInfo(String)} with a default for a missing key. */
    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * Waits until the transport's write buffer is below its high-water mark (asyncio {@code drain}); returns
     * at once when it is. Raises the error the reader saw (the connection's error), or
     * {@link java.net.SocketException} "Connection lost" once the connection is gone. When the transport is
     * closing it yields once, so that the loop can report the lost connection.
     *
     * <p>Suspends while the buffer is full; cancellable (the data stays buffered in the transport).
     */
    public void drain() throws IOException {
        if (reader != null) {
            Throwable error = reader.exception();
            if (error != null) {
                throw Throwables.sneaky(error);
            }
        }
        if (transport.isClosing()) {
            // Let connectionLost() run, so that write(); drain() in a loop sees the error instead of spinning.
            Aio.sleep(0);
        }
        protocol.drainHelper();
    }

    /**
     * Upgrades the connection to TLS (asyncio {@code start_tls}), with the default handshake and shutdown
     * timeouts (60 s, 30 s). A server's writer (from {@link Streams#startServer}) acts as the TLS server,
     * any other as the client, checking the peer's certificate for {@code serverHostname} ({@code ""}:
     * certificate only, no host-name check). Later reads and writes go through TLS.
     *
     * <p>Drains first, then suspends until the handshake is done; raises its error (the connection is then
     * closed). Cancellable: the connection is closed.
     */
    public void startTls(SSLContext sslContext, String serverHostname) throws IOException {
        startTls(sslContext, serverHostname, null, null);
    }

    /**
     * {@link #startTls(SSLContext, String)} with handshake and shutdown timeouts in seconds ({@code null}:
     * the defaults).
     */
    public void startTls(SSLContext sslContext, String serverHostname, Double handshakeTimeout,
            Double shutdownTimeout) throws IOException {
        if (!(protocol instanceof StreamReaderProtocol srp) || !(transport instanceof Transport t)) {
            throw new IllegalStateException("startTls needs a two-way stream made by openConnection or startServer");
        }
        drain();
        Transport upgraded = Ssl.startTls(t, srp, sslContext, srp.serverSide(), serverHostname, handshakeTimeout,
                shutdownTimeout);
        transport = upgraded;
        srp.replaceTransport(upgraded);
    }

    /** The loop the writer belongs to. */
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
    }
}
