package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;

/**
 * Example 3-18 (B:3112-3182): {@code ensureFuture} wraps a coroutine in a new task, as
 * {@code createTask} does, but hands a future (a task included) back unchanged.
 *
 * <p>The book checks this with {@code assert} statements and prints nothing; here each check prints its
 * outcome. The book passes one coroutine object to both {@code create_task} and {@code ensure_future},
 * which in Python gives two tasks sharing one coroutine (erratum E-18); a jasyncio {@code Coroutine} is a
 * lambda that each task runs afresh, so sharing it is harmless. Unlike the book's listing, the program
 * then runs the loop until both tasks are done and closes it, so that no task is left pending.
 * Deviation: the thread's loop is set first, because jasyncio's {@code getEventLoop()} never creates one
 * (Python 3.14's rule). Example 3-19 ({@code listify}) is plain Python and has no program.
 */
public final class EnsureFuture {

    private EnsureFuture() {
    }

    /** The book's do-nothing {@code async def f(): pass}. */
    static Void f() {
        return null;
    }

    /** The listing's steps, each assertion printed. */
    public static void main(String[] args) {
        Coroutine<Void> coro = EnsureFuture::f;
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();

        Future<Void> task = loop.createTask(coro);
        System.out.println("loop.createTask(coro) is a Task: " + (task instanceof Task));

        Future<Void> newTask = Aio.ensureFuture(coro);
        System.out.println("Aio.ensureFuture(coro) is a Task: " + (newTask instanceof Task));
        System.out.println("... and a new one: " + (newTask != task));

        Future<Void> mysteryMeat = Aio.ensureFuture(task);
        System.out.println("Aio.ensureFuture(task) == task: " + (mysteryMeat == task));

        loop.runUntilComplete(Aio.gather(task, newTask));
        loop.close();
        Aio.setEventLoop(null);
    }
}
