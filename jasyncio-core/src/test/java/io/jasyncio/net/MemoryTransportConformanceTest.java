package io.jasyncio.net;

import io.jasyncio.loop.SelectorEventLoop;

/** The conformance kit on {@link MemoryTransport}: the reference semantics. */
class MemoryTransportConformanceTest extends TransportConformance {

    @Override
    protected void connect(SelectorEventLoop loop, RecordingProtocol a, RecordingProtocol b) {
        MemoryTransport.pair(loop, a, b);
    }
}
