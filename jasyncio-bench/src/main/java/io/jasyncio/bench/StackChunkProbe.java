package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.net.Server;
import io.jasyncio.stream.Streams;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * How much of a suspended task's stack each message copies: runs the streams echo loop of
 * {@code EchoStreamServer chunk} for one connection that a plain socket drives with MESSAGES messages of SIZE
 * bytes, then prints the stack chunks of the task (the JDK's {@code StackChunk}s, newest first) and how many
 * bytes of frames each holds. Only the newest chunk's frames are thawed and frozen again per message; the
 * older one keeps the frames below the JDK's return barrier.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-opens java.base/jdk.internal.vm=ALL-UNNAMED \
 *      -cp benchmarks.jar io.jasyncio.bench.StackChunkProbe [MESSAGES] [SIZE]
 * </pre>
 */
public final class StackChunkProbe {

    private StackChunkProbe() {
    }

    /** Echoes MESSAGES messages on one connection, then prints the task's stack chunks. */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 10240;
        Aio.run(() -> {
            try (Server server = Streams.startServer((reader, writer) -> {
                try (writer) {
                    ByteBuffer chunk;
                    while ((chunk = reader.readChunk(262144)).hasRemaining()) {
                        writer.write(chunk);
                        writer.drain();
                    }
                } catch (IOException reset) {
                    // The client went away.
                }
            }, "127.0.0.1", 0)) {
                int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
                Task<?> self = Aio.currentTask();
                try (Socket client = Aio.toThread(() -> drive(port, messages, size))) {
                    for (Task<?> t : Aio.allTasks()) {
                        if (t != self) {
                            System.out.println("after " + messages + " messages of " + size + " bytes: " + describe(t));
                        }
                    }
                }
            }
        });
    }

    /** The client: MESSAGES round trips of SIZE bytes on a blocking socket, left open for the inspection. */
    private static Socket drive(int port, int messages, int size) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        try {
            s.setTcpNoDelay(true);
            byte[] m = new byte[size];
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < messages; i++) {
                out.write(m);
                in.readFully(m);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The chunks of {@code task}'s continuation, newest first, with the bytes of frames in each. */
    private static String describe(Task<?> task) throws ReflectiveOperationException {
        Object continuation = field(Task.class, "fiber").get(task);
        Object chunk = field(Class.forName("jdk.internal.vm.Continuation"), "tail").get(continuation);
        StringBuilder sb = new StringBuilder("stack chunks");
        while (chunk != null) {
            Class<?> k = chunk.getClass();
            int words = field(k, "size").getInt(chunk);
            int sp = field(k, "sp").getInt(chunk);
            int bottom = field(k, "bottom").getInt(chunk);
            sb.append(String.format(" [%d bytes of frames in a chunk of %d words]", (bottom - sp) * 8, words));
            chunk = field(k, "parent").get(chunk);
        }
        return sb.toString();
    }

    private static Field field(Class<?> k, String name) throws NoSuchFieldException {
        Field f = k.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
