package io.jasyncio.net.ssl;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * An {@link SSLEngine} with its buffers (what Python's {@code ssl.SSLObject} and its two {@code MemoryBIO}s
 * are to asyncio's {@code SSLProtocol}): received ciphertext waiting to be decrypted, decrypted bytes waiting
 * for the application, and encrypted output, which goes to {@code out} (the raw transport) after each
 * {@code wrap}. Buffers are allocated on first use.
 */
final class SslEngineIo {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final SSLEngine engine;
    private final Consumer<ByteBuffer> out;
    /** Ciphertext received and not yet decrypted: {@code netIn[inStart, inEnd)}. */
    private ByteBuffer netIn;
    private int inStart;
    private int inEnd;
    /** Plain text decrypted and not yet given to the application: {@code appIn[0, position)}. */
    private ByteBuffer appIn;
    private ByteBuffer netOut;

    SslEngineIo(SSLEngine engine, Consumer<ByteBuffer> out) {
        this.engine = engine;
        this.out = out;
    }

    /** An engine for one side; a client checks {@code hostname} (HTTPS rules) unless it is {@code ""}. */
    static SSLEngine createEngine(SSLContext context, boolean serverSide, String hostname) {
        if (serverSide) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        }
        if (hostname.isEmpty()) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(true);
            return engine;
        }
        SSLEngine engine = context.createSSLEngine(hostname, -1);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(hostname)) {
            params.setServerNames(List.of(new SNIHostName(hostname)));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    // ---- ciphertext in -------------------------------------------------------------------------

    /** The free end of the ciphertext buffer: room for at least a record, or {@code sizeHint} (capped). */
    ByteBuffer getBuffer(int sizeHint) {
        int packet = engine.getSession().getPacketBufferSize();
        int want = Math.max(packet, sizeHint > 0 ? Math.min(sizeHint, SslProtocol.READ_HIGH_WATER) : packet);
        if (netIn == null) {
            netIn = ByteBuffer.allocate(Math.max(want, 2 * packet));
        } else if (netIn.capacity() - inEnd < want) {
            int len = inEnd - inStart;
            if (netIn.capacity() - len >= want) {
                System.arraycopy(netIn.array(), inStart, netIn.array(), 0, len);
            } else {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, len + want));
                System.arraycopy(netIn.array(), inStart, bigger.array(), 0, len);
                netIn = bigger;
            }
            inStart = 0;
            inEnd = len;
        }
        netIn.limit(netIn.capacity()).position(inEnd);
        return netIn;
    }

    /** {@code nbytes} of ciphertext were written where {@link #getBuffer(int)} said. */
    void received(int nbytes) {
        inEnd += nbytes;
    }

    /** Bytes of ciphertext waiting. */
    int pending() {
        return inEnd - inStart;
    }

    /** Whether at least one whole TLS record waits (a 5-byte header, then its length). */
    boolean hasWholeRecord() {
        int available = inEnd - inStart;
        if (available < 5) {
            return false;
        }
        byte[] a = netIn.array();
        int length = ((a[inStart + 3] & 0xFF) << 8) | (a[inStart + 4] & 0xFF);
        return available >= 5 + length;
    }

    /** Decrypts one record into {@code dst}. */
    SSLEngineResult unwrapInto(ByteBuffer dst) throws SSLException {
        if (netIn == null) {
            netIn = ByteBuffer.allocate(2 * engine.getSession().getPacketBufferSize());
        }
        netIn.limit(inEnd).position(inStart);
        SSLEngineResult r = engine.unwrap(netIn, dst);
        inStart = netIn.position();
        if (inStart == inEnd) {
            inStart = 0;
            inEnd = 0;
        } else if (r.getStatus() == Status.BUFFER_UNDERFLOW && inStart > 0) {
            // Keep a partial record at the front, so that the whole record fits when the rest arrives.
            int len = inEnd - inStart;
            System.arraycopy(netIn.array(), inStart, netIn.array(), 0, len);
            inStart = 0;
            inEnd = len;
        }
        if (r.getStatus() == Status.BUFFER_UNDERFLOW && netIn.capacity() < engine.getSession().getPacketBufferSize()) {
            ByteBuffer bigger = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            System.arraycopy(netIn.array(), inStart, bigger.array(), 0, inEnd - inStart);
            inEnd -= inStart;
            inStart = 0;
            netIn = bigger;
        }
        return r;
    }

    // ---- plain text out ------------------------------------------------------------------------

    /** The buffer for decrypted bytes (write mode; what it holds is {@code [0, position)}). */
    ByteBuffer appIn() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        return appIn;
    }

    /** Whether decrypted bytes wait for the application. */
    boolean hasPlainText() {
        return appIn != null && appIn.position() > 0;
    }

    /** Makes the plain-text buffer bigger (a record did not fit), keeping what it holds. */
    void growAppIn() {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(appIn.capacity() * 2,
                engine.getSession().getApplicationBufferSize()));
        appIn.flip();
        bigger.put(appIn);
        appIn = bigger;
    }

    int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    // ---- ciphertext out ------------------------------------------------------------------------

    /** Encrypts from {@code src} and sends the result. */
    SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        if (netOut == null) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }
        while (true) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                flush();
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                continue;
            }
            flush();
            return r;
        }
    }

    /** Sends what the engine wants to send of its own (handshake messages, alerts, close_notify). */
    SSLEngineResult wrapHandshake() throws SSLException {
        return wrap(EMPTY);
    }

    private void flush() {
        netOut.flip();
        if (netOut.hasRemaining()) {
            out.accept(netOut);
        }
        netOut.clear();
    }

    // ---- handshake work ------------------------------------------------------------------------

    void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /**
     * Does the handshake work {@code hs} asks for outside the handshake (session tickets, key updates,
     * renegotiation): runs delegated tasks and sends what the engine wants to send. Returns whether
     * anything was done, so that callers looping on the engine know it made progress.
     */
    boolean runHandshakeWork(HandshakeStatus hs) throws SSLException {
        boolean progress = false;
        for (int i = 0; i < 16; i++) {
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult w = wrapHandshake();
                if (w.bytesProduced() == 0 && w.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    break;
                }
            } else {
                break;
            }
            progress = true;
            hs = engine.getHandshakeStatus();
        }
        return progress;
    }
}
