package io.jasyncio.examples;

import io.jasyncio.examples.appb.CutleryTasks;
import io.jasyncio.examples.blog.ComputePi;
import io.jasyncio.examples.blog.ProducerConsumer;
import io.jasyncio.examples.blog.Say;
import io.jasyncio.examples.blog.SayTwo;
import io.jasyncio.examples.ch2.CutleryThreads;
import io.jasyncio.examples.ch3.AllTasksComplete;
import io.jasyncio.examples.ch3.AsyncComprehensionAwait;
import io.jasyncio.examples.ch3.AsyncComprehensions;
import io.jasyncio.examples.ch3.AsyncConnection;
import io.jasyncio.examples.ch3.CancelAbsorbed;
import io.jasyncio.examples.ch3.CancelCaught;
import io.jasyncio.examples.ch3.CoroutineResult;
import io.jasyncio.examples.ch3.CoroutineThrow;
import io.jasyncio.examples.ch3.CreateTasks;
import io.jasyncio.examples.ch3.EnsureFuture;
import io.jasyncio.examples.ch3.ExecutorOptionA;
import io.jasyncio.examples.ch3.ExecutorOptionB;
import io.jasyncio.examples.ch3.ExecutorOptionC;
import io.jasyncio.examples.ch3.ExecutorRunWaits;
import io.jasyncio.examples.ch3.ExecutorTooLong;
import io.jasyncio.examples.ch3.FutureResult;
import io.jasyncio.examples.ch3.Quickstart;
import io.jasyncio.examples.ch3.QuickstartExe;
import io.jasyncio.examples.ch3.QuickstartLoop;
import io.jasyncio.examples.ch3.RedisAsyncGenerator;
import io.jasyncio.examples.ch3.RedisAsyncIterator;
import io.jasyncio.examples.ch3.RunUntilComplete;
import io.jasyncio.examples.ch3.SameLoop;
import io.jasyncio.examples.ch3.ShellSignal01;
import io.jasyncio.examples.ch3.ShellSignal02;
import io.jasyncio.examples.ch3.ShellSignal02b;
import io.jasyncio.examples.ch3.SyncIterator;
import io.jasyncio.examples.ch3.TaskSetResult;
import io.jasyncio.examples.ch3.TaskWarning;
import io.jasyncio.examples.ch3.TelnetDemo;
import io.jasyncio.examples.ch3.TelnetDemoEvent;
import io.jasyncio.examples.ch3.WebPageAsync;
import io.jasyncio.examples.ch3.WebPageBlocking;
import io.jasyncio.examples.ch3.WebPageExecutor;
import io.jasyncio.examples.notes.Mayhem;
import io.jasyncio.examples.mq.MqListen;
import io.jasyncio.examples.mq.MqSend;
import io.jasyncio.examples.mq.MqServer;
import io.jasyncio.examples.mq.MqServerPlus;
import io.jasyncio.examples.notes.Periodic;
import io.jasyncio.examples.slides.LongRunning;
import io.jasyncio.examples.slides.Hello;
import io.jasyncio.examples.slides.RunCmd;
import io.jasyncio.examples.slides.Scheduling;
import io.jasyncio.examples.slides.ThreadPerLoop;
import io.jasyncio.examples.slides.TwoFutures;
import io.jasyncio.examples.slides.Yelleding;
import java.util.List;
import java.util.Optional;

/**
 * The registry of the programs {@code ./aio} can run, in the order {@code ./aio list} shows them. A new
 * program is one more line here. "Ex." numbers are the book's ("Using Asyncio in Python").
 */
public final class Programs {

