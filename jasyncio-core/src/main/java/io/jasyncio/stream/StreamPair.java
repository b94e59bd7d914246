package io.jasyncio.stream;

/**
 * A connection's two stream ends, as {@link Streams#openConnection} returns them (asyncio's
 * {@code (reader, writer)} tuple).
 *
 * @param reader what the peer sends
 * @param writer what we send
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {
}
