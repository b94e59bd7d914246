package io.jasyncio.examples.mq;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Connections;
import io.jasyncio.net.Server;
import io.jasyncio.stream.ClientConnectedCallback;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;

/**
 * Stand-in for {@code Streams.openConnection}/{@code Streams.startServer} (asyncio {@code open_connection}
 * and {@code start_server}) until they land in {@code io.jasyncio.stream}: the same few lines over
 * {@link Connections}. To be replaced by the real ones.
 */
final class MqStreams {

    /** A connection's reader and writer. */
    record Pair(StreamReader reader, StreamWriter writer) {
    }

    private MqStreams() {
    }

    /** asyncio {@code open_connection(host, port)}: suspends while connecting; raises its error. */
    static Pair openConnection(String host, int port) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        Connection<StreamReaderProtocol> c = Connections.createConnection(loop, () -> protocol, host, port);
        return new Pair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
    }

    /** asyncio {@code start_server(cb, host, port)}: runs {@code cb} as a task per connection. */
    static Server startServer(ClientConnectedCallback cb, String host, int port) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        return Connections.createServer(loop,
                () -> new StreamReaderProtocol(new StreamReader(StreamReader.DEFAULT_LIMIT, loop), cb, loop), host, port);
    }
}
