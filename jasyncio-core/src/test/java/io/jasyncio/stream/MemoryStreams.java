package io.jasyncio.stream;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.MemoryTransport;
import java.nio.charset.StandardCharsets;

/** Streams over an in-memory transport pair: a client's reader and writer connected to a stream server callback. */
final class MemoryStreams {

    private MemoryStreams() {
    }

    /** The client's end and the transports ({@code [client, server]}). */
    record Client(StreamReader reader, StreamWriter writer, StreamReaderProtocol serverProtocol,
            MemoryTransport[] transports) {
    }

    /** Connects a client to a server running {@code serve}; returns once both sides saw connectionMade. */
    static Client connect(SelectorEventLoop loop, ClientConnectedCallback serve) {
        return connect(loop, serve, StreamReader.DEFAULT_LIMIT, StreamReader.DEFAULT_LIMIT);
    }

    static Client connect(SelectorEventLoop loop, ClientConnectedCallback serve, int clientLimit, int serverLimit) {
        StreamReader reader = new StreamReader(clientLimit, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        StreamReaderProtocol serverProtocol = new StreamReaderProtocol(new StreamReader(serverLimit, loop), serve, loop);
        MemoryTransport[] t = MemoryTransport.pair(loop, protocol, serverProtocol);
        Aio.sleep(0); // connectionMade on both sides
        return new Client(reader, new StreamWriter(t[0], protocol, reader, loop), serverProtocol, t);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
