package io.jasyncio.net;

/**
 * What {@code connectReadPipe} returns: asyncio's {@code (transport, protocol)} pair for a read pipe.
 *
 * @param transport the pipe's transport (read side only)
 * @param protocol the protocol the factory made, after its {@code connectionMade} ran
 */
public record ReadPipeConnection<P extends ReadPipeProtocol>(ReadTransport transport, P protocol) {
}
