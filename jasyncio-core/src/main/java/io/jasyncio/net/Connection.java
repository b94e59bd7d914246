package io.jasyncio.net;

/**
 * What {@code createConnection} returns: asyncio's {@code (transport, protocol)} pair, with the protocol
 * typed as the factory made it.
 *
 * @param transport the connected transport
 * @param protocol the protocol the factory made for it, after its {@code connectionMade} ran
 */
public record Connection<P extends ConnectionProtocol>(Transport transport, P protocol) {
}
