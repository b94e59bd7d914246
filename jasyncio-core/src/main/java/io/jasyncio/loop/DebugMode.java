package io.jasyncio.loop;

import io.jasyncio.Task;
import java.lang.System.Logger.Level;

/**
 * Debug mode's switches and reports: {@code JASYNCIODEBUG=1} in the environment or
 * {@code -Djasyncio.debug=true} turns it on for every new loop (as {@code PYTHONASYNCIODEBUG}).
 */
final class DebugMode {

    private DebugMode() {
    }

    static boolean fromEnvironment() {
        String env = System.getenv("JASYNCIODEBUG");
        if (env != null && !env.isEmpty() && !env.equals("0")) {
            return true;
        }
        return Boolean.getBoolean("jasyncio.debug");
    }

    /** Logs a callback or task step that held the loop for {@code nanos}, naming the culprit and its stack. */
    static void reportSlow(SelectorEventLoop loop, Ready item, long nanos) {
        StringBuilder sb = new StringBuilder();
        sb.append("Executing ").append(item).append(" took ")
                .append(String.format("%.3f", nanos / 1e9)).append(" seconds");
        StackTraceElement[] stack = item instanceof Task<?> task ? task.stackTrace() : ((Handle) item).sourceTraceback();
        if (stack != null && stack.length > 0) {
            sb.append(item instanceof Task ? "\n  suspended at:" : "\n  scheduled at:");
            for (StackTraceElement e : stack) {
                sb.append("\n    at ").append(e);
            }
        }
        loop.logger().log(Level.WARNING, sb.toString());
    }
}
