package io.jasyncio.internal.fiber;

/**
 * Chooses the coroutine back end once per JVM: continuations when {@code jdk.internal.vm} is exported
 * to us, otherwise virtual threads with one warning line. The system property
 * {@code jasyncio.backend} ({@code continuation} or {@code threads}) forces a choice.
 */
public final class Fibers {

    private static final FiberBackend BACKEND = choose();

    private Fibers() {
    }

    /** The back end in use. */
    public static FiberBackend backend() {
        return BACKEND;
    }

    private static FiberBackend choose() {
        String forced = System.getProperty("jasyncio.backend", "");
        if (forced.equals("threads")) {
            return new ThreadBatonBackend();
        }
        // Test the export before ContinuationBackend is loaded: its initialiser touches the internal API.
        boolean exported = Object.class.getModule().isExported("jdk.internal.vm", Fibers.class.getModule());
        if (exported && ContinuationBackend.available()) {
            return new ContinuationBackend();
        }
        if (forced.equals("continuation")) {
            throw new IllegalStateException("jasyncio.backend=continuation, but this JVM lacks "
                    + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
        }
        System.err.println("WARNING: jasyncio: --add-exports java.base/jdk.internal.vm=ALL-UNNAMED is missing;"
                + " tasks run on virtual threads (slower)");
        return new ThreadBatonBackend();
    }
}
