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
 *
 * <p>For experiments on what per-connection memory costs (docs/net-benchmarks.md, ninth run):
 * {@code -Decho.chain=N} gives each connection N objects of 64 bytes, allocated {@code -Decho.gap=B} bytes
 * apart, which every message walks and writes, as a streams server's message touches the connection's
 * transport, reader, writer, task and stack chunk. Both default to 0: nothing is walked.
 */
public final class EchoProtocolServer {

    private static final int CHAIN = Integer.getInteger("echo.chain", 0);
    private static final int GAP = Integer.getInteger("echo.gap", 0);
    /** Where the gaps between a chain's objects go, so that the allocation is not dropped. */
    private static Object gapSink;

    private EchoProtocolServer() {
    }

    /** Echoes every byte back on the same connection. */
    static class Echo implements Protocol {
        Transport transport;

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

    /** {@link Echo} that first walks and writes its connection's {@link Node} chain ({@code -Decho.chain}). */
    static final class WalkingEcho extends Echo {
        private final Node chain = Node.chain(CHAIN);

        @Override
        public void dataReceived(ByteBuffer data) {
            for (Node n = chain; n != null; n = n.next) {
                n.visits++;
            }
            transport.write(data);
        }
    }

    /** One link of a connection's chain: a header, a reference and six longs, 64 bytes with compressed oops. */
    @SuppressWarnings("unused") // the padding fields size the object
    private static final class Node {
        Node next;
        long visits;
        long pad1, pad2, pad3, pad4, pad5;

        static Node chain(int length) {
            Node head = null;
            for (int i = 0; i < length; i++) {
                Node n = new Node();
                n.next = head;
                head = n;
                if (GAP > 0) {
                    gapSink = new byte[GAP];
                }
            }
            return head;
        }
    }

    /** Starts the server and serves until the process is killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25000;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        Aio.run(() -> {
            SelectorEventLoop loop = Aio.getRunningLoop();
            Server server = loop.createServer(CHAIN > 0 ? WalkingEcho::new : Echo::new, host, port, 1024, false);
            System.out.println("jasyncio-echo-proto java=" + System.getProperty("java.version")
                    + " listening on " + server.sockets().getFirst().getLocalAddress()
                    + ", " + SocketIo.describe());
            server.serveForever();
        });
    }
}
