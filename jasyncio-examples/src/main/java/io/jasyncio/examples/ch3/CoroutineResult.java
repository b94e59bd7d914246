package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;

/**
 * Examples 3-6 and 3-7 (B:2373-2416, B:2462-2477): how a coroutine's return value comes out.
 *
 * <p>Example 3-6 starts a coroutine with {@code send(None)} and reads its return value from the
 * {@code StopIteration} that ends it. A jasyncio coroutine has no {@code send()}: a task runs it, the
 * loop's first step of the task is the {@code send(None)}, and the value the coroutine returns becomes
 * the task's result. Example 3-7 awaits a coroutine from another: {@code result = await f()} is
 * {@code Aio.await(f)}, and the result is 123 once {@code f} has slept its second.
 *
 * <p>Book output of Example 3-6: {@code The answer was: 123}. Example 3-7 prints nothing; this program
 * prints the value its callout describes ("The value of the result variable will be 123").
 */
public final class CoroutineResult {

    private CoroutineResult() {
    }

    /** Example 3-6's {@code async def f(): return 123}. */
    static int f() {
        return 123;
    }

    /** Example 3-7's {@code f()}: sleeps a second, then returns 123. */
    static int sleepyF() {
        Aio.sleep(1.0);
        return 123;
    }

    /** Example 3-7's {@code main()}: {@code result = await f()}. */
    static int awaitF() {
        int result = Aio.await(CoroutineResult::sleepyF);
        return result;
    }

    /** Runs Example 3-6, then Example 3-7. */
    public static void main(String[] args) {
        try (SelectorEventLoop loop = Aio.newEventLoop()) {
            Task<Integer> coro = loop.createTask(CoroutineResult::f);  // inert until the loop steps it
            loop.runUntilComplete(coro);                               // the step that is send(None)
            System.out.println("The answer was: " + coro.result());
        }
        int result = Aio.run(CoroutineResult::awaitF);
        System.out.println("result = " + result);
    }
}
