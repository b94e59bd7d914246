package io.jasyncio.examples.mq;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A broker's counters (beyond the book): connections (in total and open), messages received from senders,
 * deliveries to subscribers, and messages dropped, in total and per subscriber that lost any. Printed on
 * shutdown and on SIGHUP. Used on the loop thread only.
 */
final class MqStats {

    private long connections;
    private long open;
    private long messagesIn;
    private long messagesOut;
    private long dropped;
    private final Map<String, Long> droppedBySubscriber = new LinkedHashMap<>();

    void connected() {
        connections++;
        open++;
    }

    void disconnected() {
        open--;
    }

    void received() {
        messagesIn++;
    }

    void delivered() {
        messagesOut++;
    }

    /** One message dropped for {@code subscriber} (its peer address and channel). */
    void dropped(String subscriber) {
        dropped++;
        droppedBySubscriber.merge(subscriber, 1L, Long::sum);
    }

    long messagesIn() {
        return messagesIn;
    }

    long messagesOut() {
        return messagesOut;
    }

    long dropped() {
        return dropped;
    }

    /** Prints the counters: one summary line, then one line per subscriber that lost messages. */
    void print(PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("Counters: connections ").append(connections).append(" (open ").append(open)
                .append("), messages in ").append(messagesIn).append(", out ").append(messagesOut)
                .append(", dropped ").append(dropped);
        droppedBySubscriber.forEach((who, n) -> sb.append('\n').append("  dropped for ").append(who).append(": ").append(n));
        out.println(sb);
        out.flush();
    }
}
