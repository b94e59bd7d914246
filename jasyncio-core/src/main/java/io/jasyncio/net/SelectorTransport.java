package io.jasyncio.net;

import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectableChannel;

/**
 * The closing lifecycle that the selector transports (TCP/Unix and UDP) share, as asyncio's
 * {@code _SelectorTransport}: {@code close} stops reading and lets the write buffer drain first,
 * {@code abort} and fatal errors drop it, and either way {@code connectionLost} is called exactly once, on
 * a later loop iteration, before the channel is closed. Writes after the connection is lost are dropped,
 * with a warning after a few. Subclasses own their buffers and say when they are empty.
 */
abstract class SelectorTransport<C extends SelectableChannel> {

    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    final SelectorEventLoop loop;
    final C channel;
    /** close(), abort() or a fatal error: no more reading; the connection goes once the buffer is flushed. */
    boolean closing;
    /** connectionMade was called, so connectionLost is owed. */
    boolean made;
    /** Set when connectionLost is scheduled; counts the writes that came after. */
    int connLost;
    /** connectionLost was called and the channel closed. */
    boolean closed;

    SelectorTransport(SelectorEventLoop loop, C channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** Whether nothing waits in the write buffer. */
    abstract boolean writeBufferEmpty();

    /** Drops everything in the write buffer. */
    abstract void clearWriteBuffer();

    /** Tells the protocol the connection is gone ({@code connectionLost(error)}). */
    abstract void protocolConnectionLost(Throwable error);

    /** Just before the channel is closed, after {@code connectionLost} (TCP sets a reset here). */
    void beforeChannelClose() {
    }

    /** Just after the channel is closed (a server connection leaves its server here). */
    void afterChannelClose() {
    }

    /**
     * Whether the connection is lost, so that a write must be dropped: counts the write and logs a warning
     * once a few have been dropped (asyncio's "socket.send() raised exception.").
     */
    final boolean lostForWriting() {
        if (connLost == 0) {
            return false;
        }
        if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
            loop.logger().log(Level.WARNING, "socket.send() raised exception.");
        }
        connLost++;
        return true;
    }

    /**
     * Stops reading; when the write buffer is empty, schedules {@code connectionLost(null)} now, else the
     * last flush does it ({@link #flushedWhileClosing()}). Does nothing if already closing.
     */
    final void startClosing() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (writeBufferEmpty()) {
            connLost++;
            loop.removeWriter(channel);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    /**
     * After a flush that emptied the write buffer: calls {@code connectionLost(null)} if closing;
     * {@code true} if it did.
     */
    final boolean flushedWhileClosing() {
        if (!closing || connLost > 0) {
            return false;
        }
        connLost++;
        callConnectionLost(null);
        return true;
    }

    /** Ends the connection at once: drops the write buffer, stops reading, schedules {@code connectionLost(error)}. */
    final void forceClose(Throwable error) {
        if (connLost > 0) {
            return;
        }
        if (!writeBufferEmpty()) {
            clearWriteBuffer();
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connLost++;
        loop.callSoon(() -> callConnectionLost(error));
    }

    /** Calls {@code connectionLost(error)} if it is owed, then unwatches and closes the channel; once only. */
    final void callConnectionLost(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (made) {
                protocolConnectionLost(error);
            }
        } finally {
            loop.removeReader(channel);
            loop.removeWriter(channel);
            beforeChannelClose();
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to do for a socket we are dropping
            }
            afterChannelClose();
        }
    }
}
