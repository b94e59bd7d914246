package io.jasyncio.process;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * What {@link Process#communicate} reads a pipe with: the part of asyncio's {@code StreamReader} it
 * needs (feed data, feed end of file, read everything), with the same flow control: above twice the
 * limit, unread data pauses the pipe's transport, and reading resumes it.
 */
final class PipeReader {

    private final SelectorEventLoop loop;
    private final int limit;
    private final ReadTransport transport;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean eof;
    private Throwable exception;
    private boolean paused;
    private Future<Void> waiter;

    PipeReader(SelectorEventLoop loop, int limit, ReadTransport transport) {
        this.loop = loop;
        this.limit = limit;
        this.transport = transport;
    }

    void feedData(ByteBuffer data) {
        if (data.hasArray()) {
            buffer.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        } else {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            buffer.writeBytes(copy);
        }
        wakeUp();
        if (!paused && buffer.size() > 2 * limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    void feedEof() {
        eof = true;
        wakeUp();
    }

    void setException(Throwable error) {
        exception = error;
        wakeUp();
    }

    private void wakeUp() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /** Reads until end of file and returns everything (asyncio {@code read()}); suspends; cancellable. */
    byte[] readAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (exception != null) {
                throw Throwables.sneaky(exception);
            }
            out.writeBytes(buffer.toByteArray());
            buffer.reset();
            if (paused) {
                paused = false;
                transport.resumeReading();
            }
            if (eof) {
                return out.toByteArray();
            }
            Future<Void> w = loop.createFuture();
            waiter = w;
            try {
                Aio.await(w);
            } finally {
                waiter = null;
            }
        }
    }
}
