package io.jasyncio.process;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.net.WriteTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol under {@link Process} (asyncio's {@code SubprocessStreamProtocol}): a reader per output
 * pipe, the stdin pipe with write flow control ({@code drain}), and closing the transport once the child
 * has exited and its output pipes are closed.
 */
final class ProcessStreamProtocol implements SubprocessProtocol {

    private final SelectorEventLoop loop;
    private final int limit;
    private SubprocessTransport transport;
    WriteTransport stdin;
    PipeReader stdout;
    PipeReader stderr;
    private final List<Integer> pipeFds = new ArrayList<>();
    private boolean processExited;
    final Future<Void> stdinClosed;

    // Write flow control of stdin (asyncio's FlowControlMixin).
    private boolean writingPaused;
    private boolean stdinLost;
    private final List<Future<Void>> drainWaiters = new ArrayList<>();

    ProcessStreamProtocol(SelectorEventLoop loop, int limit) {
        this.loop = loop;
        this.limit = limit;
        this.stdinClosed = loop.createFuture();
    }

    @Override
    public void connectionMade(SubprocessTransport transport) {
        this.transport = transport;
        if (transport.getPipeTransport(1) instanceof ReadTransport out) {
            stdout = new PipeReader(loop, limit, out);
            pipeFds.add(1);
        }
        if (transport.getPipeTransport(2) instanceof ReadTransport err) {
            stderr = new PipeReader(loop, limit, err);
            pipeFds.add(2);
        }
        if (transport.getPipeTransport(0) instanceof WriteTransport in) {
            stdin = in;
        }
    }

    @Override
    public void pipeDataReceived(int fd, ByteBuffer data) {
        PipeReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable error) {
        if (fd == 0) {
            stdinLost(error);
            if (error == null) {
                stdinClosed.setResult(null);
            } else {
                stdinClosed.setException(error);
                // Nobody may be waiting for it: the error also reached drain(), or nobody wrote.
                stdinClosed.exception();
            }
            return;
        }
        PipeReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        pipeFds.remove(Integer.valueOf(fd));
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    // ---- stdin flow control ------------------------------------------------------------------------

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    private void stdinLost(Throwable error) {
        stdinLost = true;
        writingPaused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.done()) {
                if (error == null) {
                    w.setResult(null);
                } else {
                    w.setException(error);
                }
            }
        }
    }

    /**
     * Waits until stdin's buffer is below its low-water mark (asyncio's {@code _drain_helper}); raises
     * an {@link IOException} once the pipe is lost. Suspends; cancellable.
     */
    void drain() throws IOException {
        if (stdinLost) {
            throw new IOException("Connection lost");
        }
        if (!writingPaused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            Aio.await(w);
        } finally {
            drainWaiters.remove(w);
        }
    }

}
