package io.jasyncio.loop;

/**
 * Something the loop's ready queue runs: a {@link Handle}, or a task's next step (a task is its own
 * ready item, so that waking it allocates nothing). For jasyncio's own use.
 */
public interface Ready {

    /** Runs this item once; a cancelled handle does nothing. */
    void runReady();
}
