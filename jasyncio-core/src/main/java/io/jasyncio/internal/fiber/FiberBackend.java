package io.jasyncio.internal.fiber;

/** Makes fibers: one implementation on JDK continuations, one on virtual threads. */
public interface FiberBackend {

    /** Creates a fiber that will run {@code body} when first resumed; {@code name} is asked for only if the back end needs one. */
    Fiber create(FiberBody body, java.util.function.Supplier<String> name);

    /**
     * Creates a fiber for a generator body that runs inside a task: {@link Fiber#suspend()} on it
     * returns to whoever resumed it (the consuming task), while the task's own fiber can still be
     * suspended from inside it, taking the generator along.
     */
    Fiber createNested(FiberBody body, java.util.function.Supplier<String> name);

    /** The back end's short name: {@code continuation} or {@code threads}. */
    String name();
}
