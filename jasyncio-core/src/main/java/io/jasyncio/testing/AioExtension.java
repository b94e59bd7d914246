package io.jasyncio.testing;

import io.jasyncio.Task;
import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.Clock;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.ExceptionHandler;
import io.jasyncio.loop.Runner;
import io.jasyncio.loop.SelectorEventLoop;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/** Runs each test method as the main task of a fresh loop; see {@link AioTest}. */
public final class AioExtension implements InvocationInterceptor, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AioExtension.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jasyncio-test-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static AioTest settings(ExtensionContext context) {
        AioTest a = context.getRequiredTestMethod().getAnnotation(AioTest.class);
        if (a == null) {
            a = context.getRequiredTestClass().getAnnotation(AioTest.class);
        }
        return a;
    }

    private static SelectorEventLoop loopFor(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent("loop", k -> {
            AioTest s = settings(context);
            boolean virtual = s == null || s.virtualTime();
            SelectorEventLoop loop = new SelectorEventLoop(virtual ? new VirtualClock() : Clock.REAL);
            loop.setDebug(s != null && s.debug());
            return loop;
        }, SelectorEventLoop.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        SelectorEventLoop loop = loopFor(context);
        AioTest s = settings(context);
        double limit = s == null ? 60 : s.timeoutSeconds();
        List<ExceptionContext> reports = new ArrayList<>();
        ExceptionHandler recorder = (l, c) -> {
            reports.add(c);
            l.defaultExceptionHandler(c);
        };
        loop.setExceptionHandler(recorder);
        Throwable failure = null;
        try (Runner runner = new Runner(null, () -> loop)) {
            EventLoops.setEventLoop(loop);
            Task<Void> task = loop.createTask(() -> {
                try {
                    invocation.proceed();
                } catch (Throwable e) {
                    throw Throwables.sneaky(e);
                }
                return null;
            }, context.getDisplayName());
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> loop.callSoonThreadsafe(
                    () -> task.cancel("test timed out after " + limit + " s of real time")),
                    Math.round(limit * 1000), TimeUnit.MILLISECONDS);
            try {
                loop.runUntilComplete(task);
            } finally {
                watchdog.cancel(false);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            EventLoops.setEventLoop(null);
        }
        if (failure != null) {
            throw failure;
        }
        if (loop.getExceptionHandler() == recorder && !reports.isEmpty()) {
            StringBuilder sb = new StringBuilder("the loop reported unhandled errors:");
            for (ExceptionContext c : reports) {
                sb.append("\n  ").append(c.message());
                if (c.exception() != null) {
                    sb.append(": ").append(c.exception());
                }
            }
            AssertionError error = new AssertionError(sb.toString());
            for (ExceptionContext c : reports) {
                if (c.exception() != null) {
                    error.addSuppressed(c.exception());
                }
            }
            throw error;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == SelectorEventLoop.class || type == VirtualClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SelectorEventLoop loop = loopFor(extensionContext);
        if (parameterContext.getParameter().getType() == VirtualClock.class) {
            if (!(loop.clock() instanceof VirtualClock clock)) {
                throw new IllegalStateException("this test runs on the real clock; use @AioTest(virtualTime = true)");
            }
            return clock;
        }
        return loop;
    }
}
