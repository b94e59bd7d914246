package io.jasyncio.process;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.WaterMarks;
import io.jasyncio.net.WriteTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The transport of a child's stdin pipe, or of any {@link OutputStream} given to {@code connectWritePipe}
 * (asyncio's {@code _UnixWritePipeTransport}).
 *
 * <p>{@link #write} never blocks: it queues a copy of the bytes for the pump, a virtual thread that owns
 * the blocking stream and writes the queue in order, then reports on the loop how much it wrote. The
 * write buffer is what is queued and not yet written, with asyncio's water marks: above the high one
 * the protocol's {@code pauseWriting} is called, at or below the low one {@code resumeWriting}.
 *
 * <p>As asyncio's pipe, {@link #writeEof()} and {@link #close()} are the same thing: the pipe is closed
 * once the queue is written, and the connection is then lost. A write that fails (the child closed its
 * end, or exited) loses the connection with an {@link IOException} ("Broken pipe"), dropping the queue.
 */
final class WritePipeTransport implements WriteTransport {

    /** Where the pipe's events go: the subprocess transport, or a write pipe's protocol ({@link Pipes}). */
    interface Sink {
        void pauseWriting();

        void resumeWriting();

        void pipeConnectionLost(int fd, Throwable error);
    }

    private static final Object EOF = new Object();
    private static final Object ABORT = new Object();

    private final SelectorEventLoop loop;
    private final Sink sink;
    private final OutputStream out;
    private final String name;
    /** {@code byte[]} chunks, then {@link #EOF} or {@link #ABORT}; the pump takes from it. */
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    /** Whether the pump thread has ended (for tests). */
    volatile boolean pumpEnded;

    // Loop thread only.
    private int bufferSize;
    private boolean writingPaused;
    private int high = 64 * 1024;
    private int low = 16 * 1024;
    private boolean eofWritten;
    private boolean lost;

    WritePipeTransport(SelectorEventLoop loop, Sink sink, OutputStream out, String name) {
        this.loop = loop;
        this.sink = sink;
        this.out = out;
        this.name = name;
    }

    /** Starts the pump; called once, on the loop thread. */
    void start() {
        Thread.ofVirtual().name("jasyncio-" + name).start(this::pump);
    }

    // ---- the pump thread -------------------------------------------------------------------------

    private void pump() {
        try {
            pumpLoop();
        } finally {
            pumpEnded = true;
        }
    }

    private void pumpLoop() {
        try {
            while (true) {
                Object item = queue.take();
                int written = 0;
                // Write what is queued, then flush once (Java's pipe stream is buffered).
                while (item instanceof byte[] chunk) {
                    out.write(chunk);
                    written += chunk.length;
                    item = queue.poll();
                }
                if (written > 0) {
                    out.flush();
                    int n = written;
                    post(() -> onWritten(n));
                }
                if (item == EOF) {
                    out.close();
                    post(() -> onClosed(null));
                    return;
                }
                if (item == ABORT) {
                    closeQuietly();
                    return;
                }
            }
        } catch (IOException e) {
            closeQuietly();
            post(() -> onClosed(new IOException("Broken pipe", e)));
        } catch (InterruptedException e) {
            closeQuietly();
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // The pipe is gone either way.
        }
    }

    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException loopClosed) {
            // Nobody is left to tell.
        }
    }

    /** Ends the pump from any thread (the loop is gone): what is queued is dropped. */
    void abandon() {
        queue.clear();
        queue.add(ABORT);
    }

    // ---- the loop thread -------------------------------------------------------------------------

    private void onWritten(int n) {
        if (lost) {
            return;
        }
        bufferSize -= n;
        if (writingPaused && bufferSize <= low) {
            writingPaused = false;
            sink.resumeWriting();
        }
    }

    private void onClosed(IOException error) {
        connectionLost(error);
    }

    private void connectionLost(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        bufferSize = 0;
        sink.pipeConnectionLost(0, error);
    }

    /**
     * The child exited. As asyncio's pipe, which watches for the reader going away: an idle pipe is lost
     * at once, without error; one with data queued fails on its next write (Java replaces the stream of
     * an exited child with a closed one), which reports the broken pipe.
     */
    void processExited() {
        if (lost || eofWritten || bufferSize > 0) {
            return;
        }
        eofWritten = true;
        queue.add(ABORT);
        connectionLost(null);
    }

    @Override
    public void write(ByteBuffer data) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after write_eof() or close()");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (lost) {
            // asyncio drops writes to a lost pipe (and warns after a few); the loss was reported already.
            data.position(data.limit());
            return;
        }
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        bufferSize += chunk.length;
        queue.add(chunk);
        if (!writingPaused && bufferSize > high) {
            writingPaused = true;
            sink.pauseWriting();
        }
    }

    @Override
    public void writeEof() {
        if (eofWritten || lost) {
            return;
        }
        eofWritten = true;
        queue.add(EOF);
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void abort() {
        if (lost) {
            return;
        }
        eofWritten = true;
        queue.clear();
        queue.add(ABORT);
        loop.callSoon(() -> connectionLost(null));
    }

    @Override
    public boolean isWritingPaused() {
        return writingPaused;
    }

    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        WaterMarks marks = WaterMarks.of(high, low);
        this.high = marks.high();
        this.low = marks.low();
        if (!writingPaused && bufferSize > this.high) {
            writingPaused = true;
            sink.pauseWriting();
        }
    }

    @Override
    public int[] getWriteBufferLimits() {
        return new int[] {low, high};
    }

    @Override
    public boolean isClosing() {
        return eofWritten || lost;
    }

    @Override
    public void close() {
        writeEof();
    }

    @Override
    public Object getExtraInfo(String key) {
        return "pipe".equals(key) ? out : null;
    }

    @Override
    public String toString() {
        return "<WritePipeTransport " + name + (lost ? " closed" : eofWritten ? " closing" : "")
                + " bufsize=" + bufferSize + ">";
    }
}
