package io.jasyncio.stream;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.net.BaseProtocol;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The write flow control under {@link StreamWriter#drain()} (asyncio {@code FlowControlMixin}): it records
 * the transport's {@link #pauseWriting()}/{@link #resumeWriting()} and lets writers wait while the
 * transport's buffer is above its high-water mark. A subclass that overrides these three callbacks must
 * call them here too. Subclasses: {@link StreamReaderProtocol}, and the subprocess pipes' protocol.
 */
public abstract class FlowControlProtocol implements BaseProtocol {

    /** The loop the protocol's futures belong to. */
    protected final EventLoop loop;
    private boolean paused;
    private boolean connectionLost;
    private final List<Future<Void>> drainWaiters = new ArrayList<>(1);

    /** A protocol on {@code loop}. */
    protected FlowControlProtocol(EventLoop loop) {
        this.loop = loop;
    }

    /** The transport's buffer passed its high-water mark: {@link StreamWriter#drain()} will wait. */
    @Override
    public void pauseWriting() {
        paused = true;
    }

    /** The transport's buffer drained: wakes every writer waiting in {@link StreamWriter#drain()}. */
    @Override
    public void resumeWriting() {
        paused = false;
        for (Future<Void> w : new ArrayList<>(drainWaiters)) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /** The connection is gone: wakes waiting writers, with {@code error} if there is one. */
    @Override
    public void connectionLost(Throwable error) {
        connectionLost = true;
        if (!paused) {
            return;
        }
        for (Future<Void> w : new ArrayList<>(drainWaiters)) {
            if (!w.done()) {
                if (error == null) {
                    w.setResult(null);
                } else {
                    w.setException(error);
                }
            }
        }
    }

    /** Whether writing is paused (the transport's buffer is above its high-water mark). */
    protected boolean writingPaused() {
        return paused;
    }

    /**
     * Waits while writing is paused (asyncio {@code _drain_helper}). Raises {@link SocketException}
     * "Connection lost" once the connection is gone. Suspends; cancellable (the wait is simply abandoned).
     */
    protected void drainHelper() throws IOException {
        if (connectionLost) {
            throw new SocketException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> w = new Future<>(loop);
        drainWaiters.add(w);
        try {
            Aio.await(w);
        } finally {
            drainWaiters.remove(w);
        }
    }

    /** The future that {@link StreamWriter#waitClosed()} awaits: done when the connection is lost. */
    protected abstract Future<Void> closeWaiter(StreamWriter stream);

    /**
     * Completes {@code closed}, a {@link #closeWaiter} future, as the connection ends with {@code error}
     * ({@code null}: cleanly); nothing if it is done already. An error is marked as retrieved: nobody has to
     * call {@code waitClosed()}, so one nobody awaits is not reported as "never retrieved".
     */
    protected static void completeClosed(Future<Void> closed, Throwable error) {
        if (closed.done()) {
            return;
        }
        if (error == null) {
            closed.setResult(null);
        } else {
            closed.setException(error);
            closed.exception();
        }
    }
}
