package io.jasyncio.net;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;

/**
 * Calls a protocol's flow-control callbacks for a transport: an exception a callback raises is
 * reported to the loop's exception handler and goes no further (asyncio's {@code _maybe_pause_protocol}).
 */
final class ProtocolCalls {

    private ProtocolCalls() {
    }

    static void pauseWriting(SelectorEventLoop loop, Object transport, BaseProtocol protocol) {
        try {
            protocol.pauseWriting();
        } catch (RuntimeException e) {
            loop.callExceptionHandler(ExceptionContext.of("protocol.pauseWriting() failed", e)
                    .with("transport", transport).with("protocol", protocol));
        }
    }

    static void resumeWriting(SelectorEventLoop loop, Object transport, BaseProtocol protocol) {
        try {
            protocol.resumeWriting();
        } catch (RuntimeException e) {
            loop.callExceptionHandler(ExceptionContext.of("protocol.resumeWriting() failed", e)
                    .with("transport", transport).with("protocol", protocol));
        }
    }
}
