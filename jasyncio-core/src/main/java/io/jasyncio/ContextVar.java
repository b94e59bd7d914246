package io.jasyncio;

import java.util.NoSuchElementException;

/**
 * A context variable (Python's {@code contextvars.ContextVar}): a value per {@link Context}, so that
 * each task sees its own (copied from its creator at creation). {@code set} returns a {@link Token}
 * that {@code reset} uses to restore the previous value.
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {

    private static final Object MISSING = new Object();
    private static final Object NO_DEFAULT = new Object();

    private final String name;
    private final Object defaultValue;

    /** A variable without a default: {@link #get()} raises until it is set. */
    public ContextVar(String name) {
        this.name = name;
        this.defaultValue = NO_DEFAULT;
    }

    /** A variable with a default value. */
    public ContextVar(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the default; raises {@link NoSuchElementException}
     * (Python's {@code LookupError}) when there is neither.
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = Context.current().map.get(this, MISSING);
        if (v != MISSING) {
            return (T) v;
        }
        if (defaultValue != NO_DEFAULT) {
            return (T) defaultValue;
        }
        throw new NoSuchElementException(toString());
    }

    /** The value in the current context, else {@code fallback} (Python's {@code get(default)}). */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = Context.current().map.get(this, MISSING);
        return v != MISSING ? (T) v : fallback;
    }

    /** Sets the value in the current context and returns a token to undo it. */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        Object old = ctx.map.get(this, MISSING);
        ctx.map = ctx.map.with(this, value);
        return new Token<>(this, ctx, old);
    }

    /** Restores the value the variable had before the {@link #set} that made {@code token}. */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        Context ctx = Context.current();
        if (token.context != ctx) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        token.used = true;
        ctx.map = token.oldValue == MISSING ? ctx.map.without(this) : ctx.map.with(this, token.oldValue);
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (defaultValue != NO_DEFAULT ? " default=" + defaultValue : "") + ">";
    }

    /** What {@link ContextVar#set} returns: enough to undo it once. */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Context context;
        private final Object oldValue;
        private boolean used;

        private Token(ContextVar<T> var, Context context, Object oldValue) {
            this.var = var;
            this.context = context;
            this.oldValue = oldValue;
        }

        /** The variable this token belongs to. */
        public ContextVar<T> var() {
            return var;
        }

        /** Whether the variable had a value before (Python's {@code Token.MISSING} when not). */
        public boolean hadOldValue() {
            return oldValue != MISSING;
        }

        @Override
        public String toString() {
            return "<Token" + (used ? " used" : "") + " var=" + var + ">";
        }
    }
}
