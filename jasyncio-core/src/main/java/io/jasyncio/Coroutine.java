package io.jasyncio;

/**
 * A coroutine function's body: code that may suspend at {@link Aio#await} calls while it runs inside a
 * {@link Task}. Like an {@code async def}, it does nothing until it is wrapped in a task (or awaited);
 * unlike Python's, any plain Java method it calls may suspend too (no colouring).
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface Coroutine<T> extends Awaitable<T> {

    /** Runs the body to its end and returns its result; it may suspend on the way. */
    T call() throws Exception;
}
