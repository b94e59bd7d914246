package io.jasyncio.net;

/**
 * What {@code createDatagramEndpoint} returns: asyncio's {@code (transport, protocol)} pair.
 *
 * @param transport the UDP endpoint
 * @param protocol the protocol the factory made for it, after its {@code connectionMade} ran
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
}
