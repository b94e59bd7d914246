package io.jasyncio.examples.ch2;

/**
 * The book's {@code Cutlery} (Example 2-3, B:1155-1172): an inventory of knives and forks that bots
 * move between the kitchen and themselves. The Python class is an {@code attrs} class; its
 * {@link #toString()} renders the repr attrs makes, {@code Cutlery(knives=100, forks=100)}.
 *
 * <p>Not thread-safe, on purpose: {@link #change} does {@code knives += n} on plain fields, a read, an
 * add and a write that another thread can interleave with (B:1345-1375). That is the race of the
 * case study; the tasks of one loop ({@code ./aio cutlery-tasks}) can never interleave there.
 */
public final class Cutlery {

    private int knives;
    private int forks;

    /** An inventory of {@code knives} and {@code forks} ({@code Cutlery(knives=..., forks=...)}). */
    public Cutlery(int knives, int forks) {
        this.knives = knives;
        this.forks = forks;
    }

    /** Moves cutlery from this inventory to {@code to} (the book's {@code give(to, knives, forks)}). */
    public void give(Cutlery to, int knives, int forks) {
        change(-knives, -forks);
        to.change(knives, forks);
    }

    /** Adds to the counts (negative to take away), with the racy read-modify-write of {@code +=}. */
    public void change(int knives, int forks) {
        this.knives += knives;
        this.forks += forks;
    }

    /** The knives now held. */
    public int knives() {
        return knives;
    }

    /** The forks now held. */
    public int forks() {
        return forks;
    }

    /** The repr attrs gives the Python class: {@code Cutlery(knives=100, forks=100)}. */
    @Override
    public String toString() {
        return "Cutlery(knives=" + knives + ", forks=" + forks + ")";
    }
}
