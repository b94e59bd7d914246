package io.jasyncio.net.ssl;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ConnectionProtocol;
import io.jasyncio.net.MemoryTransport;
import javax.net.ssl.SSLContext;

/** A TLS client and server over an in-memory transport pair. */
final class TlsPair {

    final SslProtocol client;
    final SslProtocol server;
    final Future<Void> clientHandshake;
    final Future<Void> serverHandshake;
    final MemoryTransport[] raw;

    private TlsPair(SslProtocol client, SslProtocol server, Future<Void> clientHandshake, Future<Void> serverHandshake,
            MemoryTransport[] raw) {
        this.client = client;
        this.server = server;
        this.clientHandshake = clientHandshake;
        this.serverHandshake = serverHandshake;
        this.raw = raw;
    }

    /** Starts the handshake; the futures tell how it ends. */
    static TlsPair start(SelectorEventLoop loop, ConnectionProtocol clientApp, SSLContext clientContext,
            String serverHostname, ConnectionProtocol serverApp, SSLContext serverContext) {
        Future<Void> ch = new Future<>(loop);
        Future<Void> sh = new Future<>(loop);
        SslProtocol client = new SslProtocol(loop, clientApp, clientContext, ch, false, serverHostname, true, null, null);
        SslProtocol server = new SslProtocol(loop, serverApp, serverContext, sh, true, null, true, null, null);
        return new TlsPair(client, server, ch, sh, MemoryTransport.pair(loop, client, server));
    }

    /** Connects with the test PKI's contexts and waits for both handshakes. */
    static TlsPair open(SelectorEventLoop loop, ConnectionProtocol clientApp, ConnectionProtocol serverApp) {
        TestPki pki = TestPki.get();
        TlsPair p = start(loop, clientApp, pki.clientContext(), "localhost", serverApp, pki.serverContext());
        Aio.await(p.clientHandshake);
        Aio.await(p.serverHandshake);
        return p;
    }
}
