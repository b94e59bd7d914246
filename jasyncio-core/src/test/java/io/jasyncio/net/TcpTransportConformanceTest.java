package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import java.net.InetSocketAddress;

/** The conformance kit on {@link SocketTransport} over TCP on 127.0.0.1. */
class TcpTransportConformanceTest extends TransportConformance {

    private Server server;

    @Override
    protected void connect(SelectorEventLoop loop, RecordingProtocol a, RecordingProtocol b) throws Exception {
        server = loop.createServer(() -> b, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
        loop.createConnection(() -> a, "127.0.0.1", port);
        Aio.await(b.made);
    }

    @Override
    protected void cleanup() {
        if (server != null) {
            server.close();
        }
    }
}
