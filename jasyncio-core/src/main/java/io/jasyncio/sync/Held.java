package io.jasyncio.sync;

/**
 * A lock or permit that the calling task holds, returned by {@code acquire()} so that
 * try-with-resources releases it (asyncio's {@code async with lock:} / {@code async with sem:}):
 *
 * <pre>{@code
 * try (var _ = semaphore.acquire()) {
 *     Aio.sleep(1);                  // at most N tasks are here at once
 * }
 * }</pre>
 *
 * <p>{@link #close()} is the owner's {@code release()}: it never suspends, and closing twice releases
 * twice (one object serves every acquisition, so that acquiring allocates nothing).
 */
@FunctionalInterface
public interface Held extends AutoCloseable {

    /** Releases what was acquired (the owner's {@code release()}); never suspends, declares no checked exception. */
    @Override
    void close();
}
