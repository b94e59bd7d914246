package io.jasyncio.loop;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.Set;

/**
 * The event loop's contract: asyncio's {@code AbstractEventLoop} in Java's camelCase.
 *
 * <p>A loop runs on one thread at a time and is not thread-safe: from other threads use only
 * {@link #callSoonThreadsafe(Runnable)} (and the thread-safe helpers built on it). With debug mode on,
 * calling another method from the wrong thread raises {@link IllegalStateException}.
 */
public interface EventLoop extends AutoCloseable {

    /** Runs until {@link #stop()} is called (asyncio {@code run_forever}). */
    void runForever();

    /**
     * Runs until {@code future} is done and returns its result or raises its exception
     * (asyncio {@code run_until_complete}).
     */
    <T> T runUntilComplete(Awaitable<T> future);

    /** Wraps {@code coroutine} in a task, runs until it is done, and returns its result. */
    <T> T runUntilComplete(Coroutine<T> coroutine);

    /** Wraps a coroutine with no result in a task and runs until it is done. */
    void runUntilComplete(AsyncRunnable coroutine);

    /** Stops the loop after the callbacks that are ready now have run (asyncio {@code stop}). */
    void stop();

    /** Whether the loop is running. */
    boolean isRunning();

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /**
     * Closes the loop: drops pending callbacks and timers, reports tasks still pending, releases the
     * selector. Must not be called while the loop runs. Calling it again does nothing.
     */
    @Override
    void close();

    /** The loop's clock in seconds (asyncio {@code loop.time()}): monotonic, or virtual in tests. */
    double time();

    /** Schedules {@code callback} to run on the next iteration, after callbacks already scheduled. */
    Handle callSoon(Runnable callback);

    /** Schedules {@code callback} to run after {@code delay} seconds. */
    TimerHandle callLater(double delay, Runnable callback);

    /** Schedules {@code callback} to run at {@code when} on the loop's clock ({@link #time()}). */
    TimerHandle callAt(double when, Runnable callback);

    /** Like {@link #callSoon(Runnable)}, but may be called from any thread; wakes the loop. */
    Handle callSoonThreadsafe(Runnable callback);

    /** Creates a future attached to this loop. */
    <T> Future<T> createFuture();

    /** Wraps {@code coroutine} in a task scheduled on this loop (asyncio {@code loop.create_task}). */
    <T> Task<T> createTask(Coroutine<T> coroutine, String name);

    /** Like {@link #createTask(Coroutine, String)} with an automatic name ({@code Task-N}). */
    <T> Task<T> createTask(Coroutine<T> coroutine);

    /** Wraps a coroutine without a result in a task with an automatic name. */
    Task<Void> createTask(AsyncRunnable coroutine);

    /** Wraps a coroutine without a result in a named task. */
    Task<Void> createTask(AsyncRunnable coroutine, String name);

    /** Sets the factory {@link #createTask} uses, or {@code null} for plain tasks (asyncio {@code set_task_factory}). */
    void setTaskFactory(TaskFactory factory);

    /** The task factory in use, or {@code null}. */
    TaskFactory getTaskFactory();

    /** The task running now on this loop, or {@code null}. */
    Task<?> currentTask();

    /** The tasks of this loop that are not done yet (a snapshot). */
    Set<Task<?>> allTasks();

    /**
     * Closes every async generator still open on this loop, concurrently, and returns a future that
     * completes when they all have (asyncio {@code shutdown_asyncgens}); {@code Aio.run} awaits it.
     */
    Future<Void> shutdownAsyncgens();

