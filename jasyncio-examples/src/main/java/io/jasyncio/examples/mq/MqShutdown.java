package io.jasyncio.examples.mq;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.Timeout;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What both brokers share: signal handling, the graceful shutdown of connections, the {@code /queue} test. */
final class MqShutdown {

    private MqShutdown() {
    }

    /**
     * Installs the brokers' signal handlers: SIGINT and SIGTERM complete the returned future (the first one
     * wins), SIGHUP runs {@code onHup} (printing the counters).
     */
    static Future<SignalName> stopOnSignals(SelectorEventLoop loop, Runnable onHup) {
        Future<SignalName> stop = loop.createFuture();
        for (SignalName sig : new SignalName[] {SignalName.SIGINT, SignalName.SIGTERM}) {
            loop.addSignalHandler(sig, () -> {
                if (!stop.done()) {
                    stop.setResult(sig);
                }
            });
        }
        loop.addSignalHandler(SignalName.SIGHUP, onHup);
        return stop;
    }

    /** Cancels every task in {@code tasks} and waits until all have ended (each bounds its own clean-up). */
    static void cancelAndWait(Collection<Task<?>> tasks) {
        List<Task<?>> all = new ArrayList<>(tasks);
        for (Task<?> t : all) {
            t.cancel();
        }
        if (!all.isEmpty()) {
            Aio.await(Aio.gather(true, all));
        }
    }

    /**
     * Closes {@code writer}, so that what it buffered is still sent, and waits until the connection is gone,
     * for at most {@code timeout} seconds; then aborts it.
     */
    static void closeWithin(StreamWriter writer, double timeout) {
        writer.close();
        try (Timeout t = Aio.timeout(timeout)) {
            writer.waitClosed();
        } catch (TimeoutError e) {
            writer.transport().abort();
        } catch (IOException e) {
            // it ended with an error: gone either way
        }
    }

    /** The book's {@code channel_name.startswith(b'/queue')}: a raw byte prefix. */
    static boolean isQueue(byte[] channel) {
        byte[] q = {'/', 'q', 'u', 'e', 'u', 'e'};
        if (channel.length < q.length) {
            return false;
        }
        for (int i = 0; i < q.length; i++) {
            if (channel[i] != q[i]) {
                return false;
            }
        }
        return true;
    }
}
