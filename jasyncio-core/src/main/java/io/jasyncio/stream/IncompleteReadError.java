package io.jasyncio.stream;

import java.io.EOFException;

/**
 * The stream ended before a read was satisfied (asyncio {@code IncompleteReadError}, an
 * {@code EOFError}): raised by {@link StreamReader#readExactly(int)} and {@link StreamReader#readUntil(byte[])}.
 * It carries the bytes that were read before the end, which the reader no longer holds.
 */
public class IncompleteReadError extends EOFException {

    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    private final Integer expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were expected, or {@code null} when that is not known (a separator
     *     was looked for)
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected.toString())
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (asyncio {@code partial}); the same array each time. */
    public byte[] partial() {
        return partial;
    }

    /** How many bytes were expected, or {@code null} when not known (asyncio {@code expected}). */
    public Integer expected() {
        return expected;
    }
}
