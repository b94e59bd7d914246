package io.jasyncio.loop;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop's low-level socket coroutines (asyncio {@code sock_recv}, {@code sock_sendall},
 * {@code sock_connect}, {@code sock_accept}): try the operation at once, and only if it would block,
 * wait for readiness with a reader or writer callback. Each suspends the calling task; cancelling the
 * task removes the callback and leaves the socket as it was.
 */
final class SocketOps {

    private SocketOps() {
    }

    static int recvInto(SelectorEventLoop loop, SocketChannel ch, ByteBuffer buf) throws IOException {
        if (!buf.hasRemaining()) {
            return 0;
        }
        nonBlocking(ch);
        int n = ch.read(buf);
        if (n != 0) {
            return n;
        }
        Future<Integer> f = loop.createFuture();
        loop.addReader(ch, () -> {
            if (f.done()) {
                return;
            }
            try {
                int r = ch.read(buf);
                if (r != 0) {
                    f.setResult(r);
                }
            } catch (IOException e) {
                f.setException(e);
            }
        });
        try {
            return Aio.await(f);
        } finally {
            loop.removeReader(ch);
        }
    }

    static byte[] recv(SelectorEventLoop loop, SocketChannel ch, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = recvInto(loop, ch, buf);
        return n <= 0 ? new byte[0] : Arrays.copyOf(buf.array(), n);
    }

    static void sendAll(SelectorEventLoop loop, SocketChannel ch, ByteBuffer data) throws IOException {
        nonBlocking(ch);
        ch.write(data);
        if (!data.hasRemaining()) {
            return;
        }
        Future<Void> f = loop.createFuture();
        loop.addWriter(ch, () -> {
            if (f.done()) {
                return;
            }
            try {
                ch.write(data);
                if (!data.hasRemaining()) {
                    f.setResult(null);
                }
            } catch (IOException e) {
                f.setException(e);
            }
        });
        try {
            Aio.await(f);
        } finally {
            loop.removeWriter(ch);
        }
    }

    static void connect(SelectorEventLoop loop, SocketChannel ch, SocketAddress address) throws IOException {
        nonBlocking(ch);
        if (ch.connect(address)) {
            return;
        }
        Future<Void> f = loop.createFuture();
        loop.addWriter(ch, () -> {
            if (f.done()) {
                return;
            }
            try {
                if (ch.finishConnect()) {
                    f.setResult(null);
                }
            } catch (IOException e) {
                f.setException(e);
            }
        });
        try {
            Aio.await(f);
        } finally {
            loop.removeWriter(ch);
        }
    }

    static SocketChannel accept(SelectorEventLoop loop, ServerSocketChannel server) throws IOException {
        nonBlocking(server);
        SocketChannel accepted = server.accept();
        if (accepted != null) {
            return accepted;
        }
        Future<SocketChannel> f = loop.createFuture();
        loop.addReader(server, () -> {
            if (f.done()) {
                return;
            }
            try {
                SocketChannel c = server.accept();
                if (c != null) {
                    f.setResult(c);
                }
            } catch (IOException e) {
                f.setException(e);
            }
        });
        try {
            return Aio.await(f);
        } finally {
            loop.removeReader(server);
        }
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

    private static void nonBlocking(java.nio.channels.SelectableChannel ch) throws IOException {
        if (ch.isBlocking()) {
            ch.configureBlocking(false);
        }
    }
}
