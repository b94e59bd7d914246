package io.jasyncio.redis;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands queued on a client and sent in one write (redis-py's {@code pipeline(transaction=False)}):
 * one round trip for all of them. Replies come back in the order of the commands. Not a transaction:
 * other tasks' commands on the same client go before or after the whole batch, never inside it, but
 * other clients' commands may interleave on the server.
 */
public final class Pipeline {

    private final RedisClient client;
    private Resp.Encoder request = new Resp.Encoder(256);
    private int count;

    Pipeline(RedisClient client) {
        this.client = client;
    }

    /**
     * Queues a command (arguments as for {@link RedisClient#executeArgs}); nothing is sent yet. Does not
     * suspend. Returns this pipeline, for chaining.
     */
    public Pipeline add(Object... args) {
        request.command(args);
        count++;
        return this;
    }

    /** How many commands are queued. */
    public int size() {
        return count;
    }

    /**
     * Sends every queued command in one write and returns their replies in order. An error reply is a
     * {@link RedisError} element of the list, not thrown, so one failed command does not hide the others'
     * results. Suspends until every reply arrived; raises {@link IOException} when the connection is lost.
     * The pipeline is empty again afterwards. If cancelled, the replies are read and dropped.
     */
    public List<Object> execute() throws IOException {
        if (count == 0) {
            return List.of();
        }
        byte[] bytes = request.toByteArray();
        int n = count;
        request = new Resp.Encoder(256);
        count = 0;
        List<Future<Object>> futures = client.send(bytes, n);
        List<Object> out = new ArrayList<>(n);
        try {
            client.drain();
            for (Future<Object> f : futures) {
                try {
                    out.add(Aio.await(f));
                } catch (RedisError e) {
                    out.add(e);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cancelled or lost: the replies nobody will wait for are dropped when they arrive, so that
            // none of their errors is reported as never retrieved.
            for (Future<Object> f : futures) {
                f.cancel();
            }
            throw e;
        }
        return out;
    }
}
