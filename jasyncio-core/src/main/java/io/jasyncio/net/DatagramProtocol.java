package io.jasyncio.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A UDP protocol (asyncio {@code DatagramProtocol}). */
public interface DatagramProtocol extends BaseProtocol {

    /** The endpoint is ready. */
    default void connectionMade(DatagramTransport transport) {
    }

    /** One datagram arrived from {@code address}; {@code data} is valid only during the call. */
    default void datagramReceived(ByteBuffer data, SocketAddress address) {
    }

    /** A send or receive failed (for example ICMP port unreachable on a connected socket); the endpoint stays open. */
    default void errorReceived(Exception error) {
    }
}
