/**
 * The programs of the blog post "Async programming made easy with python asyncio" (seed 004), each
 * printing what the post's code prints. As in {@link io.jasyncio.examples.slides}, coroutines that a loop
 * runs directly are {@code Coroutine<Void>} ending in {@code return null}, and the thread's loop is set
 * before {@code getEventLoop()} is called, since jasyncio never creates one implicitly.
 */
package io.jasyncio.examples.blog;
