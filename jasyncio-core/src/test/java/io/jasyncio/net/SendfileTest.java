package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;

/** {@code loop.sendfile}: by the kernel on a socket transport, in chunks with flow control on a memory transport. */
class SendfileTest {

    private static byte[] randomFile(Path file, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        return content;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A raw peer that starts reading after {@code delay} seconds and returns everything until EOF. */
    private static Task<byte[]> slowReader(SelectorEventLoop loop, ServerSocketChannel server, double delay) {
        return Aio.createTask(() -> {
            try (SocketChannel peer = loop.sockAccept(server)) {
                Aio.sleep(delay);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                while (loop.sockRecvInto(peer, buf) > 0) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                return out.toByteArray();
            }
        });
    }

    /** A TCP transport whose peer (accepted on {@code server}) starts reading after 0.2 s, until EOF. */
    private record SlowPeer(Transport transport, RecordingProtocol protocol, Task<byte[]> received) {
        static SlowPeer connect(SelectorEventLoop loop, ServerSocketChannel server) throws Exception {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<byte[]> received = slowReader(loop, server, 0.2);
            RecordingProtocol client = new RecordingProtocol();
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Transport t = Connections.createConnection(loop, () -> client, "127.0.0.1", port).transport();
            return new SlowPeer(t, client, received);
        }
    }

    @AioTest(virtualTime = false)
    void aSocketTransportSendsTheFileBetweenItsWritesAndRefusesWritesMeanwhile(SelectorEventLoop loop,
                                                                                @TempDir Path dir) throws Exception {
        byte[] content = randomFile(dir.resolve("big.bin"), 32 * 1024 * 1024 + 3);
        byte[] head = new byte[1024 * 1024]; // more than the socket takes at once: it waits in the write buffer
        new Random(1).nextBytes(head);
        try (ServerSocketChannel server = ServerSocketChannel.open();
             FileChannel file = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.READ)) {
            SlowPeer p = SlowPeer.connect(loop, server);
            Transport t = p.transport();
            Task<byte[]> peer = p.received();
            t.write(ByteBuffer.wrap(head));
            Task<Long> send = Aio.createTask(() -> loop.sendfile(t, file, 0, 0));
            Aio.sleep(0.05);
            assertFalse(send.done(), "the peer is not reading yet");
            assertFalse(t.isReading(), "reading is paused during sendfile");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.write(ascii("x")));
            assertEquals("unable to write; sendfile is in progress", e.getMessage());
            assertEquals(content.length, Aio.await(send));
            assertEquals(content.length, file.position());
            assertTrue(t.isReading(), "reading is back on");
            assertSame(p.protocol(), t.getProtocol());
            t.write(ascii("TAIL"));
            t.close();
            assertArrayEquals(concat(head, content, "TAIL".getBytes(StandardCharsets.US_ASCII)), Aio.await(peer));
        }
    }

    @AioTest(virtualTime = false)
    void aCancelledSendfileLeavesTheTransportWritableAndThePositionAfterWhatWasSent(SelectorEventLoop loop,
                                                                                    @TempDir Path dir) throws Exception {
        byte[] content = randomFile(dir.resolve("big.bin"), 32 * 1024 * 1024);
        try (ServerSocketChannel server = ServerSocketChannel.open();
             FileChannel file = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.READ)) {
            SlowPeer p = SlowPeer.connect(loop, server);
            Transport t = p.transport();
            Task<byte[]> peer = p.received();
            Task<Long> send = Aio.createTask(() -> loop.sendfile(t, file, 0, 0));
            Aio.sleep(0.05);
            send.cancel();
            assertThrows(io.jasyncio.CancelledError.class, () -> Aio.await(send));
            long sent = file.position();
            assertTrue(sent > 0 && sent < content.length, "sent " + sent);
            assertTrue(t.isReading(), "reading is back on");
            t.write(ascii("TAIL")); // writing works again, right after what the kernel sent
            t.close();
            byte[] got = Aio.await(peer);
            assertEquals(sent + 4, got.length);
            byte[] expected = java.util.Arrays.copyOf(content, (int) sent + 4);
            System.arraycopy("TAIL".getBytes(StandardCharsets.US_ASCII), 0, expected, (int) sent, 4);
            assertArrayEquals(expected, got);
        }
    }

    @AioTest(virtualTime = false)
    void theFallbackWritesChunksAsTheReaderTakesThemAndHandsFlowControlBack(SelectorEventLoop loop,
                                                                            @TempDir Path dir) throws Exception {
        byte[] content = randomFile(dir.resolve("f.bin"), 1024 * 1024 + 5);
        RecordingProtocol sender = new RecordingProtocol();
        RecordingProtocol receiver = new RecordingProtocol();
        MemoryTransport[] pair = MemoryTransport.pair(loop, sender, receiver);
        Aio.await(sender.made);
        Aio.await(receiver.made);
        pair[1].pauseReading(); // nothing is taken: the sender's buffer fills and it must wait
        try (FileChannel file = FileChannel.open(dir.resolve("f.bin"), StandardOpenOption.READ)) {
            pair[0].write(ascii("HEAD"));
            Task<Long> send = Aio.createTask(() -> loop.sendfile(pair[0], file, 0, 0));
            Aio.sleep(0.1);
            assertFalse(send.done(), "it waits for the reader");
            assertTrue(pair[0].getWriteBufferSize() <= 64 * 1024 + Sendfile.CHUNK,
                    "at most one chunk past the high-water mark: " + pair[0].getWriteBufferSize());
            assertFalse(pair[0].isReading(), "reading is paused during sendfile");
            pair[1].resumeReading();
            assertEquals(content.length, Aio.await(send));
            assertEquals(content.length, file.position());
            assertSame(sender, pair[0].getProtocol());
            assertTrue(pair[0].isReading());
            pair[0].write(ascii("TAIL"));
            receiver.awaitCount(4 + content.length + 4);
            assertArrayEquals(concat("HEAD".getBytes(StandardCharsets.US_ASCII), content,
                    "TAIL".getBytes(StandardCharsets.US_ASCII)), receiver.received());
            // The sender never heard of the pauses that happened while the file went out.
            assertEquals(0, sender.pauses);
            assertEquals(pair[0].isWritingPaused(), sender.writingPaused);
        }
    }

    @AioTest(virtualTime = false)
    void aRangeIsSentAndTheFallbackCanBeRefused(SelectorEventLoop loop, @TempDir Path dir) throws Exception {
        byte[] content = randomFile(dir.resolve("f.bin"), 10_000);
        RecordingProtocol sender = new RecordingProtocol();
        RecordingProtocol receiver = new RecordingProtocol();
        MemoryTransport[] pair = MemoryTransport.pair(loop, sender, receiver);
        Aio.await(sender.made);
        try (FileChannel file = FileChannel.open(dir.resolve("f.bin"), StandardOpenOption.READ)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> loop.sendfile(pair[0], file, 0, 0, false));
            assertTrue(e.getMessage().contains("fallback is off"), e.getMessage());
            assertEquals(100, loop.sendfile(pair[0], file, 9_900, 1_000), "a count past the end sends what there is");
            assertEquals(10_000, file.position());
            receiver.awaitCount(100);
            byte[] tail = new byte[100];
            System.arraycopy(content, 9_900, tail, 0, 100);
            assertArrayEquals(tail, receiver.received());
            pair[0].close();
            assertThrows(IllegalStateException.class, () -> loop.sendfile(pair[0], file, 0, 0));
        }
    }

    @AioTest(virtualTime = false)
    void thePeerGoingAwayEndsTheFallbackWithAnErrorAndTheProtocolHearsOfIt(SelectorEventLoop loop,
                                                                           @TempDir Path dir) throws Exception {
        randomFile(dir.resolve("f.bin"), 1024 * 1024);
        RecordingProtocol sender = new RecordingProtocol();
        RecordingProtocol receiver = new RecordingProtocol();
        MemoryTransport[] pair = MemoryTransport.pair(loop, sender, receiver);
        Aio.await(sender.made);
        Aio.await(receiver.made);
        pair[1].pauseReading();
        try (FileChannel file = FileChannel.open(dir.resolve("f.bin"), StandardOpenOption.READ)) {
            Task<Long> send = Aio.createTask(() -> loop.sendfile(pair[0], file, 0, 0));
            Aio.sleep(0.05);
            pair[1].abort();
            assertThrows(java.io.IOException.class, () -> Aio.await(send));
            Aio.await(sender.lost);
            assertSame(sender, pair[0].getProtocol());
            assertTrue(file.position() > 0 && file.position() < 1024 * 1024, "position " + file.position());
        }
    }
}
