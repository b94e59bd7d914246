package io.jasyncio.net;

/**
 * What {@code connectWritePipe} returns: asyncio's {@code (transport, protocol)} pair for a write pipe.
 *
 * @param transport the pipe's transport (write side only)
 * @param protocol the protocol the factory made, after its {@code connectionMade} ran
 */
public record WritePipeConnection<P extends WritePipeProtocol>(WriteTransport transport, P protocol) {
}
