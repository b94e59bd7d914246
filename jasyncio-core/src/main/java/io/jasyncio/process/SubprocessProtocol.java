package io.jasyncio.process;

import io.jasyncio.net.BaseProtocol;
import java.nio.ByteBuffer;

/**
 * The events of a child process (asyncio {@code SubprocessProtocol}). Callbacks run on the loop thread;
 * they must not block, and they cannot await (start a task for that).
 *
 * <p>The order is asyncio's: {@link #connectionMade} first; then, interleaved as they happen,
 * {@link #pipeDataReceived} and {@link #pipeConnectionLost} for each pipe (in order for each one) and
 * {@link #processExited} once; last, {@code connectionLost(null)}, once the process has exited and every
 * pipe is closed. The inherited {@code pauseWriting}/{@code resumeWriting} are the flow control of the
 * child's stdin pipe.
 */
public interface SubprocessProtocol extends BaseProtocol {

    /** The child is running and its pipes are connected; keep {@code transport} to talk to it. */
    default void connectionMade(SubprocessTransport transport) {
    }

    /**
     * The child wrote {@code data} to its stdout ({@code fd} 1) or stderr ({@code fd} 2). The buffer is
     * this call's own (the protocol may keep it).
     */
    default void pipeDataReceived(int fd, ByteBuffer data) {
    }

    /**
     * The pipe for {@code fd} (0 stdin, 1 stdout, 2 stderr) is closed: {@code error} is {@code null} at
     * end of file or after a close, else what broke it (for stdin, usually a broken pipe).
     */
    default void pipeConnectionLost(int fd, Throwable error) {
    }

    /** The child exited; its return code is {@link SubprocessTransport#getReturncode()}. Its pipes may still hold data. */
    default void processExited() {
    }
}
