package io.jasyncio.loop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context of an error report given to a loop's exception handler: asyncio's context dict with its
 * keys {@code message}, {@code exception}, {@code future}, {@code task}, {@code handle} and
 * {@code source_traceback}, kept in insertion order.
 */
public final class ExceptionContext {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private ExceptionContext(String message) {
        values.put("message", message);
    }

    /** A context with just a message. */
    public static ExceptionContext of(String message) {
        return new ExceptionContext(message);
    }

    /** A context with a message and the exception it reports. */
    public static ExceptionContext of(String message, Throwable exception) {
        return new ExceptionContext(message).with("exception", exception);
    }

    /** Adds or replaces a key and returns this context. */
    public ExceptionContext with(String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
        return this;
    }

    /** Adds the handle being run. */
    public ExceptionContext handle(Handle handle) {
        return with("handle", handle);
    }

    /** The report's message. */
    public String message() {
        return (String) values.get("message");
    }

    /** The exception reported, or {@code null}. */
    public Throwable exception() {
        return (Throwable) values.get("exception");
    }

    /** One value by its asyncio key, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** All values, read-only. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
