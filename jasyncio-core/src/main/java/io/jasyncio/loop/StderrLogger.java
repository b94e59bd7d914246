package io.jasyncio.loop;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The loop's default logger: writes warnings and errors to {@code System.err} as Python's logging does
 * with no configuration (the message, then the exception's stack), so that reports read like asyncio's.
 * {@code System.err} is looked up at each call, so redirecting it captures the reports.
 */
final class StderrLogger implements System.Logger {

    static final StderrLogger INSTANCE = new StderrLogger();

    private StderrLogger() {
    }

    @Override
    public String getName() {
        return "io.jasyncio";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= Level.WARNING.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        PrintStream err = System.err;
        synchronized (err) {
            err.println(msg);
            if (thrown != null) {
                thrown.printStackTrace(err);
            }
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        log(level, bundle, params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                (Throwable) null);
    }
}
