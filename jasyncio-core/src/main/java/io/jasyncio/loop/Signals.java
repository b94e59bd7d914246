package io.jasyncio.loop;

import java.util.EnumMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A loop's POSIX signal handlers (asyncio {@code add_signal_handler}), on {@code sun.misc.Signal}:
 * the JVM's signal thread only hands the callback to the loop with {@code callSoonThreadsafe}, so the
 * callback runs on the loop thread between callbacks, never in the middle of one.
 */
final class Signals {

    private final SelectorEventLoop loop;
    private final Map<SignalName, SignalHandler> previous = new EnumMap<>(SignalName.class);

    Signals(SelectorEventLoop loop) {
        this.loop = loop;
    }

    void add(SignalName sig, Runnable callback) {
        SignalHandler old = Signal.handle(new Signal(sig.jvmName()), s -> {
            try {
                loop.callSoonThreadsafe(callback);
            } catch (IllegalStateException closed) {
                // The loop is closed: nobody is left to handle it.
            }
        });
        previous.putIfAbsent(sig, old);
    }

    boolean remove(SignalName sig) {
        SignalHandler old = previous.remove(sig);
        if (old == null) {
            return false;
        }
        Signal.handle(new Signal(sig.jvmName()), old);
        return true;
    }

    boolean has(SignalName sig) {
        return previous.containsKey(sig);
    }

    void removeAll() {
        for (SignalName sig : previous.keySet().toArray(new SignalName[0])) {
            remove(sig);
        }
    }
}
