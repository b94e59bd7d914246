package io.jasyncio;

import io.jasyncio.internal.ContextMap;
import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The eventual result of an operation, attached to one loop (asyncio {@code Future}). Not thread-safe:
 * use it on its loop's thread; from another thread, {@link Aio#await} blocks until it is done.
 *
 * <p>Done callbacks are always scheduled with {@code callSoon}, never run inline.
 *
 * @param <T> the type of the result
 */
public class Future<T> implements Awaitable<T> {

    private static final byte PENDING = 0;
    private static final byte FINISHED = 1;
    private static final byte CANCELLED = 2;
    private static final Cleaner CLEANER = Cleaner.create();

    final SelectorEventLoop loop;
    private byte state;
    /** Whether a done callback was ever added: it may run, and look at this future, after it is done. */
    private boolean observed;
    private T result;
    private Throwable exception;
    /** The message of the cancellation (for a pending task: of the cancellation it has yet to deliver). */
    String cancelMessage;
    /** {@code null}, one callback (a {@link Task} waiter or a {@link Consumer}), or a {@code List} of them. */
    private Object callbacks;
    /** What few futures need, kept apart so that the common future stays small; {@code null} until needed. */
    private Notes notes;

    static {
        io.jasyncio.internal.FutureReuse.install(Future::resetForReuse);
    }

    /** See {@link io.jasyncio.internal.FutureReuse#reset}. */
    private static boolean resetForReuse(Future<?> f) {
        if (f.state != FINISHED || f.exception != null || f.callbacks != null || f.observed || f.notes != null
                || f instanceof Task) {
            return false;
        }
        f.state = PENDING;
        f.result = null;
        return true;
    }

    /** The rarely used state of a future. */
    private static final class Notes {
        StackTraceElement[] source;
        Unretrieved unretrieved;
        CancelledError cancelledError;
    }

    private Notes notes() {
        Notes n = notes;
        if (n == null) {
            n = notes = new Notes();
        }
        return n;
    }

    /** Where this future was created, when debug mode was on; else {@code null}. */
    final StackTraceElement[] creationStack() {
        Notes n = notes;
        return n == null ? null : n.source;
    }

    /** A future attached to the current event loop ({@link EventLoops#getEventLoop()}). */
    public Future() {
        this(EventLoops.getEventLoop());
    }

    /** A future attached to {@code loop}. */
    public Future(EventLoop loop) {
        this.loop = (SelectorEventLoop) loop;
        if (this.loop.getDebug()) {
            notes().source = new Throwable().getStackTrace();
        }
    }

    /** The loop this future is attached to. */
    public EventLoop getLoop() {
        return loop;
    }

    /** Whether the future has a result, an exception, or was cancelled. */
    public boolean done() {
        return state != PENDING;
    }

