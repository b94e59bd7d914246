package io.jasyncio.net;

import io.jasyncio.loop.SelectorEventLoop;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A connected pair of in-memory transports on one loop, for testing protocols without sockets (as
 * Netty's {@code EmbeddedChannel}): what one side writes, the other's protocol receives on a later loop
 * iteration, with the same flow control, half-close and abort behaviour as a TCP connection.
 *
 * <p>The sender's write buffer is what the receiver has not yet taken: pausing reading on one side
 * fills the other side's buffer and makes it pause writing, as TCP back-pressure does.
 */
public final class MemoryTransport implements Transport {

    private final SelectorEventLoop loop;
    private final String name;
    private MemoryTransport peer;
    private ConnectionProtocol protocol;
    /** Chunks written by the peer, not yet delivered to our protocol. */
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private int inboundBytes;
    private boolean inboundEof;
    private boolean reading = true;
    private boolean deliveryScheduled;
    private boolean eofWritten;
    private boolean closing;
    private boolean lost;
    private boolean writingPaused;
    private int high = 64 * 1024;
    private int low = 16 * 1024;

    private MemoryTransport(SelectorEventLoop loop, String name, ConnectionProtocol protocol) {
        this.loop = loop;
        this.name = name;
        this.protocol = protocol;
    }

    /**
     * Connects {@code a} and {@code b}; their {@code connectionMade} is called on the next loop iteration.
     * Returns the transports, {@code a}'s first.
     */
    public static MemoryTransport[] pair(SelectorEventLoop loop, ConnectionProtocol a, ConnectionProtocol b) {
        MemoryTransport ta = new MemoryTransport(loop, "memory:a", a);
        MemoryTransport tb = new MemoryTransport(loop, "memory:b", b);
        ta.peer = tb;
        tb.peer = ta;
        loop.callSoon(() -> a.connectionMade(ta));
        loop.callSoon(() -> b.connectionMade(tb));
        return new MemoryTransport[] {ta, tb};
    }

    // ---- writing -------------------------------------------------------------------------------

    @Override
    public void write(ByteBuffer data) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after write_eof()");
        }
        if (lost || peer.lost) {
            return;
        }
        if (!data.hasRemaining()) {
            return;
        }
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        peer.inbound.addLast(chunk);
        peer.inboundBytes += chunk.length;
        peer.scheduleDelivery();
        maybePauseWriting();
    }

    @Override
    public void writeEof() {
        if (eofWritten || lost) {
            return;
        }
        eofWritten = true;
        peer.inboundEof = true;
        peer.scheduleDelivery();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public boolean isWritingPaused() {
        return writingPaused;
    }

    @Override
    public int getWriteBufferSize() {
        return peer.inboundBytes;
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        WaterMarks marks = WaterMarks.of(high, low);
        this.high = marks.high();
        this.low = marks.low();
        maybePauseWriting();
    }

    @Override
    public int[] getWriteBufferLimits() {
        return new int[] {low, high};
    }

    private void maybePauseWriting() {
        if (!writingPaused && getWriteBufferSize() > high) {
            writingPaused = true;
            protocol.pauseWriting();
        }
    }

    private void maybeResumeWriting() {
        if (writingPaused && getWriteBufferSize() <= low) {
            writingPaused = false;
            protocol.resumeWriting();
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    @Override
    public boolean isReading() {
        return reading && !closing;
    }

    @Override
    public void pauseReading() {
        reading = false;
    }

    @Override
    public void resumeReading() {
        if (!reading) {
            reading = true;
            scheduleDelivery();
        }
    }

    private void scheduleDelivery() {
        if (!deliveryScheduled && !lost) {
            deliveryScheduled = true;
            loop.callSoon(this::deliver);
        }
    }

    private void deliver() {
        deliveryScheduled = false;
        if (lost) {
            return;
        }
        while (reading && !inbound.isEmpty() && !lost) {
            byte[] chunk = inbound.pollFirst();
            inboundBytes -= chunk.length;
            feed(chunk);
            peer.maybeResumeWriting();
        }
        if (reading && inbound.isEmpty() && inboundEof && !lost) {
            inboundEof = false;
            boolean keepOpen = protocol.eofReceived();
            if (!keepOpen) {
                close();
            }
        }
    }

    private void feed(byte[] chunk) {
        if (protocol instanceof BufferedProtocol bp) {
            int offset = 0;
            while (offset < chunk.length) {
                ByteBuffer buf = bp.getBuffer(chunk.length - offset);
                int n = Math.min(buf.remaining(), chunk.length - offset);
                if (n == 0) {
                    throw new IllegalStateException("BufferedProtocol.getBuffer() returned an empty buffer");
                }
                buf.put(chunk, offset, n);
                offset += n;
                bp.bufferUpdated(n);
            }
        } else {
            ((Protocol) protocol).dataReceived(ByteBuffer.wrap(chunk).asReadOnlyBuffer());
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    @Override
    public boolean isClosing() {
        return closing || lost;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (!eofWritten && !peer.lost) {
            eofWritten = true;
            peer.inboundEof = true;
            peer.scheduleDelivery();
        }
        loop.callSoon(() -> connectionLost(null));
    }

    @Override
    public void abort() {
        closing = true;
        inbound.clear();
        inboundBytes = 0;
        if (!peer.lost) {
            peer.inbound.clear();
            peer.inboundBytes = 0;
            MemoryTransport p = peer;
            loop.callSoon(() -> p.connectionLost(new SocketException("Connection reset by peer")));
        }
        loop.callSoon(() -> connectionLost(null));
    }

    private void connectionLost(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        protocol.connectionLost(error);
    }

    // ---- identity ------------------------------------------------------------------------------

    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public ConnectionProtocol getProtocol() {
        return protocol;
    }

    @Override
    public Object getExtraInfo(String key) {
        return switch (key) {
            case "peername" -> peer.name;
            case "sockname" -> name;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "<MemoryTransport " + name + (lost ? " closed" : closing ? " closing" : "") + ">";
    }
}
