package io.jasyncio;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A loop's unfinished tasks, as an intrusive doubly linked list through the tasks themselves: O(1) to add
 * and remove, no allocation per task, and strong references so that a running task is never collected.
 * For jasyncio's own use; users call {@code loop.allTasks()}.
 */
public final class LiveTasks {

    private Task<?> head;
    private int size;

    /** Adds a task (once). */
    public void add(Task<?> task) {
        if (task.live) {
            return;
        }
        task.live = true;
        task.livePrev = null;
        task.liveNext = head;
        if (head != null) {
            head.livePrev = task;
        }
        head = task;
        size++;
    }

    /** Removes a task if present. */
    public void remove(Task<?> task) {
        if (!task.live) {
            return;
        }
        task.live = false;
        if (task.livePrev != null) {
            task.livePrev.liveNext = task.liveNext;
        } else {
            head = task.liveNext;
        }
        if (task.liveNext != null) {
            task.liveNext.livePrev = task.livePrev;
        }
        task.livePrev = null;
        task.liveNext = null;
        size--;
    }

    /** How many unfinished tasks there are. */
    public int size() {
        return size;
    }

    /** The unfinished tasks, oldest first. */
    public Set<Task<?>> snapshot() {
        Task<?>[] all = new Task<?>[size];
        int i = size;
        for (Task<?> t = head; t != null && i > 0; t = t.liveNext) {
            all[--i] = t;
        }
        Set<Task<?>> out = new LinkedHashSet<>();
        for (Task<?> t : all) {
            if (t != null && !t.done()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Forgets every task. */
    public void clear() {
        Task<?> t = head;
        while (t != null) {
            Task<?> next = t.liveNext;
            t.live = false;
            t.livePrev = null;
            t.liveNext = null;
            t = next;
        }
        head = null;
        size = 0;
    }
}
