package io.jasyncio.loop;

/**
 * A loop's handler for errors that no caller can receive (asyncio's {@code set_exception_handler}):
 * exceptions raised by callbacks, tasks whose exception was never retrieved, tasks still pending when
 * the loop closes.
 */
@FunctionalInterface
public interface ExceptionHandler {

    /** Handles one report; {@code context} holds at least {@code message}. */
    void handle(EventLoop loop, ExceptionContext context);
}
