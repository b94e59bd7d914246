package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The protocol a transport talks to while {@link Sendfile}'s fallback writes a file through it (asyncio's
 * {@code _SendfileFallbackProtocol}): reading is paused, writing waits while the transport has paused
 * writing, and a lost connection still reaches the real protocol. {@link #restore()} gives the transport
 * back to the real protocol with reading as it was and the protocol's pause state matching the transport's.
 */
final class SendfileFallbackProtocol implements Protocol {

    private final SelectorEventLoop loop;
    private final Transport transport;
    private final ConnectionProtocol original;
    private final boolean resumeReading;
    /** What the real protocol was last told: pauseWriting without a resumeWriting since. */
    private final boolean originalPaused;
    /** Not null while the transport has paused writing. */
    private Future<Void> writeReady;
    private IOException lost;

    SendfileFallbackProtocol(SelectorEventLoop loop, Transport transport) {
        this.loop = loop;
        this.transport = transport;
        this.original = transport.getProtocol();
        this.resumeReading = transport.isReading();
        this.originalPaused = transport.isWritingPaused();
        transport.pauseReading();
        transport.setProtocol(this);
        if (originalPaused) {
            writeReady = loop.createFuture();
        }
    }

    /** Suspends while the transport has paused writing; raises if the connection is gone. */
    void drain() throws IOException {
        if (lost != null || transport.isClosing()) {
            throw lost != null ? lost : new IOException("Connection closed by peer");
        }
        Future<Void> f = writeReady;
        if (f != null) {
            Aio.await(f);
        }
    }

    /** Hands the transport back to the real protocol. */
    void restore() {
        transport.setProtocol(original);
        if (writeReady != null) {
            writeReady.cancel();
            writeReady = null;
        }
        if (lost != null) {
            return;
        }
        boolean pausedNow = transport.isWritingPaused();
        if (originalPaused && !pausedNow) {
            original.resumeWriting();
        } else if (!originalPaused && pausedNow) {
            original.pauseWriting();
        }
        if (resumeReading) {
            transport.resumeReading();
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        throw new IllegalStateException("Invalid state: reading should be paused during sendfile");
    }

    @Override
    public boolean eofReceived() {
        throw new IllegalStateException("Invalid state: reading should be paused during sendfile");
    }

    @Override
    public void pauseWriting() {
        if (writeReady == null) {
            writeReady = loop.createFuture();
        }
    }

    @Override
    public void resumeWriting() {
        Future<Void> f = writeReady;
        if (f != null) {
            writeReady = null;
            f.setResult(null);
        }
    }

    @Override
    public void connectionLost(Throwable error) {
        lost = new IOException("Connection closed by peer", error);
        Future<Void> f = writeReady;
        if (f != null) {
            writeReady = null;
            f.setException(lost);
        }
        original.connectionLost(error);
    }
}
