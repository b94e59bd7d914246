package io.jasyncio.process;

import io.jasyncio.net.ReadPipeProtocol;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.stream.StreamReader;
import java.nio.ByteBuffer;

/** Feeds a read pipe into a {@link StreamReader}, whose limit pauses the pipe (asyncio's {@code StreamReaderProtocol}). */
final class ReadPipeStreamProtocol implements ReadPipeProtocol {

    private final StreamReader reader;

    ReadPipeStreamProtocol(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public void connectionMade(ReadTransport transport) {
        reader.setTransport(transport);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return false;
    }

    @Override
    public void connectionLost(Throwable error) {
        if (error != null) {
            reader.setException(error);
        } else {
            reader.feedEof();
        }
    }
}
