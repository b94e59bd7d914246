package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Sending a file over a transport (asyncio {@code loop.sendfile}). On a TCP or Unix socket transport the
 * kernel sends it ({@code sendfile(2)}, no copy through Java): reading is paused, the write buffer is
 * flushed first, and {@code write} raises until the file is sent. On any other transport (TLS, memory,
 * pipes) the fallback reads the file in chunks off the loop thread and writes them, honouring the
 * transport's flow control: while it runs it stands in for the protocol, which gets its
 * {@code pauseWriting}/{@code resumeWriting} state back, consistent with the transport's, when it ends.
 */
public final class Sendfile {

    /** The fallback's chunk: the transports' default high-water mark. */
    static final int CHUNK = 64 * 1024;

    private Sendfile() {
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count <= 0}: to its end) and
     * returns how many were sent; the file's position ends after them. Suspends until done. Without
     * {@code fallback}, a transport that is not a socket raises {@link UnsupportedOperationException}.
     */
    public static long sendfile(SelectorEventLoop loop, Transport transport, FileChannel file, long offset,
                                long count, boolean fallback) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        if (transport.isClosing()) {
            throw new IllegalStateException("Transport is closing");
        }
        if (transport instanceof SocketTransport socket) {
            return viaKernel(loop, socket, file, offset, count);
        }
        if (!fallback) {
            throw new UnsupportedOperationException("sendfile is not available for " + transport
                    + " (only socket transports send files natively) and fallback is off");
        }
        return inChunks(loop, transport, file, offset, count);
    }

    private static long viaKernel(SelectorEventLoop loop, SocketTransport transport, FileChannel file, long offset,
                                  long count) throws IOException {
        boolean resumeReading = transport.isReading();
        transport.pauseReading();
        try {
            Aio.await(transport.whenWriteBufferEmpty());
            transport.sendfileInProgress(true);
            try {
                return loop.sockSendfile(transport.channel, file, offset, count);
            } finally {
                transport.sendfileInProgress(false);
            }
        } finally {
            if (resumeReading) {
                transport.resumeReading();
            }
        }
    }

    private static long inChunks(SelectorEventLoop loop, Transport transport, FileChannel file, long offset,
                                 long count) throws IOException {
        SendfileFallbackProtocol standIn = new SendfileFallbackProtocol(loop, transport);
        long sent = 0;
        try {
            long end = count > 0 ? offset + count : Long.MAX_VALUE;
            // One buffer for every chunk: write() copies what it cannot send, so it may be reused on return.
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, end - offset));
            while (offset + sent < end) {
                long at = offset + sent;
                chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
                // File reads may block on a slow disk: off the loop thread, as asyncio does.
                int n = Aio.await(loop.runInExecutor(null, () -> file.read(chunk, at)));
                if (n <= 0) {
                    break;
                }
                standIn.drain();
                transport.write(chunk.flip());
                sent += n;
            }
            return sent;
        } finally {
            if (sent > 0) {
                file.position(offset + sent);
            }
            standIn.restore();
        }
    }
}
