package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.examples.Ctime;

/**
 * Example 3-1, the "Hello World" of asyncio ({@code quickstart.py}, B:1603-1633): {@code Aio.run} runs a
 * coroutine that says hello, sleeps one second without blocking the loop, and says goodbye.
 *
 * <p>Book output:
 * <pre>
 * Sun Aug 18 02:14:34 2019 Hello!
 * Sun Aug 18 02:14:35 2019 Goodbye!
 * </pre>
 * {@code time.ctime()} is rendered with java.time in the same format ({@link Ctime}).
 */
public final class Quickstart {

    private Quickstart() {
    }

    /** The book's {@code async def main()}: a coroutine, since it suspends in {@code Aio.sleep}. */
    static void main() {
        System.out.println(Ctime.now() + " Hello!");
        Aio.sleep(1.0);
        System.out.println(Ctime.now() + " Goodbye!");
    }

    /** {@code asyncio.run(main())}. */
    public static void main(String[] args) {
        Aio.run(() -> main());
    }
}
