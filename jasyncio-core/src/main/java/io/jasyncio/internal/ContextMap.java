package io.jasyncio.internal;

import java.util.Arrays;

/**
 * An immutable map from context variables to values, copied on write. Contexts hold a handful of
 * variables, so a flat array beats a hash trie here; {@link #EMPTY} is shared.
 */
public final class ContextMap {

    /** The map with no entries. */
    public static final ContextMap EMPTY = new ContextMap(new Object[0]);

    /** Keys at even indexes, values at odd ones. */
    private final Object[] entries;

    private ContextMap(Object[] entries) {
        this.entries = entries;
    }

    /** The value for {@code key}, or {@code missing} when it has none. */
    public Object get(Object key, Object missing) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                return e[i + 1];
            }
        }
        return missing;
    }

    /** Whether {@code key} has a value. */
    public boolean containsKey(Object key) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** A map like this one with {@code key} set to {@code value}. */
    public ContextMap with(Object key, Object value) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                Object[] copy = e.clone();
                copy[i + 1] = value;
                return new ContextMap(copy);
            }
        }
        Object[] copy = Arrays.copyOf(e, e.length + 2);
        copy[e.length] = key;
        copy[e.length + 1] = value;
        return new ContextMap(copy);
    }

    /** A map like this one without {@code key}. */
    public ContextMap without(Object key) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                if (e.length == 2) {
                    return EMPTY;
                }
                Object[] copy = new Object[e.length - 2];
                System.arraycopy(e, 0, copy, 0, i);
                System.arraycopy(e, i + 2, copy, i, e.length - i - 2);
                return new ContextMap(copy);
            }
        }
        return this;
    }

    /** How many entries there are. */
    public int size() {
        return entries.length / 2;
    }

    /** The key of entry {@code i}. */
    public Object keyAt(int i) {
        return entries[2 * i];
    }

    /** The value of entry {@code i}. */
    public Object valueAt(int i) {
        return entries[2 * i + 1];
    }
}
