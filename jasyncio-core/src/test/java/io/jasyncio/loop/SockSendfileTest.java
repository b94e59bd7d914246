package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;
import java.util.Random;

/** {@code sockSendfile} (asyncio {@code sock_sendfile}) over a real loopback connection. */
class SockSendfileTest {

    /** Reads everything the peer sends until it closes. */
    private static Task<byte[]> drainPeer(SelectorEventLoop loop, ServerSocketChannel server) {
        return Aio.createTask(() -> {
            try (SocketChannel peer = loop.sockAccept(server)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(65536);
                while (loop.sockRecvInto(peer, buf) > 0) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                return out.toByteArray();
            }
        });
    }

    private static byte[] randomFile(Path file, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(42).nextBytes(content);
        Files.write(file, content);
        return content;
    }

    @AioTest(virtualTime = false)
    void sendsAFileLargerThanTheSocketBuffersWhole(SelectorEventLoop loop, @TempDir Path dir)
            throws Exception {
        byte[] content = randomFile(dir.resolve("big.bin"), 8 * 1024 * 1024 + 17);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<byte[]> received = drainPeer(loop, server);
            try (SocketChannel client = SocketChannel.open();
                 FileChannel file = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.READ)) {
                loop.sockConnect(client, server.getLocalAddress());
                assertEquals(content.length, loop.sockSendfile(client, file, 0, 0));
                assertEquals(content.length, file.position(), "the position ends after what was sent");
            }
            assertArrayEquals(content, Aio.await(received));
        }
    }

    @AioTest(virtualTime = false)
    void sendsTheRangeAskedForAndStopsAtTheEndOfTheFile(SelectorEventLoop loop,
                                                        @TempDir Path dir) throws Exception {
        byte[] content = randomFile(dir.resolve("f.bin"), 100_000);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<byte[]> received = drainPeer(loop, server);
            try (SocketChannel client = SocketChannel.open();
                 FileChannel file = FileChannel.open(dir.resolve("f.bin"), StandardOpenOption.READ)) {
                loop.sockConnect(client, server.getLocalAddress());
                assertEquals(1000, loop.sockSendfile(client, file, 500, 1000));
                assertEquals(1500, file.position());
                // A count past the end sends what there is.
                assertEquals(1000, loop.sockSendfile(client, file, 99_000, 5000));
                assertEquals(100_000, file.position());
                assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(client, file, -1, 10));
            }
            byte[] expected = new byte[2000];
            System.arraycopy(content, 500, expected, 0, 1000);
            System.arraycopy(content, 99_000, expected, 1000, 1000);
            assertArrayEquals(expected, Aio.await(received));
        }
    }

    @AioTest(virtualTime = false)
    void aPeerThatResetsEndsTheSendWithAnErrorAndThePositionSaysHowFarItGot(
            SelectorEventLoop loop, @TempDir Path dir) throws Exception {
        randomFile(dir.resolve("big.bin"), 32 * 1024 * 1024);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<Void> resetter = Aio.createTask(() -> {
                SocketChannel peer = loop.sockAccept(server);
                loop.sockRecvInto(peer, ByteBuffer.allocate(1000));
                peer.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                peer.close(); // RST while the sender still has megabytes to go
                return null;
            });
            try (SocketChannel client = SocketChannel.open();
                 FileChannel file = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.READ)) {
                loop.sockConnect(client, server.getLocalAddress());
                assertThrows(java.io.IOException.class, () -> loop.sockSendfile(client, file, 0, 0));
                long pos = file.position();
                assertTrue(pos > 0 && pos < 32 * 1024 * 1024, "position " + pos);
            }
            Aio.await(resetter);
        }
    }
}
