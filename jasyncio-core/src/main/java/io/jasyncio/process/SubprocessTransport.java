package io.jasyncio.process;

import io.jasyncio.loop.SignalName;
import io.jasyncio.net.BaseTransport;

/**
 * A running child process and its pipes (asyncio {@code SubprocessTransport}). Like every transport, it
 * is not thread-safe: use it on its loop's thread. None of its methods suspend.
 *
 * <p>{@link #getExtraInfo(String)} knows {@code subprocess} (the {@link java.lang.Process}).
 */
public interface SubprocessTransport extends BaseTransport {

    /** The child's process id (asyncio {@code get_pid}). */
    long getPid();

    /**
     * The child's return code (asyncio {@code get_returncode}): {@code null} while it runs; its exit status
     * when it exited; minus the signal's number when a signal it was sent ended it ({@code -15} for
     * {@code SIGTERM}). See {@link Process#returncode()} for the one case Java cannot tell apart.
     */
    Integer getReturncode();

    /**
     * The transport of the pipe for {@code fd} (asyncio {@code get_pipe_transport}), or {@code null} if
     * that stream is not a {@link Redirect#PIPE}: a {@link io.jasyncio.net.WriteTransport} for 0 (stdin),
     * a {@link io.jasyncio.net.ReadTransport} for 1 (stdout) and 2 (stderr).
     */
    BaseTransport getPipeTransport(int fd);

    /**
     * Sends signal number {@code signal} to the child (asyncio {@code send_signal}); does nothing if it has
     * exited already, raises {@link ProcessLookupError} once the transport has finished. {@code SIGTERM}
     * and {@code SIGKILL} go through {@link ProcessHandle}; other signals through the {@code kill} command,
     * which this call waits for (a few milliseconds on the loop thread).
     */
    void sendSignal(int signal);

    /** {@link #sendSignal(int)} by name. */
    void sendSignal(SignalName signal);

    /** Sends {@code SIGTERM} (asyncio {@code terminate}); see {@link #sendSignal(int)}. */
    void terminate();

    /** Sends {@code SIGKILL} (asyncio {@code kill}); see {@link #sendSignal(int)}. */
    void kill();

    /** Replaces the protocol that receives this transport's events (asyncio {@code set_protocol}). */
    void setProtocol(SubprocessProtocol protocol);

    /** The protocol that receives this transport's events (asyncio {@code get_protocol}). */
    SubprocessProtocol getProtocol();

    /**
     * Closes the pipes and, if the child still runs, kills it with {@code SIGKILL} (asyncio {@code close});
     * {@code connectionLost} follows once it has exited. Calling it again does nothing.
     */
    @Override
    void close();
}
