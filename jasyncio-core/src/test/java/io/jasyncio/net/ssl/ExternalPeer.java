package io.jasyncio.net.ssl;

import io.jasyncio.Aio;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process (openssl, python3) on the other end of a TLS test; its I/O is done off the loop thread. */
final class ExternalPeer implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private ExternalPeer(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ExternalPeer start(List<String> command) {
        try {
            return new ExternalPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to the process's stdin, then closes it unless {@code keepOpen}. */
    void send(String text, boolean keepOpen) {
        Aio.toThread(() -> {
            try {
                process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
                if (!keepOpen) {
                    process.getOutputStream().close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The next line of output (stdout and stderr merged), or {@code null} at its end. Suspends. */
    String readLine() {
        return Aio.toThread(() -> out.readLine());
    }

    /** The rest of the output, after the process exits; returns it with the exit code on the first line. */
    String finish() {
        return Aio.toThread(() -> {
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                sb.append(line).append('\n');
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timeout\n" + sb;
            }
            return process.exitValue() + "\n" + sb;
        });
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
