package io.jasyncio.redis;

import java.nio.charset.StandardCharsets;

/**
 * A message received on a subscribed channel (RESP {@code ["message", channel, data]}).
 *
 * @param channel the channel it was published on
 * @param data the message's bytes, as published
 */
public record Message(String channel, byte[] data) {

    /** The message as text (UTF-8). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Message[" + channel + ": " + text() + "]";
    }
}
