package io.jasyncio.process;

import static io.jasyncio.process.Redirect.PIPE;
import static io.jasyncio.process.Redirect.STDOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Starting children: exec and shell, directory, environment, and the errors of a bad start. */
class SubprocessesTest {

    @AioTest(virtualTime = false)
    void execPassesArgumentsWithoutAShell() throws Exception {
        Process p = Subprocesses.createSubprocessExec(List.of("/bin/echo", "$HOME", "a  b", "*"), null, PIPE, null);
        assertEquals("$HOME a  b *\n", p.communicate().stdoutText());
    }

    @AioTest(virtualTime = false)
    void shellInterpretsTheCommand() throws Exception {
        Process p = Subprocesses.createSubprocessShell("for i in 1 2 3; do printf \"$i\"; done; echo \" $((6*7))\"",
                null, PIPE, null);
        assertEquals("123 42\n", p.communicate().stdoutText());
        assertEquals(0, p.returncode());
    }

    @AioTest(virtualTime = false)
    void cwdAndEnv(@TempDir Path dir) throws Exception {
        Process pwd = Subprocesses.createSubprocessExec(List.of("pwd"), null, PIPE, null, dir, null,
                Subprocesses.DEFAULT_LIMIT);
        assertEquals(dir.toRealPath() + "\n", pwd.communicate().stdoutText());

        // env is the whole environment: HOME is not inherited.
        Process env = Subprocesses.createSubprocessShell("echo \"$FOO ${HOME:-unset}\"", null, PIPE, null, null,
                Map.of("FOO", "bar"), Subprocesses.DEFAULT_LIMIT);
        assertEquals("bar unset\n", env.communicate().stdoutText());
    }

    @AioTest(virtualTime = false)
    void aMissingProgramRaisesIOException() {
        IOException e = assertThrows(IOException.class, () -> Subprocesses.createSubprocessExec(
                List.of("/no/such/program"), null, PIPE, null));
        assertTrue(e.getMessage().contains("/no/such/program"), e.getMessage());
    }

    @AioTest(virtualTime = false)
    void badArgumentsAreRefusedBeforeAnythingStarts() {
        assertThrows(IllegalArgumentException.class,
                () -> Subprocesses.createSubprocessExec(List.of("cat"), STDOUT, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Subprocesses.createSubprocessExec(List.of("cat"), null, STDOUT, null));
        assertThrows(IllegalArgumentException.class,
                () -> Subprocesses.createSubprocessExec(List.of(), null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Subprocesses.createSubprocessExec(List.of("true"), null, null, null, null, null, 0));
    }

    @AioTest(virtualTime = false)
    void aLoopOtherThanTheRunningOneIsRefused() {
        try (SelectorEventLoop other = new SelectorEventLoop()) {
            assertThrows(IllegalStateException.class, () -> other.subprocessShell(
                    () -> new RecordingProtocol(other), "true", null, null, null, null, null));
        }
    }

    @AioTest(virtualTime = false)
    void protocolLevelShell(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = Subprocesses.createSubprocessShell(() -> new RecordingProtocol(loop),
                "echo $0", null, PIPE, null, null, null);
        io.jasyncio.Aio.await(pair.protocol().done);
        assertEquals("/bin/sh\n", pair.protocol().text(1));
    }

    @AioTest(virtualTime = false)
    void theEventLoopInterfaceStartsChildrenToo(SelectorEventLoop loop) throws Exception {
        io.jasyncio.loop.EventLoop eventLoop = loop;
        SubprocessPair<RecordingProtocol> pair = eventLoop.subprocessExec(() -> new RecordingProtocol(loop),
                List.of("/bin/echo", "via", "EventLoop"), null, PIPE, null, null, null);
        io.jasyncio.Aio.await(pair.protocol().done);
        assertEquals("via EventLoop\n", pair.protocol().text(1));
    }
}
