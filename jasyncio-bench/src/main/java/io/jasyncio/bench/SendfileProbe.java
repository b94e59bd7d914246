package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Throughput and loop-thread CPU of sending a file over TCP (loopback) with {@code loop.sendfile} (the
 * kernel's {@code sendfile(2)}) against a write loop in Java (read a 64 KiB chunk into a direct buffer,
 * {@code transport.write}, wait while writing is paused): what serving a file costs with and without it.
 * A sink that discards everything must listen on the port (see {@code scripts/bench-sendfile.sh}).
 *
 * <p>Usage: {@code SendfileProbe PORT FILE MODE ROUNDS} with MODE {@code sendfile} or {@code write}.
 * Prints one JSON line: bytes, seconds, GB/s and the loop thread's CPU seconds per GiB.
 */
public final class SendfileProbe {

    private SendfileProbe() {
    }

    /** Tracks pauseWriting/resumeWriting for the write loop. */
    static final class Sender implements Protocol {
        private Future<Void> writable;

        void awaitWritable() {
            if (writable != null) {
                Aio.await(writable);
            }
        }

        @Override
        public void pauseWriting() {
            writable = Aio.getRunningLoop().createFuture();
        }

        @Override
        public void resumeWriting() {
            Future<Void> f = writable;
            writable = null;
            f.setResult(null);
        }
    }

    /** Runs the probe. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Path path = Path.of(args[1]);
        String mode = args[2];
        int rounds = Integer.parseInt(args[3]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Aio.run(() -> {
            SelectorEventLoop loop = Aio.getRunningLoop();
            long bytes = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
            for (int r = 0; r < rounds; r++) {
                Connection<Sender> c = loop.createConnection(Sender::new, "127.0.0.1", port);
                Transport t = c.transport();
                try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
                    if (mode.equals("sendfile")) {
                        bytes += loop.sendfile(t, file, 0, 0);
                    } else {
                        while (file.read(chunk.clear()) > 0) {
                            c.protocol().awaitWritable();
                            bytes += chunk.flip().remaining();
                            t.write(chunk);
                        }
                        c.protocol().awaitWritable();
                    }
                }
                t.close();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double gib = bytes / (double) (1L << 30);
            System.out.printf("{\"impl\":\"jasyncio\",\"mode\":\"%s\",\"bytes\":%d,\"seconds\":%.3f,\"gb_per_s\":%.2f,"
                    + "\"cpu_s_per_gib\":%.3f}%n", mode, bytes, secs, bytes / secs / 1e9, cpu / gib);
            return null;
        });
    }
}
