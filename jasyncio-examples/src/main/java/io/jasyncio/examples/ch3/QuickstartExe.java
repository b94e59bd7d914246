package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.examples.Ctime;
import io.jasyncio.loop.EventLoop;
import java.util.List;
import java.util.Set;

/**
 * Example 3-3, the basic executor interface ({@code quickstart_exe.py}, B:1794-1878): a blocking
 * function runs on the loop's default executor while {@code main()} sleeps without blocking.
 *
 * <p>Book output:
 * <pre>
 * Sun Aug 18 01:20:42 2019 Hello!
 * Sun Aug 18 01:20:43 2019 Hello from a thread!
 * Sun Aug 18 01:20:43 2019 Goodbye!
 * </pre>
 * As in the book, the executor's future is not a task, so {@code allTasks()} does not list it. Like
 * Example 3-2, the program sets a new loop as the thread's loop first (no implicit loop creation).
 */
public final class QuickstartExe {

    private QuickstartExe() {
    }

    static void main() {
        System.out.println(Ctime.now() + " Hello!");
        Aio.sleep(1.0);
        System.out.println(Ctime.now() + " Goodbye!");
    }

    /** The book's {@code blocking()}: a plain blocking call, which must not run on the loop's thread. */
    static Void blocking() throws InterruptedException {
        Thread.sleep(500);
        System.out.println(Ctime.now() + " Hello from a thread!");
        return null;
    }

    /** Runs the program. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        Task<Void> task = loop.createTask(() -> main(), "main");
        loop.runInExecutor(null, QuickstartExe::blocking);
        loop.runUntilComplete(task);
        Set<Task<?>> pending = loop.allTasks();
        for (Task<?> t : pending) {
            t.cancel();
        }
        Future<List<Object>> group = Aio.gather(true, pending);
        loop.runUntilComplete(group);
        loop.close();
        Aio.setEventLoop(null);
    }
}
