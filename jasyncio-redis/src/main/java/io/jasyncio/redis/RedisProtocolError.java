package io.jasyncio.redis;

import java.io.IOException;

/**
 * A reply that is not valid RESP2 (a malformed length, a missing {@code \r\n}, an unknown type byte), or
 * a reply nobody asked for. The connection cannot be trusted after it: the client closes it and fails
 * every command still waiting.
 */
public class RedisProtocolError extends IOException {

    private static final long serialVersionUID = 1L;

    /** A protocol error described by {@code message}. */
    public RedisProtocolError(String message) {
        super(message);
    }
}
