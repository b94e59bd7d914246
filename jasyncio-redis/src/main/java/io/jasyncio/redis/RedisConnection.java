package io.jasyncio.redis;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Connections;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;

/**
 * A connected pair of streams to a Redis server. Stands in for {@code Streams.openConnection} until that
 * lands in {@code io.jasyncio.stream}: it does what asyncio's {@code open_connection} does.
 */
record RedisConnection(StreamReader reader, StreamWriter writer, String address) {

    /** Connects; suspends. Raises an {@code IOException} naming the address when it cannot. */
    static RedisConnection open(String host, int port) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        String address = host + ":" + port;
        Connection<StreamReaderProtocol> c;
        try {
            c = Connections.createConnection(loop, () -> protocol, host, port);
        } catch (IOException e) {
            throw new IOException("cannot connect to Redis at " + address + ": " + e.getMessage(), e);
        }
        return new RedisConnection(reader, new StreamWriter(c.transport(), protocol, reader, loop), address);
    }
}
