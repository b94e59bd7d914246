package io.jasyncio.loop;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.LiveTasks;
import io.jasyncio.internal.ContextMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The event loop: a ready queue of handles, a heap of timers, a {@link Selector} to wait on, and a
 * thread-safe inbox that wakes the selector (asyncio's {@code BaseEventLoop} and
 * {@code SelectorEventLoop}). One loop runs on one thread at a time.
 */
public class SelectorEventLoop implements EventLoop {

    private static final Logger DEFAULT_LOGGER = StderrLogger.INSTANCE;

    private final Clock clock;
    private final Selector selector;
    private final ArrayDeque<Ready> ready = new ArrayDeque<>();
    private Ready[] eagerBatch = new Ready[8];
    private final TimerHeap timers = new TimerHeap();
    private final ConcurrentLinkedQueue<Handle> inbox = new ConcurrentLinkedQueue<>();
    private final LiveTasks liveTasks = new LiveTasks();
    private volatile boolean polling;
    private volatile boolean closed;
    private volatile Thread thread;
    private boolean stopping;
    private int timerSequence;
    private long iterations;
    private Task<?> currentTask;
    private TaskFactory taskFactory;
    private ExceptionHandler exceptionHandler;
    private boolean debug = DebugMode.fromEnvironment();
    private long slowCallbackNanos = 100_000_000L;
    private Logger logger = DEFAULT_LOGGER;
    private ContextMap callbackMap;
    private io.jasyncio.Context callbackContext;
    private final LoopExecutors executors = new LoopExecutors(this);
    private final IoRegistry ioRegistry;

    /** A loop on the real clock. */
    public SelectorEventLoop() {
        this(Clock.REAL);
    }

    /** A loop on {@code clock}; a virtual clock makes a test loop. */
    public SelectorEventLoop(Clock clock) {
        this.clock = clock;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
        this.ioRegistry = new IoRegistry(this, selector);
    }

    // ---- running and stopping ------------------------------------------------------------------

