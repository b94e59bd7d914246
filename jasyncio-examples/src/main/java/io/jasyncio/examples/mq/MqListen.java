package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MsgProto.readMsg;
import static io.jasyncio.examples.mq.MsgProto.repr;
import static io.jasyncio.examples.mq.MsgProto.sendMsg;

import io.jasyncio.Aio;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.stream.IncompleteReadError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The listener (Ex. 4-3, {@code mq_client_listen.py}, B:5647-5722): connects, subscribes to
 * {@code --listen} and prints the first 20 bytes of each message it receives, until the server closes.
 * The book's demo prints (Java rendering):
 * <pre>
 * Starting up 9ae04690
 * I am /127.0.0.1:55382
 * Received by 9ae04690: b'Msg 1 from 6b5a8e1d'
 * Received by 9ae04690: b'Msg 3 from 6b5a8e1d'
 * Server closed.
 * </pre>
 *
 * <p>Departure, by the book's intent: the book's {@code while data := await read_msg(reader)} stops on an
 * empty payload with {@code Connection ended.}; here an empty payload is a message like any other
 * ({@code Received by …: b''}), and the loop ends when the server closes. A message cut off mid-frame
 * prints {@code Connection ended.}, a clean end between frames {@code Server closed.}. Ctrl-C prints
 * {@code Bye!}.
 */
public final class MqListen {

    private MqListen() {
    }

    /** Runs the listener: {@code [--host localhost] [--port 25000] [--listen /topic/foo]}. */
    public static void main(String[] args) {
        MqOptions o = MqOptions.parse("mq-listen", args,
                Map.of("host", "localhost", "port", "25000", "listen", "/topic/foo"));
        try {
            Aio.run(() -> listen(o.string("host"), o.integer("port"), o.string("listen")));
        } catch (KeyboardInterrupt e) {
            System.out.println("Bye!");
        }
    }

    private static void listen(String host, int port, String listen) throws IOException {
        String me = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        System.out.println("Starting up " + me);
        MqStreams.Pair conn = MqStreams.openConnection(host, port);
        System.out.println("I am " + conn.writer().getExtraInfo("sockname"));
        sendMsg(conn.writer(), listen.getBytes(StandardCharsets.UTF_8));
        try {
            while (true) {
                byte[] data = readMsg(conn.reader(), Integer.MAX_VALUE);
                System.out.println("Received by " + me + ": " + repr(data, 20));
            }
        } catch (IncompleteReadError e) {
            System.out.println(e.partial().length == 0 ? "Server closed." : "Connection ended.");
        } catch (IOException e) {
            System.out.println("Server closed. (" + e.getMessage() + ")");
        } finally {
            conn.writer().close();
            try {
                conn.writer().waitClosed();
            } catch (IOException e) {
                // the connection ended with an error: closed either way
            }
        }
    }
}
