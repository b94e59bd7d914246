package io.jasyncio.internal.fiber;

/** Makes fibers: one implementation on JDK continuations, one on virtual threads. */
public interface FiberBackend {

    /** Creates a fiber that will run {@code body} when first resumed; {@code name} is asked for only if the back end needs one. */
    Fiber create(Runnable body, java.util.function.Supplier<String> name);

    /** The back end's short name: {@code continuation} or {@code threads}. */
    String name();
}
