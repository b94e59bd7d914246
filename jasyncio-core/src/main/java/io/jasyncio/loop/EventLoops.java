package io.jasyncio.loop;

/**
 * Which loop belongs to which thread: the running loop (asyncio {@code get_running_loop}) and the
 * loop set for a thread ({@code set_event_loop}/{@code get_event_loop}).
 */
public final class EventLoops {

    private static final ThreadLocal<SelectorEventLoop> RUNNING = new ThreadLocal<>();
    private static final ThreadLocal<EventLoop> SET = new ThreadLocal<>();

    private EventLoops() {
    }

    /** The loop running on this thread (or driving the current task), or {@code null}. */
    public static SelectorEventLoop runningOrNull() {
        return RUNNING.get();
    }

    /**
     * The running loop (asyncio {@code get_running_loop}).
     *
     * @throws IllegalStateException when no loop is running on this thread
     */
    public static SelectorEventLoop getRunningLoop() {
        SelectorEventLoop loop = RUNNING.get();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * The running loop if there is one, else the loop set for this thread with
     * {@link #setEventLoop}; raises when there is neither (Python 3.14's rule: no implicit creation).
     */
    public static EventLoop getEventLoop() {
        SelectorEventLoop running = RUNNING.get();
        if (running != null) {
            return running;
        }
        EventLoop set = SET.get();
        if (set == null) {
            throw new IllegalStateException("There is no current event loop in thread '"
                    + Thread.currentThread().getName() + "'");
        }
        return set;
    }

    /** Sets (or, with {@code null}, clears) this thread's current loop. */
    public static void setEventLoop(EventLoop loop) {
        if (loop == null) {
            SET.remove();
        } else {
            SET.set(loop);
        }
    }

    private static volatile java.util.function.Supplier<? extends SelectorEventLoop> factory;

    /**
     * Creates a new loop (asyncio {@code new_event_loop}): on the real clock, unless a factory was set
     * with {@link #setLoopFactory} (as tests do to run whole programs on virtual time).
     */
    public static SelectorEventLoop newEventLoop() {
        java.util.function.Supplier<? extends SelectorEventLoop> f = factory;
        return f == null ? new SelectorEventLoop() : f.get();
    }

    /** Sets the JVM-wide factory of {@link #newEventLoop()} and {@code Aio.run}; {@code null} restores the default. */
    public static void setLoopFactory(java.util.function.Supplier<? extends SelectorEventLoop> loopFactory) {
        factory = loopFactory;
    }

    static void setRunning(SelectorEventLoop loop) {
        if (loop == null) {
            RUNNING.remove();
        } else {
            RUNNING.set(loop);
        }
    }

    /** Marks the current thread (a task's own thread on the thread back end) as driven by {@code loop}. */
    public static void enterTaskThread(SelectorEventLoop loop) {
        if (RUNNING.get() != loop) {
            RUNNING.set(loop);
        }
    }
}
