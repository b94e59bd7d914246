package io.jasyncio.process;

/**
 * Where a child's standard stream goes (asyncio's {@code subprocess.PIPE}, {@code DEVNULL},
 * {@code STDOUT}, or {@code None} for inherited). A {@code null} redirect means {@link #INHERIT}.
 */
public enum Redirect {

    /** A pipe to this process: a stream on {@link Process}, a pipe transport on {@link SubprocessTransport}. */
    PIPE,

    /** The null device: reads see end of file at once, writes are discarded. */
    DEVNULL,

    /**
     * For stderr only: into the same place as stdout (asyncio {@code STDOUT}, Java's
     * {@code ProcessBuilder.redirectErrorStream(true)}).
     */
    STDOUT,

    /** The same stream as this process's own (asyncio's {@code None}, the default). */
    INHERIT
}
