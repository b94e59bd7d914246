package io.jasyncio.stream;

import java.io.IOException;

/**
 * A separator was not found within the reader's limit (asyncio {@code LimitOverrunError}): raised by
 * {@link StreamReader#readUntil(byte[])}. The data stays in the reader's buffer, so it can be read again
 * (with {@link StreamReader#read(int)}, say) or skipped: {@link #consumed()} bytes can be taken out.
 */
public class LimitOverrunError extends IOException {

    private static final long serialVersionUID = 1L;

    private final int consumed;

    /**
     * @param message what went wrong
     * @param consumed how many bytes are to be consumed: the offset of the separator when it was found
     *     beyond the limit, else how much of the buffer holds no separator
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes are to be consumed (asyncio {@code consumed}). */
    public int consumed() {
        return consumed;
    }
}
