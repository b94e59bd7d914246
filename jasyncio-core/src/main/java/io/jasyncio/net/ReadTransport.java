package io.jasyncio.net;

/** The reading side of a transport (asyncio {@code ReadTransport}): read flow control. */
public interface ReadTransport extends BaseTransport {

    /** Whether the transport is delivering received data to its protocol. */
    boolean isReading();

    /** Stops delivering data until {@link #resumeReading()}; the peer is slowed by TCP's flow control. Idempotent. */
    void pauseReading();

    /** Resumes delivering data. Idempotent. */
    void resumeReading();
}
