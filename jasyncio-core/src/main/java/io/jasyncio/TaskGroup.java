package io.jasyncio;

import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structured concurrency: tasks that belong to a block of code and are all finished when it ends
 * (asyncio {@code TaskGroup}). Use it through {@link Aio#taskGroup}:
 *
 * <pre>{@code
 * Aio.taskGroup(tg -> {
 *     Task<Integer> a = tg.createTask(() -> fetch(1));
 *     tg.createTask(() -> fetch(2));
 * });   // both are done here
 * }</pre>
 *
 * <p>When a task of the group fails, the others and the block itself are cancelled, and after all have
 * finished the block raises an {@link ExceptionGroup} holding every failure: the tasks' in the order
 * they failed, then the block's own. The block is a level-triggered cancel scope: once the group aborts,
 * every await in the block raises {@link CancelledError}. A task cancelled on its own does not abort
 * the group. A fatal {@link VirtualMachineError} of a task or of the block is raised as it is.
 *
 * <p>If the calling task is cancelled from outside (or a {@link Timeout} around the group expires), the
 * tasks are cancelled and waited for, and the cancellation ({@code CancelledError}, or the timeout's
 * {@link TimeoutError}) propagates, unless tasks failed: errors win, and the outside cancellation is
 * kept pending for the caller's next await (Python 3.13). A timeout that expires inside the block is
 * an error of the block, as in asyncio.
 *
 * <p>{@link Aio#taskGroup} suspends until every task is done; cancelling the caller while it waits
 * cancels the tasks, and it keeps waiting for them. (A block method and not try-with-resources,
 * because Java's {@code close()} cannot replace the exception leaving the block, which
 * {@code __aexit__} must do.)
 */
public final class TaskGroup {

    /** The body of a task group's block. */
    @FunctionalInterface
    public interface Body {
        /** Runs the block with the group; it may create tasks and suspend. */
        void run(TaskGroup group) throws Exception;
    }

    private final Task<?> parent;
    private final SelectorEventLoop loop;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final Scope scope;
    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private Throwable baseError;
    private Future<Boolean> onCompleted;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
        this.loop = (SelectorEventLoop) parent.getLoop();
        this.scope = new Scope(this);
    }

    static void run(Task<?> parent, Body body) {
        TaskGroup group = new TaskGroup(parent);
        group.entered = true;
        group.scope.push();
        Throwable bodyError = null;
        try {
            body.run(group);
        } catch (Throwable e) {
            bodyError = e;
        } finally {
            group.scope.pop();
        }
        group.exit(bodyError);
    }

    /**
     * Creates a task in this group (asyncio {@code TaskGroup.create_task}). Raises
     * {@link IllegalStateException} once the group is shutting down (a task failed or the block was
     * cancelled) or finished.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Creates a named task in this group. */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coroutine, name);
        // Always through the done callback, even for a task that finished eagerly inside createTask:
        // handled inline, an eager failure would cancel the parent in the middle of this call
        // (CPython gh-128550).
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone);
        return task;
    }

    /** Creates a task with no result in this group. */
    public Task<Void> createTask(AsyncRunnable coroutine) {
        return createTask(coroutine.asCoroutine(), null);
    }

    /** Creates a named task with no result in this group. */
    public Task<Void> createTask(AsyncRunnable coroutine, String name) {
        return createTask(coroutine.asCoroutine(), name);
    }

    private void exit(Throwable bodyError) {
        exiting = true;
        if (bodyError != null && isBaseError(bodyError) && baseError == null) {
            baseError = bodyError;
        }
        boolean bodyCancelled = isCancellation(bodyError);
        CancelledError propagateCancellation = bodyCancelled ? (CancelledError) bodyError : null;
        if (bodyError != null && !aborting) {
            // The parent is being cancelled, or the block raised: stop the children.
            abort();
        }
        propagateCancellation = waitForTasks(propagateCancellation);
        if (baseError != null) {
            throw Throwables.sneaky(baseError);
        }
        if (parentCancelRequested) {
            // We cancelled the parent ourselves: take that request back, and with it the
            // CancelledError, unless someone else also cancelled the parent.
            if (parent.uncancel() == 0) {
                propagateCancellation = null;
            }
        }
        // Other errors have priority over the cancellation.
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (bodyError != null && !bodyCancelled) {
            errors.add(bodyError);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // The parent is also cancelled from outside, and the ExceptionGroup replaces that
                // CancelledError: cancel again so that its next await still raises (Python 3.13).
                parent.uncancel();
                parent.cancel();
            }
            if (bodyError instanceof GeneratorExit && errors.size() == 1) {
                // The block is an async generator's, closed at a yield inside the group: raise the
                // GeneratorExit as it is, so that aclose() ends cleanly (Python 3.14).
                throw (GeneratorExit) bodyError;
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    /**
     * Waits until every task of the group is done. A loop: the wait can be cancelled repeatedly if the
     * parent is cancelled repeatedly. The first cancellation aborts the group, and is returned as the one
     * to propagate; later ones change nothing.
     */
    private CancelledError waitForTasks(CancelledError propagateCancellation) {
        CancelScope enclosing = null;
        boolean detached = false;
        try {
            while (!tasks.isEmpty()) {
                if (onCompleted == null) {
                    onCompleted = loop.createFuture();
                }
                if (aborting && !detached) {
                    // Once the children are cancelled, the wait must go on until they are gone. A cancelled
                    // scope around the group (an expired timeout) would raise at every await and turn the
                    // wait into a busy loop; it already had its effect, so wait outside the scopes.
                    enclosing = parent.scopes();
                    parent.setScopes(null);
                    detached = true;
                }
                try {
                    parent.awaitFuture(onCompleted);
                } catch (CancelledError e) {
                    if (!aborting) {
                        // The parent was cancelled from outside (or its enclosing scope is) while the
                        // children still ran.
                        propagateCancellation = e;
                        abort();
                    }
                }
                onCompleted = null;
            }
        } finally {
            if (detached) {
                parent.setScopes(enclosing);
            }
        }
        return propagateCancellation;
    }

    /**
     * Whether the block ended by a cancellation rather than an error: a {@link CancelledError}, but not a
     * {@link TimeoutError} of the block's own (a timeout inside the block that expired is an error of
     * the block), only one delivered by a timeout around the group, which asyncio delivers as
     * {@code CancelledError} here.
     */
    private boolean isCancellation(Throwable e) {
        if (!(e instanceof CancelledError)) {
            return false;
        }
        return !(e instanceof TimeoutError) || CancelScope.deliveredByActiveScope(parent, e);
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : new ArrayList<>(tasks)) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private static boolean isBaseError(Throwable e) {
        return e instanceof VirtualMachineError;
    }

    private void onTaskDone(Future<?> future) {
        Task<?> task = (Task<?>) future;
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
            onCompleted.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable error = task.exception();
        if (error == null) {
            return;
        }
        errors.add(error);
        if (isBaseError(error) && baseError == null) {
            baseError = error;
        }
        if (parent.done()) {
            loop.callExceptionHandler(ExceptionContext.of("Task " + task
                    + " has errored out but its parent task " + parent + " is already completed", error)
                    .with("task", task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Cancel the parent to interrupt whatever the block is awaiting; exit() takes it back.
            abort();
            parentCancelRequested = true;
            if (scope.active) {
                scope.cancelled = true;
            }
            parent.cancel();
        }
    }

    @Override
    public String toString() {
        // As asyncio's repr.
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" cancelling");
        } else if (entered) {
            sb.append(" entered");
        }
        return sb.append('>').toString();
    }

    /** The block as a cancel scope: after the group aborts, every await in the block raises again. */
    private static final class Scope extends CancelScope {
        private final TaskGroup group;

        Scope(TaskGroup group) {
            super(group.parent);
            this.group = group;
        }

        @Override
        CancelledError translate(CancelledError cause) {
            return null;
        }

        @Override
        boolean withdrawsOnExit() {
            return group.parentCancelRequested;
        }
    }
}
