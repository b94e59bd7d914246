package io.jasyncio.process;

import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.WritePipeProtocol;
import io.jasyncio.net.WriteTransport;
import io.jasyncio.stream.FlowControlProtocol;
import io.jasyncio.stream.StreamWriter;

/** The protocol under a {@link StreamWriter} on a write pipe: {@code drain}'s flow control and {@code waitClosed}. */
final class WritePipeStreamProtocol extends FlowControlProtocol implements WritePipeProtocol {

    private final Future<Void> closed;
    private StreamWriter writer;

    WritePipeStreamProtocol(SelectorEventLoop loop) {
        super(loop);
        this.closed = new Future<>(loop);
    }

    StreamWriter writer() {
        return writer;
    }

    @Override
    public void connectionMade(WriteTransport transport) {
        writer = new StreamWriter(transport, this, null, loop);
    }

    @Override
    public void connectionLost(Throwable error) {
        super.connectionLost(error);
        completeClosed(closed, error);
    }

    @Override
    protected Future<Void> closeWaiter(StreamWriter stream) {
        return closed;
    }
}
