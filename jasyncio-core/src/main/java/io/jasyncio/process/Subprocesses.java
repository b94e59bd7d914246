package io.jasyncio.process;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starting child processes: asyncio's {@code create_subprocess_exec} and {@code create_subprocess_shell},
 * which return a {@link Process}, and the loop's {@code subprocess_exec} and {@code subprocess_shell},
 * which connect a {@link SubprocessProtocol} and return a {@link SubprocessPair}.
 *
 * <p>Every function must be called in a task on the loop the child will belong to: it starts the child at
 * once (on the loop thread, as asyncio forks on it), then suspends until the protocol is connected.
 * Cancelling the task while it waits kills the child, waits for it to be gone, and raises
 * {@link CancelledError}. A program that cannot be started raises {@link IOException} (Python's
 * {@code FileNotFoundError} or {@code PermissionError}).
 *
 * <p>A {@code null} redirection is {@link Redirect#INHERIT}; a {@code null} {@code cwd} or {@code env}
 * inherits this process's. A given {@code env} is the child's whole environment, as in asyncio.
 */
public final class Subprocesses {

    /** The default buffer limit of the streams of a {@link Process}, 64 KiB (asyncio's {@code _DEFAULT_LIMIT}). */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private Subprocesses() {
    }

    // ---- protocol level (asyncio loop.subprocess_exec / loop.subprocess_shell) ----------------------

    /**
     * Runs {@code args} (the program, then its arguments) with a protocol from {@code protocolFactory}
     * (asyncio {@code loop.subprocess_exec}) on the running loop. Suspends until the protocol's
     * {@code connectionMade} has run; see the class comment for cancellation.
     */
    public static <P extends SubprocessProtocol> SubprocessPair<P> createSubprocessExec(
            Supplier<? extends P> protocolFactory, List<String> args, Redirect stdin, Redirect stdout,
            Redirect stderr, Path cwd, Map<String, String> env) throws IOException {
        return createSubprocessExec(EventLoops.getRunningLoop(), protocolFactory, args, stdin, stdout, stderr, cwd, env);
    }

    /** {@link #createSubprocessExec(Supplier, List, Redirect, Redirect, Redirect, Path, Map)} on {@code loop}. */
    public static <P extends SubprocessProtocol> SubprocessPair<P> createSubprocessExec(SelectorEventLoop loop,
            Supplier<? extends P> protocolFactory, List<String> args, Redirect stdin, Redirect stdout,
            Redirect stderr, Path cwd, Map<String, String> env) throws IOException {
        checkLoop(loop);
        P protocol = protocolFactory.get();
        ProcessTransport transport = start(loop, protocol, List.copyOf(args), stdin, stdout, stderr, cwd, env);
        return new SubprocessPair<>(transport, protocol);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} and a protocol from {@code protocolFactory} (asyncio
     * {@code loop.subprocess_shell}) on the running loop. Quote what goes into {@code cmd}: the shell
     * interprets it. Suspends as {@link #createSubprocessExec(Supplier, List, Redirect, Redirect, Redirect, Path, Map)}.
     */
    public static <P extends SubprocessProtocol> SubprocessPair<P> createSubprocessShell(
            Supplier<? extends P> protocolFactory, String cmd, Redirect stdin, Redirect stdout,
            Redirect stderr, Path cwd, Map<String, String> env) throws IOException {
        return createSubprocessShell(EventLoops.getRunningLoop(), protocolFactory, cmd, stdin, stdout, stderr, cwd, env);
    }

    /** {@link #createSubprocessShell(Supplier, String, Redirect, Redirect, Redirect, Path, Map)} on {@code loop}. */
    public static <P extends SubprocessProtocol> SubprocessPair<P> createSubprocessShell(SelectorEventLoop loop,
            Supplier<? extends P> protocolFactory, String cmd, Redirect stdin, Redirect stdout,
            Redirect stderr, Path cwd, Map<String, String> env) throws IOException {
        return createSubprocessExec(loop, protocolFactory, shellCommand(cmd), stdin, stdout, stderr, cwd, env);
    }

    // ---- Process level (asyncio.create_subprocess_exec / create_subprocess_shell) --------------------

    /**
     * Runs {@code args} (the program, then its arguments) and returns its {@link Process} (asyncio
     * {@code create_subprocess_exec(*args, stdin=..., stdout=..., stderr=...)}). Suspends until the
     * child's pipes are connected; see the class comment for cancellation.
     */
    public static Process createSubprocessExec(List<String> args, Redirect stdin, Redirect stdout, Redirect stderr)
            throws IOException {
        return createSubprocessExec(args, stdin, stdout, stderr, null, null, DEFAULT_LIMIT);
    }

    /**
     * {@link #createSubprocessExec(List, Redirect, Redirect, Redirect)} in the directory {@code cwd}, with
     * the environment {@code env} and the streams' buffer limit {@code limit} (asyncio's {@code limit=}).
     */
    public static Process createSubprocessExec(List<String> args, Redirect stdin, Redirect stdout, Redirect stderr,
            Path cwd, Map<String, String> env, int limit) throws IOException {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        SelectorEventLoop loop = EventLoops.getRunningLoop();
        checkLoop(loop);
        ProcessStreamProtocol protocol = new ProcessStreamProtocol(loop, limit);
        ProcessTransport transport = start(loop, protocol, List.copyOf(args), stdin, stdout, stderr, cwd, env);
        return new Process(transport, protocol);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} and returns its {@link Process} (asyncio
     * {@code create_subprocess_shell}). Quote what goes into {@code cmd}: the shell interprets it.
     * Suspends as {@link #createSubprocessExec(List, Redirect, Redirect, Redirect)}.
     */
    public static Process createSubprocessShell(String cmd, Redirect stdin, Redirect stdout, Redirect stderr)
            throws IOException {
        return createSubprocessExec(shellCommand(cmd), stdin, stdout, stderr, null, null, DEFAULT_LIMIT);
    }

    /** {@link #createSubprocessShell(String, Redirect, Redirect, Redirect)} with a directory, environment and limit. */
    public static Process createSubprocessShell(String cmd, Redirect stdin, Redirect stdout, Redirect stderr,
            Path cwd, Map<String, String> env, int limit) throws IOException {
        return createSubprocessExec(shellCommand(cmd), stdin, stdout, stderr, cwd, env, limit);
    }

    // ---- shared ------------------------------------------------------------------------------------

    private static List<String> shellCommand(String cmd) {
        return List.of("/bin/sh", "-c", cmd);
    }

    private static void checkLoop(SelectorEventLoop loop) {
        if (EventLoops.runningOrNull() != loop || loop.currentTask() == null) {
            throw new IllegalStateException("start subprocesses from a task running on their loop");
        }
    }

    private static ProcessTransport start(SelectorEventLoop loop, SubprocessProtocol protocol, List<String> args,
            Redirect stdin, Redirect stdout, Redirect stderr, Path cwd, Map<String, String> env) throws IOException {
        Future<Void> waiter = loop.createFuture();
        ProcessTransport transport = ProcessTransport.start(loop, protocol, args, stdin, stdout, stderr, cwd, env, waiter);
        try {
            Aio.await(waiter);
        } catch (Throwable e) {
            // As asyncio: a child whose start was cancelled is killed, and waited for.
            transport.close();
            try {
                Aio.await(transport.exitFuture());
            } catch (CancelledError again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return transport;
    }
}
