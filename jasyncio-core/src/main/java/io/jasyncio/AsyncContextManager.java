package io.jasyncio;

/**
 * An async context manager made from a generator body ({@code contextlib.asynccontextmanager}): the
 * code before {@code yield} is the enter, the value yielded is what the block uses, and the code after
 * it is the exit; both may await. Use it with try-with-resources:
 *
 * <pre>{@code
 * static AsyncContextManager<String> webPage(String url) {
 *     return Aio.asyncContextManager(y -> {
 *         String data = Aio.toThread(() -> download(url));
 *         try {
 *             y.yield(data);
 *         } finally {
 *             Aio.toThread(() -> updateStats(url));
 *         }
 *     });
 * }
 * try (var page = webPage(url)) { process(page.value()); }
 * }</pre>
 *
 * <p>Java's {@code close()} cannot see the exception leaving the block, so the exit code runs after
 * the {@code yield} returns normally in every case: put clean-up in a {@code finally}.
 *
 * @param <T> the type of the value the block uses
 */
public final class AsyncContextManager<T> implements AutoCloseable {

    private final AsyncGenerator<T> generator;
    private final T value;

    AsyncContextManager(AsyncGenerator.Body<T> body) {
        this.generator = new AsyncGenerator<>(body, "asynccontextmanager");
        if (!generator.hasNext()) {
            throw new IllegalStateException("generator didn't yield");
        }
        this.value = generator.next();
    }

    /** The value the generator yielded ({@code async with cm as value}). */
    public T value() {
        return value;
    }

    /** Runs the code after the {@code yield} (it may suspend); raises if the generator yields again. */
    @Override
    public void close() {
        if (generator.hasNext()) {
            generator.aclose();
            throw new IllegalStateException("generator didn't stop");
        }
    }
}
