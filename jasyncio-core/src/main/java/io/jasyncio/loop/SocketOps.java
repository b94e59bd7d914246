package io.jasyncio.loop;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop's low-level socket coroutines (asyncio {@code sock_recv}, {@code sock_recv_into},
 * {@code sock_sendall}, {@code sock_connect}, {@code sock_accept}, {@code sock_recvfrom},
 * {@code sock_recvfrom_into}, {@code sock_sendto}, {@code sock_sendfile}): try the operation at once,
 * and only if it would block, wait for readiness with a reader or writer callback that tries again.
 * Each suspends the calling task; cancelling the task removes the callback and leaves the socket as it
 * was.
 */
final class SocketOps {

    /** One non-blocking try of an operation: its result, or {@code null} if it would block. */
    @FunctionalInterface
    private interface Attempt<T> {
        T tryNow() throws IOException;
    }

    private SocketOps() {
    }

    /**
     * Tries {@code attempt} now and, while it would block, again each time {@code ch} is readable (or
     * writable, if {@code writing}); suspends meanwhile. The callback is removed however this ends.
     */
    private static <T> T untilDone(SelectorEventLoop loop, SelectableChannel ch, boolean writing, Attempt<T> attempt)
            throws IOException {
        if (ch.isBlocking()) {
            ch.configureBlocking(false);
        }
        T done = attempt.tryNow();
        if (done != null) {
            return done;
        }
        return whenReady(loop, ch, writing, attempt);
    }

    /** Tries {@code attempt} each time {@code ch} is readable (or writable), suspending until it is done. */
    private static <T> T whenReady(SelectorEventLoop loop, SelectableChannel ch, boolean writing, Attempt<T> attempt)
            throws IOException {
        Future<T> f = loop.createFuture();
        Runnable retry = () -> {
            if (f.done()) {
                return;
            }
            try {
                T r = attempt.tryNow();
                if (r != null) {
                    f.setResult(r);
                }
            } catch (IOException e) {
                f.setException(e);
            }
        };
        if (writing) {
            loop.addWriter(ch, retry);
        } else {
            loop.addReader(ch, retry);
        }
        try {
            return Aio.await(f);
        } finally {
            if (writing) {
                loop.removeWriter(ch);
            } else {
                loop.removeReader(ch);
            }
        }
    }

    static int recvInto(SelectorEventLoop loop, SocketChannel ch, ByteBuffer buf) throws IOException {
        if (!buf.hasRemaining()) {
            return 0;
        }
        return untilDone(loop, ch, false, () -> {
            int n = ch.read(buf);
            return n != 0 ? n : null;
        });
    }

    static byte[] recv(SelectorEventLoop loop, SocketChannel ch, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = recvInto(loop, ch, buf);
        return n <= 0 ? new byte[0] : Arrays.copyOf(buf.array(), n);
    }

    static void sendAll(SelectorEventLoop loop, SocketChannel ch, ByteBuffer data) throws IOException {
        untilDone(loop, ch, true, () -> {
            ch.write(data);
            return data.hasRemaining() ? null : Boolean.TRUE;
        });
    }

    static void connect(SelectorEventLoop loop, SocketChannel ch, SocketAddress address) throws IOException {
        if (ch.isBlocking()) {
            ch.configureBlocking(false);
        }
        if (ch.connect(address)) {
            return;
        }
        // As asyncio: the outcome is read once the socket says it is writable, never at once (so a
        // loopback connect to a listener closed in this iteration is refused, not accepted by its backlog).
        whenReady(loop, ch, true, () -> ch.finishConnect() ? Boolean.TRUE : null);
    }

    static SocketChannel accept(SelectorEventLoop loop, ServerSocketChannel server) throws IOException {
        return untilDone(loop, server, false, server::accept);
    }

    static SelectorEventLoop.Received recvfromInto(SelectorEventLoop loop, DatagramChannel ch, ByteBuffer buf)
            throws IOException {
        int start = buf.position();
        return untilDone(loop, ch, false, () -> {
            SocketAddress from = ch.receive(buf);
            return from == null ? null : new SelectorEventLoop.Received(buf.position() - start, from);
        });
    }

    static SelectorEventLoop.Datagram recvfrom(SelectorEventLoop loop, DatagramChannel ch, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        SelectorEventLoop.Received r = recvfromInto(loop, ch, buf);
        return new SelectorEventLoop.Datagram(Arrays.copyOf(buf.array(), r.nbytes()), r.address());
    }

    static int sendto(SelectorEventLoop loop, DatagramChannel ch, ByteBuffer data, SocketAddress address)
            throws IOException {
        int len = data.remaining();
        // send() takes a datagram whole or not at all: 0 with bytes left means "no room, try later".
        return untilDone(loop, ch, true, () -> ch.send(data, address) > 0 || len == 0 ? len : null);
    }

    static long sendfile(SelectorEventLoop loop, SocketChannel ch, FileChannel file, long offset, long count)
            throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        long end = count > 0 ? Math.min(file.size(), offset + count) : file.size();
        long[] sent = {0};
        try {
            untilDone(loop, ch, true, () -> {
                // transferTo is sendfile(2) for a socket: the kernel copies from the page cache.
                while (offset + sent[0] < end) {
                    long n = file.transferTo(offset + sent[0], end - offset - sent[0], ch);
                    if (n == 0) {
                        return null;
                    }
                    sent[0] += n;
                }
                return Boolean.TRUE;
            });
        } finally {
            // As asyncio: the file's position ends after what was sent, even if cancelled or failed.
            file.position(offset + sent[0]);
        }
        return sent[0];
    }

    static List<InetSocketAddress> getaddrinfo(SelectorEventLoop loop, String host, int port) {
        try {
            // An IP literal needs no lookup, so no trip to the executor.
            return List.of(new InetSocketAddress(InetAddress.ofLiteral(host), port));
        } catch (IllegalArgumentException notALiteral) {
            // a name: resolve it off the loop thread
        }
        return Aio.await(loop.runInExecutor(null, () -> {
            List<InetSocketAddress> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                out.add(new InetSocketAddress(a, port));
            }
            return out;
        }));
    }

    static String getnameinfo(SelectorEventLoop loop, InetSocketAddress address) {
        return Aio.await(loop.runInExecutor(null, () -> address.getAddress().getCanonicalHostName()));
    }
}
