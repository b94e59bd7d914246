package io.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * The echo server of the tests: writes back what it receives, and follows write flow control by
 * pausing reading while its transport pauses writing (the textbook way to echo without unbounded buffering).
 */
class EchoProtocol implements Protocol {

    Transport transport;
    int pauses;

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public void pauseWriting() {
        pauses++;
        transport.pauseReading();
    }

    @Override
    public void resumeWriting() {
        transport.resumeReading();
    }
}
