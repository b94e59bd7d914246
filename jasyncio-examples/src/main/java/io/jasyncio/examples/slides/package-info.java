/**
 * The programs of the slide deck "PYTHON ASYNCIO" (seed 002), each printing what the slide's code prints.
 *
 * <p>The coroutines that a loop runs directly ({@code runUntilComplete}, {@code createTask},
 * {@code ensureFuture}) are {@code Coroutine<Void>}: they end with {@code return null}, Python's implicit
 * {@code return None}. As in the slides, each program gets "the" event loop with {@code getEventLoop()};
 * since jasyncio never creates a loop implicitly (Python 3.14's rule, where Python 3.4-3.9 created one),
 * each first sets a new loop as its thread's loop. Unlike the slides, each closes its loop at the end.
 */
package io.jasyncio.examples.slides;
