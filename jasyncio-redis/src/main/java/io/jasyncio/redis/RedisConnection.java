package io.jasyncio.redis;

import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Streams;
import java.io.IOException;

/** A connected pair of streams to a Redis server, with the address for messages. */
record RedisConnection(StreamReader reader, StreamWriter writer, String address) {

    /** Connects ({@link Streams#openConnection}); suspends. Raises an {@code IOException} naming the address. */
    static RedisConnection open(String host, int port) throws IOException {
        String address = host + ":" + port;
        StreamPair pair;
        try {
            pair = Streams.openConnection(host, port);
        } catch (IOException e) {
            throw new IOException("cannot connect to Redis at " + address + ": " + e.getMessage(), e);
        }
        return new RedisConnection(pair.reader(), pair.writer(), address);
    }
}
