package io.jasyncio.examples.mq;

import io.jasyncio.examples.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer of the message-queue tests in its own process: one of our programs in a child JVM, or one of the
 * Python asyncio peers under {@code src/test/python/mq} run with {@code /usr/bin/python3}. Its output is
 * collected line by line; it can be sent real signals.
 */
final class MqPeer implements AutoCloseable {

    static final Duration LIMIT = Duration.ofSeconds(60);
    static final Path PYTHON_DIR = Path.of("src", "test", "python", "mq").toAbsolutePath();

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private MqPeer(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        this.process = pb.start();
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /** {@code ./aio args...} in a child JVM with this test's class path. */
    static MqPeer aio(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return new MqPeer(command);
    }

    /** {@code ./aio args...} (a broker) in a child JVM; returns once it listens on {@code port}. */
    static MqPeer listening(int port, String... args) throws IOException, InterruptedException {
        MqPeer p = aio(args);
        try {
            awaitListening(port);
        } catch (AssertionError e) {
            p.close();
            throw new AssertionError(e.getMessage() + "; out=" + p.out() + " err=" + p.err());
        }
        return p;
    }

    /** {@code /usr/bin/python3 src/test/python/mq/script args...}. */
    static MqPeer python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", PYTHON_DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        return new MqPeer(command);
    }

    /** A TCP port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until something listens on {@code port} (a LISTEN row in {@code /proc/net/tcp}), without
     * connecting, so that the broker sees no extra client.
     */
    static void awaitListening(int port) throws IOException, InterruptedException {
        String hex = String.format(":%04X ", port);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path p = Path.of(table);
                if (java.nio.file.Files.exists(p)) {
                    for (String line : java.nio.file.Files.readAllLines(p)) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 3 && (f[1] + " ").endsWith(hex) && f[3].equals("0A")) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing listens on port " + port);
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
        }, "mq-peer-pump");
        t.setDaemon(true);
        t.start();
    }

    List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Waits until {@code count} output lines match {@code test}; fails after {@link #LIMIT}. */
    List<String> awaitOut(Predicate<String> test, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (out().stream().filter(test).count() < count) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                Thread.sleep(200);
                if (out().stream().filter(test).count() >= count) {
                    break;
                }
                throw new AssertionError("waited for " + count + " matching lines; out=" + out() + " err=" + err());
            }
            Thread.sleep(10);
        }
        return out();
    }

    /** Waits for a line starting with {@code prefix} and returns it. */
    String awaitLine(String prefix) throws InterruptedException {
        return awaitOut(l -> l.startsWith(prefix), 1).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** Sends a signal ({@code INT}, {@code TERM}, {@code HUP}) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        if (new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** Waits for the process to exit and returns its exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("did not exit; out=" + out() + " err=" + err());
        }
        Thread.sleep(150);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
