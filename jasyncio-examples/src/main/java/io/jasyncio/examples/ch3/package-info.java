/**
 * The programs of chapter 3 of "Using Asyncio in Python" (Caleb Hattingh, O'Reilly 2020), one class per
 * book file or interpreter session, each printing what the book prints, rendered the Java way.
 *
 * <p>Python's coroutine objects have {@code send()} and {@code throw()}; jasyncio's coroutines are
 * lambdas run by tasks, and the loop's task steps are the {@code send(None)} calls. So the internals
 * sessions (Ex. 3-6 to 3-10) drive a task step by step with {@code Aio.sleep(0)} from another task, and
 * inject exceptions the ways Java can: {@code Task.cancel()} for {@code throw(CancelledError)}, and a
 * future completed with an exception for {@code throw(Exception, 'blah')}. Ex. 3-4 and 3-5 (the types of
 * a coroutine function and of a coroutine object) have no program: in Java a {@code Coroutine} lambda is
 * both, and creating it runs nothing, as every program here shows by creating coroutines before any
 * loop runs them. Ex. 3-19 ({@code listify}) is plain Python with no asyncio in it.
 */
package io.jasyncio.examples.ch3;
