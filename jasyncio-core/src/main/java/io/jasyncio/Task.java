package io.jasyncio;

import io.jasyncio.internal.ContextMap;
import io.jasyncio.internal.StackFrames;
import io.jasyncio.internal.Throwables;
import io.jasyncio.internal.fiber.Fiber;
import io.jasyncio.internal.fiber.FiberBody;
import io.jasyncio.internal.fiber.FiberDiscarded;
import io.jasyncio.internal.fiber.Fibers;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.Ready;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TaskFactory;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coroutine running on the event loop (asyncio {@code Task}): a {@link Future} whose result comes
 * from its coroutine. The coroutine runs on its own stack (a continuation), so it suspends at
 * {@link Aio#await} calls at any call depth.
 *
 * <p>{@link #cancel(String)} raises {@link CancelledError} inside the coroutine at the await where it is
 * suspended (or at its next await); the coroutine may catch it to clean up, including awaiting.
 *
 * @param <T> the type of the result
 */
public class Task<T> extends Future<T> implements Ready, FiberBody {

    private static final AtomicInteger NAME_COUNTER = new AtomicInteger();

    /** The coroutine: a {@link Coroutine}, or an {@link AsyncRunnable} for a task with no result (unwrapped, to save an object). */
    private final Object body;
    private final int number;
    private Fiber fiber;
    private boolean stepScheduled;
    /**
     * What the suspended task waits for: a {@link Future} (asyncio's {@code _fut_waiter}), the
     * {@link SleepTimer} of a sleep, or {@code null}. One field for both keeps a sleeping task small.
     */
    private Object waitingFor;
    private boolean mustCancel;
    /** What only some tasks need (a given name, cancellations, scopes, a context of their own), made on demand. */
    private Extras extras;
    private final ContextMap contextSnapshot;

    /** The rarely used state of a task, kept apart so that the common task stays small. */
    private static final class Extras {
        String name;
        int cancelRequests;
        CancelledError injection;
        CancelScope scopes;
        /** The task's context once made (a copy of the snapshot), or a context {@link Context#run} put in place. */
        Context context;
    }

    private Extras extras() {
        Extras e = extras;
        if (e == null) {
            e = extras = new Extras();
        }
        return e;
    }

    /** The innermost cancel scope the task is in, or {@code null}. */
    final CancelScope scopes() {
        Extras e = extras;
        return e == null ? null : e.scopes;
    }

    final void setScopes(CancelScope scope) {
        if (scope == null && extras == null) {
            return;
        }
        extras().scopes = scope;
    }

    private CancelledError injection() {
        Extras e = extras;
        return e == null ? null : e.injection;
    }

    private void setInjection(CancelledError error) {
        if (error == null && extras == null) {
            return;
        }
        extras().injection = error;
    }
    /** Links of the loop's list of unfinished tasks ({@link LiveTasks}). */
    Task<?> livePrev;
    Task<?> liveNext;
    boolean live;

    /** Creates a task for {@code coroutine} on the current event loop and schedules its first step. */
    public Task(Coroutine<T> coroutine) {
        this(coroutine, EventLoops.getEventLoop(), null);
    }

    /** Creates a named task on {@code loop} and schedules its first step. */
    public Task(Coroutine<T> coroutine, EventLoop loop, String name) {
        this(coroutine, loop, name, false);
    }

    /**
     * Creates a task; with {@code eagerStart} and a running loop, its first step runs at once, inside this
     * call, until its first suspension (Python 3.12's {@code eager_start}).
     */
    public Task(Coroutine<T> coroutine, EventLoop loop, String name, boolean eagerStart) {
        this((Object) coroutine, loop, name, eagerStart);
    }

    /** A task for a coroutine with no result; see {@link #Task(Coroutine, EventLoop, String, boolean)}. */
    public static Task<Void> of(AsyncRunnable coroutine, EventLoop loop, String name, boolean eagerStart) {
        return new Task<>((Object) coroutine, loop, name, eagerStart);
    }

    private Task(Object body, EventLoop loop, String name, boolean eagerStart) {
        super(loop);
        if (body == null) {
            throw new NullPointerException("coroutine");
        }
        this.body = body;
        this.contextSnapshot = Context.currentMap();
        if (name != null) {
            extras().name = name;
        }
        this.number = name == null ? NAME_COUNTER.incrementAndGet() : 0;
        if (eagerStart && this.loop.isRunning() && this.loop.inLoop()) {
            eagerStep();
        } else {
            this.loop.liveTasks().add(this);
            wakeUp();
        }
    }

    /** A task factory whose tasks start eagerly (asyncio {@code eager_task_factory}). */
    public static TaskFactory eagerTaskFactory() {
        return EagerFactory.INSTANCE;
    }

    private enum EagerFactory implements TaskFactory {
        INSTANCE;

        @Override
        public <R> Task<R> create(EventLoop loop, Coroutine<R> coroutine, String name) {
            return new Task<>(coroutine, loop, name, true);
        }
    }

    // ---- identity ------------------------------------------------------------------------------

    /** The task's name ({@code Task-N} unless given). */
    public String getName() {
        Extras e = extras;
        String n = e == null ? null : e.name;
        if (n == null) {
            // Built lazily ("Task-N"): most tasks' names are never read.
            n = "Task-" + number;
            extras().name = n;
        }
        return n;
    }

    /** Renames the task. */
    public void setName(String name) {
        extras().name = String.valueOf(name);
    }

    /** The coroutine this task runs. */
    @SuppressWarnings("unchecked")
    public Coroutine<T> getCoro() {
        return body instanceof Coroutine<?> c ? (Coroutine<T>) c : (Coroutine<T>) ((AsyncRunnable) body).asCoroutine();
    }

    // ---- context variables -----------------------------------------------------------------------

    /** The context this task runs in: a copy of its creator's, made when first needed. */
    final Context context() {
        Extras e = extras();
        Context c = e.context;
        if (c == null) {
            c = e.context = new Context(contextSnapshot);
        }
        return c;
    }

    /** The current values of this task's context, without allocating. */
    final ContextMap contextMap() {
        Extras e = extras;
        return e != null && e.context != null ? e.context.map : contextSnapshot;
    }

    /** Puts {@code c} in place as the task's context and returns the previous one ({@code null}: not made yet). */
    final Context swapContext(Context c) {
        Extras e = extras();
        Context previous = e.context;
        e.context = c;
        return previous;
    }

    // ---- cancellation --------------------------------------------------------------------------

    /**
     * Requests cancellation: {@link CancelledError} will be raised inside the coroutine at its current
     * (or next) await. Returns {@code false} if the task is already done.
     */
    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        extras().cancelRequests++;
        Object waiting = waitingFor;
        if (waiting instanceof SleepTimer timer) {
            // Like cancelling the future of asyncio's sleep: the sleep itself is now cancelled (whatever
            // uncancel() does later), and the task wakes to raise at its await.
            waitingFor = SLEEP_CANCELLED;
            timer.cancel();
            cancelMessage = message;
            wakeUp();
            return true;
        }
        if (waiting instanceof Future<?> waiter && waiter.cancel(message)) {
            // The waiter's cancellation wakes us with CancelledError; keep the waiter: it may be a task
            // that ignores the cancellation, so that we may have to cancel it again later.
            return true;
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
    }

    /** How many cancellation requests are pending ({@code cancel()} calls not matched by {@link #uncancel()}). */
    public int cancelling() {
        Extras e = extras;
        return e == null ? 0 : e.cancelRequests;
    }

    /** Withdraws one cancellation request and returns how many remain. */
    public int uncancel() {
        Extras e = extras;
        if (e == null) {
            return 0;
        }
        if (e.cancelRequests > 0) {
            e.cancelRequests--;
            if (e.cancelRequests == 0) {
                mustCancel = false;
            }
        }
        return e.cancelRequests;
    }

    /** Not supported: a task's result comes from its coroutine. */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support set_result operation");
    }

    /** Not supported: a task's exception comes from its coroutine. */
    @Override
    public void setException(Throwable error) {
        throw new UnsupportedOperationException("Task does not support set_exception operation");
    }

    // ---- stepping ------------------------------------------------------------------------------

    /** Schedules the next step (once, however often it is called before the step runs). */
    final void wakeUp() {
        if (!stepScheduled) {
            stepScheduled = true;
            loop.scheduleReady(this);
        }
    }

    /** Runs this task's next step: the loop's entry point (jasyncio's own use; do not call it). */
    @Override
    public final void runReady() {
        runStep();
    }

    private void runStep() {
        stepScheduled = false;
        if (done()) {
            return;
        }
        if (mustCancel) {
            mustCancel = false;
            setInjection(deliverCancel(new CancelledError(cancelMessage)));
        }
        Task<?> previous = loop.swapCurrentTask(this);
        try {
            resumeFiber();
        } finally {
            loop.swapCurrentTask(previous);
        }
        if (done() && live) {
            loop.liveTasks().remove(this);
        }
    }

    private void eagerStep() {
        Task<?> previous = loop.swapCurrentTask(this);
        try {
            resumeFiber();
        } finally {
            loop.swapCurrentTask(previous);
        }
        if (!done()) {
            loop.liveTasks().add(this);
        }
    }

    private void resumeFiber() {
        Fiber f = fiber;
        if (f == null) {
            f = fiber = Fibers.backend().create(this, this::getName);
        }
        if (f.resume()) {
            fiber = null;
        }
    }

    /** The fiber's entry point (jasyncio's own use; do not call it). */
    @Override
    public final void runFiberBody() {
        runBody();
    }

    /** The coroutine's whole life, on the fiber; its frame marks where the task's own stack begins. */
    @SuppressWarnings("unchecked")
    private void runBody() {
        EventLoops.enterTaskThread(loop);
        try {
            CancelledError early = injection();
            if (early != null) {
                setInjection(null);
                throw early;
            }
            T value;
            Object b = body;
            if (b instanceof Coroutine<?> c) {
                value = (T) c.call();
            } else {
                ((AsyncRunnable) b).run();
                value = null;
            }
            if (mustCancel) {
                mustCancel = false;
                finishCancelled(new CancelledError(cancelMessage));
            } else {
                super.setResult(value);
            }
        } catch (TimeoutError e) {
            super.setException(e);
        } catch (CancelledError e) {
            finishCancelled(e);
        } catch (FiberDiscarded e) {
            throw e;
        } catch (Throwable e) {
            super.setException(e);
        }
    }

    private void finishCancelled(CancelledError e) {
        setCancelledError(e);
        super.cancel(e.getMessage());
    }

    /** Unwinds a task that will never run again (the loop is closing). */
    public final void discard() {
        Fiber f = fiber;
        fiber = null;
        if (f != null) {
            f.discard();
        }
    }

    // ---- suspending ----------------------------------------------------------------------------

    /** {@code await future} inside this task; called on the task's own stack. */
    final <R> R awaitFuture(Future<R> future) {
        if (future.done()) {
            return resultOf(future);
        }
        if (future == this) {
            throw new IllegalStateException("Task cannot await on itself: " + this);
        }
        if (future.loop != loop) {
            throw new IllegalStateException("Task " + this + " got Future " + future
                    + " attached to a different loop");
        }
        waitingFor = future;
        future.addWaiter(this);
        if (mustCancel || scopeCancelled()) {
            if (future.cancel(cancelMessage)) {
                mustCancel = false;
            }
        }
        fiber.suspend();
        waitingFor = null;
        CancelledError injected = injection();
        if (injected != null) {
            setInjection(null);
            if (!future.done()) {
                future.removeWaiter(this);
            }
            throw injected;
        }
        return resultOf(future);
    }

    /**
     * {@code await asyncio.sleep(delay)} for a positive delay, without a future: a timer wakes the task.
     * Cancelling the task cancels the timer and raises {@link CancelledError} here.
     */
    final void sleep(long delayNanos) {
        if (mustCancel || scopeCancelled()) {
            // As asyncio: the cancellation is delivered at this await, after one loop iteration.
            mustCancel = true;
            wakeUp();
        } else {
            SleepTimer timer = new SleepTimer(this, loop.nanoTime() + delayNanos);
            waitingFor = timer;
            loop.scheduleTimer(timer);
        }
        fiber.suspend();
        Object waited = waitingFor;
        waitingFor = null;
        if (injection() != null) {
            throwInjected();
        }
        if (waited == SLEEP_CANCELLED) {
            throw deliverCancel(new CancelledError(cancelMessage));
        }
    }

    /** What {@link #waitingFor} holds once the sleep the task is suspended in was cancelled. */
    private static final Object SLEEP_CANCELLED = new Object();

    private void throwInjected() {
        CancelledError injected = injection();
        setInjection(null);
        throw injected;
    }

    /** The timer of a sleeping task: when it fires, the task's next step is scheduled. */
    private static final class SleepTimer extends TimerHandle {
        private final Task<?> task;

        SleepTimer(Task<?> task, long whenNanos) {
            super(task.loop, whenNanos);
            this.task = task;
        }

        @Override
        protected void run() {
            if (task.waitingFor == this) {
                task.waitingFor = null;
                task.wakeUp();
            }
        }

        @Override
        protected String describe() {
            return "sleep of " + task;
        }
    }

    /** A bare yield for one loop iteration ({@code await asyncio.sleep(0)}). */
    final void yieldNow() {
        if (scopeCancelled()) {
            mustCancel = true;
        }
        wakeUp();
        fiber.suspend();
        CancelledError injected = injection();
        if (injected != null) {
            setInjection(null);
            throw injected;
        }
    }

    private <R> R resultOf(Future<R> future) {
        if (future.cancelled()) {
            throw deliverCancel(future.makeCancelledError());
        }
        Throwable error = future.peekException();
        if (error != null) {
            future.markRetrieved();
            if (!(error instanceof CancelledError)) {
                AwaitTraces.append(error, this);
            } else if (!(error instanceof TimeoutError)) {
                throw deliverCancel((CancelledError) error);
            }
            throw Throwables.sneaky(error);
        }
        return future.peekResult();
    }

    private boolean scopeCancelled() {
        for (CancelScope s = scopes(); s != null; s = s.parent) {
            if (s.cancelled) {
                return true;
            }
        }
        return false;
    }

    /** The cancellation to raise at an await: translated by the outermost cancelled scope that claims it. */
    private CancelledError deliverCancel(CancelledError cause) {
        CancelledError result = cause;
        for (CancelScope s = scopes(); s != null; s = s.parent) {
            if (s.cancelled) {
                CancelledError translated = s.translate(cause);
                if (translated != null) {
                    result = translated;
                }
            }
        }
        return result;
    }

    // ---- introspection -------------------------------------------------------------------------

    /** The user frames of the suspended coroutine, innermost first (asyncio {@code get_stack}). */
    public StackTraceElement[] getStack() {
        Fiber f = fiber;
        if (f == null) {
            return new StackTraceElement[0];
        }
        return StackFrames.userFrames(f.stack());
    }

    /** All frames of the suspended coroutine, for debug reports. */
    public StackTraceElement[] stackTrace() {
        return getStack();
    }

    /** Prints the task and its suspended stack (asyncio {@code print_stack}). */
    public void printStack(PrintStream out) {
        StackTraceElement[] stack = getStack();
        if (stack.length == 0) {
            out.println("No stack for " + this);
        } else {
            out.println("Stack for " + this + " (most recent call first):");
            for (StackTraceElement e : stack) {
                out.println("\tat " + e);
            }
        }
    }

    /** Where this task was created, when debug mode was on, else {@code null}. */
    public StackTraceElement[] sourceTraceback() {
        StackTraceElement[] source = creationStack();
        return source == null ? null : StackFrames.dropLeadingInternal(source);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Task ");
        sb.append(mustCancel && !done() ? "cancelling" : describeState());
        sb.append(" name='").append(getName()).append('\'');
        if (!done()) {
            StackTraceElement[] stack = getStack();
            if (stack.length > 0) {
                sb.append(" at ").append(stack[0]);
            }
            if (waitingFor instanceof Future<?> waiter) {
                sb.append(" wait_for=").append(waiter);
            } else if (waitingFor instanceof SleepTimer sleep) {
                sb.append(" sleeping until ").append(sleep.when());
            }
        }
        return sb.append('>').toString();
    }
}
