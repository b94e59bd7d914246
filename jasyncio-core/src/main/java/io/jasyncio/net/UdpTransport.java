package io.jasyncio.net;

import io.jasyncio.Future;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * A UDP endpoint over a non-blocking {@link DatagramChannel} (asyncio's {@code _SelectorDatagramTransport}),
 * made by {@code createDatagramEndpoint}. Not thread-safe; nothing here suspends.
 *
 * <p>Each readiness event receives up to a few datagrams into the loop thread's shared buffer and calls
 * {@code datagramReceived} for each. {@link #sendto} sends at once; a datagram the socket cannot take is
 * copied into a queue and sent when it is writable, with {@code pauseWriting}/{@code resumeWriting} at
 * the water marks as for streams. Errors of one send or receive (an ICMP "port unreachable" on a
 * connected endpoint, a message too long) go to {@code errorReceived} and the endpoint stays open.
 */
public final class UdpTransport extends SelectorTransport<DatagramChannel> implements DatagramTransport {

    /** At most this many datagrams are received per readiness event, so that one flood cannot hog the loop. */
    private static final int RECEIVE_BATCH = 16;

    private record Pending(ByteBuffer data, SocketAddress address) {
    }

    private final DatagramProtocol protocol;
    private final SocketAddress address;
    private final SocketAddress sockname;
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::sendReady;
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private int bufferSize;
    private int high = 64 * 1024;
    private int low = 16 * 1024;
    private boolean protocolPaused;

    /**
     * Wraps {@code channel} (bound and, if {@code address} is not {@code null}, connected to it): schedules
     * {@code connectionMade}, then reading, then completes {@code waiter} (may be {@code null}).
     */
    public UdpTransport(SelectorEventLoop loop, DatagramChannel channel, DatagramProtocol protocol,
                        SocketAddress address, Future<Void> waiter) throws IOException {
        super(loop, channel);
        this.protocol = protocol;
        this.address = address;
        if (channel.isBlocking()) {
            channel.configureBlocking(false);
        }
        this.sockname = channel.getLocalAddress();
        // One callback, in asyncio's order: connectionMade, then reading, then the waiter.
        loop.callSoon(() -> {
            RuntimeException failed = null;
            if (!closing) {
                made = true;
                try {
                    protocol.connectionMade(this);
                } catch (RuntimeException e) {
                    failed = e;
                    loop.callExceptionHandler(ExceptionContext.of(
                            "Fatal error: protocol.connectionMade() call failed.", e).with("transport", this));
                    abort();
                }
            }
            if (!closing) {
                loop.addReader(channel, onReadable);
            }
            if (waiter != null && !waiter.done()) {
                if (failed != null) {
                    waiter.setException(failed);
                } else {
                    waiter.setResult(null);
                }
            }
        });
    }

    // ---- receiving -----------------------------------------------------------------------------

    private void readReady() {
        for (int i = 0; i < RECEIVE_BATCH && connLost == 0 && !closing; i++) {
            ByteBuffer buf = io.jasyncio.internal.ReadBuffers.get();
            SocketAddress from;
            try {
                from = channel.receive(buf);
            } catch (IOException e) {
                protocol.errorReceived(e);
                return;
            }
            if (from == null) {
                return;
            }
            buf.flip();
            try {
                protocol.datagramReceived(buf, from);
            } catch (RuntimeException e) {
                loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.datagramReceived()", e)
                        .with("transport", this).with("protocol", protocol));
            }
        }
    }

    // ---- sending -------------------------------------------------------------------------------

    /**
     * Sends one datagram (asyncio {@code sendto}): the remaining bytes of {@code data}, to
     * {@code address}, or to the connected peer when it is {@code null}. If the socket cannot take it now
     * it is copied and queued. A send error goes to {@code errorReceived}. On a connected endpoint,
     * another address raises {@link IllegalArgumentException}; after the endpoint is lost, datagrams are
     * dropped. An empty datagram is sent by an unconnected endpoint only: the JDK cannot send one on a
     * connected {@code DatagramChannel}, so there it is ignored (as in Python 3.11).
     */
    @Override
    public void sendto(ByteBuffer data, SocketAddress address) {
        if (this.address != null) {
            if (address != null && !address.equals(this.address)) {
                throw new IllegalArgumentException("Invalid address: must be null or " + this.address);
            }
            address = this.address;
        } else if (address == null) {
            throw new IllegalArgumentException("this endpoint is not connected: an address is required");
        }
        if (lostForWriting()) {
            return;
        }
        if (!data.hasRemaining() && this.address != null) {
            return;
        }
        if (buffer.isEmpty()) {
            int len = data.remaining();
            try {
                if (send(data, address) > 0 || len == 0) {
                    return;
                }
            } catch (IOException e) {
                protocol.errorReceived(e);
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        buffer.addLast(new Pending(copy, address));
        bufferSize += copy.remaining();
        maybePauseProtocol();
    }

    private int send(ByteBuffer data, SocketAddress to) throws IOException {
        return this.address != null ? channel.write(data) : channel.send(data, to);
    }

    private void sendReady() {
        Pending p;
        while ((p = buffer.peekFirst()) != null) {
            int len = p.data.remaining();
            try {
                if (send(p.data, p.address) == 0 && len > 0) {
                    break; // the socket is full again: retry when writable
                }
            } catch (IOException e) {
                buffer.pollFirst();
                bufferSize -= len;
                protocol.errorReceived(e);
                return;
            }
            buffer.pollFirst();
            bufferSize -= len;
        }
        maybeResumeProtocol();
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            flushedWhileClosing();
        }
    }

    /** Bytes of datagrams queued for the socket (asyncio {@code get_write_buffer_size}). */
    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    /** Sets the water marks, as for stream transports (asyncio {@code set_write_buffer_limits}). */
    public void setWriteBufferLimits(Integer high, Integer low) {
        WaterMarks marks = WaterMarks.of(high, low);
        this.high = marks.high();
        this.low = marks.low();
        maybePauseProtocol();
    }

    /** The water marks as {@code [low, high]}. */
    public int[] getWriteBufferLimits() {
        return new int[] {low, high};
    }

    private void maybePauseProtocol() {
        if (!protocolPaused && bufferSize > high) {
            protocolPaused = true;
            ProtocolCalls.pauseWriting(loop, this, protocol);
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= low) {
            protocolPaused = false;
            ProtocolCalls.resumeWriting(loop, this, protocol);
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    /** Whether the endpoint is closing or closed (asyncio {@code is_closing}). */
    @Override
    public boolean isClosing() {
        return closing;
    }

    /**
     * Closes (asyncio {@code close}): stops receiving, sends the queued datagrams, then closes the socket
     * and calls {@code connectionLost(null)} on a later loop iteration. Calling it again does nothing.
     */
    @Override
    public void close() {
        startClosing();
    }

    /** Closes at once, dropping queued datagrams (asyncio {@code abort}); {@code connectionLost(null)} follows. */
    @Override
    public void abort() {
        forceClose(null);
    }

    @Override
    boolean writeBufferEmpty() {
        return buffer.isEmpty();
    }

    @Override
    void clearWriteBuffer() {
        buffer.clear();
        bufferSize = 0;
    }

    @Override
    void protocolConnectionLost(Throwable error) {
        protocol.connectionLost(error);
    }

    // ---- facts ---------------------------------------------------------------------------------

    /** asyncio's extra info: {@code peername} (when connected), {@code sockname}, {@code socket} (the channel). */
    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "peername" -> address;
            case "sockname" -> sockname;
            case "socket" -> channel;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "<UdpTransport " + sockname + (address != null ? " -> " + address : "")
                + (closed ? " closed" : closing ? " closing" : "") + " bufsize=" + bufferSize + ">";
    }
}
