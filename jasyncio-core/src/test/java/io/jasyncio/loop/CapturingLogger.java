package io.jasyncio.loop;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A System.Logger that keeps what it is told, for tests of what the loop and transports report. */
public final class CapturingLogger implements System.Logger {

    /** One logged record. */
    public record Entry(Level level, String message, Throwable thrown) {
    }

    /** What was logged, in order. */
    public final List<Entry> entries = new ArrayList<>();

    /** Each record as "LEVEL message", in order. */
    public synchronized List<String> messages() {
        return entries.stream().map(e -> e.level() + " " + e.message()).toList();
    }

    @Override
    public String getName() {
        return "capture";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        entries.add(new Entry(level, msg, thrown));
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params), null));
    }
}
