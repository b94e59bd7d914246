package io.jasyncio.loop;

import java.util.Map;

/** Formats an exception context the way asyncio's default handler does: the message, then one line per key. */
final class ExceptionReports {

    private ExceptionReports() {
    }

    static String format(ExceptionContext context) {
        StringBuilder sb = new StringBuilder(String.valueOf(context.message()));
        for (Map.Entry<String, Object> e : context.asMap().entrySet()) {
            String key = e.getKey();
            if (key.equals("message") || key.equals("exception")) {
                continue;
            }
            Object value = e.getValue();
            if (value instanceof StackTraceElement[] frames) {
                sb.append("\n").append(key).append(":");
                for (StackTraceElement f : frames) {
                    sb.append("\n    at ").append(f);
                }
            } else {
                sb.append("\n").append(key).append(": ").append(value);
            }
        }
        return sb.toString();
    }
}
