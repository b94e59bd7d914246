package io.jasyncio.examples.ch3;

import io.jasyncio.redis.RedisClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Examples 3-25 and 3-26 share: the book's keys, the data the book imagines behind them, and the
 * command line ({@code --prefix P} puts the keys under {@code P}, so that tests do not touch a user's
 * {@code Americas}; {@code --host H}, {@code --port N} pick the server, {@code localhost:6379} by default).
 */
final class Continents {

    /** The book's keys, in the book's order. */
    static final List<String> KEYS = List.of("Americas", "Africa", "Europe", "Asia");

    /** The values stored under them: the book only says to imagine that each is quite large. */
    static final Map<String, String> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("Americas", "Americas: 35 countries");
        VALUES.put("Africa", "Africa: 54 countries");
        VALUES.put("Europe", "Europe: 44 countries");
        VALUES.put("Asia", "Asia: 48 countries");
    }

    final String host;
    final int port;
    final String prefix;

    private Continents(String host, int port, String prefix) {
        this.host = host;
        this.port = port;
        this.prefix = prefix;
    }

    /** Reads {@code --host}, {@code --port}, {@code --prefix}. */
    static Continents fromArgs(String[] args) {
        String host = "localhost";
        int port = 6379;
        String prefix = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--prefix" -> prefix = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Continents(host, port, prefix);
    }

    /** The keys as stored: the book's, under the prefix. */
    List<String> keys() {
        return KEYS.stream().map(k -> prefix + k).toList();
    }

    /** Stores the values, so that there is something to fetch. Suspends. */
    void store(RedisClient redis) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        VALUES.forEach((k, v) -> pairs.put(prefix + k, v));
        redis.mset(pairs);
    }

    /** Deletes the keys again. Suspends. */
    void remove(RedisClient redis) throws IOException {
        redis.del(keys().toArray(String[]::new));
    }
}
