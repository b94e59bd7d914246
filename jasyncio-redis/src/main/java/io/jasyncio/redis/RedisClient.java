package io.jasyncio.redis;

import io.jasyncio.Aio;
import io.jasyncio.AsyncIterable;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection to a Redis server speaking RESP2 over jasyncio streams (what {@code aioredis} /
 * {@code redis.asyncio} give Python).
 *
 * <p>Every command writes its request at once and waits for its reply: commands issued by several tasks
 * on one client are pipelined on the connection and answered in the order they were issued (FIFO), as
 * Redis answers them. A {@link Pipeline} sends many commands in one write. A reader task owned by the
 * client reads the replies and hands each to the command waiting for it.
 *
 * <p>Every command suspends until its reply has arrived and must be called inside a task on the loop
 * that connected. A server error reply raises {@link RedisError} (the connection stays usable); a lost
 * or closed connection raises {@link IOException} in every waiting and every later command. Cancelling a
 * waiting command is safe: its reply is read and dropped when it arrives, so later replies stay in step.
 *
 * <p>Not thread-safe (as every loop object): use it from tasks of its own loop.
 */
public final class RedisClient implements AutoCloseable {

    private final String host;
    private final int port;
    private final StreamReader reader;
    private final StreamWriter writer;
    private final String address;
    private final ArrayDeque<Future<Object>> waiting = new ArrayDeque<>();
    private final Task<Void> readerTask;
    private IOException failure;

    private RedisClient(String host, int port, RedisConnection c) {
        this.host = host;
        this.port = port;
        this.reader = c.reader();
        this.writer = c.writer();
        this.address = c.address();
        this.readerTask = Aio.createTask(this::readReplies, "redis-reader " + address);
    }

    /**
     * Connects to the Redis server at {@code host:port} (redis-py's {@code Redis(host, port)}; aioredis's
     * {@code create_redis}). Suspends while connecting; cancellable. Raises an {@link IOException} naming
     * the address when the server cannot be reached.
     */
    public static RedisClient connect(String host, int port) throws IOException {
        return new RedisClient(host, port, RedisConnection.open(host, port));
    }

    /** The server's address, {@code host:port}. */
    public String address() {
        return address;
    }

    // ---- the engine -----------------------------------------------------------------------------

    /**
     * Sends one command and returns its raw reply (see {@link Resp} for the Java values of replies).
     * Suspends until the reply arrives. Raises {@link RedisError} for an error reply and
     * {@link IOException} when the connection is lost or closed. {@code execute("SET", "k", "v")}.
     */
    public Object execute(String... args) throws IOException {
        return executeArgs((Object[]) args);
    }

    /**
     * {@link #execute(String...)} with arguments that may also be {@code byte[]} (binary values) or
     * numbers.
     */
    public Object executeArgs(Object... args) throws IOException {
        Future<Object> reply = send(Resp.encode(args), 1).get(0);
        try {
            writer.drain();
        } catch (IOException | RuntimeException e) {
            reply.cancel();  // nobody will wait for it: its reply (or error) is dropped, never "unretrieved"
            throw e;
        }
        return Aio.await(reply);
    }

