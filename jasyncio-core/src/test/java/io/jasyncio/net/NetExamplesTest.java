package io.jasyncio.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.testing.AioTest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The examples of {@code docs/net.md}, compiled and run so that they cannot rot: each snippet of the
 * page is the body of one test here, between the {@code // doc:} markers.
 */
class NetExamplesTest {

    /** Every {@code // doc: NAME} block of this file appears, dedented, as a Java block of docs/net.md. */
    @org.junit.jupiter.api.Test
    void theDocShowsTheseExamplesUnchanged() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/jasyncio/net/NetExamplesTest.java"));
        String doc = Files.readString(Path.of("../docs/net.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "^([ \\t]*)// doc: (\\S+)\\n(.*?)^[ \\t]*// end\\n",
                java.util.regex.Pattern.MULTILINE | java.util.regex.Pattern.DOTALL).matcher(source);
        int blocks = 0;
        while (m.find()) {
            String indent = m.group(1);
            StringBuilder block = new StringBuilder();
            for (String line : m.group(3).split("\\n", -1)) {
                block.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
            }
            String java = "```java\n" + block.toString().stripTrailing() + "\n```";
            org.junit.jupiter.api.Assertions.assertTrue(doc.contains(java),
                    "docs/net.md does not show the example '" + m.group(2) + "' as it is in the test:\n" + java);
            blocks++;
        }
        assertEquals(11, blocks);
    }

    // doc: echo-protocol
    /** asyncio's EchoServerProtocol: writes back whatever arrives. */
    static class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data); // sends at once; only what the socket does not take is copied
        }
    }
    // end

    // doc: hello-client
    /** Sends a greeting and completes a future with the first reply. */
    static class Hello implements Protocol {
        final Future<String> reply = Aio.getRunningLoop().createFuture();

        @Override
        public void connectionMade(Transport transport) {
            transport.write("hello".getBytes(UTF_8));
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            reply.setResult(UTF_8.decode(data).toString()); // copy: data is only valid during the call
        }
    }
    // end

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void tcpServerAndClient(SelectorEventLoop loop) throws Exception {
        // doc: tcp
        Server server = loop.createServer(Echo::new, "127.0.0.1", 0);   // port 0: any free port
        int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
        Task<Void> serving = Aio.createTask(server::serveForever);

        Connection<Hello> c = loop.createConnection(Hello::new, "127.0.0.1", port);
        System.out.println(Aio.await(c.protocol().reply));               // hello
        c.transport().close();

        serving.cancel();              // serveForever closes the server; waitClosed() waits for clients
        // end
        assertEquals("hello", c.protocol().reply.result());
        assertThrows(CancelledError.class, () -> Aio.await(serving));
    }

    // doc: flow-control
    /** Streams a large payload without letting the transport buffer grow past its high-water mark. */
    static class Sender implements Protocol {
        private Transport transport;
        private Future<Void> writable;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void pauseWriting() {                 // buffer above 64 KiB
            writable = Aio.getRunningLoop().createFuture();
        }

        @Override
        public void resumeWriting() {                // buffer drained to 16 KiB
            writable.setResult(null);
            writable = null;
        }

        /** Writes {@code chunk} {@code times} times, suspending while the peer is slow (asyncio's drain()). */
        void send(byte[] chunk, int times) {
            for (int i = 0; i < times; i++) {
                if (writable != null) {
                    Aio.await(writable);
                }
                transport.write(chunk);
            }
        }
    }
    // end

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void flowControl(SelectorEventLoop loop) throws Exception {
        RecordingProtocol sink = new RecordingProtocol();
        try (Server server = loop.createServer(() -> sink, "127.0.0.1", 0)) {
            int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
            Connection<Sender> c = loop.createConnection(Sender::new, "127.0.0.1", port);
            c.protocol().send(new byte[64 * 1024], 64);
            sink.awaitCount(4 << 20);
            c.transport().close();
        }
    }

    // doc: buffered
    /** Receives straight into its own buffer: the transport reads the socket into it, no copy between. */
    static class Counter implements BufferedProtocol {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        long total;

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int nbytes) {
            total += nbytes;             // the bytes are in buffer[0, nbytes)
        }
    }
    // end

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void bufferedProtocol(SelectorEventLoop loop) throws Exception {
        Counter counter = new Counter();
        try (Server server = loop.createServer(() -> counter, "127.0.0.1", 0)) {
            int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            c.transport().write(new byte[100_000]);
            c.transport().close();
            while (counter.total < 100_000) {
                Aio.sleep(0.001);
            }
        }
    }

    // doc: idle
    /** Closes a connection that sends nothing for 30 seconds (a read timeout). */
    static class IdleGuard implements Protocol {
        private Transport transport;
        private TimerHandle timer;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            rearm();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            rearm();
        }

        private void rearm() {
            if (timer != null) {
                timer.cancel();
            }
            timer = Aio.getRunningLoop().callLater(30.0, transport::abort);
        }

        @Override
        public void connectionLost(Throwable error) {
            timer.cancel();
        }
    }
    // end

    @AioTest(timeoutSeconds = 20)
    void idleTimeout(SelectorEventLoop loop) {
        IdleGuard guard = new IdleGuard();
        RecordingProtocol peer = new RecordingProtocol();
        MemoryTransport.pair(loop, guard, peer);
        Aio.await(peer.made);
        double t0 = loop.time();
        Aio.await(peer.lost);
        assertEquals(30.0, loop.time() - t0, 0.01);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void halfClose(SelectorEventLoop loop) throws Exception {
        // doc: half-close
        class Summer implements Protocol {                 // answers once the request is complete
            Transport transport;
            long sum;

            @Override
            public void connectionMade(Transport transport) {
                this.transport = transport;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                while (data.hasRemaining()) {
                    sum += data.get();
                }
            }

            @Override
            public boolean eofReceived() {                 // the client called writeEof()...
                transport.write(("sum=" + sum).getBytes(UTF_8));   // ...and can still read our answer
                return false;                              // then close (after sending the answer)
            }
        }
        Server server = loop.createServer(Summer::new, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
        Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
        c.transport().write(new byte[] {1, 2, 3});
        c.transport().writeEof();                          // "that is all": the server sees EOF
        Aio.await(c.protocol().lost);
        System.out.println(c.protocol().text());           // sum=6
        server.close();
        // end
        assertEquals("sum=6", c.protocol().text());
    }

    // doc: sendfile
    /** Sends a file to each client as it connects, then closes: the kernel copies it (sendfile(2)). */
    static class SendPage implements Protocol {
        private final Path page;

        SendPage(Path page) {
            this.page = page;
        }

        @Override
        public void connectionMade(Transport transport) {
            Aio.createTask(() -> {                        // sendfile suspends: not in a callback
                try (FileChannel file = FileChannel.open(page)) {
                    transport.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(UTF_8));
                    Aio.getRunningLoop().sendfile(transport, file, 0, 0);   // 0: to the end of the file
                } finally {
                    transport.close();
                }
                return null;
            });
        }
    }
    // end

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void sendfileToEachClient(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio");
        Path page = dir.resolve("index.html");
        Files.writeString(page, "<h1>hello</h1>\n".repeat(10_000));
        Server server = loop.createServer(() -> new SendPage(page), "127.0.0.1", 0);
        try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open()) {
            loop.sockConnect(client, server.sockets().getFirst().getLocalAddress());
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (loop.sockRecvInto(client, buf) > 0) {
                got.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            assertEquals("HTTP/1.0 200 OK\r\n\r\n" + "<h1>hello</h1>\n".repeat(10_000), got.toString(UTF_8));
        } finally {
            server.close();
            Files.delete(page);
            Files.delete(dir);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void unixSockets(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio");
        // doc: unix
        Path path = dir.resolve("echo.sock");
        try (Server server = loop.createUnixServer(Echo::new, path)) {     // removes the file on close
            Connection<Hello> c = loop.createUnixConnection(Hello::new, path);
            System.out.println(Aio.await(c.protocol().reply));              // hello
            c.transport().close();
        }
        // end
        Files.delete(dir);
    }

    // doc: udp
    /** asyncio's EchoServerProtocol for UDP. */
    static class UdpEcho implements DatagramProtocol {
        private DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            transport.sendto(data, from);
        }
    }

    /** Sends one datagram to a connected peer and keeps the answer (or the ICMP error). */
    static class Ping implements DatagramProtocol {
        final Future<String> answer = Aio.getRunningLoop().createFuture();

        @Override
        public void connectionMade(DatagramTransport transport) {
            transport.sendto(ByteBuffer.wrap("ping".getBytes(UTF_8)), null);   // null: the connected peer
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            answer.setResult(UTF_8.decode(data).toString());
        }

        @Override
        public void errorReceived(Exception error) {   // e.g. PortUnreachableException: nobody listens
            answer.setException(error);
        }
    }
    // end

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void udp(SelectorEventLoop loop) throws Exception {
        // doc: udp-use
        DatagramEndpoint<UdpEcho> server = loop.createDatagramEndpoint(UdpEcho::new,
                new InetSocketAddress("127.0.0.1", 0), null);                    // bound, not connected
        SocketAddress address = (SocketAddress) server.transport().getExtraInfo("sockname");
        DatagramEndpoint<Ping> client = loop.createDatagramEndpoint(Ping::new, null, address);  // connected
        System.out.println(Aio.await(client.protocol().answer));                 // ping
        client.transport().close();
        server.transport().close();
        // end
        assertEquals("ping", client.protocol().answer.result());
    }
}
