package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Server;
import io.jasyncio.stream.ClientConnectedCallback;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.Streams;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;

/**
 * Our TLS against real peers that are not us: OpenSSL's {@code s_client}/{@code s_server} and Python's
 * asyncio, as client and as server, over TCP on 127.0.0.1.
 */
class TlsInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static Path pem;

    @BeforeAll
    static void writeCertificates() throws IOException {
        pem = Files.createTempDirectory("jasyncio-tls");
        TestPki.get().writePem(pem);
    }

    private static String f(String name) {
        return pem.resolve(name).toString();
    }

    /** Upper-cases each line; the line {@code quit} closes the connection. */
    private static final ClientConnectedCallback UPPER = (reader, writer) -> {
        try (writer) {
            for (byte[] line : reader) {
                String text = new String(line, StandardCharsets.UTF_8);
                if (text.equals("quit\n")) {
                    break;
                }
                writer.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
                writer.drain();
            }
        }
    };

    private static Server tlsServer(SSLContextHolder holder) throws IOException {
        return Streams.startServer(UPPER, "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, SslOptions.of(holder.context));
    }

    private record SSLContextHolder(javax.net.ssl.SSLContext context) {
    }

    private static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    }

    // ---- OpenSSL -------------------------------------------------------------------------------

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void opensslClientAgainstOurServer(SelectorEventLoop loop) throws Exception {
        try (Server server = tlsServer(new SSLContextHolder(TestPki.get().serverContext()));
                ExternalPeer client = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                        "127.0.0.1:" + port(server), "-CAfile", f("ca.pem"), "-verify_return_error",
                        "-verify_hostname", "localhost", "-servername", "localhost", "-quiet"))) {
            client.send("hello from openssl\nquit\n", true);
            String out = client.finish();
            assertTrue(out.startsWith("0\n"), out);
            assertTrue(out.contains("HELLO FROM OPENSSL\n"), out);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void opensslClientRejectsAnUntrustedServerAndOurServerCarriesOn(SelectorEventLoop loop) throws Exception {
        try (Server server = tlsServer(new SSLContextHolder(TestPki.get().rogueServerContext()))) {
            try (ExternalPeer client = ExternalPeer.start(List.of("openssl", "s_client", "-connect",
                    "127.0.0.1:" + port(server), "-CAfile", f("ca.pem"), "-verify_return_error", "-quiet"))) {
                client.send("", false);
                String out = client.finish();
                assertTrue(!out.startsWith("0\n") && out.contains("verify error"), out);
            }
            // The server is unaffected: a client that trusts the rogue authority gets through.
            StreamPair c = Streams.openConnection("127.0.0.1", port(server), StreamReader.DEFAULT_LIMIT,
                    SslOptions.of(SslContexts.client(List.of(TestPki.get().rogueCa.certificate())))
                            .withServerHostname("localhost"));
            c.writer().write("still here\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("STILL HERE\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            c.writer().close();
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void ourClientAgainstOpensslServer(SelectorEventLoop loop) throws Exception {
        try (ExternalPeer server = ExternalPeer.start(List.of("openssl", "s_server", "-accept", "0", "-cert",
                f("server.pem"), "-key", f("server.key"), "-rev", "-naccept", "1"))) {
            int port = -1;
            for (String line; (line = server.readLine()) != null; ) {
                if (line.startsWith("ACCEPT")) {
                    port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
                    break;
                }
            }
            StreamPair c = Streams.openConnection("127.0.0.1", port, StreamReader.DEFAULT_LIMIT,
                    SslOptions.of(TestPki.get().clientContext()).withServerHostname("localhost"));
            c.writer().write("hello openssl\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("lssnepo olleh\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            c.writer().close();
            c.writer().waitClosed();
            String out = server.finish();
            assertTrue(out.contains("CONNECTION CLOSED"), out);
        }
    }

    // ---- Python asyncio ------------------------------------------------------------------------

    private static final String PY_CLIENT = """
            import asyncio, ssl, sys
            async def main(port, cafile, hostname):
                ctx = ssl.create_default_context(cafile=cafile)
                try:
                    r, w = await asyncio.open_connection('127.0.0.1', port, ssl=ctx, server_hostname=hostname)
                except ssl.SSLCertVerificationError as e:
                    print('verify failed:', e.verify_message)
                    return
                print('peer', dict(x[0] for x in w.get_extra_info('peercert')['subject'])['commonName'])
                for word in ['alpha', 'beta', 'x' * 50000]:
                    w.write(word.encode() + b'\\n')
                    await w.drain()
                    line = await r.readuntil(b'\\n')
                    print(line[:12].decode().strip(), len(line))
                w.write(b'quit\\n')
                print('eof', await r.read())
                w.close()
                await w.wait_closed()
                print('closed')
            asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3]))
            """;

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void pythonAsyncioClientAgainstOurServer(SelectorEventLoop loop) throws Exception {
        try (Server server = tlsServer(new SSLContextHolder(TestPki.get().serverContext()))) {
            try (ExternalPeer client = ExternalPeer.start(List.of(PYTHON, "-c", PY_CLIENT,
                    String.valueOf(port(server)), f("ca.pem"), "localhost"))) {
                assertEquals("0\npeer localhost\nALPHA 6\nBETA 5\nXXXXXXXXXXXX 50001\neof b''\nclosed\n",
                        client.finish());
            }
            try (ExternalPeer client = ExternalPeer.start(List.of(PYTHON, "-c", PY_CLIENT,
                    String.valueOf(port(server)), f("ca.pem"), "wrong.example"))) {
                String out = client.finish();
                assertTrue(out.startsWith("0\nverify failed: Hostname mismatch"), out);
            }
        }
    }

    private static final String PY_SERVER = """
            import asyncio, ssl, sys
            async def handle(r, w):
                while (line := await r.readline()) and line != b'quit\\n':
                    w.write(line.upper())
                    await w.drain()
                w.close()
                await w.wait_closed()
                print('client done', flush=True)
            async def main(cert, key):
                ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                ctx.load_cert_chain(cert, key)
                server = await asyncio.start_server(handle, '127.0.0.1', 0, ssl=ctx, limit=1 << 20)
                print(server.sockets[0].getsockname()[1], flush=True)
                async with server:
                    await server.serve_forever()
            asyncio.run(main(sys.argv[1], sys.argv[2]))
            """;

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void ourClientAgainstPythonAsyncioServer(SelectorEventLoop loop) throws Exception {
        try (ExternalPeer server = ExternalPeer.start(List.of(PYTHON, "-c", PY_SERVER, f("server.pem"),
                f("server.key")))) {
            int port = Integer.parseInt(server.readLine().trim());
            StreamPair c = Streams.openConnection("127.0.0.1", port, StreamReader.DEFAULT_LIMIT,
                    SslOptions.of(TestPki.get().clientContext()).withServerHostname("localhost"));
            byte[] big = "y".repeat(300_000).getBytes(StandardCharsets.UTF_8);
            c.writer().write("hello python\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("HELLO PYTHON\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            c.writer().write(big);
            c.writer().write(new byte[] {'\n'});
            c.writer().drain();
            assertEquals(300_001, c.reader().readExactly(300_001).length);
            c.writer().write("quit\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, c.reader().read().length, "Python closed with close_notify: a clean EOF");
            c.writer().close();
            c.writer().waitClosed();
            assertEquals("client done", server.readLine());
            // A client that does not trust the server's authority fails its handshake, with a clear error.
            try {
                Streams.openConnection("127.0.0.1", port, StreamReader.DEFAULT_LIMIT,
                        SslOptions.of(SslContexts.client(List.of(TestPki.get().rogueCa.certificate())))
                                .withServerHostname("localhost"));
                throw new AssertionError("the handshake should fail");
            } catch (SSLHandshakeException e) {
                assertTrue(e.getMessage().contains("PKIX path"), e.getMessage());
            }
        }
    }
}
