package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.internal.SocketIo;
import io.jasyncio.net.Server;
import io.jasyncio.stream.ClientConnectedCallback;
import io.jasyncio.stream.IncompleteReadError;
import io.jasyncio.stream.Streams;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The TCP echo server on streams, for the load harness in {@code ../shared/bench} (the counterpart of its
 * {@code asyncio-streams} server): one task per connection running the loop the book writes,
 * {@code readexactly → write → drain}.
 *
 * <pre>
 * EchoStreamServer PORT [exactly BLOCK | read MAX | into MAX | direct MAX | chunk MAX]
 * </pre>
 *
 * <ul>
 *   <li>{@code exactly BLOCK} (default, {@code BLOCK} 1024): {@code readExactly(BLOCK)}, write, drain. The
 *       harness's messages (1, 10, 100 KiB) are whole multiples of 1024, so the default serves every row;
 *       give the message size as {@code BLOCK} to echo each message in one iteration.</li>
 *   <li>{@code read MAX}: {@code read(MAX)}, write, drain, as {@code servers/py_echo.py --mode streams --drain}:
 *       a new array per read.</li>
 *   <li>{@code into MAX}: {@code readInto} one {@code byte[MAX]}, write that part of it, drain: no allocation.</li>
 *   <li>{@code direct MAX}: the same with one direct {@code ByteBuffer} of {@code MAX} bytes, which the socket
 *       reads into and writes from without any copy in Java.</li>
 *   <li>{@code chunk MAX}: {@code readChunk(MAX)}, write it, drain: the socket reads into a direct buffer the
 *       loop thread lends, which goes back at the next read and is the next one lent, so every connection
 *       echoes through the same cached memory.</li>
 * </ul>
 *
 * It listens on 127.0.0.1 and runs until killed.
 */
public final class EchoStreamServer {

    private EchoStreamServer() {
    }

    /** Starts the server; see the class comment for the arguments. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25000;
        String mode = args.length > 1 ? args[1] : "exactly";
        int size = args.length > 2 ? Integer.parseInt(args[2]) : (mode.equals("exactly") ? 1024 : 65536);
        ClientConnectedCallback echo = switch (mode) {
            case "exactly" -> (reader, writer) -> {
                try (writer) {
                    while (true) {
                        writer.write(reader.readExactly(size));
                        writer.drain();
                    }
                } catch (IncompleteReadError end) {
                    // The client closed (between messages, partial() is empty).
                } catch (IOException reset) {
                    // The client went away.
                }
            };
            case "read" -> (reader, writer) -> {
                try (writer) {
                    while (true) {
                        byte[] data = reader.read(size);
                        if (data.length == 0) {
                            break;
                        }
                        writer.write(data);
                        writer.drain();
                    }
                } catch (IOException reset) {
                    // The client went away.
                }
            };
            case "into" -> (reader, writer) -> {
                try (writer) {
                    byte[] buf = new byte[size];
                    int n;
                    while ((n = reader.readInto(buf)) > 0) {
                        writer.write(buf, 0, n);
                        writer.drain();
                    }
                } catch (IOException reset) {
                    // The client went away.
                }
            };
            case "direct" -> (reader, writer) -> {
                try (writer) {
                    ByteBuffer buf = ByteBuffer.allocateDirect(size);
                    while (reader.readInto(buf.clear()) > 0) {
                        writer.write(buf.flip());
                        writer.drain();
                    }
                } catch (IOException reset) {
                    // The client went away.
                }
            };
            case "chunk" -> (reader, writer) -> {
                try (writer) {
                    ByteBuffer chunk;
                    while ((chunk = reader.readChunk(size)).hasRemaining()) {
                        writer.write(chunk);
                        writer.drain();
                    }
                } catch (IOException reset) {
                    // The client went away.
                }
            };
            default -> throw new IllegalArgumentException("mode is 'exactly', 'read', 'into', 'direct' or 'chunk', not " + mode);
        };
        Aio.run(() -> {
            try (Server server = Streams.startServer(echo, "127.0.0.1", port)) {
                System.out.println("EchoStreamServer (" + mode + " " + size + ") on 127.0.0.1:" + port
                        + ", " + SocketIo.describe());
                server.serveForever();
            }
        });
    }
}
