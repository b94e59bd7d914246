package io.jasyncio;

import io.jasyncio.internal.ContextMap;
import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A set of context-variable values (Python's {@code contextvars.Context}). Each task runs in a copy of
 * the context that was current when it was created; each scheduled callback runs in a copy of the
 * context current when it was scheduled; each thread has a context of its own. Setting a
 * {@link ContextVar} changes only the current context.
 */
public final class Context {

    private static final ThreadLocal<Context> THREAD = ThreadLocal.withInitial(() -> new Context(ContextMap.EMPTY));
    private static final ThreadLocal<Context> THREAD_OVERRIDE = new ThreadLocal<>();

    ContextMap map;

    Context(ContextMap map) {
        this.map = map;
    }

    /** A new, empty context. */
    public Context() {
        this(ContextMap.EMPTY);
    }

    /** A copy of the current context (Python's {@code contextvars.copy_context()}). */
    public static Context copyContext() {
        return new Context(currentMap());
    }

    /** The context current for the calling code: its task's, its callback's, or its thread's. */
    public static Context current() {
        SelectorEventLoop loop = EventLoops.runningOrNull();
        if (loop != null) {
            Task<?> task = loop.currentTask();
            if (task != null) {
                return task.context();
            }
            Context callback = loop.callbackContext();
            if (callback != null) {
                return callback;
            }
        }
        Context override = THREAD_OVERRIDE.get();
        return override != null ? override : THREAD.get();
    }

    /** The values of the current context, without allocating (what tasks and callbacks capture). */
    public static ContextMap currentMap() {
        SelectorEventLoop loop = EventLoops.runningOrNull();
        if (loop != null) {
            Task<?> task = loop.currentTask();
            if (task != null) {
                return task.contextMap();
            }
            ContextMap callback = loop.callbackContextMap();
            if (callback != null) {
                return callback;
            }
        }
        Context override = THREAD_OVERRIDE.get();
        return override != null ? override.map : THREAD.get().map;
    }

    /** A context holding {@code map}'s values (for the loop's callbacks). */
    public static Context copyOf(ContextMap map) {
        return new Context(map);
    }

    /** The values of {@code context} (for the loop's callbacks). */
    public static ContextMap mapOf(Context context) {
        return context.map;
    }

    /** A copy of this context ({@code Context.copy()}). */
    public Context copy() {
        return new Context(map);
    }

    /**
     * Runs {@code body} with this context current, then restores the previous one
     * ({@code Context.run}). Inside a task, the body must not suspend; use tasks for that.
     */
    public <T> T run(Callable<T> body) {
        SelectorEventLoop loop = EventLoops.runningOrNull();
        Task<?> task = loop == null ? null : loop.currentTask();
        if (task != null) {
            Context previous = task.swapContext(this);
            try {
                return body.call();
            } catch (Exception e) {
                throw Throwables.sneaky(e);
            } finally {
                task.swapContext(previous);
            }
        }
        Context previous = THREAD_OVERRIDE.get();
        THREAD_OVERRIDE.set(this);
        try {
            return body.call();
        } catch (Exception e) {
            throw Throwables.sneaky(e);
        } finally {
            if (previous == null) {
                THREAD_OVERRIDE.remove();
            } else {
                THREAD_OVERRIDE.set(previous);
            }
        }
    }

    /** Runs {@code body} on the calling thread with the values of {@code map} current; for executors. */
    public static <T> T runWith(ContextMap map, Callable<T> body) throws Exception {
        Context previous = THREAD_OVERRIDE.get();
        THREAD_OVERRIDE.set(new Context(map));
        try {
            return body.call();
        } finally {
            if (previous == null) {
                THREAD_OVERRIDE.remove();
            } else {
                THREAD_OVERRIDE.set(previous);
            }
        }
    }

    /** The value of {@code var} in this context, or {@code null}. */
    public <T> T get(ContextVar<T> var) {
        @SuppressWarnings("unchecked")
        T v = (T) map.get(var, null);
        return v;
    }

    /** Whether {@code var} has a value in this context. */
    public boolean containsKey(ContextVar<?> var) {
        return map.containsKey(var);
    }

    /** The number of variables set in this context. */
    public int size() {
        return map.size();
    }

    /** The variables and values of this context, in the order they were first set. */
    public Map<ContextVar<?>, Object> asMap() {
        Map<ContextVar<?>, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < map.size(); i++) {
            out.put((ContextVar<?>) map.keyAt(i), map.valueAt(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return "<Context " + asMap() + ">";
    }
}