    private static final List<Program> ALL = List.of(
            // Chapter 3: quickstart
            new Program("quickstart", "Ex. 3-1", "Hello!, a one-second sleep, Goodbye! with Aio.run", Quickstart.class),
            new Program("quickstart-loop", "Ex. 3-2", "the Hello-ish World: the loop's life cycle by hand", QuickstartLoop.class),
            new Program("quickstart-exe", "Ex. 3-3", "a blocking function on the default executor while main() sleeps", QuickstartExe.class),
            // Chapter 3: coroutine internals
            new Program("coroutine-result", "Ex. 3-6, 3-7", "a coroutine's return value, from its task and from await", CoroutineResult.class),
            new Program("coroutine-throw", "Ex. 3-8", "an exception raised inside a coroutine at its await point", CoroutineThrow.class),
            new Program("cancel-caught", "Ex. 3-9", "cancellation caught inside a coroutine: I was cancelled!", CancelCaught.class),
            new Program("cancel-absorbed", "Ex. 3-10", "cancellation absorbed (don't do this): Nope!", CancelAbsorbed.class),
            new Program("run-until-complete", "Ex. 3-11", "the loop drives a coroutine to its result: 111", RunUntilComplete.class),
            // Chapter 3: loop, futures, tasks
            new Program("same-loop", "Ex. 3-12", "getEventLoop() gives the same loop each time", SameLoop.class),
            new Program("create-tasks", "Ex. 3-13, 3-14", "a coroutine launches tasks and returns before they finish", CreateTasks.class),
            new Program("future-result", "Ex. 3-15, 3-16", "a bare Future completed by a task with setResult", FutureResult.class),
            new Program("task-set-result", "Ex. 3-17", "Task.setResult is refused; cancel is allowed", TaskSetResult.class),
            new Program("ensure-future", "Ex. 3-18", "ensureFuture: a new task for a coroutine, the same object for a task", EnsureFuture.class),
            // Chapter 3: async context managers
            new Program("async-connection", "Ex. 3-20", "a class-based async context manager: connect on enter, close on exit (stand-in connection)", AsyncConnection.class),
            new Program("web-page-blocking", "Ex. 3-21", "a blocking context manager pauses the whole loop (stand-in download)", WebPageBlocking.class),
            new Program("web-page-async", "Ex. 3-22", "asyncContextManager: the download suspends, other tasks run (stand-in download)", WebPageAsync.class),
            new Program("web-page-executor", "Ex. 3-23", "asyncContextManager with the blocking calls on the executor (stand-in download)", WebPageExecutor.class),
            // Chapter 3: async iterators and generators
            new Program("sync-iterator", "Ex. 3-24", "a traditional iterator: __iter__ and __next__ as iterator(), hasNext(), next()", SyncIterator.class),
            new Program("redis-async-iterator", "Ex. 3-25", "OneAtATime: an async iterator fetching Redis values on demand [--prefix P]", RedisAsyncIterator.class),
            new Program("redis-async-generator", "Ex. 3-26", "one_at_a_time: the same as an async generator [--prefix P]", RedisAsyncGenerator.class),
            // Chapter 3: async comprehensions
            new Program("async-comprehensions", "Ex. 3-27", "list, dict and set comprehensions over an async generator", AsyncComprehensions.class),
            new Program("async-comprehension-await", "Ex. 3-28", "an async comprehension that awaits: results =  [100, 101, 102]", AsyncComprehensionAwait.class),
            // Chapter 3: shutdown
            new Program("telnetdemo", "Ex. 3-30", "an echo server in capitals; Ctrl-C: Connection dropped!, Bye! [--host H --port P]", TelnetDemo.class),
            new Program("telnetdemo-event", "Ex. 3-31", "a task created in a cancellation handler is left pending at shutdown", TelnetDemoEvent.class),
            new Program("taskwarning", "Ex. 3-29", "closing the loop with a task pending: Task was destroyed but it is pending!", TaskWarning.class),
            new Program("alltaskscomplete", "Ex. 3-32", "gather with returnExceptions: every task completes, one with / by zero", AllTasksComplete.class),
            // Chapter 3: signals
            new Program("shell-signal01", "Ex. 3-33", "runs until Ctrl-C: Got signal: SIGINT, shutting down.", ShellSignal01.class),
            new Program("shell-signal02", "Ex. 3-34", "SIGINT or SIGTERM stop the loop once; main() cleans up for 3 s", ShellSignal02.class),
            new Program("shell-signal02b", "Ex. 3-35", "the same under Aio.run: the handler cancels the tasks", ShellSignal02b.class),
            // Chapter 3: waiting for the executor during shutdown
            new Program("executor-too-long", "Ex. 3-36", "Python 3.8's run() closes the loop before the executor job ends: Event loop is closed", ExecutorTooLong.class),
            new Program("executor-run-waits", "Ex. 3-36", "the same code under Aio.run, which waits for the executor: no error", ExecutorRunWaits.class),
            new Program("executor-option-a", "Ex. 3-37", "Option A: await the executor future in a finally", ExecutorOptionA.class),
            new Program("executor-option-b", "Ex. 3-38", "Option B: wrap the executor future in a task that outlives cancellation", ExecutorOptionB.class),
            new Program("executor-option-c", "Ex. 3-39", "Option C: your own loop and executor, shut down by hand", ExecutorOptionC.class),
            // Chapter 4
            new Program("mq-server", "Ex. 4-2", "the prototype message broker: /queue round-robin, /topic fan-out [--host --port]", MqServer.class),
            new Program("mq-listen", "Ex. 4-3", "a message-queue listener: prints what its channel receives [--listen /topic/foo]", MqListen.class),
            new Program("mq-send", "Ex. 4-4", "a message-queue sender: Msg i every --interval seconds [--channel --size]", MqSend.class),
            new Program("mq-server-plus", "Ex. 4-9", "the improved broker: bounded per-subscriber queues, slow subscribers lose messages", MqServerPlus.class),
            new Program("janus-demo", "Ex. 4-12", "a thread feeds a coroutine through a Janus queue", JanusDemo.class),
            // The cutlery race: chapter 2 with threads, appendix B with tasks
            new Program("cutlery-threads", "Ex. 2-2, 2-3", "ten ThreadBots race on the kitchen's cutlery and lose updates [tables]", CutleryThreads.class),
            new Program("cutlery-tasks", "Ex. B-1", "ten CoroBots on one loop serve the tables; the cutlery always balances [tables]", CutleryTasks.class),
            // Slides (seed 002)
            new Program("hello", "slides", "the basic hello: runUntilComplete of a coroutine that prints hi", Hello.class),
            new Program("two-futures", "slides", "two coroutines scheduled with ensureFuture: hi 2, then hi 1", TwoFutures.class),
            new Program("long-running", "slides", "a task that runs forever, cancelled after 10 seconds [--seed N]", LongRunning.class),
            new Program("thread-per-loop", "slides", "five threads, each running its own event loop", ThreadPerLoop.class),
            new Program("yelleding", "slides", "an async generator and its async for take turns: Before yelleding 0, Yay, I've been yelleded 0", Yelleding.class),
            new Program("scheduling", "slides", "callLater and callAt: Hello, Hello timed", Scheduling.class),
            new Program("run-cmd", "slides", "two commands at once with createSubprocessExec and communicate", RunCmd.class),
            // Beyond the book
            new Program("pipe-upper", "connect_read_pipe", "standard input to standard output in upper case, through pipe streams", PipeUpper.class),
            // Notes (seed 003)
            new Program("periodic", "notes", "a periodic job cancelled by callLater after 5 seconds", Periodic.class),
            new Program("mayhem", "notes", "a queue service that shuts down gracefully on SIGHUP, SIGTERM, SIGINT [--seed N]", Mayhem.class),
            // Blog (seed 004)
            new Program("producer-consumer", "blog", "two producers and a consumer share an asyncio queue [--seed N] [--color]", ProducerConsumer.class),
            new Program("compute-pi", "blog", "force_async: pi to 800 decimals in a thread while two tasks greet", ComputePi.class),
            new Program("say", "blog", "say('hello world', 1) with runUntilComplete", Say.class),
            new Program("say-two", "blog", "two say tasks and runForever: second hello, first hello (Ctrl-C to quit)", SayTwo.class));

    private Programs() {
    }

    /** Every registered program, in listing order. */
    public static List<Program> all() {
        return ALL;
    }

    /** The program registered under {@code name}, if any. */
    public static Optional<Program> find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
