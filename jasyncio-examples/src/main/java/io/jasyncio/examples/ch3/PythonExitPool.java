package io.jasyncio.examples.ch3;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread pool whose threads keep the JVM alive until their jobs end, as Python's interpreter joins its
 * {@code ThreadPoolExecutor}'s threads at exit. (jasyncio's own default executor uses daemon threads,
 * since {@code Aio.run} waits for it.) The executor-shutdown programs use it so that a job that outlives
 * the loop still gets to print, as in the book.
 */
final class PythonExitPool {

    private PythonExitPool() {
    }

    static ExecutorService create() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "ThreadPoolExecutor-0_" + n.getAndIncrement()));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
