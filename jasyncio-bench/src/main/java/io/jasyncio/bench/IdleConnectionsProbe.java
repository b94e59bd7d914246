package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import io.jasyncio.stream.Streams;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per idle connection on one loop (issue 4: "10,000 idle connections on one loop, with the
 * memory per connection reported"). A Python child process opens N client sockets (so that this
 * process holds only the server side); the heap is measured after a full GC, once with a bare accept
 * loop that only keeps the accepted channels, once with a jasyncio protocol server and once with a
 * streams server whose task per connection waits in {@code readline()}, so that the JDK's own channel
 * cost and jasyncio's cost can be told apart. Receive buffers are not per connection
 * (one per loop thread); the kernel's socket buffers are not on the heap.
 *
 * <p>Usage: {@code IdleConnectionsProbe [N]} (default 10000; needs N + 100 file descriptors).
 */
public final class IdleConnectionsProbe {

    private IdleConnectionsProbe() {
    }

    /** A protocol that keeps its transport and does nothing else: an idle connection. */
    static final class Idle implements Protocol {
        Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
        }
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Runs the probe. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long bare = measureBare(n);
        long jasyncio = measureJasyncio(n);
        long streams = measureStreams(n);
        System.out.printf("idle connections: %d (server side; clients in a child process)%n", n);
        System.out.printf("bare NIO accepted SocketChannel: %d bytes of heap per connection%n", bare / n);
        System.out.printf("jasyncio (channel, selection key, SocketTransport, protocol): %d bytes per connection%n",
                jasyncio / n);
        System.out.printf("jasyncio's own part: %d bytes per connection%n", (jasyncio - bare) / n);
        System.out.printf("jasyncio streams (the above + task waiting in readline(), reader, writer): %d bytes per connection%n",
                streams / n);
    }

    /** Starts a child that opens {@code n} connections to {@code port} and holds them until its stdin closes. */
    private static Process clients(int port, int n) throws IOException {
        String script = "import socket,sys\n"
                + "s=[socket.create_connection(('127.0.0.1'," + port + ")) for _ in range(" + n + ")]\n"
                + "print('connected',flush=True)\n"
                + "sys.stdin.read()\n";
        return new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    }

    private static void awaitLine(Process p) throws IOException {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"connected".equals(line)) {
            throw new IOException("client process failed: " + line);
        }
    }

    private static long measureBare(int n) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            List<SocketChannel> accepted = new ArrayList<>(n);
            long before = usedHeap();
            Process child = clients(((InetSocketAddress) server.getLocalAddress()).getPort(), n);
            for (int i = 0; i < n; i++) {
                accepted.add(server.accept());
            }
            awaitLine(child);
            long delta = usedHeap() - before;
            for (SocketChannel c : accepted) {
                c.close();
            }
            child.getOutputStream().close();
            child.waitFor();
            return delta;
        }
    }

    private static long measureJasyncio(int n) {
        return Aio.run(() -> {
            List<Idle> protocols = new ArrayList<>(n);
            Server server = Aio.getRunningLoop().createServer(() -> {
                Idle p = new Idle();
                protocols.add(p);
                return p;
            }, "127.0.0.1", 0, 4096, false);
            return heapPerServer(server, n, () -> protocols.size() == n && protocols.getLast().transport != null);
        });
    }

    private static long measureStreams(int n) {
        return Aio.run(() -> {
            int[] waiting = {0};
            Server server = Streams.startServer((reader, writer) -> {
                waiting[0]++;
                try (writer) {
                    reader.readline();
                }
            }, "127.0.0.1", 0);
            return heapPerServer(server, n, () -> waiting[0] == n);
        });
    }

    /**
     * The heap {@code server} gains while a child holds {@code n} connections to it, once
     * {@code allConnected} says the server side has them all; then closes everything.
     */
    private static long heapPerServer(Server server, int n, java.util.function.BooleanSupplier allConnected)
            throws Exception {
        int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
        Aio.sleep(0.1);
        long before = Aio.toThread(IdleConnectionsProbe::usedHeap);
        Process child = clients(port, n);
        while (!allConnected.getAsBoolean()) {
            Aio.sleep(0.01);
        }
        Aio.sleep(0.1); // the last connections' callbacks or tasks have run
        Aio.toThread(() -> {
            awaitLine(child);
            return null;
        });
        long delta = Aio.toThread(IdleConnectionsProbe::usedHeap) - before;
        server.close();
        server.abortClients();
        server.waitClosed();
        child.getOutputStream().close();
        Aio.toThread(() -> child.waitFor());
        return delta;
    }
}
