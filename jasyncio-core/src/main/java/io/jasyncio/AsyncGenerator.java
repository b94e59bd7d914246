package io.jasyncio;

import io.jasyncio.internal.Throwables;
import io.jasyncio.internal.fiber.Fiber;
import io.jasyncio.internal.fiber.FiberDiscarded;
import io.jasyncio.internal.fiber.Fibers;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An async generator ({@code async def} with {@code yield}): a body that yields values and may await
 * between them. It runs on a fiber of its own nested inside the consuming task, so an await in the
 * body suspends the consuming task, and {@link Yielder#yield} hands one value back to it.
 *
 * <pre>{@code
 * AsyncGenerator<Integer> ticks = Aio.asyncGenerator(y -> {
 *     for (int i = 0; i < 3; i++) {
 *         y.yield(i);
 *         Aio.sleep(1);
 *     }
 * });
 * for (int t : ticks) { ... }         // inside a task: async for
 * }</pre>
 *
 * <p>{@link #aclose()} raises {@link GeneratorExit} at the suspended {@code yield} so that the body's
 * {@code finally} blocks run (they may await). Generators still open when {@code Aio.run} finishes are
 * closed by {@code loop.shutdownAsyncgens()}. One generator is consumed by one task at a time.
 *
 * @param <T> the type of the values
 */
public final class AsyncGenerator<T> implements AsyncIterable<T>, Iterator<T> {

    /** The body of an async generator. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the generator; it yields values with {@code yielder.yield(v)} and may await. */
        void run(Yielder<T> yielder) throws Exception;
    }

    /** What a generator body yields through. */
    public interface Yielder<T> {
        /**
         * Hands {@code value} to the consumer and suspends the generator until the next value is asked
         * for; raises {@link GeneratorExit} if the generator is closed meanwhile.
         */
        void yield(T value);
    }

    private enum State { CREATED, SUSPENDED, RUNNING, CLOSING, FINISHED }

    private final Body<T> body;
    private final String name;
    private Fiber fiber;
    private State state = State.CREATED;
    private T current;
    private boolean hasCurrent;
    private Throwable failure;
    private SelectorEventLoop registeredWith;

    AsyncGenerator(Body<T> body, String name) {
        this.body = body;
        this.name = name;
    }

    /** This generator is its own iterator: it can be iterated once, as in Python. */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /** Runs the body to its next {@code yield} (suspending the calling task as it awaits); false at its end. */
    @Override
    public boolean hasNext() {
        if (hasCurrent) {
            return true;
        }
        if (state == State.FINISHED || state == State.CLOSING) {
            return false;
        }
        advance(false);
        return hasCurrent;
    }

    /** The next value ({@code await anext(gen)}); {@link NoSuchElementException} at the end. */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("async generator exhausted");
        }
        hasCurrent = false;
        T out = current;
        current = null;
        return out;
    }

    /**
     * Closes the generator ({@code await gen.aclose()}): raises {@link GeneratorExit} at its suspended
     * {@code yield} and runs it to its end, awaiting its clean-up. Does nothing if it never started or
     * has finished.
     */
    public void aclose() {
        if (state == State.CREATED) {
            state = State.FINISHED;
            return;
        }
        if (state == State.FINISHED || state == State.CLOSING) {
            return;
        }
        if (state == State.RUNNING) {
            throw new IllegalStateException("aclose(): asynchronous generator is already running");
        }
        hasCurrent = false;
        current = null;
        advance(true);
    }

    /** Whether the body has ended (or was closed). */
    public boolean isFinished() {
        return state == State.FINISHED;
    }

    private void advance(boolean close) {
        if (state == State.RUNNING) {
            throw new IllegalStateException("anext(): asynchronous generator is already running");
        }
        if (fiber == null) {
            fiber = Fibers.backend().createNested(this::runBody, () -> name);
            SelectorEventLoop loop = EventLoops.runningOrNull();
            if (loop != null) {
                loop.registerAsyncgen(this);
                registeredWith = loop;
            }
        }
        state = close ? State.CLOSING : State.RUNNING;
        fiber.resume();
        if (state == State.RUNNING) {
            state = State.SUSPENDED;
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw Throwables.sneaky(f);
        }
    }

    private void runBody() {
        if (registeredWith != null) {
            EventLoops.enterTaskThread(registeredWith);
        }
        try {
            body.run(this::yieldValue);
        } catch (GeneratorExit e) {
            // closed: the clean-up has run
        } catch (FiberDiscarded e) {
            throw e;
        } catch (Throwable e) {
            failure = e;
        } finally {
            state = State.FINISHED;
            hasCurrent = false;
            fiber = null;
            if (registeredWith != null) {
                registeredWith.unregisterAsyncgen(this);
            }
        }
    }

    private void yieldValue(T value) {
        if (state == State.CLOSING) {
            throw new IllegalStateException("async generator ignored GeneratorExit");
        }
        current = value;
        hasCurrent = true;
        Fiber self = fiber;
        self.suspend();
        if (state == State.CLOSING) {
            throw new GeneratorExit();
        }
    }

    @Override
    public String toString() {
        return "<async_generator " + name + " " + state.name().toLowerCase() + ">";
    }
}
