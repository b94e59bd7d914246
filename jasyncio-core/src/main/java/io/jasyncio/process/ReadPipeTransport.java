package io.jasyncio.process;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transport of a child's stdout or stderr pipe, or of any {@link InputStream} given to
 * {@code connectReadPipe} (asyncio's {@code _UnixReadPipeTransport}).
 *
 * <p>Java's process pipes are blocking streams that a selector cannot watch, so a virtual thread, the
 * pump, reads them and hands each chunk to the loop with {@code callSoonThreadsafe}: one thread, one
 * FIFO inbox, so chunks arrive in order. Two rules bound what is buffered here. The pump does not start
 * a read while reading is paused, so a paused transport leaves the rest in the OS pipe and the child
 * blocks on a full pipe, as with asyncio's removed reader (at most the one read already under way
 * arrives after the pause, and is held until {@link #resumeReading()}). And the pump waits while
 * {@link #MAX_IN_FLIGHT} bytes are handed over but not yet delivered, so a slow loop slows the child.
 */
final class ReadPipeTransport implements ReadTransport {

    /** The most the pump reads at once. */
    static final int CHUNK = 64 * 1024;
    /** The most bytes handed to the loop and not yet delivered to the protocol. */
    static final int MAX_IN_FLIGHT = 256 * 1024;

    /** Where the chunks go: the subprocess transport, or a read pipe's protocol ({@link Pipes}). */
    interface Sink {
        void pipeDataReceived(int fd, ByteBuffer data);

        /** The writing end closed: called just before {@code pipeConnectionLost(fd, null)}. */
        default void pipeEof(int fd) {
        }

        void pipeConnectionLost(int fd, Throwable error);

        /** The pipe is being closed from this side: the child's next write gets {@code SIGPIPE}. */
        void pipeClosing(int fd);
    }

    /** The end of the stream, queued behind held chunks: {@code error} null at end of file. */
    private record End(IOException error) {
    }

    private final SelectorEventLoop loop;
    private final Sink sink;
    private final int fd;
    private final InputStream in;
    private final String name;

    // Shared with the pump, guarded by lock.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition mayRead = lock.newCondition();
    private boolean pumpPaused;
    private boolean pumpStopped;
    private int inFlight;

    /** Whether the pump thread has ended (for tests). */
    volatile boolean pumpEnded;

    // Loop thread only.
    private boolean paused;
    private boolean closing;
    private boolean lost;
    private boolean drainScheduled;
    /** Chunks ({@code byte[]}) and the {@link End} that arrived while paused, in order. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    ReadPipeTransport(SelectorEventLoop loop, Sink sink, int fd, InputStream in, String name) {
        this.loop = loop;
        this.sink = sink;
        this.fd = fd;
        this.in = in;
        this.name = name;
    }

    /** Starts the pump; called once, on the loop thread. */
    void start() {
        Thread.ofVirtual().name("jasyncio-" + name).start(this::pump);
    }

    // ---- the pump thread -------------------------------------------------------------------------

    private void pump() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (true) {
                lock.lock();
                try {
                    while (!pumpStopped && (pumpPaused || inFlight >= MAX_IN_FLIGHT)) {
                        mayRead.await();
                    }
                    if (pumpStopped) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    post(() -> onEnd(null));
                    return;
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                lock.lock();
                try {
                    inFlight += n;
                } finally {
                    lock.unlock();
                }
                if (!post(() -> onChunk(chunk))) {
                    return;
                }
            }
        } catch (IOException e) {
            // After close() the stream is closed under us: onEnd ignores it then.
            post(() -> onEnd(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeStream();
            pumpEnded = true;
        }
    }

    /** Hands {@code r} to the loop; {@code false} if the loop is closed (nobody is left to read). */
    private boolean post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (IllegalStateException loopClosed) {
            return false;
        }
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing more to read from it either way.
        }
    }

    private void release(int n) {
        lock.lock();
        try {
            inFlight -= n;
            mayRead.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the pump from any thread (the loop is gone), even while it is paused. */
    void abandon() {
        lock.lock();
        try {
            pumpStopped = true;
            mayRead.signal();
        } finally {
            lock.unlock();
        }
    }

    private void setPumpPaused(boolean value) {
        lock.lock();
        try {
            pumpPaused = value;
            mayRead.signal();
        } finally {
            lock.unlock();
        }
    }

    // ---- the loop thread -------------------------------------------------------------------------

    private void onChunk(byte[] chunk) {
        if (closing) {
            release(chunk.length);
        } else if (paused || !held.isEmpty()) {
            held.addLast(chunk);
        } else {
            deliver(chunk);
        }
    }

    private void onEnd(IOException error) {
        if (closing) {
            return;
        }
        if (paused || !held.isEmpty()) {
            held.addLast(new End(error));
        } else {
            end(error);
        }
    }

    private void deliver(byte[] chunk) {
        // Released before the protocol runs, so that the pump reads on while the protocol works.
        release(chunk.length);
        sink.pipeDataReceived(fd, ByteBuffer.wrap(chunk));
    }

    private void end(IOException error) {
        closing = true;
        if (error == null) {
            sink.pipeEof(fd);
        }
        connectionLost(error);
    }

    private void drainHeld() {
        drainScheduled = false;
        while (!paused && !closing && !held.isEmpty()) {
            Object next = held.pollFirst();
            if (next instanceof byte[] chunk) {
                deliver(chunk);
            } else {
                end(((End) next).error());
            }
        }
    }

    private void connectionLost(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        sink.pipeConnectionLost(fd, error);
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    @Override
    public void pauseReading() {
        if (closing || paused) {
            return;
        }
        paused = true;
        setPumpPaused(true);
    }

    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        setPumpPaused(false);
        if (!held.isEmpty() && !drainScheduled) {
            // As asyncio's resume_reading, held data arrives on a later iteration, not inside this call.
            drainScheduled = true;
            loop.callSoon(this::drainHeld);
        }
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        sink.pipeClosing(fd);
        abandon();
        for (Object o : held) {
            if (o instanceof byte[] chunk) {
                release(chunk.length);
            }
        }
        held.clear();
        // Closing does not interrupt a read under way (Linux pipes), but once it returns the child's
        // next write gets EPIPE, as asyncio's closed pipe gives it.
        closeStream();
        loop.callSoon(() -> connectionLost(null));
    }

    @Override
    public Object getExtraInfo(String key) {
        return "pipe".equals(key) ? in : null;
    }

    @Override
    public String toString() {
        return "<ReadPipeTransport " + name + (lost ? " closed" : closing ? " closing" : paused ? " paused" : "") + ">";
    }
}
