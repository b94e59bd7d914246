package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link UdpTransport} on real loopback UDP sockets. */
class UdpTransportTest {

    /** Records datagrams and errors. */
    static class Recorder implements DatagramProtocol {
        final SelectorEventLoop loop = Aio.getRunningLoop();
        DatagramTransport transport;
        final List<String> datagrams = new ArrayList<>();
        final List<SocketAddress> senders = new ArrayList<>();
        final List<Exception> errors = new ArrayList<>();
        final Future<Void> lost = loop.createFuture();
        int lostCalls;
        Future<Void> got;
        int want;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress address) {
            datagrams.add(StandardCharsets.UTF_8.decode(data).toString());
            senders.add(address);
            check();
        }

        @Override
        public void errorReceived(Exception error) {
            errors.add(error);
            check();
        }

        @Override
        public void connectionLost(Throwable error) {
            lostCalls++;
            lost.setResult(null);
        }

        private void check() {
            if (got != null && datagrams.size() + errors.size() >= want && !got.done()) {
                got.setResult(null);
            }
        }

        /** Suspends until {@code n} datagrams or errors in all have arrived. */
        void awaitEvents(int n) {
            if (datagrams.size() + errors.size() >= n) {
                return;
            }
            want = n;
            got = loop.createFuture();
            Aio.await(got);
        }
    }

    /** Sends every datagram back to its sender. */
    static class Echo implements DatagramProtocol {
        DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress address) {
            transport.sendto(data, address);
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void udpEchoReturnsEachDatagram(SelectorEventLoop loop) throws Exception {
        DatagramEndpoint<Echo> server = loop.createDatagramEndpoint(Echo::new,
                new InetSocketAddress("127.0.0.1", 0), null);
        SocketAddress serverAddress = (SocketAddress) server.transport().getExtraInfo("sockname");
        assertNull(server.transport().getExtraInfo("peername"));
        DatagramEndpoint<Recorder> client = loop.createDatagramEndpoint(Recorder::new, null, serverAddress);
        assertEquals(serverAddress, client.transport().getExtraInfo("peername"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String msg = "datagram " + i + " " + "x".repeat(i * 20);
            sent.add(msg);
            client.transport().sendto(utf8(msg), null);
            if (i % 10 == 9) {
                Aio.sleep(0.001); // loopback UDP drops what overflows the receive buffer: pace a little
            }
        }
        client.protocol().awaitEvents(50);
        assertEquals(sent, client.protocol().datagrams);
        assertTrue(client.protocol().senders.stream().allMatch(serverAddress::equals));
        assertEquals(0, client.transport().getWriteBufferSize());
        client.transport().close();
        server.transport().close();
        Aio.await(client.protocol().lost);
        assertEquals(1, client.protocol().lostCalls);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void anUnconnectedEndpointTalksToManyPeers(SelectorEventLoop loop) throws Exception {
        DatagramEndpoint<Recorder> hub = loop.createDatagramEndpoint(Recorder::new, new InetSocketAddress("127.0.0.1", 0), null);
        SocketAddress hubAddress = (SocketAddress) hub.transport().getExtraInfo("sockname");
        DatagramEndpoint<Recorder> p1 = loop.createDatagramEndpoint(Recorder::new, new InetSocketAddress("127.0.0.1", 0), null);
        DatagramEndpoint<Recorder> p2 = loop.createDatagramEndpoint(Recorder::new, new InetSocketAddress("127.0.0.1", 0), null);
        p1.transport().sendto(utf8("from p1"), hubAddress);
        hub.protocol().awaitEvents(1);
        p2.transport().sendto(utf8("from p2"), hubAddress);
        hub.protocol().awaitEvents(2);
        assertEquals(List.of("from p1", "from p2"), hub.protocol().datagrams);
        assertEquals(p1.transport().getExtraInfo("sockname"), hub.protocol().senders.get(0));
        assertEquals(p2.transport().getExtraInfo("sockname"), hub.protocol().senders.get(1));
        hub.transport().sendto(utf8("to p2"), hub.protocol().senders.get(1));
        p2.protocol().awaitEvents(1);
        assertEquals(List.of("to p2"), p2.protocol().datagrams);
        assertThrows(IllegalArgumentException.class, () -> hub.transport().sendto(utf8("where?"), null));
        hub.transport().close();
        p1.transport().close();
        p2.transport().abort();
        Aio.await(p2.protocol().lost);
        Aio.await(hub.protocol().lost);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aConnectedEndpointGetsPortUnreachableAsErrorReceivedAndStaysOpen(SelectorEventLoop loop) throws Exception {
        InetSocketAddress nobody;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            nobody = (InetSocketAddress) ch.getLocalAddress();
        }
        DatagramEndpoint<Recorder> client = loop.createDatagramEndpoint(Recorder::new, null, nobody);
        client.transport().sendto(utf8("anyone?"), null);
        client.protocol().awaitEvents(1);
        assertInstanceOf(PortUnreachableException.class, client.protocol().errors.getFirst());
        assertFalse(client.transport().isClosing(), "an ICMP error does not close the endpoint");
        assertThrows(IllegalArgumentException.class,
                () -> client.transport().sendto(utf8("elsewhere"), new InetSocketAddress("127.0.0.1", 9)));
        // It still works once someone listens there.
        DatagramEndpoint<Recorder> late = loop.createDatagramEndpoint(Recorder::new, nobody, null);
        client.transport().sendto(utf8("now?"), nobody);
        late.protocol().awaitEvents(1);
        assertEquals(List.of("now?"), late.protocol().datagrams);
        client.transport().close();
        late.transport().close();
        Aio.await(client.protocol().lost);
        Aio.await(late.protocol().lost);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void anEmptyDatagramIsADatagram(SelectorEventLoop loop) throws Exception {
        DatagramEndpoint<Recorder> server = loop.createDatagramEndpoint(Recorder::new, new InetSocketAddress("127.0.0.1", 0), null);
        DatagramEndpoint<Recorder> client = loop.createDatagramEndpoint(Recorder::new,
                new InetSocketAddress("127.0.0.1", 0), null);
        client.transport().sendto(ByteBuffer.allocate(0), (SocketAddress) server.transport().getExtraInfo("sockname"));
        server.protocol().awaitEvents(1);
        assertEquals(List.of(""), server.protocol().datagrams);
        server.transport().close();
        client.transport().close();
        Aio.await(client.protocol().lost);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void closingTwiceLosesOnceAndLaterSendsAreDropped(SelectorEventLoop loop) throws Exception {
        DatagramEndpoint<Recorder> e = loop.createDatagramEndpoint(Recorder::new, new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 9));
        e.transport().close();
        e.transport().close();
        assertTrue(e.transport().isClosing());
        Aio.await(e.protocol().lost);
        e.transport().sendto(utf8("late"), null);
        Aio.sleep(0.01);
        assertEquals(1, e.protocol().lostCalls);
        DatagramChannel ch = (DatagramChannel) e.transport().getExtraInfo("socket");
        assertFalse(ch.isOpen());
        UdpTransport t = (UdpTransport) e.transport();
        assertEquals(List.of(16 * 1024, 64 * 1024), List.of(t.getWriteBufferLimits()[0], t.getWriteBufferLimits()[1]));
        assertTrue(t.toString().contains("closed"), t.toString());
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aFailingConnectionMadeFailsCreateDatagramEndpoint(SelectorEventLoop loop) {
        List<io.jasyncio.loop.ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.createDatagramEndpoint(() -> new DatagramProtocol() {
                    @Override
                    public void connectionMade(DatagramTransport transport) {
                        throw new IllegalStateException("no thanks");
                    }
                }, new InetSocketAddress("127.0.0.1", 0), null));
        assertEquals("no thanks", e.getMessage());
        assertEquals(1, reports.size());
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void anAddressIsRequired(SelectorEventLoop loop) {
        assertThrows(IllegalArgumentException.class,
                () -> loop.createDatagramEndpoint(Recorder::new, null, null));
    }
}