    /**
     * Runs {@code fn} on {@code executor} ({@code null}: the loop's default executor, a pool of
     * {@code min(32, cpus + 4)} threads) and returns a future for its outcome (asyncio
     * {@code run_in_executor}). Cancelling the future cancels the job if it has not started.
     */
    <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> fn);

    /** Replaces the default executor (for example with {@code Executors.newVirtualThreadPerTaskExecutor()}). */
    void setDefaultExecutor(java.util.concurrent.ExecutorService executor);

    /**
     * Shuts the default executor down and returns a future that completes when its threads have
     * finished (asyncio {@code shutdown_default_executor}); {@code Aio.run} awaits it.
     */
    Future<Void> shutdownDefaultExecutor();

    /** Like {@link #shutdownDefaultExecutor()}, giving up waiting after {@code timeoutSeconds}. */
    Future<Void> shutdownDefaultExecutor(double timeoutSeconds);

    /** Sets the handler for errors nobody can receive; {@code null} restores the default. */
    void setExceptionHandler(ExceptionHandler handler);

    /** The handler set with {@link #setExceptionHandler}, or {@code null}. */
    ExceptionHandler getExceptionHandler();

    /** The default handling: logs the message, the context and the exception's stack. */
    void defaultExceptionHandler(ExceptionContext context);

    /** Sends {@code context} to the exception handler (or the default one). */
    void callExceptionHandler(ExceptionContext context);

    /** Turns debug mode on or off. */
    void setDebug(boolean enabled);

    /** Whether debug mode is on. */
    boolean getDebug();

    /** The duration, in seconds, above which debug mode reports a callback or task step as slow. */
    double getSlowCallbackDuration();

    /** Sets the slow-callback threshold in seconds (default 0.1). */
    void setSlowCallbackDuration(double seconds);
    // ---- networking: see io.jasyncio.net.Connections for the details ----------------------------

    /**
     * Connects to {@code host:port} over TCP (asyncio {@code create_connection}). Suspends until connected
     * and the protocol's {@code connectionMade} ran; cancellable (the socket is closed).
     */
    <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> createConnection(
            java.util.function.Supplier<? extends P> factory, String host, int port) throws java.io.IOException;

    /**
     * Listens on {@code host:port} ({@code null}: all interfaces; port 0: any free port) with backlog 100
     * (asyncio {@code create_server}). Suspends only to resolve a host name.
     */
    io.jasyncio.net.Server createServer(java.util.function.Supplier<? extends io.jasyncio.net.ConnectionProtocol> factory,
                                        String host, int port) throws java.io.IOException;

    /** Like {@link #createServer(java.util.function.Supplier, String, int)}, with a backlog and {@code SO_REUSEPORT}. */
    io.jasyncio.net.Server createServer(java.util.function.Supplier<? extends io.jasyncio.net.ConnectionProtocol> factory,
                                        String host, int port, int backlog, boolean reusePort) throws java.io.IOException;

    /** Connects to a Unix domain socket (asyncio {@code create_unix_connection}); suspends, cancellable. */
    <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> createUnixConnection(
            java.util.function.Supplier<? extends P> factory, java.nio.file.Path path) throws java.io.IOException;

    /** Listens on a Unix domain socket (asyncio {@code create_unix_server}); does not suspend. */
    io.jasyncio.net.Server createUnixServer(java.util.function.Supplier<? extends io.jasyncio.net.ConnectionProtocol> factory,
                                            java.nio.file.Path path) throws java.io.IOException;

    /**
     * Opens a UDP endpoint bound to {@code local} and/or connected to {@code remote} (asyncio
     * {@code create_datagram_endpoint}). Suspends until the protocol's {@code connectionMade} ran.
     */
    <P extends io.jasyncio.net.DatagramProtocol> io.jasyncio.net.DatagramEndpoint<P> createDatagramEndpoint(
            java.util.function.Supplier<? extends P> factory, java.net.SocketAddress local, java.net.SocketAddress remote)
            throws java.io.IOException;

    /**
     * Reads the blocking stream {@code pipe} with a protocol from {@code factory} (asyncio
     * {@code connect_read_pipe}); see {@link io.jasyncio.process.Pipes#connectReadPipe}. Suspends until the
     * protocol's {@code connectionMade} ran.
     */
    <P extends io.jasyncio.net.ReadPipeProtocol> io.jasyncio.net.ReadPipeConnection<P> connectReadPipe(
            java.util.function.Supplier<? extends P> factory, java.io.InputStream pipe);

    /**
     * Writes to the blocking stream {@code pipe} with a protocol from {@code factory} (asyncio
     * {@code connect_write_pipe}); see {@link io.jasyncio.process.Pipes#connectWritePipe}. Suspends until
     * the protocol's {@code connectionMade} ran.
     */
    <P extends io.jasyncio.net.WritePipeProtocol> io.jasyncio.net.WritePipeConnection<P> connectWritePipe(
            java.util.function.Supplier<? extends P> factory, java.io.OutputStream pipe);

    // ---- subprocesses: see io.jasyncio.process.Subprocesses -----------------------------------------

    /**
     * Runs {@code args} (the program, then its arguments) with a protocol from {@code protocolFactory}
     * and returns the transport and the protocol (asyncio {@code loop.subprocess_exec}). A {@code null}
     * redirection inherits the stream; {@code cwd} and {@code env} ({@code null}: inherited) set the
     * child's directory and whole environment. Call it in a task on this loop: it suspends until the
     * protocol's {@code connectionMade} has run; cancelling the task kills the child.
     */
    <P extends io.jasyncio.process.SubprocessProtocol> io.jasyncio.process.SubprocessPair<P> subprocessExec(
            java.util.function.Supplier<? extends P> protocolFactory, java.util.List<String> args,
            io.jasyncio.process.Redirect stdin, io.jasyncio.process.Redirect stdout, io.jasyncio.process.Redirect stderr,
            java.nio.file.Path cwd, java.util.Map<String, String> env) throws java.io.IOException;

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} and a protocol from {@code protocolFactory} (asyncio
     * {@code loop.subprocess_shell}); suspends and reacts to cancellation as {@code subprocessExec}.
     */
    <P extends io.jasyncio.process.SubprocessProtocol> io.jasyncio.process.SubprocessPair<P> subprocessShell(
            java.util.function.Supplier<? extends P> protocolFactory, String cmd,
            io.jasyncio.process.Redirect stdin, io.jasyncio.process.Redirect stdout, io.jasyncio.process.Redirect stderr,
            java.nio.file.Path cwd, java.util.Map<String, String> env) throws java.io.IOException;
}
