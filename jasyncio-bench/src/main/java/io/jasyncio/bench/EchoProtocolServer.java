package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.internal.SocketIo;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import java.nio.ByteBuffer;

/**
 * The TCP echo server on protocols for the load harness ({@code ../shared/bench/run-echo.sh}): asyncio's
 * {@code EchoProtocol} in Java. {@code dataReceived} writes the loop's shared receive buffer straight back
 * (the transport copies only what the socket does not take at once), and reading pauses while writing
 * is paused, so a client that does not read cannot make the server buffer without limit.
 *
 * <p>Usage: {@code EchoProtocolServer [PORT] [HOST]} (default 25000 on 127.0.0.1). Runs until killed.
 */
public final class EchoProtocolServer {

    private EchoProtocolServer() {
    }

    /** Echoes every byte back on the same connection. */
    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public void pauseWriting() {
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    /** Starts the server and serves until the process is killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25000;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        Aio.run(() -> {
            SelectorEventLoop loop = Aio.getRunningLoop();
            Server server = loop.createServer(Echo::new, host, port, 1024, false);
            System.out.println("jasyncio-echo-proto java=" + System.getProperty("java.version")
                    + " listening on " + server.sockets().getFirst().getLocalAddress()
                    + ", " + SocketIo.describe());
            server.serveForever();
        });
    }
}
