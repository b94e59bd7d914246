package io.jasyncio.examples.mq;

import static io.jasyncio.examples.mq.MsgProto.channelKey;
import static io.jasyncio.examples.mq.MsgProto.readMsg;
import static io.jasyncio.examples.mq.MsgProto.repr;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.Timeout;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import io.jasyncio.net.Server;
import io.jasyncio.stream.IncompleteReadError;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The prototype broker (Ex. 4-2, {@code mq_server.py}, B:5476-5633): each client's first message
 * subscribes it to a channel; then each (channel, payload) pair it sends goes to the channel's subscribers,
 * to all of them on a {@code /topic} (any channel not starting with {@code /queue}), to one on a
 * {@code /queue}, chosen by rotating the subscriber deque right by one ({@code deque.rotate()}), so with
 * listeners A then B the messages go B, A, B, A…
 *
 * <p>The book's demo prints (Java rendering: the peer is an {@code InetSocketAddress}, bytes as Python
 * prints them):
 * <pre>
 * Remote /127.0.0.1:55382 subscribed to b'/queue/blah'
 * Remote /127.0.0.1:55386 subscribed to b'/queue/blah'
 * Remote /127.0.0.1:55390 subscribed to b'/null'
 * Sending to b'/queue/blah': b'Msg 0 from 6b5a8e1d'...
 * ^CRemote /127.0.0.1:55382 closing connection.
 * Remote /127.0.0.1:55382 closed
 * ...
 * Bye!
 * Counters: connections 3 (open 0), messages in 6, out 6, dropped 0
 * </pre>
 *
 * <p>As in the book, receiving from a sender waits until every subscriber's transport has taken the
 * message (the design flaw the improved broker {@link MqServerPlus} removes). Where this departs from the
 * book, by its stated intent: an empty channel name or payload does not end a client's loop (the
 * walrus' truthiness would); a failed send to one subscriber does not end the sender's connection (that
 * subscriber's own task sees its connection end); a client that leaves before subscribing is reported as
 * disconnected rather than as an unhandled error. Beyond the book: {@code --max-frame} (default 64 MiB)
 * closes a connection that announces a larger message; SIGINT and SIGTERM shut down gracefully (each
 * connection flushes, within {@code --shutdown-timeout} seconds); counters are printed on shutdown and
 * on SIGHUP; {@code --quiet} leaves out the per-message lines.
 */
public final class MqServer {

    private final Map<String, Deque<StreamWriter>> subscribers = new HashMap<>();
    private final Set<Task<?>> clients = new LinkedHashSet<>();
    private final MqStats stats = new MqStats();
    private final long maxFrame;
    private final double shutdownTimeout;
    private final boolean quiet;

    private MqServer(long maxFrame, double shutdownTimeout, boolean quiet) {
        this.maxFrame = maxFrame;
        this.shutdownTimeout = shutdownTimeout;
        this.quiet = quiet;
    }

    /**
     * Runs the broker: {@code [--host 127.0.0.1] [--port 25000] [--max-frame 67108864]
     * [--shutdown-timeout 5] [--quiet false]}, until SIGINT or SIGTERM; then prints {@code Bye!} and the
     * counters.
     */
    public static void main(String[] args) {
        MqOptions o = MqOptions.parse("mq-server", args, Map.of("host", "127.0.0.1", "port", "25000",
                "max-frame", String.valueOf(MsgProto.DEFAULT_MAX_FRAME), "shutdown-timeout", "5", "quiet", "false"));
        MqServer broker = new MqServer(o.longValue("max-frame"), o.number("shutdown-timeout"),
                Boolean.parseBoolean(o.string("quiet")));
        Aio.run(() -> broker.serve(o.string("host"), o.integer("port")));
        System.out.println("Bye!");
        broker.stats.print(System.out);
    }

    private void serve(String host, int port) throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        Future<SignalName> stop = MqShutdown.stopOnSignals(loop, () -> stats.print(System.out));
        Server server = MqStreams.startServer(this::client, host, port);
        try {
            Aio.await(stop);
        } finally {
            server.close();
            MqShutdown.cancelAndWait(clients);
        }
    }

    private void client(StreamReader reader, StreamWriter writer) {
        Object peername = writer.getExtraInfo("peername");
        Task<?> self = Aio.currentTask();
        clients.add(self);
        stats.connected();
        Deque<StreamWriter> subscription = null;
        try {
            byte[] subscribeChan = readMsg(reader, maxFrame);
            subscription = subscribers.computeIfAbsent(channelKey(subscribeChan), k -> new ArrayDeque<>());
            subscription.addLast(writer);
            System.out.println("Remote " + peername + " subscribed to " + repr(subscribeChan));
            while (true) {
                byte[] channelName = readMsg(reader, maxFrame);
                byte[] data = readMsg(reader, maxFrame);
                stats.received();
                if (!quiet) {
                    System.out.println("Sending to " + repr(channelName) + ": " + repr(data, 19) + "...");
                }
                Deque<StreamWriter> conns = subscribers.get(channelKey(channelName));
                if (conns == null || conns.isEmpty()) {
                    continue;
                }
                List<StreamWriter> targets;
                if (MqShutdown.isQueue(channelName)) {
                    conns.addFirst(conns.removeLast()); // deque.rotate(): right by one
                    targets = List.of(conns.peekFirst());
                } else {
                    targets = new ArrayList<>(conns);
                }
                send(targets, data);
            }
        } catch (CancelledError e) {
            System.out.println("Remote " + peername + " closing connection.");
            MqShutdown.closeWithin(writer, shutdownTimeout);
        } catch (FrameTooLargeException e) {
            System.out.println("Remote " + peername + " sent a frame of " + e.size() + " bytes (maximum "
                    + e.limit() + "): closing the connection.");
            writer.close();
        } catch (IncompleteReadError e) {
            System.out.println("Remote " + peername + " disconnected");
            writer.close();
        } catch (IOException e) {
            System.out.println("Remote " + peername + " disconnected (" + e.getMessage() + ")");
            writer.close();
        } finally {
            System.out.println("Remote " + peername + " closed");
            if (subscription != null) {
                subscription.remove(writer);
            }
            clients.remove(self);
            stats.disconnected();
        }
    }

    /**
     * The book's {@code await gather(*[send_msg(c, data) for c in conns])}: writes to every target, then
     * waits until each has drained. A target whose connection failed is skipped: its own task sees the end.
     */
    private void send(List<StreamWriter> targets, byte[] data) {
        byte[] header = MsgProto.header(data.length);
        for (StreamWriter w : targets) {
            if (!w.isClosing()) {
                w.writelines(List.of(header, data));
                stats.delivered();
            }
        }
        for (StreamWriter w : targets) {
            try {
                w.drain();
            } catch (IOException e) {
                // that subscriber's connection is gone; its own task reports it
            }
        }
    }
}