    /**
     * Writes {@code request} (holding {@code count} commands) and queues one future per reply. Does not
     * suspend, so that the order of requests on the wire is the order of the queue.
     */
    List<Future<Object>> send(byte[] request, int count) throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        writer.write(request);
        List<Future<Object>> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Future<Object> f = new Future<>(writer.getLoop());
            waiting.addLast(f);
            replies.add(f);
        }
        return replies;
    }

    /** Waits for the write buffer to fall below its high-water mark. */
    void drain() throws IOException {
        writer.drain();
    }

    /** The reader task's body: every reply goes to the oldest waiting command. */
    private void readReplies() {
        try {
            while (true) {
                Object reply = Resp.read(reader);
                Future<Object> f = waiting.pollFirst();
                if (f == null) {
                    throw new RedisProtocolError("a reply arrived with no command waiting for it: " + Resp.describe(reply));
                }
                if (f.done()) {
                    continue;  // its command was cancelled; the reply is dropped, the next stays in step
                }
                if (reply instanceof RedisError e) {
                    f.setException(e);
                } else {
                    f.setResult(reply);
                }
            }
        } catch (CancelledError e) {
            fail(new IOException("Redis connection to " + address + " closed: its reader task was cancelled"));
            writer.close();
            throw e;
        } catch (EOFException e) {
            fail(new IOException(failure != null ? failure.getMessage()
                    : "Redis connection to " + address + " lost: " + e.getMessage(), e));
        } catch (Throwable e) {
            fail(new IOException("Redis connection to " + address + " lost: " + e, e));
            writer.close();
        }
    }

    private void fail(IOException error) {
        if (failure == null) {
            failure = error;
        }
        Future<Object> f;
        while ((f = waiting.pollFirst()) != null) {
            if (!f.done()) {
                f.setException(new IOException(failure.getMessage(), failure.getCause()));
            }
        }
    }

    /**
     * Closes the connection. Commands still waiting and every later command raise {@link IOException}
     * ("closed by the client"). Does not suspend; {@link #waitClosed()} waits until the reader is done.
     */
    @Override
    public void close() {
        if (failure == null) {
            failure = new IOException("Redis connection to " + address + " closed by the client");
        }
        writer.close();
    }

    /** Suspends until the connection's reader task has finished after {@link #close()}. */
    public void waitClosed() {
        if (!readerTask.done()) {
            Aio.await(readerTask);
        }
    }

    /** Whether the connection is closed or lost. */
    public boolean isClosed() {
        return failure != null || readerTask.done();
    }

    /** A new pipeline on this connection: queue commands, then send them in one write. */
    public Pipeline pipeline() {
        return new Pipeline(this);
    }

    /**
     * Subscribes to {@code channels} on a new connection to the same server (a connection in
     * subscribe mode can run no other command) and returns it: iterate over it for the messages.
     * Suspends until connected and the server has confirmed each channel.
     */
    public PubSub subscribe(String... channels) throws IOException {
        PubSub ps = PubSub.open(host, port);
        if (channels.length > 0) {
            ps.subscribe(channels);
        }
        return ps;
    }

    // ---- commands -------------------------------------------------------------------------------

    /** {@code PING}: the server's {@code "PONG"}. Suspends. */
    public String ping() throws IOException {
        return Resp.string(execute("PING"));
    }

    /** {@code GET key}: the value as text (UTF-8), or {@code null} when the key does not exist. Suspends. */
    public String get(String key) throws IOException {
        return Resp.string(execute("GET", key));
    }

    /** {@code GET key}: the value's bytes, or {@code null} when the key does not exist. Suspends. */
    public byte[] getBytes(String key) throws IOException {
        Object reply = execute("GET", key);
        if (reply == null || reply instanceof byte[]) {
            return (byte[]) reply;
        }
        throw new RedisProtocolError("expected a bulk string reply, got " + Resp.describe(reply));
    }

    /** {@code SET key value}. Suspends. */
    public void set(String key, String value) throws IOException {
        execute("SET", key, value);
    }

    /** {@code SET key value} with a binary value. Suspends. */
    public void set(String key, byte[] value) throws IOException {
        executeArgs("SET", key, value);
    }

    /**
     * {@code SET key value} with options ({@code EX}, {@code PX}, {@code NX}, {@code XX},
     * {@code KEEPTTL}). Returns whether the value was set: {@code false} when {@code NX} or {@code XX}
     * prevented it. Suspends.
     */
    public boolean set(String key, String value, SetOptions options) throws IOException {
        List<Object> args = new ArrayList<>(List.of("SET", key, value));
        options.appendTo(args);
        return executeArgs(args.toArray()) != null;
    }

    /** {@code DEL key...}: how many of the keys existed and were removed. Suspends. */
    public long del(String... keys) throws IOException {
        return Resp.integer(execute(prepend("DEL", keys)));
    }

    /** {@code EXISTS key...}: how many of the keys exist (a key named twice counts twice). Suspends. */
    public long exists(String... keys) throws IOException {
        return Resp.integer(execute(prepend("EXISTS", keys)));
    }

    /** {@code INCR key}: the value after incrementing it by one (a missing key counts as 0). Suspends. */
    public long incr(String key) throws IOException {
        return Resp.integer(execute("INCR", key));
    }

    /** {@code INCRBY key by}: the value after adding {@code by}. Suspends. */
    public long incrBy(String key, long by) throws IOException {
        return Resp.integer(executeArgs("INCRBY", key, by));
    }

    /** {@code EXPIRE key seconds}: whether the timeout was set ({@code false}: no such key). Suspends. */
    public boolean expire(String key, long seconds) throws IOException {
        return Resp.integer(executeArgs("EXPIRE", key, seconds)) == 1;
    }

    /** {@code TTL key}: seconds to live; -1 for a key with no timeout, -2 for a missing key. Suspends. */
    public long ttl(String key) throws IOException {
        return Resp.integer(execute("TTL", key));
    }

    /**
     * {@code KEYS pattern}: every key matching the glob {@code pattern}, in the server's order. Blocks
     * the server while it runs: prefer {@link #scan} on a large database. Suspends.
     */
    public List<String> keys(String pattern) throws IOException {
        return Resp.strings(execute("KEYS", pattern));
    }

    /** {@code MGET key...}: the values in the keys' order, {@code null} for a missing key. Suspends. */
    public List<String> mget(String... keys) throws IOException {
        return Resp.strings(execute(prepend("MGET", keys)));
    }

    /** {@code MSET key value ...}: sets every pair at once, in the map's order. Suspends. */
    public void mset(Map<String, String> pairs) throws IOException {
        List<String> args = new ArrayList<>(1 + 2 * pairs.size());
        args.add("MSET");
        pairs.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        execute(args.toArray(String[]::new));
    }

    /** {@code HSET key field value}: 1 when the field is new, 0 when it was updated. Suspends. */
    public long hset(String key, String field, String value) throws IOException {
        return Resp.integer(execute("HSET", key, field, value));
    }

    /** {@code HSET key field value ...}: how many of the fields are new. Suspends. */
    public long hset(String key, Map<String, String> fields) throws IOException {
        List<String> args = new ArrayList<>(2 + 2 * fields.size());
        args.add("HSET");
        args.add(key);
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return Resp.integer(execute(args.toArray(String[]::new)));
    }

    /** {@code HGET key field}: the field's value, or {@code null}. Suspends. */
    public String hget(String key, String field) throws IOException {
        return Resp.string(execute("HGET", key, field));
    }

    /** {@code HGETALL key}: the fields and values in the server's order (empty for a missing key). Suspends. */
    public Map<String, String> hgetall(String key) throws IOException {
        List<String> flat = Resp.strings(execute("HGETALL", key));
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.put(flat.get(i), flat.get(i + 1));
        }
        return out;
    }

    /** {@code LPUSH key value...}: the list's length afterwards. Suspends. */
    public long lpush(String key, String... values) throws IOException {
        String[] args = new String[values.length + 2];
        args[0] = "LPUSH";
        args[1] = key;
        System.arraycopy(values, 0, args, 2, values.length);
        return Resp.integer(execute(args));
    }

    /** {@code RPOP key}: the list's last element, removed, or {@code null} when it is empty. Suspends. */
    public String rpop(String key) throws IOException {
        return Resp.string(execute("RPOP", key));
    }

    /** {@code PUBLISH channel message}: how many subscribers received it. Suspends. */
    public long publish(String channel, String message) throws IOException {
        return Resp.integer(execute("PUBLISH", channel, message));
    }

    /**
     * {@code SCAN} as an async iterable: the keys matching {@code match} (every key when {@code null}),
     * fetched {@code count} at a time (a hint to the server) as the iteration goes, so a large database
     * is never loaded at once. Iterate with a for-each inside a task; {@code hasNext()} suspends while a
     * batch is fetched. Redis guarantees every key present for the whole iteration is returned; a key
     * may be returned twice if the database grows or shrinks meanwhile. A command's
     * {@link IOException} reaches the loop as an {@link java.io.UncheckedIOException}. Each
     * {@code iterator()} starts a new scan.
     */
    public AsyncIterable<String> scan(String match, int count) {
        return () -> new Scan(this, match, count);
    }

    private static String[] prepend(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Decodes UTF-8. */
    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisClient[" + address + (isClosed() ? ", closed" : "") + ", " + waiting.size() + " waiting]";
    }
}
