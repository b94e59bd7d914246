package io.jasyncio;

import io.jasyncio.internal.StackFrames;
import java.util.Arrays;

/**
 * Extends the stack trace of an exception that crosses an {@code await} with the awaiting task's frames,
 * as Python's traceback grows through each awaiting coroutine: the frames of the task that raised it,
 * then a marker line {@code at io.jasyncio.Aio.await(awaited by task 'B')}, then the awaiting task's
 * frames, and so on outwards.
 */
final class AwaitTraces {

    private static final String MARKER_CLASS = "io.jasyncio.Aio";
    private static final String MARKER_METHOD = "await";
    private static final String BODY_CLASS = "io.jasyncio.Task";
    private static final String BODY_METHOD = "runBody";
    private static final int MAX_FRAMES = 2048;

    private AwaitTraces() {
    }

    static void append(Throwable error, Task<?> awaiter) {
        StackTraceElement[] trace = error.getStackTrace();
        if (trace.length == 0 || trace.length > MAX_FRAMES) {
            return;
        }
        int cut = bodyFrameAfterLastMarker(trace);
        StackTraceElement[] here = StackFrames.dropLeadingInternal(new Throwable().getStackTrace());
        StackTraceElement marker = new StackTraceElement(MARKER_CLASS, MARKER_METHOD,
                "awaited by task '" + awaiter.getName() + "'", -1);
        StackTraceElement[] out = Arrays.copyOf(trace, cut + 1 + here.length);
        out[cut] = marker;
        System.arraycopy(here, 0, out, cut + 1, here.length);
        error.setStackTrace(out);
    }

    /** The index where the raising task's own frames end: its body's entry frame, or the end. */
    private static int bodyFrameAfterLastMarker(StackTraceElement[] trace) {
        int start = 0;
        for (int i = trace.length - 1; i >= 0; i--) {
            StackTraceElement f = trace[i];
            if (f.getClassName().equals(MARKER_CLASS) && f.getMethodName().equals(MARKER_METHOD)
                    && f.getLineNumber() == -1 && f.getFileName() != null
                    && f.getFileName().startsWith("awaited by")) {
                start = i + 1;
                break;
            }
        }
        for (int i = start; i < trace.length; i++) {
            StackTraceElement f = trace[i];
            if (f.getClassName().equals(BODY_CLASS) && f.getMethodName().equals(BODY_METHOD)) {
                return i;
            }
        }
        return trace.length;
    }
}
