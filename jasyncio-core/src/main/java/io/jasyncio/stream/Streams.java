package io.jasyncio.stream;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Connections;
import io.jasyncio.net.Server;
import io.jasyncio.net.ssl.SslConnections;
import io.jasyncio.net.ssl.SslOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * asyncio's stream functions: {@code open_connection}, {@code start_server}, {@code open_unix_connection},
 * {@code start_unix_server}. They wrap the transports of {@link Connections} (and of {@link SslConnections}
 * when given {@link SslOptions}) in a {@link StreamReader}/{@link StreamWriter} per connection. Call them in
 * a task on the running loop.
 */
public final class Streams {

    private Streams() {
    }

    /**
     * Connects to {@code host:port} and returns the connection's reader and writer (asyncio
     * {@code open_connection}), with the default 64 KiB limit and no TLS. Suspends while resolving and
     * connecting; raises the connection error. Cancellable: the socket is closed.
     */
    public static StreamPair openConnection(String host, int port) throws IOException {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT, null);
    }

    /**
     * {@link #openConnection(String, int)} with the reader's {@code limit} and, unless {@code ssl} is
     * {@code null}, TLS (the server's certificate is checked against {@code host} unless
     * {@code ssl.serverHostname()} says otherwise). With TLS it also suspends for the handshake and raises
     * its error.
     */
    public static StreamPair openConnection(String host, int port, int limit, SslOptions ssl) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        StreamReader reader = new StreamReader(limit, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        Connection<StreamReaderProtocol> c = ssl == null
                ? Connections.createConnection(loop, () -> protocol, host, port)
                : SslConnections.createConnection(loop, () -> protocol, host, port, ssl);
        return new StreamPair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
    }

    /**
     * Listens on {@code host:port} and runs {@code clientConnected} as a new task for each connection, with
     * its reader and writer (asyncio {@code start_server}); default limit, no TLS. {@code host} {@code null}
     * listens on every interface; port 0 picks a free one ({@link Server#sockets()}). Close the server (it
     * is {@link AutoCloseable}) to stop listening. Suspends only to resolve {@code host}.
     */
    public static Server startServer(ClientConnectedCallback clientConnected, String host, int port)
            throws IOException {
        return startServer(clientConnected, host, port, StreamReader.DEFAULT_LIMIT, null);
    }

    /** {@link #startServer(ClientConnectedCallback, String, int)} with the readers' limit and optional TLS. */
    public static Server startServer(ClientConnectedCallback clientConnected, String host, int port, int limit,
            SslOptions ssl) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        if (ssl == null) {
            return Connections.createServer(loop, () -> serverProtocol(clientConnected, limit, loop), host, port);
        }
        return SslConnections.createServer(loop, () -> serverProtocol(clientConnected, limit, loop), host, port, ssl);
    }

    /**
     * Connects to the Unix domain socket at {@code path} (asyncio {@code open_unix_connection}). Suspends
     * while connecting; cancellable.
     */
    public static StreamPair openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, StreamReader.DEFAULT_LIMIT, null);
    }

    /**
     * {@link #openUnixConnection(Path)} with the reader's limit and optional TLS ({@code ssl.serverHostname()}
     * is then required).
     */
    public static StreamPair openUnixConnection(Path path, int limit, SslOptions ssl) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        StreamReader reader = new StreamReader(limit, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        Connection<StreamReaderProtocol> c = ssl == null
                ? Connections.createUnixConnection(loop, () -> protocol, path)
                : SslConnections.createUnixConnection(loop, () -> protocol, path, ssl);
        return new StreamPair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
    }

    /** Listens on a Unix domain socket at {@code path} (asyncio {@code start_unix_server}). Does not suspend. */
    public static Server startUnixServer(ClientConnectedCallback clientConnected, Path path) throws IOException {
        return startUnixServer(clientConnected, path, StreamReader.DEFAULT_LIMIT, null);
    }

    /** {@link #startUnixServer(ClientConnectedCallback, Path)} with the readers' limit and optional TLS. */
    public static Server startUnixServer(ClientConnectedCallback clientConnected, Path path, int limit,
            SslOptions ssl) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        if (ssl == null) {
            return Connections.createUnixServer(loop, () -> serverProtocol(clientConnected, limit, loop), path);
        }
        return SslConnections.createUnixServer(loop, () -> serverProtocol(clientConnected, limit, loop), path, ssl);
    }

    private static StreamReaderProtocol serverProtocol(ClientConnectedCallback cb, int limit, SelectorEventLoop loop) {
        return new StreamReaderProtocol(new StreamReader(limit, loop), cb, loop);
    }
}
