package io.jasyncio.net;

import java.nio.ByteBuffer;

/** A stream protocol that is handed the bytes received (asyncio {@code Protocol}). */
public interface Protocol extends ConnectionProtocol {

    /**
     * Some bytes arrived. {@code data} is valid only during this call (the transport reuses it), so copy
     * what you keep; its content and position are yours to consume.
     */
    default void dataReceived(ByteBuffer data) {
    }
}
