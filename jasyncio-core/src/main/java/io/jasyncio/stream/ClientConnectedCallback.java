package io.jasyncio.stream;

/**
 * What a stream server runs for each client ({@code client_connected_cb} of asyncio {@code start_server}):
 * a coroutine body, started as a task of its own when the connection is made. If it raises, the error is
 * reported to the loop's exception handler and the connection is closed; when it returns, the connection
 * stays open until the body closes it (as in asyncio).
 */
@FunctionalInterface
public interface ClientConnectedCallback {

    /** Serves one client; it may suspend. */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
