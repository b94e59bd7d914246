package io.jasyncio.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program of {@code ./aio} run in a child JVM, for tests that send it real signals: its standard
 * output and error are collected line by line as they come.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private ChildJvm(Process process) {
        this.process = process;
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /** Starts {@code ./aio args...} (the examples' main class) in a new JVM with this test's class path. */
    public static ChildJvm start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    private static void pump(java.io.InputStream stream, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<read error: " + e + ">");
            }
        }, "child-jvm-pump");
        t.setDaemon(true);
        t.start();
    }

    /** The standard output lines so far. */
    public List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** The child's standard input. */
    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The standard error lines so far. */
    public List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Waits until the output has a line matching {@code test} {@code count} times; fails after {@code limit}. */
    public List<String> awaitOut(Predicate<String> test, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (out().stream().filter(test).count() < count) {
            if (System.nanoTime() > deadline || !process.isAlive() && out().stream().filter(test).count() < count) {
                if (!process.isAlive()) {
                    Thread.sleep(100); // let the pumps finish
                    if (out().stream().filter(test).count() >= count) {
                        break;
                    }
                }
                throw new AssertionError("waited " + limit + " for " + count + " matching lines; out=" + out()
                        + " err=" + err());
            }
            Thread.sleep(10);
        }
        return out();
    }

    /** Sends a signal ({@code INT}, {@code TERM}, {@code HUP}) to the child with {@code kill}. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** Waits for the child to exit and returns its exit code; fails after {@code limit}. */
    public int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not exit within " + limit + "; out=" + out() + " err=" + err());
        }
        Thread.sleep(100); // let the pumps read the last lines
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
