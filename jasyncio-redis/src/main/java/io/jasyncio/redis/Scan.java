package io.jasyncio.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** One {@code SCAN} iteration: fetches a batch whenever the previous one is used up. */
final class Scan implements Iterator<String> {

    private final RedisClient client;
    private final String match;
    private final int count;
    private final ArrayDeque<String> batch = new ArrayDeque<>();
    private String cursor = "0";
    private boolean started;

    Scan(RedisClient client, String match, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("SCAN's count must be positive: " + count);
        }
        this.client = client;
        this.match = match;
        this.count = count;
    }

    /** Suspends while fetching the next batch; the cursor {@code "0"} after the first call means done. */
    @Override
    public boolean hasNext() {
        while (batch.isEmpty() && !(started && cursor.equals("0"))) {
            List<String> args = new ArrayList<>(List.of("SCAN", cursor));
            if (match != null) {
                args.add("MATCH");
                args.add(match);
            }
            args.add("COUNT");
            args.add(Integer.toString(count));
            try {
                List<?> reply = Resp.list(client.execute(args.toArray(String[]::new)));
                if (reply.size() != 2) {
                    throw new RedisProtocolError("SCAN replied with " + reply.size() + " elements, not 2");
                }
                cursor = Resp.string(reply.get(0));
                batch.addAll(Resp.strings(reply.get(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started = true;
        }
        return !batch.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException("SCAN is finished");
        }
        return batch.pollFirst();
    }
}
