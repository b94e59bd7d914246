package io.jasyncio.examples.blog;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * The blog's "Making non-async functions async" (seed 004 lines 178-239): {@code force_async} turns a
 * plain function into one that runs on a thread pool and returns an awaitable ({@code pool.submit}
 * then {@code asyncio.wrap_future}, here {@link Aio#wrapFuture}); {@code compute_pi(800)}, made so,
 * computes π to 800 decimals in a thread while two other tasks greet, on a loop that is never blocked.
 *
 * <p>Output (the blog shows none; this is what the code prints):
 * <pre>
 * Now, compute_pi will be executed
 * Another function gets calleeeeeeed
 * Another function gets called
 * 3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798...
 * </pre>
 * (the last line is π with 800 decimals, on one line).
 *
 * <p>Deviation, following the blog's stated intent ("The following function will compute PI"): the
 * blog's loop is Chudnovsky's series with three slips (it never adds 12 to {@code K}, divides by
 * {@code (i + 1) ** 3} instead of {@code i ** 3}, and keeps {@code M} in a float), so its result is π only
 * to 13 decimals ({@code 3.14159265358974158...}). {@link #computePi} is the series done right, in
 * {@link BigDecimal} with exact {@link BigInteger} terms and ten guard digits, rounded to the blog's
 * precision of {@code n + 1} significant digits. The pool's threads are daemons, so that the pool
 * needs no shutdown, as the blog's {@code ThreadPoolExecutor} gets none.
 */
public final class ComputePi {

    private static final int GUARD_DIGITS = 10;

    private ComputePi() {
    }

    /**
     * The blog's {@code force_async}: a function that submits {@code fn} to a thread pool of its own and
     * returns the job as a loop {@link Future} ({@code asyncio.wrap_future}), which the caller awaits.
     * Call the result on a loop's thread.
     */
    public static <R> IntFunction<Future<R>> forceAsync(IntFunction<R> fn) {
        ExecutorService pool = Executors.newCachedThreadPool(Thread.ofPlatform().name("force_async-", 0).daemon().factory());
        return n -> Aio.wrapFuture(pool.submit(() -> fn.apply(n)));
    }

    /**
     * π to {@code n + 1} significant digits ({@code n} decimals), as a plain decimal string, by the
     * Chudnovsky series: the blog's {@code compute_pi(n)} without its slips (see the class comment).
     * Blocking and CPU-bound: run it in a thread.
     */
    public static String computePi(int n) {
        MathContext mc = new MathContext(n + 1 + GUARD_DIGITS, RoundingMode.HALF_EVEN);
        BigDecimal c = BigDecimal.valueOf(426880).multiply(BigDecimal.valueOf(10005).sqrt(mc), mc);
        BigInteger k = BigInteger.valueOf(6);
        BigInteger m = BigInteger.ONE;
        BigInteger x = BigInteger.ONE;
        BigInteger l = BigInteger.valueOf(13591409);
        BigDecimal s = new BigDecimal(l);
        for (int i = 1; i < n; i++) {
            // M = M * (K**3 - 16*K) // i**3 is exact: M is (6i)! / ((3i)! (i!)**3).
            m = m.multiply(k.pow(3).subtract(k.multiply(BigInteger.valueOf(16))))
                    .divide(BigInteger.valueOf(i).pow(3));
            l = l.add(BigInteger.valueOf(545140134));
            x = x.multiply(BigInteger.valueOf(-262537412640768000L));
            s = s.add(new BigDecimal(m.multiply(l)).divide(new BigDecimal(x), mc), mc);
            k = k.add(BigInteger.valueOf(12));
        }
        BigDecimal pi = c.divide(s, mc);
        return pi.round(new MathContext(n + 1, RoundingMode.HALF_EVEN)).toPlainString();
    }

    /** The blog's {@code async def greet(msg)}. */
    static Void greet(String msg) {
        System.out.println(msg);
        return null;
    }

    /** The blog's {@code async def print_pi(dec)}: awaits the computation and prints it. */
    static Void printPi(IntFunction<Future<String>> computePi, int dec) {
        String pi = Aio.await(computePi.apply(dec));
        System.out.println(pi);
        return null;
    }

    /** The blog's module code, with the function that computes π given (the real one in {@link #main}). */
    static void run(IntFunction<String> compute) {
        IntFunction<Future<String>> computePi = forceAsync(compute);

        System.out.println("Now, compute_pi will be executed");

        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        try {
            Task<Void> task1 = loop.createTask(() -> printPi(computePi, 800));
            Task<Void> task2 = loop.createTask(() -> greet("Another function gets calleeeeeeed"));
            Task<Void> task3 = loop.createTask(() -> greet("Another function gets called"));

            Future<java.util.List<Void>> finalTask = Aio.gather(task1, task2, task3);
            loop.runUntilComplete(finalTask);
        } finally {
            loop.close();
            Aio.setEventLoop(null);
        }
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(ComputePi::computePi);
    }
}
