package io.jasyncio.redis;

/**
 * An error reply from the Redis server (RESP {@code -ERR ...}), carrying the server's message unchanged,
 * as redis-py's {@code ResponseError}. Raised by a command whose reply is an error; inside an array reply
 * (a pipeline's, or {@code EXEC}'s) the error is an element of the list instead.
 *
 * <p>Unchecked: a server error is an answer, not a failure of the connection, which stays usable.
 */
public class RedisError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with the server's {@code message}, e.g. {@code "WRONGTYPE Operation against a key ..."}. */
    public RedisError(String message) {
        super(message);
    }

    /**
     * The error's kind: the first word of the message when it is in capitals ({@code ERR},
     * {@code WRONGTYPE}, {@code NOSCRIPT}...), else {@code ""}.
     */
    public String kind() {
        String m = getMessage();
        int space = m.indexOf(' ');
        String first = space < 0 ? m : m.substring(0, space);
        return !first.isEmpty() && first.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? first : "";
    }
}
