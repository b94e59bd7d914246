package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The loop's readiness callbacks and low-level socket coroutines, on real loopback sockets and pipes. */
class IoTest {

    @AioTest(virtualTime = false)
    void readerRunsWhenThePipeHasData(SelectorEventLoop loop) throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            io.jasyncio.Future<String> got = loop.createFuture();
            loop.addReader(source, () -> {
                ByteBuffer buf = ByteBuffer.allocate(16);
                try {
                    source.read(buf);
                } catch (IOException e) {
                    got.setException(e);
                    return;
                }
                loop.removeReader(source);
                got.setResult(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            });
            loop.callLater(0.01, () -> {
                try {
                    sink.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals("ping", Aio.await(got));
            assertFalse(loop.removeReader(source), "already removed");
        }
    }

    @AioTest(virtualTime = false)
    void addReaderReplacesThePreviousReader(SelectorEventLoop loop) throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            List<String> calls = new ArrayList<>();
            Handle first = loop.addReader(source, () -> calls.add("first"));
            loop.addReader(source, () -> {
                calls.add("second");
                loop.removeReader(source);
            });
            assertTrue(first.cancelled());
            sink.write(ByteBuffer.wrap(new byte[] {1}));
            for (int i = 0; i < 200 && calls.isEmpty(); i++) {
                Aio.sleep(0.005);
            }
            assertEquals(List.of("second"), calls);
        }
    }

    @AioTest(virtualTime = false)
    void sockCoroutinesTalkOverLoopback(SelectorEventLoop loop) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<String> serverSide = Aio.createTask(() -> {
                try (SocketChannel peer = loop.sockAccept(server)) {
                    byte[] request = loop.sockRecv(peer, 100);
                    loop.sockSendall(peer, ByteBuffer.wrap(("echo:" + new String(request, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8)));
                    return "served";
                }
            });
            try (SocketChannel client = SocketChannel.open()) {
                loop.sockConnect(client, server.getLocalAddress());
                loop.sockSendall(client, ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer reply = ByteBuffer.allocate(100);
                StringBuilder sb = new StringBuilder();
                int n;
                while ((n = loop.sockRecvInto(client, reply)) > 0) {
                    sb.append(new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8));
                    reply.clear();
                }
                assertEquals(-1, n);
                assertEquals("echo:hello", sb.toString());
            }
            assertEquals("served", Aio.await(serverSide));
        }
    }

    @AioTest(virtualTime = false)
    void aLargeSendallWaitsForTheReader(SelectorEventLoop loop) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int size = 8 * 1024 * 1024;
            Task<Long> reader = Aio.createTask(() -> {
                try (SocketChannel peer = loop.sockAccept(server)) {
                    long total = 0;
                    ByteBuffer buf = ByteBuffer.allocate(65536);
                    int n;
                    while ((n = loop.sockRecvInto(peer, buf)) > 0) {
                        total += n;
                        buf.clear();
                    }
                    return total;
                }
            });
            try (SocketChannel client = SocketChannel.open()) {
                loop.sockConnect(client, server.getLocalAddress());
                loop.sockSendall(client, ByteBuffer.allocate(size));
            }
            assertEquals(size, Aio.await(reader));
        }
    }

    @AioTest(virtualTime = false)
    void cancellingARecvRemovesTheReader(SelectorEventLoop loop) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open()) {
                loop.sockConnect(client, server.getLocalAddress());
                Task<byte[]> recv = Aio.createTask(() -> loop.sockRecv(client, 10));
                Aio.sleep(0.01);
                recv.cancel();
                assertThrows(CancelledError.class, () -> Aio.await(recv));
                assertFalse(loop.removeReader(client), "the cancelled recv took its reader with it");
            }
        }
    }

    @AioTest(virtualTime = false)
    void connectionRefusedIsRaisedByConnect(SelectorEventLoop loop) throws Exception {
        InetSocketAddress closedPort;
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = (InetSocketAddress) s.getLocalAddress();
        }
        try (SocketChannel client = SocketChannel.open()) {
            IOException e = assertThrows(IOException.class, () -> loop.sockConnect(client, closedPort));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }

    @AioTest(virtualTime = false)
    void getaddrinfoResolvesOffTheLoopThread(SelectorEventLoop loop) {
        List<InetSocketAddress> addresses = loop.getaddrinfo("localhost", 80);
        assertFalse(addresses.isEmpty());
        assertTrue(addresses.get(0).getAddress().isLoopbackAddress());
        assertEquals(80, addresses.get(0).getPort());
    }
}
