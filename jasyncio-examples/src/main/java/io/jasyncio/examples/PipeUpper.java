package io.jasyncio.examples;

import io.jasyncio.Aio;
import io.jasyncio.process.Pipes;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Standard input and output as streams (asyncio's {@code connect_read_pipe(sys.stdin)} and
 * {@code connect_write_pipe(sys.stdout)}): each line read is written back in upper case, while a
 * heartbeat task shows that the loop is never blocked by the wait for input. At the end of the input it
 * closes standard output and reports the number of lines on standard error.
 */
public final class PipeUpper {

    private PipeUpper() {
    }

    /** Upper-cases standard input, line by line, to standard output. */
    public static void main(String[] args) {
        Aio.run(() -> {
            var heartbeat = Aio.createTask(() -> {
                while (true) {
                    Aio.sleep(1);
                    System.err.println("(the loop is free)");
                }
            });
            StreamReader in = Pipes.openReadPipe(System.in);
            StreamWriter out = Pipes.openWritePipe(new FileOutputStream(FileDescriptor.out));
            int lines = 0;
            for (byte[] line : in) {
                String text = new String(line, StandardCharsets.UTF_8);
                out.write(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                out.drain();
                lines++;
            }
            out.close();
            out.waitClosed();
            heartbeat.cancel();
            System.err.println("lines: " + lines);
        });
    }
}
