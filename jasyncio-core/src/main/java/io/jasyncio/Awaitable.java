package io.jasyncio;

/**
 * Something a task can wait for: a {@link Future} (and so a {@link Task}) or a {@link Coroutine}.
 * {@link Aio#ensureFuture} turns any awaitable into a future.
 *
 * @param <T> the type of the result
 */
public interface Awaitable<T> {
}
