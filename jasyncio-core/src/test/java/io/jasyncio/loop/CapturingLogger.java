package io.jasyncio.loop;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A System.Logger that keeps what it is told, for tests of the loop's reports. */
final class CapturingLogger implements System.Logger {

    /** One logged record. */
    record Entry(Level level, String message, Throwable thrown) {
    }

    final List<Entry> entries = new ArrayList<>();

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
