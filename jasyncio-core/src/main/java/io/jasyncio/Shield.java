package io.jasyncio;

import io.jasyncio.loop.SelectorEventLoop;
import java.util.function.Consumer;

/**
 * {@code asyncio.shield}: a future that mirrors another but whose cancellation does not reach it. If the
 * task awaiting the shield is cancelled, the shielded work goes on. A future that is done already is
 * returned as it is. If the work itself is cancelled, the shield is cancelled with the same message
 * (asyncio drops the message); if the shield was cancelled first, a later exception of the work is
 * marked retrieved, since nobody can await it through the shield.
 */
final class Shield {

    private Shield() {
    }

    static <T> Future<T> of(Future<T> inner) {
        if (inner.done()) {
            return inner;
        }
        SelectorEventLoop loop = (SelectorEventLoop) inner.getLoop();
        Future<T> outer = loop.createFuture();
        Consumer<Future<T>> innerDone = f -> {
            if (outer.cancelled()) {
                if (!f.cancelled()) {
                    f.exception();
                }
                return;
            }
            outer.copyStateFrom(f);
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
