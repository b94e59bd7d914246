package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Example 3-28, "Putting it all together" (B:4057-4118): an async comprehension that also awaits.
 * {@code factory(n)} is an async generator that sleeps a tenth of a second, then yields a coroutine
 * function {@code f} with a number {@code x}; the comprehension {@code [await f(x) async for f, x in
 * factory(3)]} calls {@code f(x)}, which makes a coroutine, and awaits it. Here the coroutine function is
 * an {@code IntFunction<Coroutine<Integer>>}: calling it makes a {@link Coroutine} that does nothing
 * until awaited ({@link Aio#await(Coroutine)}), and the comprehension is {@code map} then {@code toList}
 * on the generator.
 *
 * <p>Book output (Python's {@code print('results = ', results)} puts a space after each argument,
 * hence two spaces):
 * <pre>
 * results =  [100, 101, 102]
 * </pre>
 * Six sleeps of 0.1 s: 0.6 s in all.
 */
public final class AsyncComprehensionAwait {

    private AsyncComprehensionAwait() {
    }

    /** The book's {@code async def f(x)}: calling it makes a coroutine. */
    static Coroutine<Integer> f(int x) {
        return () -> {
            Aio.sleep(0.1);
            return x + 100;
        };
    }

    /** What {@code factory} yields: the tuple {@code (f, x)}. */
    record FunctionAndArgument(IntFunction<Coroutine<Integer>> f, int x) {
    }

    /** The book's {@code async def factory(n)}. */
    static AsyncGenerator<FunctionAndArgument> factory(int n) {
        return Aio.asyncGenerator(y -> {
            for (int x = 0; x < n; x++) {
                Aio.sleep(0.1);
                y.yield(new FunctionAndArgument(AsyncComprehensionAwait::f, x));
            }
        });
    }

    static void main() {
        List<Integer> results = factory(3).map(fx -> Aio.await(fx.f().apply(fx.x()))).toList();
        System.out.println("results =  " + results);
    }

    /** Runs the program ({@code asyncio.run(main())}). */
    public static void main(String[] args) {
        Aio.run(() -> main());
    }
}
