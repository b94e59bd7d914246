package io.jasyncio.process;

import static io.jasyncio.process.Redirect.DEVNULL;
import static io.jasyncio.process.Redirect.PIPE;
import static io.jasyncio.process.Redirect.STDOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SignalName;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** {@link Process} on real children: output, exit status, signals, waiting and cancellation. */
class ProcessTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Process python(String code, Redirect stdin, Redirect stdout, Redirect stderr) throws Exception {
        return Subprocesses.createSubprocessExec(List.of("python3", "-S", "-c", code), stdin, stdout, stderr);
    }

    @AioTest(virtualTime = false)
    void communicateReturnsTheExactBytesOfStdoutAndStderr() throws Exception {
        Process p = python("import sys\n"
                + "sys.stdout.buffer.write(bytes(range(256)) + b'\\r\\n\\x00end')\n"
                + "sys.stderr.buffer.write(b'warning: \\xff\\xfe\\n')\n", null, PIPE, PIPE);
        Process.Output out = p.communicate();
        byte[] expected = new byte[256 + 6];
        for (int i = 0; i < 256; i++) {
            expected[i] = (byte) i;
        }
        System.arraycopy(new byte[] {'\r', '\n', 0, 'e', 'n', 'd'}, 0, expected, 256, 6);
        assertArrayEquals(expected, out.stdout());
        assertArrayEquals(new byte[] {'w', 'a', 'r', 'n', 'i', 'n', 'g', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'},
                out.stderr());
        assertEquals(0, p.returncode());
    }

    @AioTest(virtualTime = false)
    void echoAndExitStatus() throws Exception {
        Process echo = Subprocesses.createSubprocessExec(List.of("/bin/echo", "hello", "world"), null, PIPE, null);
        assertEquals("hello world\n", echo.communicate().stdoutText());
        assertEquals(0, echo.returncode());

        Process failing = Subprocesses.createSubprocessShell("exit 3", null, null, null);
        assertNull(failing.returncode(), "running until the loop hears of the exit");
        assertEquals(3, failing.waitFor());
        assertEquals(3, failing.returncode());

        // 143 is a plain exit status here: no signal was sent, so it is not read as -15.
        assertEquals(143, Subprocesses.createSubprocessShell("exit 143", null, null, null).waitFor());
    }

    @AioTest(virtualTime = false)
    void communicateWithInputLargerThanThePipeBufferDoesNotDeadlock() throws Exception {
        byte[] input = new byte[2 * 1024 * 1024 + 17];
        new Random(42).nextBytes(input);
        // cat writes back while we are still writing: both pipes fill unless both sides go on at once.
        Process cat = Subprocesses.createSubprocessExec(List.of("cat"), PIPE, PIPE, PIPE);
        Process.Output out = cat.communicate(input);
        assertArrayEquals(input, out.stdout());
        assertArrayEquals(new byte[0], out.stderr());
        assertEquals(0, cat.returncode());
    }

    @AioTest(virtualTime = false)
    void aChildThatWritesALotBeforeReadingItsInputDoesNotDeadlock() throws Exception {
        Process p = python("import sys\n"
                + "sys.stdout.buffer.write(b'x' * 1000000); sys.stdout.flush()\n"
                + "sys.stderr.buffer.write(b'e' * 300000); sys.stderr.flush()\n"
                + "data = sys.stdin.buffer.read()\n"
                + "sys.stdout.buffer.write(str(len(data)).encode())\n", PIPE, PIPE, PIPE);
        Process.Output out = p.communicate(new byte[500_000]);
        assertEquals(1_000_000 + 6, out.stdout().length);
        assertEquals("500000", new String(out.stdout(), 1_000_000, 6, StandardCharsets.US_ASCII));
        assertEquals(300_000, out.stderr().length);
        assertEquals(0, p.returncode());
    }

    @AioTest(virtualTime = false)
    void aChildThatStopsReadingIsNotAnErrorForCommunicate() throws Exception {
        Process p = Subprocesses.createSubprocessShell("head -c 10 >/dev/null; echo done", PIPE, PIPE, null);
        Process.Output out = p.communicate(new byte[1024 * 1024]);
        assertEquals("done\n", out.stdoutText());
        assertEquals(0, p.returncode());
    }

    @AioTest(virtualTime = false)
    void stderrIntoStdout() throws Exception {
        Process p = Subprocesses.createSubprocessShell("echo out; echo err >&2; echo out2", null, PIPE, STDOUT);
        Process.Output out = p.communicate();
        assertEquals("out\nerr\nout2\n", out.stdoutText());
        assertNull(out.stderr());
        assertNull(p.transport().getPipeTransport(2));
    }

    @AioTest(virtualTime = false)
    void devnull() throws Exception {
        Process cat = Subprocesses.createSubprocessExec(List.of("cat"), DEVNULL, PIPE, DEVNULL);
        Process.Output out = cat.communicate();
        assertArrayEquals(new byte[0], out.stdout());
        assertNull(out.stderr());
        assertEquals(0, cat.returncode());

        Process quiet = Subprocesses.createSubprocessShell("echo hidden; echo also >&2", null, DEVNULL, STDOUT);
        Process.Output none = quiet.communicate();
        assertNull(none.stdout());
        assertNull(none.stderr());
        assertEquals(0, quiet.returncode());
    }

    @AioTest(virtualTime = false)
    void communicateWithoutInputClosesStdin() throws Exception {
        Process cat = Subprocesses.createSubprocessExec(List.of("cat"), PIPE, PIPE, null);
        assertArrayEquals(new byte[0], cat.communicate().stdout());
        assertEquals(0, cat.returncode());
    }

    @AioTest(virtualTime = false)
    void communicateWithInputNeedsAStdinPipe() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("true"), null, null, null);
        assertThrows(IllegalStateException.class, () -> p.communicate(utf8("x")));
        assertEquals(0, p.waitFor());
    }

    @AioTest(virtualTime = false)
    void terminateGivesMinusFifteen() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("sleep", "30"), null, null, null);
        p.terminate();
        assertEquals(-15, p.waitFor());
        assertEquals(-15, p.returncode());
    }

    @AioTest(virtualTime = false)
    void killGivesMinusNine() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("sleep", "30"), PIPE, PIPE, PIPE);
        p.kill();
        Process.Output out = p.communicate();
        assertArrayEquals(new byte[0], out.stdout());
        assertEquals(-9, p.returncode());
    }

    @AioTest(virtualTime = false)
    void sendSignalByNumberAndByName() throws Exception {
        Process interrupted = Subprocesses.createSubprocessExec(List.of("sleep", "30"), null, null, null);
        interrupted.sendSignal(SignalName.SIGINT);
        assertEquals(-2, interrupted.waitFor());

        Process hungUp = Subprocesses.createSubprocessExec(List.of("sleep", "30"), null, null, null);
        hungUp.sendSignal(1);
        assertEquals(-1, hungUp.waitFor());
    }

    @AioTest(virtualTime = false)
    void aSignalTheChildHandlesIsNotANegativeReturnCode(@TempDir Path dir) throws Exception {
        // The child traps SIGUSR1 and exits with 7: the status is its own, not the signal's.
        Path ready = dir.resolve("ready");
        Process p = python("import signal, sys, time\n"
                + "signal.signal(signal.SIGUSR1, lambda *a: sys.exit(7))\n"
                + "open(sys.argv[1], 'w').close()\n"
                + "time.sleep(30)\n", ready.toString());
        for (int i = 0; i < 1000 && !Files.exists(ready); i++) {
            Aio.sleep(0.01);
        }
        p.sendSignal(SignalName.SIGUSR1);
        assertEquals(7, p.waitFor());
    }

    private static Process python(String code, String arg) throws Exception {
        return Subprocesses.createSubprocessExec(List.of("python3", "-S", "-c", code, arg), null, null, null);
    }

    @AioTest(virtualTime = false)
    void signallingAFinishedProcessIsALookupError() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("true"), null, null, null);
        assertEquals(0, p.waitFor());
        Aio.sleep(0.05);
        assertThrows(ProcessLookupError.class, p::terminate);
        assertThrows(ProcessLookupError.class, p::kill);
    }

    @AioTest(virtualTime = false)
    void twoTasksWaitForTheSameProcess() throws Exception {
        Expect e = new Expect();
        Process p = Subprocesses.createSubprocessShell("sleep 0.2; exit 5", null, null, null);
        Task<Integer> a = Aio.createTask(() -> {
            e.expect(1);
            return p.waitFor();
        });
        Task<Integer> b = Aio.createTask(() -> {
            e.expect(2);
            return p.waitFor();
        });
        assertEquals(List.of(5, 5), Aio.await(Aio.gather(a, b)));
        e.finish(3);
        assertEquals(5, p.waitFor(), "after the exit, wait returns at once");
    }

    @AioTest(virtualTime = false)
    void outputWrittenJustBeforeExitIsNotLost() throws Exception {
        // The child writes more than the pipe holds and exits at once; nobody reads until it has gone.
        Process p = python("import sys\n"
                + "sys.stdout.buffer.write(b'a' * 40000)\n"
                + "sys.stderr.buffer.write(b'b' * 30000)\n", null, PIPE, PIPE);
        for (int i = 0; i < 500 && p.returncode() == null; i++) {
            Aio.sleep(0.01);
        }
        assertEquals(0, p.returncode(), "the loop has seen the exit before anyone read");
        Process.Output out = p.communicate();
        assertEquals(40000, out.stdout().length);
        assertEquals(30000, out.stderr().length);
    }

    @AioTest(virtualTime = false)
    void aLargeOutputReadSlowlyAfterTheChildFinishedWritingIsComplete() throws Exception {
        Process p = python("import sys\n"
                + "for i in range(2000): sys.stdout.write('line %05d\\n' % i)\n", null, PIPE, null);
        Aio.sleep(0.2);
        Process.Output out = p.communicate();
        String[] lines = out.stdoutText().split("\n");
        assertEquals(2000, lines.length);
        assertEquals("line 01999", lines[1999]);
        assertEquals(0, p.returncode());
    }

    @AioTest(virtualTime = false)
    void cancellingCommunicateLeavesTheChildRunning() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("sleep", "30"), PIPE, PIPE, PIPE);
        Task<Process.Output> t = Aio.createTask(() -> p.communicate(utf8("ignored")));
        Aio.sleep(0.1);
        assertTrue(t.cancel());
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertTrue(t.cancelled());
        assertNull(p.returncode(), "cancelling the reader does not stop the child");
        p.kill();
        assertEquals(-9, p.waitFor());
    }

    @AioTest(virtualTime = false)
    void cancellingWaitLeavesTheChildRunning() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("sleep", "30"), null, null, null);
        Integer code = null;
        try {
            code = Aio.waitFor(Aio.createTask(p::waitFor), 0.1);
        } catch (io.jasyncio.TimeoutError expected) {
            // wait_for cancelled the wait on timeout.
        }
        assertNull(code);
        assertNull(p.returncode());
        p.terminate();
        assertEquals(-15, p.waitFor());
    }

    @AioTest(virtualTime = false)
    void pidAndToString() throws Exception {
        Process p = Subprocesses.createSubprocessShell("echo $$", null, PIPE, null);
        String printed = p.communicate().stdoutText().strip();
        assertEquals(String.valueOf(p.pid()), printed);
        assertEquals("<Process " + p.pid() + ">", p.toString());
    }

    // ---- the streams ---------------------------------------------------------------------------------

    @AioTest(virtualTime = false)
    void readLinesWhileTheChildRuns() throws Exception {
        Process p = python("import time\n"
                + "for i in range(3):\n"
                + "    print('line', i, flush=True)\n"
                + "    time.sleep(0.05)\n", null, PIPE, null);
        assertEquals("line 0\n", new String(p.stdout().readline(), StandardCharsets.UTF_8));
        assertNull(p.returncode(), "the child is still running");
        assertEquals("line 1\n", new String(p.stdout().readline(), StandardCharsets.UTF_8));
        assertEquals("line 2\n", new String(p.stdout().readline(), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[0], p.stdout().readline());
        assertTrue(p.stdout().atEof());
        assertEquals(0, p.waitFor());
        assertNull(p.stdin());
        assertNull(p.stderr());
    }

    @AioTest(virtualTime = false)
    void talkToCatLineByLine() throws Exception {
        Process cat = Subprocesses.createSubprocessExec(List.of("cat"), PIPE, PIPE, null);
        for (String word : List.of("ping", "pong", "done")) {
            cat.stdin().write(utf8(word + "\n"));
            cat.stdin().drain();
            assertEquals(word + "\n", new String(cat.stdout().readline(), StandardCharsets.UTF_8));
        }
        cat.stdin().close();
        cat.stdin().waitClosed();
        assertArrayEquals(new byte[0], cat.stdout().read());
        assertEquals(0, cat.waitFor());
    }

    @AioTest(virtualTime = false)
    void everyLineIsReadThoughTheChildExitsWhileWeRead() throws Exception {
        Process p = python("import sys\n"
                + "sys.stdout.write(''.join('%d\\n' % i for i in range(20000)))\n", null, PIPE, null);
        int n = 0;
        for (byte[] line : p.stdout()) {
            assertEquals(n + "\n", new String(line, StandardCharsets.US_ASCII));
            n++;
            if (n % 1000 == 0) {
                Aio.sleep(0.01);
            }
        }
        assertEquals(20000, n);
        assertEquals(0, p.waitFor());
    }

    @AioTest(virtualTime = false)
    void unreadOutputPausesTheChild() throws Exception {
        Process p = python("import sys\n"
                + "sys.stdout.buffer.write(b'z' * 1000000)\n", null, PIPE, null, 4096);
        Aio.sleep(1.0);
        assertNull(p.returncode(), "the child waits on its full pipe: the reader paused it at 2 * limit");
        assertEquals(1000000, p.stdout().read().length);
        assertEquals(0, p.waitFor());
    }

    @AioTest(virtualTime = false)
    void drainWaitsForTheChildToRead() throws Exception {
        Process p = Subprocesses.createSubprocessShell("sleep 0.3; wc -c", PIPE, PIPE, null);
        p.stdin().write(new byte[1024 * 1024]);
        long t0 = System.nanoTime();
        p.stdin().drain();
        assertTrue(System.nanoTime() - t0 > 200_000_000L, "drain returned before the child read");
        p.stdin().close();
        assertEquals("1048576", new String(p.stdout().read(), StandardCharsets.US_ASCII).strip());
        assertEquals(0, p.waitFor());
    }

    @AioTest(virtualTime = false)
    void theReadmeExamples(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "x");
        Process p = Subprocesses.createSubprocessExec(List.of("ls", "-1"), null, PIPE, null, dir, null,
                Subprocesses.DEFAULT_LIMIT);
        StringBuilder listing = new StringBuilder();
        for (byte[] line : p.stdout()) {
            listing.append(new String(line, StandardCharsets.UTF_8));
        }
        assertEquals("a.txt\n", listing.toString());
        assertEquals(0, p.waitFor());

        Process sort = Subprocesses.createSubprocessShell("sort", PIPE, PIPE, STDOUT);
        Process.Output out = sort.communicate("b\na\n".getBytes());
        assertEquals("a\nb\n", out.stdoutText());
    }

    private static Process python(String code, Redirect stdin, Redirect stdout, Redirect stderr, int limit)
            throws Exception {
        return Subprocesses.createSubprocessExec(List.of("python3", "-S", "-c", code), stdin, stdout, stderr, null,
                null, limit);
    }
}
