package io.jasyncio;

/** A coroutine body with no result, for tasks run for their effects ({@code async def f() -> None}). */
@FunctionalInterface
public interface AsyncRunnable {

    /** Runs the body; it may suspend on the way. */
    void run() throws Exception;

    /** This body as a {@link Coroutine} whose result is {@code null}. */
    default Coroutine<Void> asCoroutine() {
        return new Coroutine<>() {
            @Override
            public Void call() throws Exception {
                AsyncRunnable.this.run();
                return null;
            }

            @Override
            public String toString() {
                return AsyncRunnable.this.toString();
            }
        };
    }
}
