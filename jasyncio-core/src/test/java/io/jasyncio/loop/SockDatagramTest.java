package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/** The loop's low-level UDP coroutines (asyncio {@code sock_recvfrom}, {@code sock_recvfrom_into}, {@code sock_sendto}). */
class SockDatagramTest {

    private static DatagramChannel bound() throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return ch;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @AioTest(virtualTime = false)
    void recvfromWaitsForADatagramAndSaysWhoSentIt(SelectorEventLoop loop) throws Exception {
        try (DatagramChannel a = bound(); DatagramChannel b = bound()) {
            Task<SelectorEventLoop.Datagram> recv = Aio.createTask(() -> loop.sockRecvfrom(a, 100));
            Aio.sleep(0.01);
            assertFalse(recv.done(), "nothing sent yet");
            assertEquals(4, loop.sockSendto(b, ascii("ping"), a.getLocalAddress()));
            SelectorEventLoop.Datagram d = Aio.await(recv);
            assertEquals("ping", new String(d.data(), StandardCharsets.US_ASCII));
            assertEquals(b.getLocalAddress(), d.address());
        }
    }

    @AioTest(virtualTime = false)
    void recvfromIntoFillsTheBufferAndDropsWhatDoesNotFit(SelectorEventLoop loop) throws Exception {
        try (DatagramChannel a = bound(); DatagramChannel b = bound()) {
            loop.sockSendto(b, ascii("0123456789"), a.getLocalAddress());
            loop.sockSendto(b, ascii("ab"), a.getLocalAddress());
            ByteBuffer buf = ByteBuffer.allocate(4);
            SelectorEventLoop.Received r = loop.sockRecvfromInto(a, buf);
            assertEquals(4, r.nbytes());
            assertEquals(b.getLocalAddress(), r.address());
            assertArrayEquals("0123".getBytes(StandardCharsets.US_ASCII), buf.array());
            // The rest of the long datagram is gone: the next receive is the next datagram.
            SelectorEventLoop.Datagram next = loop.sockRecvfrom(a, 100);
            assertEquals("ab", new String(next.data(), StandardCharsets.US_ASCII));
        }
    }

    @AioTest(virtualTime = false)
    void anEmptyDatagramArrivesAsAnEmptyOne(SelectorEventLoop loop) throws Exception {
        try (DatagramChannel a = bound(); DatagramChannel b = bound()) {
            assertEquals(0, loop.sockSendto(b, ByteBuffer.allocate(0), a.getLocalAddress()));
            SelectorEventLoop.Datagram d = loop.sockRecvfrom(a, 100);
            assertEquals(0, d.data().length);
            assertEquals(b.getLocalAddress(), d.address());
        }
    }

    @AioTest(virtualTime = false)
    void cancellingARecvfromRemovesTheReader(SelectorEventLoop loop) throws Exception {
        try (DatagramChannel a = bound()) {
            Task<SelectorEventLoop.Datagram> recv = Aio.createTask(() -> loop.sockRecvfrom(a, 100));
            Aio.sleep(0.01);
            recv.cancel();
            assertThrows(CancelledError.class, () -> Aio.await(recv));
            assertFalse(loop.removeReader(a), "the cancelled receive took its reader with it");
        }
    }
}
