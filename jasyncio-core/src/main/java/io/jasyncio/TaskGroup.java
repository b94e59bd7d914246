package io.jasyncio;

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
 * finished the block raises an {@link ExceptionGroup} holding every failure. The block is a
 * level-triggered cancel scope: once the group aborts, every await in the block raises
 * {@link CancelledError}. (A block method and not try-with-resources, because Java's {@code close()}
 * cannot replace the exception leaving the block, which {@code __aexit__} must do.)
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
        this.scope = new Scope(parent);
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

    /** Creates a task in this group (asyncio {@code TaskGroup.create_task}). */
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
        if (task.done()) {
            onTaskDone(task);
        } else {
            tasks.add(task);
            task.addDoneCallback(this::onTaskDone);
        }
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
        CancelledError propagateCancellation = bodyError instanceof CancelledError ce
                && !(bodyError instanceof TimeoutError) ? ce : null;
        if (bodyError != null && !aborting) {
            // The parent is being cancelled, or the block raised: stop the children.
            abort();
        }
        // A loop: the wait can be cancelled repeatedly if the parent is cancelled repeatedly.
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                parent.awaitFuture(onCompleted);
            } catch (CancelledError e) {
                if (!aborting) {
                    // The parent was cancelled from outside while the children still ran.
                    propagateCancellation = e;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (parentCancelRequested) {
            // We cancelled the parent ourselves: take that request back (Python 3.12+ does it here).
            if (parent.uncancel() == 0) {
                propagateCancellation = null;
            }
        }
        if (baseError != null) {
            throw io.jasyncio.internal.Throwables.sneaky(baseError);
        }
        // Other errors have priority over the cancellation.
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (bodyError != null && !(bodyError instanceof CancelledError && !(bodyError instanceof TimeoutError))) {
            errors.add(bodyError);
        }
        if (!errors.isEmpty()) {
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
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
        return "<TaskGroup" + (entered ? " entered" : "") + (aborting ? " cancelling" : "")
                + " tasks=" + tasks.size() + " errors=" + errors.size() + ">";
    }

    /** The block as a cancel scope: after the group aborts, every await in the block raises again. */
    private static final class Scope extends CancelScope {
        Scope(Task<?> task) {
            super(task);
        }

        @Override
        CancelledError translate(CancelledError cause) {
            return null;
        }
    }
}
