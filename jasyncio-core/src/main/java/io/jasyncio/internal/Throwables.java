package io.jasyncio.internal;

/** Rethrows a stored exception as it is, checked or not, as Python re-raises the exception a future holds. */
public final class Throwables {

    private Throwables() {
    }

    /** Throws {@code e} unchanged; declared to return so that callers can write {@code throw sneaky(e)}. */
    public static RuntimeException sneaky(Throwable e) {
        throw Throwables.<RuntimeException>doThrow(e);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable e) throws E {
        throw (E) e;
    }
}
