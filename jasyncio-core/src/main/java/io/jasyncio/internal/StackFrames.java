package io.jasyncio.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Tells jasyncio's own frames from the user's, so that task stacks and exception traces show the user's
 * code: the runtime's classes, the loop, the coroutine back ends and the JDK's continuation machinery.
 */
public final class StackFrames {

    private static final Set<String> RUNTIME_CLASSES = Set.of(
            "io.jasyncio.Aio", "io.jasyncio.Task", "io.jasyncio.Future", "io.jasyncio.Timeout",
            "io.jasyncio.TaskGroup", "io.jasyncio.Gather", "io.jasyncio.Waiting", "io.jasyncio.Shield",
            "io.jasyncio.AsCompleted", "io.jasyncio.CancelScope", "io.jasyncio.AsyncRunnable",
            "io.jasyncio.AwaitTraces", "io.jasyncio.LiveTasks",
            "io.jasyncio.loop.SelectorEventLoop", "io.jasyncio.loop.Handle", "io.jasyncio.loop.TimerHandle",
            "io.jasyncio.loop.TimerHeap", "io.jasyncio.loop.Runner", "io.jasyncio.loop.EventLoops",
            "io.jasyncio.loop.EventLoop", "io.jasyncio.loop.DebugMode",
            "io.jasyncio.testing.AioExtension", "io.jasyncio.testing.VirtualTime");

    private StackFrames() {
    }

    /** Whether {@code frame} belongs to jasyncio's machinery or the JVM's, not to the user's code. */
    public static boolean isInternal(StackTraceElement frame) {
        String cls = frame.getClassName();
        if (cls.startsWith("io.jasyncio.")) {
            int dollar = cls.indexOf('$');
            String top = dollar < 0 ? cls : cls.substring(0, dollar);
            return RUNTIME_CLASSES.contains(top) || cls.startsWith("io.jasyncio.internal.");
        }
        return cls.startsWith("jdk.internal.vm.") || cls.startsWith("java.lang.VirtualThread")
                || cls.equals("java.lang.Thread") || cls.startsWith("java.util.concurrent.");
    }

    /** Drops the internal frames at the top of {@code frames} (the machinery that captured them). */
    public static StackTraceElement[] dropLeadingInternal(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && isInternal(frames[i])) {
            i++;
        }
        return Arrays.copyOfRange(frames, i, frames.length);
    }

    /** Only the user's frames of {@code frames}, in order. */
    public static StackTraceElement[] userFrames(StackTraceElement[] frames) {
        List<StackTraceElement> out = new ArrayList<>(frames.length);
        for (StackTraceElement f : frames) {
            if (!isInternal(f)) {
                out.add(f);
            }
        }
        return out.toArray(new StackTraceElement[0]);
    }
}
