package io.jasyncio.loop;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;

/** Makes the tasks of {@code createTask} (asyncio's task factory); see {@link io.jasyncio.Task#eagerTaskFactory()}. */
@FunctionalInterface
public interface TaskFactory {

    /** Creates the task for {@code coroutine} on {@code loop}; {@code name} may be {@code null}. */
    <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name);
}
