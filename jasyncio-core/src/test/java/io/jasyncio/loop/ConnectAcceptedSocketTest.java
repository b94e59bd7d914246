package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import io.jasyncio.testing.AioTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code connectAcceptedSocket} (asyncio {@code connect_accepted_socket}) on a connection accepted by {@code sockAccept}. */
class ConnectAcceptedSocketTest {

    /** Upper-cases each chunk back and records the calls it gets. */
    static final class Upper implements Protocol {
        final List<String> events = new ArrayList<>();
        final Future<Void> lost;
        Transport transport;

        Upper(SelectorEventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            events.add("made");
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String s = StandardCharsets.US_ASCII.decode(data).toString();
            events.add("data " + s);
            transport.write(ByteBuffer.wrap(s.toUpperCase().getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return false;
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost " + error);
            lost.setResult(null);
        }
    }

    @AioTest(virtualTime = false)
    void anAcceptedSocketGetsATransportAndProtocol(SelectorEventLoop loop) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<Connection<Upper>> served = Aio.createTask(() ->
                    loop.connectAcceptedSocket(() -> new Upper(loop), loop.sockAccept(server)));
            try (SocketChannel client = SocketChannel.open()) {
                loop.sockConnect(client, server.getLocalAddress());
                Connection<Upper> conn = Aio.await(served);
                assertEquals(List.of("made"), conn.protocol().events, "connectionMade ran before it returned");
                assertEquals(client.getLocalAddress(), conn.transport().getExtraInfo("peername"));
                loop.sockSendall(client, ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer reply = ByteBuffer.allocate(2);
                while (reply.hasRemaining()) {
                    loop.sockRecvInto(client, reply);
                }
                assertEquals("HI", new String(reply.array(), StandardCharsets.US_ASCII));
                client.shutdownOutput();
                Aio.await(conn.protocol().lost);
                assertEquals(List.of("made", "data hi", "eof", "lost null"), conn.protocol().events);
            }
        }
    }
}
