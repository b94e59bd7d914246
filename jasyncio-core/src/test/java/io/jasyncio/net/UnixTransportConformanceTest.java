package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import java.nio.file.Files;
import java.nio.file.Path;

/** The conformance kit on {@link SocketTransport} over a Unix domain socket. */
class UnixTransportConformanceTest extends TransportConformance {

    private Server server;
    private Path dir;

    @Override
    protected void connect(SelectorEventLoop loop, RecordingProtocol a, RecordingProtocol b) throws Exception {
        dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("s.sock");
        server = loop.createUnixServer(() -> b, path);
        loop.createUnixConnection(() -> a, path);
        Aio.await(b.made);
    }

    @Override
    protected void cleanup() throws Exception {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("s.sock"));
            Files.deleteIfExists(dir);
        }
    }

    /** Closing a Unix socket is seen by the peer as a plain end of stream, never as a reset. */
    @Override
    protected boolean abortResetsPeer() {
        return false;
    }
}