    /** Whether the future was cancelled. */
    public boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result: raises the future's exception if it has one, {@link CancelledError} if it was
     * cancelled, and {@link InvalidStateError} if it is not done yet.
     */
    public T result() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Result is not ready.");
        }
        if (exception != null) {
            markRetrieved();
            throw Throwables.sneaky(exception);
        }
        return result;
    }

    /**
     * The exception the future was completed with, or {@code null} if it has a result; raises
     * {@link CancelledError} if it was cancelled and {@link InvalidStateError} if it is not done.
     */
    public Throwable exception() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Exception is not set.");
        }
        markRetrieved();
        return exception;
    }

    /** Cancels the future and schedules its callbacks; {@code false} if it was already done. */
    public boolean cancel() {
        return cancel(null);
    }

    /** Cancels the future with a message that its {@link CancelledError} will carry. */
    public boolean cancel(String message) {
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        cancelMessage = message;
        scheduleCallbacks();
        return true;
    }

    /** Marks the future done with {@code value}; raises {@link InvalidStateError} if it is already done. */
    public void setResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateError(stateName() + ": " + this);
        }
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /** Marks the future done with {@code error}; raises {@link InvalidStateError} if it is already done. */
    public void setException(Throwable error) {
        if (error == null) {
            throw new NullPointerException("exception");
        }
        if (state != PENDING) {
            throw new InvalidStateError(stateName() + ": " + this);
        }
        exception = error;
        state = FINISHED;
        if (!(error instanceof CancelledError) || error instanceof TimeoutError) {
            Unretrieved u = new Unretrieved(loop, error, this instanceof Task ? "Task" : "Future", toString());
            notes().unretrieved = u;
            CLEANER.register(this, u);
        }
        scheduleCallbacks();
    }

    /**
     * Adds a callback to run (through {@code callSoon}) when the future is done; if it is done already,
     * the callback is scheduled at once.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        DoneCallback<T> entry = new DoneCallback<>(this, callback, Context.currentMap());
        observed = true;
        if (state != PENDING) {
            scheduleEntry(entry);
        } else {
            addCallbackEntry(entry);
        }
    }

    /** Removes every registration of {@code callback}; returns how many were removed. */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        return removeCallbackEntry(callback);
    }

    /** Whether the future has at least one registered done callback or waiting task. */
    boolean hasCallbacks() {
        return callbacks != null;
    }

    // ---- jasyncio's own hooks ------------------------------------------------------------------

    /** Registers a task to be stepped when this future is done. */
    final void addWaiter(Task<?> task) {
        addCallbackEntry(task);
    }

    final void removeWaiter(Task<?> task) {
        removeCallbackEntry(task);
    }

    /** The message given to {@link #cancel(String)}, or {@code null}. */
    final String cancelMessage() {
        return cancelMessage;
    }

    /** Records the error that cancelled a task, so that its chain is kept. */
    final void setCancelledError(CancelledError error) {
        notes().cancelledError = error;
    }

    /** The {@link CancelledError} that {@link #result()} raises for a cancelled future. */
    CancelledError makeCancelledError() {
        Notes n = notes;
        if (n != null && n.cancelledError != null) {
            CancelledError e = n.cancelledError;
            n.cancelledError = null;
            return e;
        }
        return new CancelledError(cancelMessage);
    }

    /** Completes this future the way {@code source} completed (for futures that mirror another). */
    final void copyStateFrom(Future<? extends T> source) {
        if (source.cancelled()) {
            cancel(source.cancelMessage);
        } else if (source.exception != null) {
            source.markRetrieved();
            setException(source.exception);
        } else {
            setResult(source.result);
        }
    }

    /** The stored exception without marking it retrieved, or {@code null}. */
    final Throwable peekException() {
        return exception;
    }

    /** The stored result without checks. */
    final T peekResult() {
        return result;
    }

    final void markRetrieved() {
        Notes n = notes;
        if (n != null && n.unretrieved != null) {
            n.unretrieved.retrieved = true;
            n.unretrieved = null;
        }
    }

    /** Blocks the calling thread (not a loop thread) until the future is done, then returns its result. */
    final T blockingResult() {
        if (!done()) {
            CountDownLatch latch = new CountDownLatch(1);
            loop.callSoonThreadsafe(() -> addDoneCallback(f -> latch.countDown()));
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledError("interrupted while waiting for " + this);
            }
        }
        return result();
    }

    // ---- callbacks -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void addCallbackEntry(Object entry) {
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = entry;
        } else if (cbs instanceof CallbackList list) {
            list.add(entry);
        } else {
            CallbackList list = new CallbackList();
            list.add(cbs);
            list.add(entry);
            callbacks = list;
        }
    }

    private int removeCallbackEntry(Object entry) {
        Object cbs = callbacks;
        if (cbs == null) {
            return 0;
        }
        if (cbs instanceof CallbackList list) {
            int before = list.size();
            list.removeIf(e -> matches(e, entry));
            int removed = before - list.size();
            if (list.isEmpty()) {
                callbacks = null;
            }
            return removed;
        }
        if (matches(cbs, entry)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    private static boolean matches(Object registered, Object wanted) {
        if (registered instanceof DoneCallback<?> d) {
            return d.callback().equals(wanted);
        }
        return registered.equals(wanted);
    }

    private void scheduleCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof CallbackList list) {
            for (Object e : list) {
                scheduleEntry(e);
            }
        } else {
            scheduleEntry(cbs);
        }
    }

    private void scheduleEntry(Object entry) {
        if (entry instanceof Task<?> task) {
            task.wakeUp();
        } else {
            DoneCallback<?> d = (DoneCallback<?>) entry;
            loop.callSoon(d, d.context());
        }
    }

    /** A done callback with the context it was added in, named after the callback for debug reports. */
    private record DoneCallback<T>(Future<T> future, Consumer<? super Future<T>> callback, ContextMap context)
            implements Runnable {
        @Override
        public void run() {
            callback.accept(future);
        }

        @Override
        public String toString() {
            return callback + " for " + future;
        }
    }

    /** A list type of our own, so that a user's {@code List} result is never mistaken for callbacks. */
    private static final class CallbackList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    // ---- description ---------------------------------------------------------------------------

    private String stateName() {
        return switch (state) {
            case PENDING -> "PENDING";
            case CANCELLED -> "CANCELLED";
            default -> "FINISHED";
        };
    }

    /** The state part of {@link #toString()}: {@code pending}, {@code cancelled}, {@code finished result=...}. */
    String describeState() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> exception != null ? "finished exception=" + exception : "finished result=" + abbreviate(result);
        };
    }

    static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    @Override
    public String toString() {
        return "<Future " + describeState() + ">";
    }

    /** Reports an exception nobody retrieved when its future is collected (asyncio's {@code __del__} report). */
    private static final class Unretrieved implements Runnable {
        private final SelectorEventLoop loop;
        private final Throwable exception;
        private final String kind;
        private final String description;
        volatile boolean retrieved;

        Unretrieved(SelectorEventLoop loop, Throwable exception, String kind, String description) {
            this.loop = loop;
            this.exception = exception;
            this.kind = kind;
            this.description = description;
        }

        @Override
        public void run() {
            if (retrieved) {
                return;
            }
            ExceptionContext context = ExceptionContext.of(kind + " exception was never retrieved", exception)
                    .with(kind.equals("Task") ? "task" : "future", description);
            if (!loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> loop.callExceptionHandler(context));
                    return;
                } catch (IllegalStateException closedMeanwhile) {
                    // fall through and report from here
                }
            }
            loop.callExceptionHandler(context);
        }
    }
}