    @Override
    public void runForever() {
        checkClosed();
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (EventLoops.runningOrNull() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
        thread = Thread.currentThread();
        EventLoops.setRunning(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            thread = null;
            EventLoops.setRunning(null);
        }
    }

    @Override
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkClosed();
        if (isRunning()) {
            throw new IllegalStateException("This event loop is already running");
        }
        Future<T> future = io.jasyncio.Aio.ensureFuture(awaitable, this);
        java.util.function.Consumer<Future<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    @Override
    public <T> T runUntilComplete(Coroutine<T> coroutine) {
        return runUntilComplete(createTask(coroutine));
    }

    @Override
    public void runUntilComplete(AsyncRunnable coroutine) {
        runUntilComplete(createTask(coroutine, null));
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        if (debug) {
            logger.log(Level.DEBUG, "Close " + this);
        }
        for (Task<?> task : liveTasks.snapshot()) {
            ExceptionContext context = ExceptionContext.of("Task was destroyed but it is pending!")
                    .with("task", task);
            StackTraceElement[] created = task.sourceTraceback();
            if (created != null) {
                context.with("source_traceback", created);
            }
            callExceptionHandler(context);
            task.discard();
        }
        liveTasks.clear();
        signals.removeAll();
        closed = true;
        java.util.concurrent.ExecutorService executor = executors.defaultExecutorOrNull();
        if (executor != null) {
            // As asyncio's close(): do not wait for the threads (run() has already waited for them).
            executor.shutdown();
        }
        ready.clear();
        inbox.clear();
        timers.clear();
        try {
            selector.close();
        } catch (IOException e) {
            logger.log(Level.WARNING, "error closing the selector", e);
        }
    }

    // ---- scheduling ----------------------------------------------------------------------------

    @Override
    public double time() {
        return clock.nanoTime() / 1e9;
    }

    /** The loop's clock in nanoseconds. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** The clock this loop runs on. */
    public Clock clock() {
        return clock;
    }

    @Override
    public Handle callSoon(Runnable callback) {
        checkClosed();
        checkThread("callSoon");
        Handle h = new Handle(this, callback);
        ready.addLast(h);
        return h;
    }

    /** Schedules {@code callback} to run in a copy of the context values {@code context}. */
    public Handle callSoon(Runnable callback, ContextMap context) {
        checkClosed();
        checkThread("callSoon");
        Handle h = new Handle(this, callback, context);
        ready.addLast(h);
        return h;
    }

    void enterCallback(ContextMap context) {
        callbackMap = context;
        callbackContext = null;
    }

    void leaveCallback() {
        callbackMap = null;
        callbackContext = null;
    }

    /** The context of the callback running now (made on first use), or {@code null} outside callbacks. */
    public io.jasyncio.Context callbackContext() {
        if (callbackMap == null) {
            return null;
        }
        io.jasyncio.Context c = callbackContext;
        if (c == null) {
            c = callbackContext = io.jasyncio.Context.copyOf(callbackMap);
        }
        return c;
    }

    /** The context values of the callback running now, or {@code null} outside callbacks. */
    public ContextMap callbackContextMap() {
        io.jasyncio.Context c = callbackContext;
        return c != null ? io.jasyncio.Context.mapOf(c) : callbackMap;
    }

    /** Appends an item to the ready queue (jasyncio's own fast path: a task's next step). */
    public void scheduleReady(Ready item) {
        ready.addLast(item);
    }

    /** Schedules a timer made by a subclass of {@link TimerHandle} (jasyncio's own use). */
    public void scheduleTimer(TimerHandle timer) {
        timer.sequence = timerSequence++;
        timers.add(timer);
    }

    @Override
    public TimerHandle callLater(double delay, Runnable callback) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("delay is NaN");
        }
        return callAtNanos(clock.nanoTime() + secondsToNanos(delay), callback);
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when is NaN");
        }
        return callAtNanos(secondsToNanos(when), callback);
    }

    /** Schedules {@code callback} at {@code whenNanos} on the loop's clock. */
    public TimerHandle callAtNanos(long whenNanos, Runnable callback) {
        checkClosed();
        checkThread("callAt");
        TimerHandle t = new TimerHandle(this, whenNanos, callback);
        scheduleTimer(t);
        return t;
    }

    static long secondsToNanos(double seconds) {
        double n = seconds * 1e9;
        if (n >= Long.MAX_VALUE / 2.0) {
            return Long.MAX_VALUE / 2;
        }
        if (n <= Long.MIN_VALUE / 2.0) {
            return Long.MIN_VALUE / 2;
        }
        return Math.round(n);
    }

    void timerCancelled(TimerHandle timer) {
        timers.remove(timer);
    }

    /** How many timers are scheduled (cancelled ones are removed at once). */
    public int scheduledTimerCount() {
        return timers.size();
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        checkClosed();
        Handle h = new Handle(this, callback);
        inbox.add(h);
        if (polling) {
            selector.wakeup();
        }
        return h;
    }

    // ---- futures and tasks ---------------------------------------------------------------------

    @Override
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        checkClosed();
        TaskFactory factory = taskFactory;
        if (factory != null) {
            return factory.create(this, coroutine, name);
        }
        return new Task<>(coroutine, this, name);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    @Override
    public Task<Void> createTask(AsyncRunnable coroutine) {
        return createTask(coroutine, null);
    }

    @Override
    public Task<Void> createTask(AsyncRunnable coroutine, String name) {
        checkClosed();
        if (taskFactory != null) {
            return taskFactory.create(this, coroutine.asCoroutine(), name);
        }
        return Task.of(coroutine, this, name, false);
    }

    @Override
    public void setTaskFactory(TaskFactory factory) {
        this.taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    @Override
    public Task<?> currentTask() {
        return currentTask;
    }

    /** Makes {@code task} the current task and returns the previous one (jasyncio's own use). */
    public Task<?> swapCurrentTask(Task<?> task) {
        Task<?> previous = currentTask;
        currentTask = task;
        return previous;
    }

    @Override
    public Set<Task<?>> allTasks() {
        return liveTasks.snapshot();
    }

    /** The registry of this loop's unfinished tasks (jasyncio's own use). */
    public LiveTasks liveTasks() {
        return liveTasks;
    }

    // ---- I/O readiness ---------------------------------------------------------------------------

    /**
     * Calls {@code callback} whenever {@code channel} is readable (or, for a server channel, has a
     * connection to accept), replacing any previous reader (asyncio {@code add_reader}). Puts the
     * channel in non-blocking mode.
     */
    public Handle addReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
        checkClosed();
        checkThread("addReader");
        return ioRegistry.addReader(channel, callback);
    }

    /** Stops watching {@code channel} for reading; {@code false} if it had no reader (asyncio {@code remove_reader}). */
    public boolean removeReader(java.nio.channels.SelectableChannel channel) {
        checkThread("removeReader");
        return !closed && ioRegistry.removeReader(channel);
    }

    /**
     * Calls {@code callback} whenever {@code channel} is writable (or its pending connection can be
     * finished), replacing any previous writer (asyncio {@code add_writer}).
     */
    public Handle addWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
        checkClosed();
        checkThread("addWriter");
        return ioRegistry.addWriter(channel, callback);
    }

    /** Stops watching {@code channel} for writing; {@code false} if it had no writer (asyncio {@code remove_writer}). */
    public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
        checkThread("removeWriter");
        return !closed && ioRegistry.removeWriter(channel);
    }

    /** Reads into {@code buffer} once data is there; returns the count, -1 at end of stream (asyncio {@code sock_recv_into}). */
    public int sockRecvInto(java.nio.channels.SocketChannel channel, java.nio.ByteBuffer buffer) throws IOException {
        return SocketOps.recvInto(this, channel, buffer);
    }

    /** Reads up to {@code max} bytes once data is there; empty at end of stream (asyncio {@code sock_recv}). */
    public byte[] sockRecv(java.nio.channels.SocketChannel channel, int max) throws IOException {
        return SocketOps.recv(this, channel, max);
    }

    /** Writes all of {@code data}, suspending while the socket's buffer is full (asyncio {@code sock_sendall}). */
    public void sockSendall(java.nio.channels.SocketChannel channel, java.nio.ByteBuffer data) throws IOException {
        SocketOps.sendAll(this, channel, data);
    }

    /** Connects {@code channel} to {@code address}, suspending until done (asyncio {@code sock_connect}). */
    public void sockConnect(java.nio.channels.SocketChannel channel, java.net.SocketAddress address) throws IOException {
        SocketOps.connect(this, channel, address);
    }

    /** Accepts a connection, suspending until one arrives (asyncio {@code sock_accept}). */
    public java.nio.channels.SocketChannel sockAccept(java.nio.channels.ServerSocketChannel server) throws IOException {
        return SocketOps.accept(this, server);
    }

    /** A datagram and who sent it, from {@link #sockRecvfrom}. */
    public record Datagram(byte[] data, java.net.SocketAddress address) {
    }

    /** How many bytes a datagram put into the caller's buffer and who sent it, from {@link #sockRecvfromInto}. */
    public record Received(int nbytes, java.net.SocketAddress address) {
    }

    /**
     * Receives one datagram of up to {@code max} bytes (the rest of a longer one is dropped), suspending
     * until one arrives (asyncio {@code sock_recvfrom}).
     */
    public Datagram sockRecvfrom(java.nio.channels.DatagramChannel channel, int max) throws IOException {
        return SocketOps.recvfrom(this, channel, max);
    }

    /**
     * Receives one datagram into {@code buffer} (what does not fit is dropped), suspending until one
     * arrives (asyncio {@code sock_recvfrom_into}).
     */
    public Received sockRecvfromInto(java.nio.channels.DatagramChannel channel, java.nio.ByteBuffer buffer)
            throws IOException {
        return SocketOps.recvfromInto(this, channel, buffer);
    }

    /**
     * Sends the remaining bytes of {@code data} as one datagram to {@code address}, suspending while the
     * socket has no room; returns the bytes sent (asyncio {@code sock_sendto}).
     */
    public int sockSendto(java.nio.channels.DatagramChannel channel, java.nio.ByteBuffer data,
                          java.net.SocketAddress address) throws IOException {
        return SocketOps.sendto(this, channel, data, address);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count <= 0}: to its end) over
     * {@code channel} with the kernel's {@code sendfile}, suspending while the socket is full; returns the
     * bytes sent and leaves the file's position after them (asyncio {@code sock_sendfile}).
     */
    public long sockSendfile(java.nio.channels.SocketChannel channel, java.nio.channels.FileChannel file,
                             long offset, long count) throws IOException {
        return SocketOps.sendfile(this, channel, file, offset, count);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count <= 0}: to its end) over
     * {@code transport} (asyncio {@code loop.sendfile}): by the kernel on a TCP or Unix transport, in
     * chunks with flow control on any other; returns the bytes sent, suspending until done. See
     * {@link io.jasyncio.net.Sendfile}.
     */
    public long sendfile(io.jasyncio.net.Transport transport, java.nio.channels.FileChannel file, long offset,
                         long count) throws IOException {
        return io.jasyncio.net.Sendfile.sendfile(this, transport, file, offset, count, true);
    }

    /** {@link #sendfile(io.jasyncio.net.Transport, java.nio.channels.FileChannel, long, long)}; without
     * {@code fallback}, a transport that cannot send files natively raises {@link UnsupportedOperationException}. */
    public long sendfile(io.jasyncio.net.Transport transport, java.nio.channels.FileChannel file, long offset,
                         long count, boolean fallback) throws IOException {
        return io.jasyncio.net.Sendfile.sendfile(this, transport, file, offset, count, fallback);
    }

    /** Resolves {@code host} on the default executor, suspending meanwhile (asyncio {@code getaddrinfo}). */
    public java.util.List<java.net.InetSocketAddress> getaddrinfo(String host, int port) {
        return SocketOps.getaddrinfo(this, host, port);
    }

    /** The host name of {@code address}, looked up on the default executor (asyncio {@code getnameinfo}). */
    public String getnameinfo(java.net.InetSocketAddress address) {
        return SocketOps.getnameinfo(this, address);
    }

    // ---- signals -------------------------------------------------------------------------------

    private final Signals signals = new Signals(this);

    /**
     * Runs {@code callback} on this loop's thread when the process receives {@code signal}
     * (asyncio {@code add_signal_handler}); replaces any handler this loop set for it before.
     */
    public void addSignalHandler(SignalName signal, Runnable callback) {
        checkClosed();
        signals.add(signal, callback);
    }

    /** Whether this loop has a handler for {@code signal}. */
    public boolean hasSignalHandler(SignalName signal) {
        return signals.has(signal);
    }

    /** Restores the signal's previous handling; {@code false} if this loop had no handler for it. */
    public boolean removeSignalHandler(SignalName signal) {
        return signals.remove(signal);
    }

    /** The selector this loop waits on (for integrations that need it, such as ZeroMQ's file descriptors). */
    public Selector selector() {
        return selector;
    }

    // ---- async generators ----------------------------------------------------------------------

    private final java.util.Set<io.jasyncio.AsyncGenerator<?>> asyncgens =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private boolean asyncgensShutdownCalled;

    /** Records a generator that started on this loop, so that shutdown can close it (jasyncio's own use). */
    public void registerAsyncgen(io.jasyncio.AsyncGenerator<?> generator) {
        if (!asyncgensShutdownCalled) {
            asyncgens.add(generator);
        }
    }

    /** Forgets a generator that has finished (jasyncio's own use). */
    public void unregisterAsyncgen(io.jasyncio.AsyncGenerator<?> generator) {
        asyncgens.remove(generator);
    }

    @Override
    public Future<Void> shutdownAsyncgens() {
        asyncgensShutdownCalled = true;
        java.util.List<io.jasyncio.AsyncGenerator<?>> open = new java.util.ArrayList<>(asyncgens);
        asyncgens.clear();
        if (open.isEmpty()) {
            Future<Void> done = createFuture();
            done.setResult(null);
            return done;
        }
        return createTask(() -> {
            java.util.List<Coroutine<Void>> closers = new java.util.ArrayList<>();
            for (io.jasyncio.AsyncGenerator<?> g : open) {
                closers.add(() -> {
                    g.aclose();
                    return null;
                });
            }
            java.util.List<Object> results = io.jasyncio.Aio.await(io.jasyncio.Aio.gather(true, closers));
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof Throwable error) {
                    callExceptionHandler(ExceptionContext.of(
                            "an error occurred during closing of asynchronous generator " + open.get(i), error)
                            .with("asyncgen", open.get(i)));
                }
            }
            return null;
        }, "shutdown_asyncgens");
    }

    // ---- executors -------------------------------------------------------------------------------

    @Override
    public <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> fn) {
        checkClosed();
        checkThread("runInExecutor");
        return executors.run(executor, fn);
    }

    @Override
    public void setDefaultExecutor(java.util.concurrent.ExecutorService executor) {
        executors.setDefault(executor);
    }

    @Override
    public Future<Void> shutdownDefaultExecutor() {
        return shutdownDefaultExecutor(300);
    }

    @Override
    public Future<Void> shutdownDefaultExecutor(double timeoutSeconds) {
        checkClosed();
        return executors.shutdownDefault(timeoutSeconds);
    }

    // ---- errors and debug ----------------------------------------------------------------------

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        logger.log(Level.ERROR, ExceptionReports.format(context), context.exception());
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            try {
                defaultExceptionHandler(context);
            } catch (RuntimeException e) {
                System.err.println("jasyncio: exception in the default exception handler: " + e);
            }
            return;
        }
        try {
            handler.handle(this, context);
        } catch (RuntimeException e) {
            try {
                defaultExceptionHandler(ExceptionContext.of("Unhandled error in exception handler", e)
                        .with("context", context));
            } catch (RuntimeException e2) {
                System.err.println("jasyncio: exception in the default exception handler: " + e2);
            }
        }
    }

    @Override
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public double getSlowCallbackDuration() {
        return slowCallbackNanos / 1e9;
    }

    @Override
    public void setSlowCallbackDuration(double seconds) {
        this.slowCallbackNanos = secondsToNanos(seconds);
    }

    /**
     * Where this loop logs debug reports and unhandled errors (default: {@code System.err}, in
     * asyncio's format); pass {@code System.getLogger("io.jasyncio")} to use the platform's logging.
     */
    public void setLogger(Logger logger) {
        this.logger = logger == null ? DEFAULT_LOGGER : logger;
    }

    /** The logger this loop reports to. */
    public Logger logger() {
        return logger;
    }

    /** Whether the calling code runs on this loop (its thread, or one of its tasks). */
    public boolean inLoop() {
        return onLoopThread() || EventLoops.runningOrNull() == this;
    }

    /**
     * Whether the calling thread is the one running this loop: true in its callbacks and, on the
     * continuation back end, in its tasks (on the thread back end a task has a thread of its own). A field
     * comparison, cheaper than the {@code ThreadLocal} behind {@link EventLoops#runningOrNull()}.
     */
    public boolean onLoopThread() {
        return thread == Thread.currentThread();
    }

    private void checkThread(String method) {
        if (debug && thread != null && !inLoop()) {
            throw new IllegalStateException("Non-thread-safe operation " + method
                    + " invoked on an event loop other than the current one");
        }
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    // ---- one iteration -------------------------------------------------------------------------

    /**
     * How many iterations the loop has begun (each one polls for I/O, then runs the callbacks that were
     * ready). Not in asyncio: transports use it to send the first write of an iteration at once and
     * gather the later ones into one system call (see {@code SocketTransport}).
     */
    public long iterations() {
        return iterations;
    }

    private void runOnce() {
        iterations++;
        drainInbox();
        long timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            timeout = Math.max(0, timers.peek().whenNanos - clock.nanoTime());
        } else {
            timeout = -1;
        }
        int ioFirst = ready.size();
        int ioEnd = ioFirst;
        if (timeout != 0 || ioRegistry.hasInterest()) {
            ioEnd = poll(timeout);
        }
        long now = clock.nanoTime();
        TimerHandle t;
        while ((t = timers.peek()) != null && t.whenNanos <= now) {
            timers.poll();
            ready.addLast(t);
        }
        int n = ready.size();
        for (int i = 0; i < n; i++) {
            Ready item = ready.pollFirst();
            if (i < ioFirst || i >= ioEnd) {
                run(item);
                continue;
            }
            int before = ready.size();
            run(item);
            int scheduled = ready.size() - before;
            if (scheduled > 0) {
                runScheduledBy(scheduled);
            }
        }
    }

    /**
     * Runs, in the order they were scheduled, the last {@code count} items of the ready queue: what one
     * I/O callback scheduled (a task its read woke, a protocol's {@code callSoon}). Running them right after
     * that callback, before the next ready channel's, keeps a message in the cache between its read and
     * the task that handles it (as Tokio's LIFO slot does); they never run before the callback that
     * scheduled them, and what they schedule in turn waits for the next iteration.
     */
    private void runScheduledBy(int count) {
        Ready[] batch = eagerBatch.length >= count ? eagerBatch : (eagerBatch = new Ready[Math.max(count, 2 * eagerBatch.length)]);
        for (int j = count - 1; j >= 0; j--) {
            batch[j] = ready.pollLast();
        }
        int j = 0;
        try {
            for (; j < count; j++) {
                Ready item = batch[j];
                batch[j] = null;
                run(item);
            }
        } finally {
            // Only a VirtualMachineError escapes a callback: what had not run yet stays queued.
            for (j++; j < count; j++) {
                ready.addLast(batch[j]);
                batch[j] = null;
            }
        }
    }

    private void run(Ready item) {
        if (debug) {
            runTimed(item);
        } else {
            item.runReady();
        }
    }

    private void runTimed(Ready item) {
        if (item instanceof Handle h && h.cancelled()) {
            return;
        }
        long t0 = System.nanoTime();
        item.runReady();
        long dt = System.nanoTime() - t0;
        if (dt >= slowCallbackNanos) {
            DebugMode.reportSlow(this, item, dt);
        }
    }

    private void drainInbox() {
        Handle h;
        while ((h = inbox.poll()) != null) {
            ready.addLast(h);
        }
    }

    /**
     * Waits up to {@code timeoutNanos} (-1: no limit) for I/O or a thread-safe callback; returns the
     * size the ready queue had after the ready channels' callbacks were queued (before the inbox's).
     */
    private int poll(long timeoutNanos) {
        try {
            if (clock.isVirtual() && timeoutNanos != 0) {
                pollVirtual(timeoutNanos);
            } else {
                select(timeoutNanos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        }
        int ioEnd = ready.size();
        drainInbox();
        return ioEnd;
    }

    private void pollVirtual(long timeoutNanos) throws IOException {
        // trio's autojump: wait up to the threshold in real time for other threads or I/O, whatever the
        // virtual distance to the next timer; jump only if nothing came.
        long threshold = clock.autojumpThresholdNanos();
        int selected = select(timeoutNanos < 0 && threshold == 0 ? -1 : threshold);
        if (selected == 0 && inbox.isEmpty() && timeoutNanos > 0 && !timers.isEmpty()) {
            clock.advanceTo(timers.peek().whenNanos);
        }
    }

    /** Waits on the selector; returns the number of channels found ready. */
    private int select(long timeoutNanos) throws IOException {
        // select(Consumer) hands each ready key straight to the registry: no selected-key set to walk.
        java.util.function.Consumer<java.nio.channels.SelectionKey> dispatch = ioRegistry.dispatcher(ready);
        if (timeoutNanos == 0) {
            return selector.selectNow(dispatch);
        }
        polling = true;
        try {
            if (!inbox.isEmpty()) {
                return selector.selectNow(dispatch);
            } else if (timeoutNanos < 0) {
                return selector.select(dispatch);
            } else {
                // Round up so that the loop does not wake just before the timer and spin.
                long millis = (timeoutNanos + 999_999) / 1_000_000;
                return selector.select(dispatch, Math.max(1, millis));
            }
        } finally {
            polling = false;
        }
    }

    @Override
    public String toString() {
        return "<SelectorEventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }

    // ---- networking (io.jasyncio.net.Connections) ----------------------------------------------

    @Override
    public <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> createConnection(
            java.util.function.Supplier<? extends P> factory, String host, int port) throws IOException {
        return io.jasyncio.net.Connections.createConnection(this, factory, host, port);
    }

    /** {@link #createConnection(java.util.function.Supplier, String, int)} bound to {@code localAddress} first. */
    public <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> createConnection(
            java.util.function.Supplier<? extends P> factory, String host, int port,
            java.net.InetSocketAddress localAddress) throws IOException {
        return io.jasyncio.net.Connections.createConnection(this, factory, host, port, localAddress);
    }

    /** Wraps a connected socket in a transport (asyncio {@code create_connection(sock=...)}); suspends until {@code connectionMade} ran. */
    public <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> createConnection(
            java.util.function.Supplier<? extends P> factory, java.nio.channels.SocketChannel socket) {
        return io.jasyncio.net.Connections.createConnection(this, factory, socket);
    }

    /**
     * Wraps a connection accepted outside the loop, for instance by {@link #sockAccept} (asyncio
     * {@code connect_accepted_socket}): the transport and protocol, once {@code connectionMade} ran.
     * Suspends until then; cancellable (the transport is closed).
     */
    public <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> connectAcceptedSocket(
            java.util.function.Supplier<? extends P> factory, java.nio.channels.SocketChannel socket) {
        return io.jasyncio.net.Connections.createConnection(this, factory, socket);
    }

    @Override
    public io.jasyncio.net.Server createServer(java.util.function.Supplier<? extends io.jasyncio.net.ConnectionProtocol> factory,
                                               String host, int port) throws IOException {
        return io.jasyncio.net.Connections.createServer(this, factory, host, port);
    }

    @Override
    public io.jasyncio.net.Server createServer(java.util.function.Supplier<? extends io.jasyncio.net.ConnectionProtocol> factory,
                                               String host, int port, int backlog, boolean reusePort) throws IOException {
        return io.jasyncio.net.Connections.createServer(this, factory, host, port, backlog, reusePort, true);
    }

    @Override
    public <P extends io.jasyncio.net.ConnectionProtocol> io.jasyncio.net.Connection<P> createUnixConnection(
            java.util.function.Supplier<? extends P> factory, java.nio.file.Path path) throws IOException {
        return io.jasyncio.net.Connections.createUnixConnection(this, factory, path);
    }

    @Override
    public io.jasyncio.net.Server createUnixServer(java.util.function.Supplier<? extends io.jasyncio.net.ConnectionProtocol> factory,
                                                   java.nio.file.Path path) throws IOException {
        return io.jasyncio.net.Connections.createUnixServer(this, factory, path);
    }

    @Override
    public <P extends io.jasyncio.net.DatagramProtocol> io.jasyncio.net.DatagramEndpoint<P> createDatagramEndpoint(
            java.util.function.Supplier<? extends P> factory, java.net.SocketAddress local, java.net.SocketAddress remote)
            throws IOException {
        return io.jasyncio.net.Connections.createDatagramEndpoint(this, factory, local, remote);
    }

    @Override
    public <P extends io.jasyncio.net.ReadPipeProtocol> io.jasyncio.net.ReadPipeConnection<P> connectReadPipe(
            java.util.function.Supplier<? extends P> factory, java.io.InputStream pipe) {
        return io.jasyncio.process.Pipes.connectReadPipe(this, factory, pipe);
    }

    @Override
    public <P extends io.jasyncio.net.WritePipeProtocol> io.jasyncio.net.WritePipeConnection<P> connectWritePipe(
            java.util.function.Supplier<? extends P> factory, java.io.OutputStream pipe) {
        return io.jasyncio.process.Pipes.connectWritePipe(this, factory, pipe);
    }

    // ---- subprocesses ----------------------------------------------------------------------------

    /**
     * Runs {@code args} (the program, then its arguments) with a protocol from {@code protocolFactory}
     * (asyncio {@code loop.subprocess_exec}); see
     * {@link io.jasyncio.process.Subprocesses#createSubprocessExec(SelectorEventLoop, java.util.function.Supplier,
     * java.util.List, io.jasyncio.process.Redirect, io.jasyncio.process.Redirect, io.jasyncio.process.Redirect,
     * java.nio.file.Path, java.util.Map)}. Call it in a task on this loop: it suspends until the protocol is
     * connected; cancelling the task kills the child.
     */
    @Override
    public <P extends io.jasyncio.process.SubprocessProtocol> io.jasyncio.process.SubprocessPair<P> subprocessExec(
            java.util.function.Supplier<? extends P> protocolFactory, java.util.List<String> args,
            io.jasyncio.process.Redirect stdin, io.jasyncio.process.Redirect stdout, io.jasyncio.process.Redirect stderr,
            java.nio.file.Path cwd, java.util.Map<String, String> env) throws IOException {
        return io.jasyncio.process.Subprocesses.createSubprocessExec(this, protocolFactory, args, stdin, stdout,
                stderr, cwd, env);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c} and a protocol from {@code protocolFactory} (asyncio
     * {@code loop.subprocess_shell}); suspends and reacts to cancellation as
     * {@link #subprocessExec(java.util.function.Supplier, java.util.List, io.jasyncio.process.Redirect,
     * io.jasyncio.process.Redirect, io.jasyncio.process.Redirect, java.nio.file.Path, java.util.Map)}.
     */
    @Override
    public <P extends io.jasyncio.process.SubprocessProtocol> io.jasyncio.process.SubprocessPair<P> subprocessShell(
            java.util.function.Supplier<? extends P> protocolFactory, String cmd,
            io.jasyncio.process.Redirect stdin, io.jasyncio.process.Redirect stdout, io.jasyncio.process.Redirect stderr,
            java.nio.file.Path cwd, java.util.Map<String, String> env) throws IOException {
        return io.jasyncio.process.Subprocesses.createSubprocessShell(this, protocolFactory, cmd, stdin, stdout,
                stderr, cwd, env);
    }
}
