package io.jasyncio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Socket reads and writes through libc ({@link NativeSocketIo}) give what {@code SocketChannel.read/write}
 * give, on real sockets: counts, buffer positions, end of stream, would-block, and the errors of a reset
 * peer. Every scenario runs on both paths and the two transcripts must be equal; the native path runs
 * where the suite has its flags (the continuation back end's run), which {@link #theNativePathIsInUseWhereExpected}
 * checks.
 */
class SocketIoTest {

    /** One way to read and write a channel. */
    private interface Io {
        int read(SocketChannel ch, ByteBuffer dst) throws IOException;

        int write(SocketChannel ch, ByteBuffer src) throws IOException;
    }

    private static final Io CHANNEL = new Io() {
        @Override
        public int read(SocketChannel ch, ByteBuffer dst) throws IOException {
            return ch.read(dst);
        }

        @Override
        public int write(SocketChannel ch, ByteBuffer src) throws IOException {
            return ch.write(src);
        }
    };

    private static Io nativeIo() {
        MemorySegment state = NativeSocketIo.newCallState();
        return new Io() {
            @Override
            public int read(SocketChannel ch, ByteBuffer dst) throws IOException {
                return NativeSocketIo.read(state, ch, dst);
            }

            @Override
            public int write(SocketChannel ch, ByteBuffer src) throws IOException {
                return NativeSocketIo.write(state, ch, src);
            }
        };
    }

    /** A connected pair on 127.0.0.1: [0] non-blocking (the side under test), [1] blocking (the peer). */
    private static SocketChannel[] pair() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            SocketChannel ours = SocketChannel.open(server.getLocalAddress());
            SocketChannel peer = server.accept();
            ours.configureBlocking(false);
            return new SocketChannel[] {ours, peer};
        }
    }

    private static String outcome(IoCall call) {
        try {
            return String.valueOf(call.run());
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private interface IoCall {
        Object run() throws IOException;
    }

    /** Waits until the kernel has what the peer sent (loopback delivers within the peer's call; this is slack). */
    private static void settle() throws InterruptedException {
        Thread.sleep(20);
    }

    /** Reads: nothing yet, some bytes at an offset, end of stream, and again after it. */
    private static List<String> readScenario(Io io) throws Exception {
        List<String> log = new ArrayList<>();
        SocketChannel[] p = pair();
        try (SocketChannel ours = p[0]; SocketChannel peer = p[1]) {
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            log.add("empty " + outcome(() -> io.read(ours, buf)) + " pos " + buf.position());
            peer.write(ByteBuffer.wrap("hello, world".getBytes(StandardCharsets.US_ASCII)));
            settle();
            buf.position(3).limit(8);
            log.add("limited " + outcome(() -> io.read(ours, buf)) + " pos " + buf.position());
            buf.limit(64);
            log.add("rest " + outcome(() -> io.read(ours, buf)) + " pos " + buf.position());
            byte[] got = new byte[buf.position() - 3];
            buf.flip().position(3);
            buf.get(got);
            log.add("bytes " + new String(got, StandardCharsets.US_ASCII));
            buf.clear();
            log.add("full " + outcome(() -> io.read(ours, buf.position(64))));
            peer.close();
            settle();
            log.add("eof " + outcome(() -> io.read(ours, buf.clear())));
            log.add("eof again " + outcome(() -> io.read(ours, buf.clear())));
        }
        return log;
    }

    /** Writes until the socket would block, then the peer reads it all: the counts add up and the bytes match. */
    private static List<String> writeScenario(Io io) throws Exception {
        List<String> log = new ArrayList<>();
        SocketChannel[] p = pair();
        try (SocketChannel ours = p[0]; SocketChannel peer = p[1]) {
            ours.setOption(StandardSocketOptions.SO_SNDBUF, 65536);
            ByteBuffer src = ByteBuffer.allocateDirect(1 << 20);
            for (int i = 0; i < src.capacity(); i++) {
                src.put(i, (byte) (i * 31));
            }
            long sent = 0;
            int n;
            while ((n = io.write(ours, src)) > 0) {
                sent += n;
            }
            log.add("would block " + n + ", position = sent " + (src.position() == sent));
            assertTrue(sent > 0 && sent < src.capacity(), "sent " + sent);
            ByteBuffer in = ByteBuffer.allocate((int) sent);
            while (in.hasRemaining()) {
                peer.read(in);
            }
            boolean same = true;
            for (int i = 0; i < sent; i++) {
                same &= in.get(i) == (byte) (i * 31);
            }
            log.add("peer got the bytes in order " + same);
            log.add("empty write " + outcome(() -> io.write(ours, ByteBuffer.allocateDirect(0))));
        }
        return log;
    }

    /** A peer that resets: the read raises, then writes raise (as the JDK's calls do). */
    private static List<String> resetScenario(Io io) throws Exception {
        List<String> log = new ArrayList<>();
        SocketChannel[] p = pair();
        try (SocketChannel ours = p[0]; SocketChannel peer = p[1]) {
            ours.write(ByteBuffer.wrap(new byte[10])); // unread by the peer, so its close resets
            settle();
            peer.setOption(StandardSocketOptions.SO_LINGER, 0);
            peer.close();
            settle();
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            log.add("read " + outcome(() -> io.read(ours, buf)));
        }
        p = pair();
        try (SocketChannel ours = p[0]; SocketChannel peer = p[1]) {
            peer.setOption(StandardSocketOptions.SO_LINGER, 0);
            peer.close();
            settle();
            log.add("write " + outcome(() -> io.write(ours, ByteBuffer.allocateDirect(100))));
            log.add("write again " + outcome(() -> io.write(ours, ByteBuffer.allocateDirect(100))));
        }
        return log;
    }

    @Test
    void theNativePathIsInUseWhereExpected() {
        String expected = System.getProperty("jasyncio.expectNativeIo");
        System.out.println("socket I/O through libc: " + SocketIo.nativeIo());
        if (expected != null) {
            assertEquals(Boolean.parseBoolean(expected), SocketIo.nativeIo());
        }
    }

    @Test
    void readsGiveTheChannelsResults() throws Exception {
        List<String> expected = List.of("empty 0 pos 0", "limited 5 pos 8", "rest 7 pos 15", "bytes hello, world",
                "full 0", "eof -1", "eof again -1");
        assertEquals(expected, readScenario(CHANNEL));
        assumeTrue(SocketIo.nativeIo(), "no native socket I/O in this run");
        assertEquals(expected, readScenario(nativeIo()));
    }

    @Test
    void writesGiveTheChannelsResults() throws Exception {
        List<String> expected = List.of("would block 0, position = sent true", "peer got the bytes in order true",
                "empty write 0");
        assertEquals(expected, writeScenario(CHANNEL));
        assumeTrue(SocketIo.nativeIo(), "no native socket I/O in this run");
        assertEquals(expected, writeScenario(nativeIo()));
    }

    @Test
    void aResetPeerGivesTheChannelsErrors() throws Exception {
        List<String> expected = List.of("read SocketException: Connection reset",
                "write IOException: Connection reset by peer", "write again IOException: Broken pipe");
        assertEquals(expected, resetScenario(CHANNEL));
        assumeTrue(SocketIo.nativeIo(), "no native socket I/O in this run");
        assertEquals(expected, resetScenario(nativeIo()));
    }

    @Test
    void heapBuffersReadOnlyBuffersBlockingAndClosedChannelsGiveTheChannelsResults() throws Exception {
        SocketIo io = SocketIo.ofThisThread();
        SocketChannel[] p = pair();
        try (SocketChannel ours = p[0]; SocketChannel peer = p[1]) {
            ByteBuffer heap = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
            assertEquals(3, io.write(ours, heap));
            ByteBuffer in = ByteBuffer.allocate(3);
            while (in.hasRemaining()) {
                peer.read(in);
            }
            assertEquals("abc", new String(in.array(), StandardCharsets.US_ASCII));
            ByteBuffer toUs = ByteBuffer.allocateDirect(5).put("12345".getBytes(StandardCharsets.US_ASCII)).flip();
            assertEquals(5, io.write(peer, toUs), "a blocking channel writes everything");
            settle();
            ByteBuffer got = ByteBuffer.allocateDirect(8);
            assertEquals(5, io.read(ours, got));
            assertEquals("12345", StandardCharsets.US_ASCII.decode(got.flip()).toString());
            ByteBuffer readOnly = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();
            assertThrows(IllegalArgumentException.class, () -> io.read(ours, readOnly), "the channel's own error");
            ours.close();
            assertThrows(ClosedChannelException.class, () -> io.read(ours, ByteBuffer.allocateDirect(8)));
            assertThrows(ClosedChannelException.class, () -> io.write(ours, ByteBuffer.allocateDirect(8)));
        }
    }
}
