package io.jasyncio.process;

import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import io.jasyncio.net.BaseTransport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subprocess transport (asyncio's {@code BaseSubprocessTransport} with {@code _UnixSubprocessTransport}):
 * starts the child with {@link ProcessBuilder}, connects a pipe transport for each {@link Redirect#PIPE},
 * learns of the exit through {@link java.lang.Process#onExit()}, and sequences the protocol's events as
 * asyncio does: everything that happens before {@code connectionMade} is held and replayed after it, and
 * {@code connectionLost} comes once the child has exited and every pipe is closed.
 */
final class ProcessTransport implements SubprocessTransport, ReadPipeTransport.Sink, WritePipeTransport.Sink {

    private static final int SIGKILL = 9;
    private static final int SIGPIPE = 13;
    private static final int SIGTERM = 15;

    private final SelectorEventLoop loop;
    private final java.lang.Process proc;
    private final long pid;
    private final String program;
    private SubprocessProtocol protocol;
    private WritePipeTransport stdin;
    private ReadPipeTransport stdout;
    private ReadPipeTransport stderr;
    /** Per fd: whether its pipe is closed (or was never a pipe). */
    private final boolean[] disconnected = {true, true, true};
    /** Protocol calls made before {@code connectionMade}, replayed after it; {@code null} once connected. */
    private ArrayDeque<Runnable> pendingCalls = new ArrayDeque<>();
    private List<Future<Integer>> exitWaiters = new ArrayList<>();
    /** The signals this transport sent, to read Java's 128+N exit value as asyncio's -N. */
    private final Set<Integer> signalsSent = new HashSet<>();
    private Integer returncode;
    private boolean closed;
    private boolean finished;
    private boolean connectionLostCalled;

    private ProcessTransport(SelectorEventLoop loop, SubprocessProtocol protocol, java.lang.Process proc, String program) {
        this.loop = loop;
        this.protocol = protocol;
        this.proc = proc;
        this.pid = proc.pid();
        this.program = program;
    }

    /**
     * Starts {@code command} and returns its transport; {@code waiter} completes once the protocol's
     * {@code connectionMade} has been scheduled (asyncio's {@code _connect_pipes}). Runs on the loop thread.
     */
    static ProcessTransport start(SelectorEventLoop loop, SubprocessProtocol protocol, List<String> command,
            Redirect stdin, Redirect stdout, Redirect stderr, Path cwd, Map<String, String> env,
            Future<Void> waiter) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command is empty: it needs at least the program");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(inputRedirect(stdin));
        builder.redirectOutput(outputRedirect(stdout, "stdout"));
        if (stderr == Redirect.STDOUT) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(outputRedirect(stderr, "stderr"));
        }
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        if (env != null) {
            // As asyncio's env=: the child's whole environment, not additions to ours.
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(env);
        }
        java.lang.Process proc = builder.start();
        ProcessTransport t = new ProcessTransport(loop, protocol, proc, command.get(0));
        String prefix = "subprocess-" + t.pid + "-";
        if (stdin == Redirect.PIPE) {
            t.stdin = new WritePipeTransport(loop, t, proc.getOutputStream(), prefix + "stdin");
            t.disconnected[0] = false;
            t.stdin.start();
        }
        if (stdout == Redirect.PIPE) {
            t.stdout = new ReadPipeTransport(loop, t, 1, proc.getInputStream(), prefix + "stdout");
            t.disconnected[1] = false;
            t.stdout.start();
        }
        if (stderr == Redirect.PIPE) {
            t.stderr = new ReadPipeTransport(loop, t, 2, proc.getErrorStream(), prefix + "stderr");
            t.disconnected[2] = false;
            t.stderr.start();
        }
        if (loop.getDebug()) {
            loop.logger().log(Level.DEBUG, "process " + command.get(0) + " created: pid " + t.pid);
        }
        proc.onExit().whenComplete((p, error) -> {
            int exitValue = error == null ? proc.exitValue() : -1;
            try {
                loop.callSoonThreadsafe(() -> t.processExited(exitValue));
            } catch (IllegalStateException loopClosed) {
                // Nobody is left to tell; let the pumps go rather than wait for a loop that is gone.
                t.abandonPumps();
            }
        });
        loop.callSoon(() -> t.connect(waiter));
        return t;
    }

    /** Stops the pumps from any thread, once the loop has closed under a child that exited. */
    private void abandonPumps() {
        if (stdin != null) {
            stdin.abandon();
        }
        if (stdout != null) {
            stdout.abandon();
        }
        if (stderr != null) {
            stderr.abandon();
        }
    }

    private static ProcessBuilder.Redirect inputRedirect(Redirect r) {
        return switch (r == null ? Redirect.INHERIT : r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(nullDevice());
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case STDOUT -> throw new IllegalArgumentException("STDOUT is a redirection for stderr only, not stdin");
        };
    }

    private static ProcessBuilder.Redirect outputRedirect(Redirect r, String stream) {
        return switch (r == null ? Redirect.INHERIT : r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case STDOUT -> throw new IllegalArgumentException("STDOUT is a redirection for stderr only, not " + stream);
        };
    }

    private static File nullDevice() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private void connect(Future<Void> waiter) {
        loop.callSoon(() -> protocol.connectionMade(this));
        for (Runnable call : pendingCalls) {
            loop.callSoon(call);
        }
        pendingCalls = null;
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    /** Calls the protocol on a later iteration, or after {@code connectionMade} if it has not run yet. */
    private void call(Runnable protocolCall) {
        if (pendingCalls != null) {
            pendingCalls.addLast(protocolCall);
        } else {
            loop.callSoon(protocolCall);
        }
    }

    // ---- events from the pipes and the exit watcher (loop thread) ---------------------------------

    @Override
    public void pipeDataReceived(int fd, ByteBuffer data) {
        call(() -> protocol.pipeDataReceived(fd, data));
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable error) {
        disconnected[fd] = true;
        call(() -> protocol.pipeConnectionLost(fd, error));
        tryFinish();
    }

    @Override
    public void pipeClosing(int fd) {
        if (returncode == null) {
            // Closing a pipe the child still writes to signals it too: its next write raises SIGPIPE.
            signalsSent.add(SIGPIPE);
        }
    }

    @Override
    public void pauseWriting() {
        protocol.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        protocol.resumeWriting();
    }

    private void processExited(int exitValue) {
        if (returncode != null) {
            return;
        }
        // Java reports death by signal N as 128+N, like a shell; asyncio reports -N. Only the signals we
        // sent can be told apart from a plain exit(128+N), so only those are translated.
        int signal = exitValue - 128;
        returncode = exitValue > 128 && signalsSent.contains(signal) ? -signal : exitValue;
        if (loop.getDebug()) {
            loop.logger().log(Level.INFO, this + " exited with return code " + returncode);
        }
        call(() -> protocol.processExited());
        if (stdin != null) {
            stdin.processExited();
        }
        tryFinish();
    }

    private void tryFinish() {
        if (finished || returncode == null) {
            return;
        }
        for (boolean d : disconnected) {
            if (!d) {
                return;
            }
        }
        finished = true;
        call(this::callConnectionLost);
    }

    private void callConnectionLost() {
        connectionLostCalled = true;
        try {
            protocol.connectionLost(null);
        } finally {
            for (Future<Integer> waiter : exitWaiters) {
                if (!waiter.done()) {
                    waiter.setResult(returncode);
                }
            }
            exitWaiters = null;
        }
    }

    /**
     * A future for the return code (asyncio's {@code _wait}): done at once if the child has exited, else
     * once it has exited and every pipe is closed.
     */
    Future<Integer> exitFuture() {
        Future<Integer> f = loop.createFuture();
        if (returncode != null) {
            f.setResult(returncode);
        } else {
            exitWaiters.add(f);
        }
        return f;
    }

    // ---- SubprocessTransport -----------------------------------------------------------------------

    @Override
    public long getPid() {
        return pid;
    }

    @Override
    public Integer getReturncode() {
        return returncode;
    }

    @Override
    public BaseTransport getPipeTransport(int fd) {
        return switch (fd) {
            case 0 -> stdin;
            case 1 -> stdout;
            case 2 -> stderr;
            default -> null;
        };
    }

    @Override
    public void sendSignal(int signal) {
        if (connectionLostCalled) {
            throw new ProcessLookupError("process " + pid + " has finished");
        }
        if (returncode != null || !proc.isAlive()) {
            return; // As Popen.send_signal: an exited child is not signalled (its pid may be reused).
        }
        signalsSent.add(signal);
        // Not Process.destroy(): it also closes the pipes, which would lose output and could block
        // the loop on a pipe that a pump is writing to.
        if (signal == SIGTERM) {
            proc.toHandle().destroy();
        } else if (signal == SIGKILL) {
            proc.toHandle().destroyForcibly();
        } else {
            runKill(signal);
        }
    }

    private void runKill(int signal) {
        try {
            java.lang.Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid)
                    .redirectErrorStream(true).start();
            byte[] message = kill.getInputStream().readAllBytes();
            int status = kill.waitFor();
            if (status != 0 && proc.isAlive()) {
                throw new IllegalArgumentException("kill -" + signal + " " + pid + " failed: "
                        + new String(message).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill to send signal " + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending signal " + signal, e);
        }
    }

    @Override
    public void sendSignal(SignalName signal) {
        sendSignal(signalNumber(signal));
    }

    /** The platform's number for {@code signal}. */
    static int signalNumber(SignalName signal) {
        return new sun.misc.Signal(signal.jvmName()).getNumber();
    }

    @Override
    public void terminate() {
        sendSignal(SIGTERM);
    }

    @Override
    public void kill() {
        sendSignal(SIGKILL);
    }

    @Override
    public void setProtocol(SubprocessProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public SubprocessProtocol getProtocol() {
        return protocol;
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stdin != null) {
            stdin.close();
        }
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
        if (returncode == null && proc.isAlive()) {
            if (loop.getDebug()) {
                loop.logger().log(Level.WARNING, "Close running child process: kill " + this);
            }
            signalsSent.add(SIGKILL);
            proc.toHandle().destroyForcibly();
        }
    }

    @Override
    public Object getExtraInfo(String key) {
        return "subprocess".equals(key) ? proc : null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("<ProcessTransport");
        if (closed) {
            b.append(" closed");
        }
        b.append(" pid=").append(pid);
        b.append(returncode != null ? " returncode=" + returncode : " running");
        b.append(" program=").append(program);
        return b.append('>').toString();
    }
}
