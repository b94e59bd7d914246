package io.jasyncio.examples.mq;

import java.io.IOException;

/**
 * A frame's length prefix announced more bytes than the receiver accepts (beyond the book: its
 * {@code read_msg} would try to read any size up to 4 GiB). The connection it came on is no longer in
 * step with the protocol and must be closed; nothing else is affected.
 */
public final class FrameTooLargeException extends IOException {

    private final long size;
    private final long limit;

    /** A frame of {@code size} bytes was announced where at most {@code limit} are accepted. */
    public FrameTooLargeException(long size, long limit) {
        super("frame of " + size + " bytes exceeds the maximum of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    /** The announced payload size. */
    public long size() {
        return size;
    }

    /** The maximum payload size that was in force. */
    public long limit() {
        return limit;
    }
}
