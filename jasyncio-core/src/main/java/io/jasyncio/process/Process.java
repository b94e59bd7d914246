package io.jasyncio.process;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import io.jasyncio.loop.SignalName;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process started by {@link Subprocesses#createSubprocessExec(java.util.List, Redirect, Redirect,
 * Redirect)} or {@code createSubprocessShell} (asyncio's {@code asyncio.subprocess.Process}). Its piped
 * streams are {@link #stdin()}, {@link #stdout()} and {@link #stderr()}. Use it on its loop:
 * {@link #waitFor()} and {@link #communicate(byte[])} suspend the calling task; the other methods
 * return at once.
 *
 * <p>The return code follows asyncio: the exit status, or minus the signal number when a signal ended
 * the child ({@code -15} after {@link #terminate()}). Java reports a death by signal {@code N} as the
 * exit status {@code 128+N}, as shells do, so the two cannot always be told apart: jasyncio translates
 * {@code 128+N} into {@code -N} when this process sent the child signal {@code N}
 * ({@link #sendSignal}, {@link #terminate()}, {@link #kill()}), and otherwise keeps the exit status. A
 * child killed by a signal from elsewhere therefore shows {@code 128+N} where asyncio shows {@code -N}.
 */
public final class Process {

    private final ProcessTransport transport;
    private final ProcessStreamProtocol protocol;

    Process(ProcessTransport transport, ProcessStreamProtocol protocol) {
        this.transport = transport;
        this.protocol = protocol;
    }

    /**
     * What {@link #communicate(byte[])} read (asyncio's {@code (stdout_data, stderr_data)} pair).
     *
     * @param stdout everything the child wrote to stdout, or {@code null} when stdout was not a {@link Redirect#PIPE}
     * @param stderr everything the child wrote to stderr, or {@code null} when stderr was not a {@link Redirect#PIPE}
     */
    public record Output(byte[] stdout, byte[] stderr) {

        /** {@link #stdout()} decoded as UTF-8 ({@code out.decode('utf8')}), or {@code null}. */
        public String stdoutText() {
            return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
        }

        /** {@link #stderr()} decoded as UTF-8, or {@code null}. */
        public String stderrText() {
            return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
        }
    }

    /**
     * The child's stdin (asyncio {@code proc.stdin}), or {@code null} unless it is a {@link Redirect#PIPE}.
     * Write, then {@link StreamWriter#drain()}, which suspends while the pipe's buffer is above its
     * high-water mark; {@link StreamWriter#close()} gives the child end of file.
     */
    public StreamWriter stdin() {
        return protocol.stdin;
    }

    /**
     * The child's stdout (asyncio {@code proc.stdout}), or {@code null} unless it is a {@link Redirect#PIPE}.
     * Its reads suspend; unread data above twice the limit pauses the pipe, so that the child waits.
     */
    public StreamReader stdout() {
        return protocol.stdout;
    }

    /** The child's stderr (asyncio {@code proc.stderr}), or {@code null} unless it is a {@link Redirect#PIPE}. */
    public StreamReader stderr() {
        return protocol.stderr;
    }

    /** The child's process id (asyncio {@code pid}). */
    public long pid() {
        return transport.getPid();
    }

    /**
     * The return code (asyncio {@code returncode}): {@code null} while the child runs, else its exit
     * status or minus the number of the signal that ended it (see the class comment).
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /**
     * Waits for the child to exit and returns its return code (asyncio {@code wait()}). Suspends. If the
     * child has already exited it returns at once; otherwise it returns once the child has exited and its
     * pipes are closed, so that no output is lost. As in asyncio, a child that fills a pipe nobody reads
     * blocks, and so does this wait: read the pipes, or use {@link #communicate}. Cancelling the waiting
     * task raises {@link io.jasyncio.CancelledError} here and leaves the child running.
     *
     * <p>Named {@code waitFor}, as {@link java.lang.Process#waitFor()}, because {@code wait()} is taken by
     * {@code Object.wait()}, which is final.
     */
    public int waitFor() {
        return Aio.await(transport.exitFuture());
    }

    /** {@link #communicate(byte[])} with no input. */
    public Output communicate() {
        return communicate(null);
    }

    /**
     * Sends {@code input} to the child's stdin and closes it, reads its stdout and stderr to the end, waits
     * for it to exit, and returns what it wrote (asyncio {@code communicate(input)}). Suspends. Writing and
     * reading go on at once, so a child that writes a lot before it has read its input cannot deadlock.
     * As asyncio, a child that stops reading (a broken pipe) is not an error: the rest of the input is
     * dropped. Stdin is closed whenever it is a pipe, with or without input (Python 3.12's behaviour).
     *
     * <p>Cancellation: cancelling the calling task stops the writing and the reading and raises
     * {@link io.jasyncio.CancelledError}; the child keeps running (kill it if it must stop).
     *
     * @param input the bytes for stdin, or {@code null}
     * @throws IllegalStateException if {@code input} is given but stdin is not a {@link Redirect#PIPE}
     */
    public Output communicate(byte[] input) {
        if (input != null && protocol.stdin == null) {
            throw new IllegalStateException("communicate(input) needs stdin=Redirect.PIPE");
        }
        List<Coroutine<byte[]>> jobs = new ArrayList<>();
        int outIndex = -1;
        int errIndex = -1;
        if (protocol.stdin != null) {
            jobs.add(() -> {
                feedStdin(input);
                return null;
            });
        }
        if (protocol.stdout != null) {
            outIndex = jobs.size();
            jobs.add(() -> readStream(1));
        }
        if (protocol.stderr != null) {
            errIndex = jobs.size();
            jobs.add(() -> readStream(2));
        }
        List<byte[]> results = jobs.isEmpty() ? List.of() : Aio.await(Aio.gather(jobs));
        waitFor();
        return new Output(outIndex < 0 ? null : results.get(outIndex), errIndex < 0 ? null : results.get(errIndex));
    }

    private void feedStdin(byte[] input) {
        StreamWriter stdin = protocol.stdin;
        if (stdin.isClosing()) {
            return; // asyncio's pipe drops writes once it is closing.
        }
        try {
            if (input != null && input.length > 0) {
                stdin.write(input);
            }
            stdin.drain();
        } catch (IOException brokenPipe) {
            // communicate() ignores a child that stopped reading, as asyncio does.
        }
        stdin.close();
    }

    private byte[] readStream(int fd) throws IOException {
        StreamReader reader = fd == 1 ? protocol.stdout : protocol.stderr;
        byte[] data = reader.read();
        transport.getPipeTransport(fd).close();
        return data;
    }

    /**
     * Sends signal number {@code signal} (asyncio {@code send_signal}); see
     * {@link SubprocessTransport#sendSignal(int)}. Does not suspend.
     */
    public void sendSignal(int signal) {
        transport.sendSignal(signal);
    }

    /** Sends {@code signal} (asyncio {@code send_signal(signal.SIGINT)}, ...). Does not suspend. */
    public void sendSignal(SignalName signal) {
        transport.sendSignal(signal);
    }

    /** Sends {@code SIGTERM} (asyncio {@code terminate}); the return code becomes {@code -15}. Does not suspend. */
    public void terminate() {
        transport.terminate();
    }

    /** Sends {@code SIGKILL} (asyncio {@code kill}); the return code becomes {@code -9}. Does not suspend. */
    public void kill() {
        transport.kill();
    }

    /** The transport underneath (asyncio keeps it private as {@code _transport}). */
    public SubprocessTransport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "<Process " + pid() + ">";
    }
}
