package io.jasyncio.net;

/**
 * The events every protocol receives (asyncio {@code BaseProtocol}). Callbacks run on the loop
 * thread; they must not block, and they cannot await (start a task for that).
 */
public interface BaseProtocol {

    /** The connection is gone: {@code error} is {@code null} for a regular close or EOF, else what broke it. */
    default void connectionLost(Throwable error) {
    }

    /** The transport's write buffer passed its high-water mark: stop writing until {@link #resumeWriting()}. */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to its low-water mark. */
    default void resumeWriting() {
    }
}
