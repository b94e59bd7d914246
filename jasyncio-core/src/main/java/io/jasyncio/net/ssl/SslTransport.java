package io.jasyncio.net.ssl;

import io.jasyncio.net.ConnectionProtocol;
import io.jasyncio.net.Transport;
import java.nio.ByteBuffer;

/**
 * The application's side of a TLS connection (asyncio {@code _SSLProtocolTransport}): plain bytes in and
 * out, encrypted by its {@link SslProtocol} on the raw transport underneath.
 *
 * <p>Differences from a TCP transport, as in asyncio: no half-close ({@link #canWriteEof()} is
 * {@code false} and {@link #writeEof()} raises {@link UnsupportedOperationException}); {@link #close()}
 * sends {@code close_notify} and waits (without suspending anyone) for the peer's before the raw connection
 * closes. Extra info adds {@code sslcontext} ({@link javax.net.ssl.SSLContext}), {@code peercert} (the
 * peer's {@link java.security.cert.X509Certificate}, or {@code null} when it sent none), {@code cipher}
 * (the cipher suite's name) and {@code ssl_object} (the {@link javax.net.ssl.SSLEngine}); other keys come
 * from the raw transport ({@code peername}, {@code sockname}, {@code socket}). Write buffer limits default
 * to 512 KiB (high) and 128 KiB (low).
 */
public final class SslTransport implements Transport {

    private final SslProtocol ssl;
    private boolean closed;
    private boolean closedByApp;

    SslTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    void markClosed() {
        closed = true;
    }

    /** A fact about the connection: the TLS keys listed above, else the raw transport's. */
    @Override
    public Object getExtraInfo(String name) {
        return ssl.extraInfo(name);
    }

    /** Replaces the application protocol that receives the decrypted bytes. */
    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        ssl.setAppProtocol(protocol);
    }

    /** The application protocol. */
    @Override
    public ConnectionProtocol getProtocol() {
        return ssl.appProtocol();
    }

    /** Whether {@link #close()} or {@link #abort()} was called, or the connection is gone. */
    @Override
    public boolean isClosing() {
        return closed;
    }

    /**
     * Closes the TLS session (asyncio {@code close}): what was written is still sent, then {@code close_notify};
     * the application protocol's {@code connectionLost(null)} follows when the peer answered (or after the
     * shutdown timeout, with a {@link java.net.SocketTimeoutException}). Idempotent.
     */
    @Override
    public void close() {
        if (!closedByApp) {
            closedByApp = true;
            closed = true;
            ssl.startShutdown();
        }
    }

    /** Whether decrypted data is being delivered: not paused by {@link #pauseReading()}, and not closing. */
    @Override
    public boolean isReading() {
        return !closed && ssl.isReading();
    }

    /**
     * Stops delivering data; what arrives meanwhile waits encrypted, and above the read limit the raw
     * transport stops reading too. Idempotent.
     */
    @Override
    public void pauseReading() {
        ssl.pauseReading();
    }

    /** Resumes delivering data (on the next loop iteration). Idempotent. */
    @Override
    public void resumeReading() {
        ssl.resumeReading();
    }

    /**
     * Encrypts and sends {@code data}'s remaining bytes; what cannot be encrypted at once is copied.
     * Raises {@link IllegalStateException} after {@link #close()}; writes after the connection was lost are
     * dropped (a warning is logged after a few), as asyncio does.
     */
    @Override
    public void write(ByteBuffer data) {
        if (closedByApp) {
            throw new IllegalStateException("Cannot call write() after close()");
        }
        if (!data.hasRemaining()) {
            return;
        }
        ssl.writeAppdata(data);
    }

    /** Always raises {@link UnsupportedOperationException}: TLS has no half-close. */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("SSL doesn't support half-closes");
    }

    /** {@code false}: TLS has no half-close. */
    @Override
    public boolean canWriteEof() {
        return false;
    }

    /** Closes the raw connection at once, without {@code close_notify}; buffered data is lost. */
    @Override
    public void abort() {
        closedByApp = true;
        closed = true;
        ssl.abort();
    }

    /** Bytes written by the application and not yet encrypted. */
    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, ssl.writeBufferSize());
    }

    /** Whether the application protocol was told to pause writing and not yet to resume. */
    @Override
    public boolean isWritingPaused() {
        return ssl.appWritingPaused();
    }

    /**
     * Sets the application's water marks ({@code null}s: 512 KiB and a quarter of it): {@code pauseWriting}
     * when more than {@code high} bytes wait to be encrypted, {@code resumeWriting} at {@code low}.
     */
    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        ssl.setWriteBufferLimits(high, low);
        ssl.controlAppWriting();
    }

    /** The write limits as {@code [low, high]}. */
    @Override
    public int[] getWriteBufferLimits() {
        return ssl.writeBufferLimits();
    }

    /**
     * Sets the limits on received ciphertext waiting while the application paused reading (asyncio
     * {@code set_read_buffer_limits}): above {@code high} the raw transport's reading is paused.
     * {@code null}s pick 256 KiB and a quarter of it.
     */
    public void setReadBufferLimits(Integer high, Integer low) {
        ssl.setReadBufferLimits(high, low);
        ssl.controlSslReadingIfConnected();
    }

    /** The read limits as {@code [low, high]}. */
    public int[] getReadBufferLimits() {
        return ssl.readBufferLimits();
    }

    /** Bytes of ciphertext received and not yet decrypted. */
    public int getReadBufferSize() {
        return ssl.readBufferSize();
    }

    @Override
    public String toString() {
        return "<SslTransport " + ssl + (closed ? " closed" : "") + ">";
    }
}
