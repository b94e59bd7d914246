package io.jasyncio.redis;

import io.jasyncio.Aio;
import io.jasyncio.AsyncIterable;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.queue.Queue;
import io.jasyncio.queue.QueueShutDown;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A connection in subscribe mode (redis-py's {@code PubSub}), made by {@link RedisClient#subscribe}:
 * an async iterable of the {@link Message}s published on its channels, in the order the server sent
 * them. Iterate with a for-each inside a task: {@code hasNext()} suspends until a message arrives, and
 * returns {@code false} once the connection is {@link #close() closed} and the messages received before
 * are consumed. A lost connection raises {@link UncheckedIOException} from the iteration.
 *
 * <p>Messages are buffered without bound between the socket and the iteration.
 */
public final class PubSub implements AsyncIterable<Message>, AutoCloseable {

    private final RedisConnection connection;
    private final Queue<Message> messages = new Queue<>();
    private final ArrayDeque<Future<Long>> confirmations = new ArrayDeque<>();
    private final Set<String> channels = new LinkedHashSet<>();
    private final Task<Void> readerTask;
    private IOException failure;
    private boolean closed;

    private PubSub(RedisConnection connection) {
        this.connection = connection;
        this.readerTask = Aio.createTask(this::readReplies, "redis-pubsub " + connection.address());
    }

    static PubSub open(String host, int port) throws IOException {
        return new PubSub(RedisConnection.open(host, port));
    }

    /**
     * {@code SUBSCRIBE channel...}: adds channels. Suspends until the server has confirmed each one;
     * messages published after that are delivered. Raises {@link IOException} if the connection is gone.
     */
    public void subscribe(String... channels) throws IOException {
        if (channels.length == 0) {
            throw new IllegalArgumentException("subscribe needs at least one channel");
        }
        command("SUBSCRIBE", channels);
        Collections.addAll(this.channels, channels);
    }

    /**
     * {@code UNSUBSCRIBE channel...}: removes channels, or every channel when none is given. Suspends
     * until the server has confirmed each one; messages it sent before that are still delivered.
     */
    public void unsubscribe(String... channels) throws IOException {
        String[] which = channels.length > 0 ? channels : this.channels.toArray(String[]::new);
        if (which.length == 0) {
            return;
        }
        command("UNSUBSCRIBE", which);
        for (String c : which) {
            this.channels.remove(c);
        }
    }

    /** The channels subscribed to, in the order they were added. */
    public Set<String> channels() {
        return Collections.unmodifiableSet(channels);
    }

    private void command(String name, String[] channels) throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        String[] args = new String[channels.length + 1];
        args[0] = name;
        System.arraycopy(channels, 0, args, 1, channels.length);
        connection.writer().write(Resp.encode((Object[]) args));
        Future<Long> last = null;
        for (int i = 0; i < channels.length; i++) {
            last = new Future<>(connection.writer().getLoop());
            confirmations.addLast(last);
        }
        connection.writer().drain();
        Aio.await(last);  // confirmations come in order: the last one means all
    }

    private void readReplies() {
        try {
            while (true) {
                List<?> reply = Resp.list(Resp.read(connection.reader()));
                String kind = reply.isEmpty() ? "" : Resp.string(reply.get(0));
                switch (kind) {
                    case "message" -> {
                        if (reply.size() != 3 || !(reply.get(2) instanceof byte[] data)) {
                            throw new RedisProtocolError("malformed message push: " + Resp.describe(reply));
                        }
                        messages.putNowait(new Message(Resp.string(reply.get(1)), data));
                    }
                    case "subscribe", "unsubscribe" -> {
                        Future<Long> f = confirmations.pollFirst();
                        if (f == null) {
                            throw new RedisProtocolError("unexpected " + kind + " confirmation");
                        }
                        if (!f.done()) {
                            f.setResult(Resp.integer(reply.get(2)));
                        }
                    }
                    default -> throw new RedisProtocolError("unexpected reply in subscribe mode: " + reply.get(0));
                }
            }
        } catch (CancelledError e) {
            end(new IOException("Redis pub/sub connection to " + connection.address() + " closed: its reader task was cancelled"));
            throw e;
        } catch (EOFException e) {
            end(closed ? null : new IOException("Redis pub/sub connection to " + connection.address() + " lost: " + e.getMessage(), e));
        } catch (Throwable e) {
            end(new IOException("Redis pub/sub connection to " + connection.address() + " lost: " + e, e));
        }
    }

    /** The connection ended: wake the waiting commands and end the iteration (with {@code error}, if any). */
    private void end(IOException error) {
        if (error != null && failure == null && !closed) {
            failure = error;
        }
        IOException forCommands = failure != null ? failure
                : new IOException("Redis pub/sub connection to " + connection.address() + " closed by the client");
        if (failure == null) {
            failure = forCommands;
        }
        Future<Long> f;
        while ((f = confirmations.pollFirst()) != null) {
            if (!f.done()) {
                f.setException(new IOException(forCommands.getMessage(), forCommands.getCause()));
            }
        }
        connection.writer().close();
        messages.shutdown();
    }

    /**
     * Closes the connection: the iteration ends after the messages already received. Does not suspend.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            connection.writer().close();
        }
    }

    /** Suspends until the connection's reader task has finished after {@link #close()}. */
    public void waitClosed() {
        if (!readerTask.done()) {
            Aio.await(readerTask);
        }
    }

    /** The messages as they arrive; see the class comment. Every iterator takes from the same queue. */
    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private Message next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    next = messages.get();
                    return true;
                } catch (QueueShutDown e) {
                    if (failure != null && !closed) {
                        throw new UncheckedIOException(failure);
                    }
                    return false;
                }
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the pub/sub connection is closed");
                }
                Message out = next;
                next = null;
                return out;
            }
        };
    }
}
