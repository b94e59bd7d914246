package io.jasyncio.redis;

import io.jasyncio.stream.IncompleteReadError;
import io.jasyncio.stream.LimitOverrunError;
import io.jasyncio.stream.StreamReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RESP2, the Redis serialization protocol: encodes commands and reads replies.
 *
 * <p>A reply is read as a plain Java value: a simple string ({@code +OK}) as a {@link String}; an error
 * ({@code -ERR ...}) as a {@link RedisError} (returned, not thrown: a command raises it, an array keeps
 * it as an element); an integer ({@code :5}) as a {@link Long}; a bulk string ({@code $3 foo}) as a
 * {@code byte[]}, and the null bulk string ({@code $-1}) as {@code null}; an array ({@code *2 ...}) as a
 * {@code List<Object>} of replies, and the null array ({@code *-1}) as {@code null}. The helpers
 * {@link #string}, {@link #strings} turn bulk strings into text (UTF-8).
 */
public final class Resp {

    private static final byte[] CRLF = {'\r', '\n'};

    private Resp() {
    }

    // ---- encoding -------------------------------------------------------------------------------

    /**
     * Encodes one command as a RESP array of bulk strings. Each argument is a {@link String} (sent as
     * UTF-8), a {@code byte[]} (sent as is) or a {@link Number} (sent as its decimal text).
     */
    public static byte[] encode(Object... args) {
        Encoder e = new Encoder(64);
        e.command(args);
        return e.toByteArray();
    }

    /** Appends commands to one buffer, for a pipeline: many commands, one write. */
    static final class Encoder {
        private byte[] buf;
        private int len;

        Encoder(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void command(Object... args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("a Redis command needs at least its name");
            }
            header('*', args.length);
            for (Object arg : args) {
                byte[] bytes = bytes(arg);
                header('$', bytes.length);
                put(bytes);
                put(CRLF);
            }
        }

        private void header(char type, long n) {
            ensure(24);
            buf[len++] = (byte) type;
            put(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
            put(CRLF);
        }

        private void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        int size() {
            return len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    private static byte[] bytes(Object arg) {
        if (arg instanceof byte[] b) {
            return b;
        }
        if (arg instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (arg instanceof Number n) {
            return n.toString().getBytes(StandardCharsets.US_ASCII);
        }
        throw new IllegalArgumentException("a Redis argument must be a String, a byte[] or a Number, not "
                + (arg == null ? "null" : arg.getClass().getName()));
    }

    // ---- decoding -------------------------------------------------------------------------------

    /**
     * Reads one complete reply from {@code in} (see the class comment for the values). Suspends until it
     * has arrived. Raises {@link RedisProtocolError} on a malformed reply and {@link EOFException} when
     * the stream ends, cleanly or in the middle of a reply. Cancellable between and inside replies (the
     * stream is then out of step: close it).
     */
    public static Object read(StreamReader in) throws IOException {
        return read(in, false);
    }

    private static Object read(StreamReader in, boolean nested) throws IOException {
        byte[] line = line(in, nested);
        byte type = line[0];
        switch (type) {
            case '+':
                return text(line);
            case '-':
                return new RedisError(text(line));
            case ':':
                return number(line);
            case '$': {
                long n = number(line);
                if (n == -1) {
                    return null;
                }
                if (n < 0 || n > Integer.MAX_VALUE - 2) {
                    throw new RedisProtocolError("bad bulk string length " + n + " in " + show(line));
                }
                byte[] data = exactly(in, (int) n + 2);
                if (data[(int) n] != '\r' || data[(int) n + 1] != '\n') {
                    throw new RedisProtocolError("bulk string of " + n + " bytes not followed by \\r\\n");
                }
                return Arrays.copyOf(data, (int) n);
            }
            case '*': {
                long n = number(line);
                if (n == -1) {
                    return null;
                }
                if (n < 0 || n > Integer.MAX_VALUE) {
                    throw new RedisProtocolError("bad array length " + n + " in " + show(line));
                }
                List<Object> items = new ArrayList<>((int) Math.min(n, 1024));
                for (long i = 0; i < n; i++) {
                    items.add(read(in, true));
                }
                return items;
            }
            default:
                throw new RedisProtocolError("unknown RESP type byte 0x"
                        + String.format("%02x", type & 0xff) + " in " + show(line));
        }
    }

    /** A header line without its {@code \r\n}; it has its type byte. */
    private static byte[] line(StreamReader in, boolean nested) throws IOException {
        byte[] raw;
        try {
            raw = in.readUntil(CRLF);
        } catch (IncompleteReadError e) {
            throw new EOFException(e.partial().length == 0 && !nested ? "connection closed by the server"
                    : "connection closed in the middle of a reply");
        } catch (LimitOverrunError e) {
            throw new RedisProtocolError("reply line longer than " + in.limit() + " bytes without \\r\\n");
        }
        if (raw.length < 3) {
            throw new RedisProtocolError("empty reply line");
        }
        return Arrays.copyOf(raw, raw.length - 2);
    }

    private static byte[] exactly(StreamReader in, int n) throws IOException {
        try {
            return in.readExactly(n);
        } catch (IncompleteReadError e) {
            throw new EOFException("connection closed in the middle of a reply");
        }
    }

    private static String text(byte[] line) {
        return new String(line, 1, line.length - 1, StandardCharsets.UTF_8);
    }

    private static long number(byte[] line) throws RedisProtocolError {
        int i = 1;
        boolean negative = false;
        if (i < line.length && line[i] == '-') {
            negative = true;
            i++;
        }
        if (i == line.length || line.length - i > 19) {
            throw new RedisProtocolError("bad integer in " + show(line));
        }
        long v = 0;
        for (; i < line.length; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new RedisProtocolError("bad integer in " + show(line));
            }
            v = v * 10 + d;
            if (v < 0) {
                throw new RedisProtocolError("integer out of range in " + show(line));
            }
        }
        return negative ? -v : v;
    }

    private static String show(byte[] line) {
        StringBuilder sb = new StringBuilder("reply line \"");
        for (int i = 0; i < Math.min(line.length, 60); i++) {
            int c = line[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append(line.length > 60 ? "...\"" : "\"").toString();
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * A reply as text: a bulk string decoded as UTF-8, a simple string as is, {@code null} as
     * {@code null}, an integer as its decimal text. Raises {@link RedisProtocolError} for an array.
     */
    public static String string(Object reply) throws RedisProtocolError {
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof Long l) {
            return l.toString();
        }
        throw new RedisProtocolError("expected a string reply, got " + describe(reply));
    }

    /** An array reply's elements as text (see {@link #string}); {@code null} for the null array. */
    public static List<String> strings(Object reply) throws RedisProtocolError {
        if (reply == null) {
            return null;
        }
        List<?> items = list(reply);
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(string(item));
        }
        return out;
    }

    /** An integer reply; raises {@link RedisProtocolError} for any other kind. */
    public static long integer(Object reply) throws RedisProtocolError {
        if (reply instanceof Long l) {
            return l;
        }
        throw new RedisProtocolError("expected an integer reply, got " + describe(reply));
    }

    /** An array reply; raises {@link RedisProtocolError} for any other kind (the null array too). */
    public static List<?> list(Object reply) throws RedisProtocolError {
        if (reply instanceof List<?> l) {
            return l;
        }
        throw new RedisProtocolError("expected an array reply, got " + describe(reply));
    }

    /** A short description of a reply's kind and value, for error messages. */
    static String describe(Object reply) {
        if (reply == null) {
            return "null";
        }
        if (reply instanceof byte[] b) {
            return "bulk string of " + b.length + " bytes";
        }
        if (reply instanceof String s) {
            return "simple string \"" + s + "\"";
        }
        if (reply instanceof Long l) {
            return "integer " + l;
        }
        if (reply instanceof List<?> l) {
            return "array of " + l.size();
        }
        return reply.getClass().getSimpleName() + " " + reply;
    }
}
