package io.jasyncio.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A reference point for the streams echo server, not a jasyncio program: the plain single-threaded NIO
 * echo server (as the harness's {@code java-nio}) but with a direct buffer of its own per connection, as
 * a task per connection has, instead of one buffer shared by all. The difference between the two shows
 * what the per-connection buffers cost in cache misses at large messages and many connections.
 *
 * <pre>
 * NioPerConnectionEchoServer PORT [BUFSIZE]   (default 262144, the harness's java-nio buffer size)
 * </pre>
 */
public final class NioPerConnectionEchoServer {

    private NioPerConnectionEchoServer() {
    }

    /** One connection's buffer, and what the socket refused of the last write (in read mode), if anything. */
    private static final class Conn {
        final ByteBuffer buf;
        ByteBuffer pending;

        Conn(int size) {
            buf = ByteBuffer.allocateDirect(size);
        }
    }

    /** Serves until killed. */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256 * 1024;
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("NioPerConnectionEchoServer (" + size + " bytes per connection) on 127.0.0.1:" + port);
        while (true) {
            selector.select(key -> {
                try {
                    if (key.isAcceptable()) {
                        SocketChannel ch;
                        while ((ch = server.accept()) != null) {
                            ch.configureBlocking(false);
                            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            ch.register(selector, SelectionKey.OP_READ, new Conn(size));
                        }
                        return;
                    }
                    SocketChannel ch = (SocketChannel) key.channel();
                    Conn c = (Conn) key.attachment();
                    if (key.isWritable()) {
                        ch.write(c.pending);
                        if (!c.pending.hasRemaining()) {
                            c.pending = null;
                            key.interestOps(SelectionKey.OP_READ);
                        }
                        return;
                    }
                    ByteBuffer buf = c.buf.clear();
                    int n = ch.read(buf);
                    if (n < 0) {
                        key.cancel();
                        ch.close();
                        return;
                    }
                    ch.write(buf.flip());
                    if (buf.hasRemaining()) {
                        c.pending = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                } catch (IOException e) {
                    key.cancel();
                    try {
                        key.channel().close();
                    } catch (IOException ignored) {
                        // already gone
                    }
                }
            });
        }
    }
}
