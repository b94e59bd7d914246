package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.process.Process;
import io.jasyncio.process.Redirect;
import io.jasyncio.process.Subprocesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The slides' subprocess example ("SUBPROCESS", seed 002 lines 263-273): two commands run at once, each
 * started with {@code createSubprocessExec} with its stdout piped, and read with {@code communicate}.
 *
 * <p>The slide shows no output. What the code prints: both {@code Executing:} lines at once (each
 * coroutine prints before its first suspension), then {@code hello} and the empty line that
 * {@code print} adds after echo's own newline, and a second later, when {@code sleep 1} exits, one more
 * empty line (sleep printed nothing).
 *
 * <p>The slide's last lines have a typo ({@code asyncio.gather())} closes the call before its
 * arguments); the program follows the evident intent, {@code gather(run_cmd(...), run_cmd(...))}.
 */
public final class RunCmd {

    private RunCmd() {
    }

    /** The slide's {@code run_cmd(cmd)}: runs {@code cmd}, waits for it, prints its output. */
    static Void runCmd(List<String> cmd) throws IOException {
        System.out.println("Executing: " + String.join(" ", cmd));
        Process process = Subprocesses.createSubprocessExec(cmd, null, Redirect.PIPE, null);
        Process.Output output = process.communicate();
        System.out.println(new String(output.stdout(), StandardCharsets.UTF_8));
        return null;
    }

    /** Runs both commands with {@code gather} until both are done. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop eventLoop = Aio.getEventLoop();
        Coroutine<Void> sleep = () -> runCmd(List.of("sleep", "1"));
        Coroutine<Void> echo = () -> runCmd(List.of("echo", "hello"));
        eventLoop.runUntilComplete(Aio.gather(sleep, echo));
        eventLoop.close();
        Aio.setEventLoop(null);
    }
}
