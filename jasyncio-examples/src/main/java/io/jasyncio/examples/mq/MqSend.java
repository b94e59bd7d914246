package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MsgProto.sendMsg;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.KeyboardInterrupt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * The sender (Ex. 4-4, {@code mq_client_sender.py}, B:5730-5836): connects, subscribes to {@code /null}
 * (the protocol requires a subscription), then every {@code --interval} seconds (sleeping before each) sends
 * a message to {@code --channel}: {@code --size} bytes of {@code X}, or, with size 0, {@code Msg i from
 * <id>}. When the server goes away it prints {@code Connection ended.}. The book's demo prints (Java
 * rendering):
 * <pre>
 * Starting up 6b5a8e1d
 * I am /127.0.0.1:55390
 * Connection ended.
 * </pre>
 *
 * <p>Beyond the book: {@code --count N} stops after N messages (the default, 0, never stops), for tests
 * and benchmarks. Ctrl-C closes the connection and prints {@code Bye!}.
 */
public final class MqSend {

    private MqSend() {
    }

    /**
     * Runs the sender: {@code [--host localhost] [--port 25000] [--channel /topic/foo] [--interval 1]
     * [--size 0] [--count 0]}.
     */
    public static void main(String[] args) {
        MqOptions o = MqOptions.parse("mq-send", args, Map.of("host", "localhost", "port", "25000",
                "channel", "/topic/foo", "interval", "1", "size", "0", "count", "0"));
        try {
            Aio.run(() -> send(o.string("host"), o.integer("port"), o.string("channel"), o.number("interval"),
                    o.integer("size"), o.longValue("count")));
        } catch (KeyboardInterrupt e) {
            System.out.println("Bye!");
        }
    }

    private static void send(String host, int port, String channel, double interval, int size, long count)
            throws IOException {
        String me = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        System.out.println("Starting up " + me);
        MqStreams.Pair conn = MqStreams.openConnection(host, port);
        System.out.println("I am " + conn.writer().getExtraInfo("sockname"));
        sendMsg(conn.writer(), "/null".getBytes(StandardCharsets.US_ASCII));
        byte[] chan = channel.getBytes(StandardCharsets.UTF_8);
        byte[] fixed = null;
        if (size > 0) {
            fixed = new byte[size];
            Arrays.fill(fixed, (byte) 'X');
        }
        try {
            for (long i = 0; count == 0 || i < count; i++) {
                Aio.sleep(interval);
                byte[] data = fixed != null ? fixed : ("Msg " + i + " from " + me).getBytes(StandardCharsets.UTF_8);
                try {
                    sendMsg(conn.writer(), chan);
                    sendMsg(conn.writer(), data);
                } catch (IOException e) {
                    System.out.println("Connection ended.");
                    break;
                }
            }
        } catch (CancelledError e) {
            conn.writer().close();
            try {
                conn.writer().waitClosed();
            } catch (IOException ignored) {
                // closed either way
            }
            throw e;
        }
        conn.writer().close();
        try {
            conn.writer().waitClosed();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
