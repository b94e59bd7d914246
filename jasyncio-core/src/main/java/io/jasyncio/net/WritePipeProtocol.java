package io.jasyncio.net;

/**
 * The protocol of a write pipe ({@code loop.connectWritePipe}): asyncio's {@code BaseProtocol} with a
 * transport that can only write. Flow control arrives as {@code pauseWriting}/{@code resumeWriting}, the
 * end as {@code connectionLost} (with the write error, such as a broken pipe). Runs on the loop thread.
 */
public interface WritePipeProtocol extends BaseProtocol {

    /** Called once, before anything is written, with the pipe's transport. */
    default void connectionMade(WriteTransport transport) {
    }
}
