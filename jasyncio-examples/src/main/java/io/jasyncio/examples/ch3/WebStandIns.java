package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoops;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local stand-ins for the functions the book makes up for its {@code web_page} context managers
 * (Examples 3-21 … 3-23, B:3384-3607): {@code download_webpage(url)}, {@code update_stats(url)} and
 * {@code process(data)}. Nothing goes to the network: a download is half a second of sleep and a fake
 * page, an update of the statistics a tenth of a second of sleep and a counter. The blocking versions
 * sleep in the calling thread ({@code Thread.sleep}, as blocking I/O would), the coroutine versions
 * (Example 3-22's "assume we've converted them") in {@code Aio.sleep}. Each says, when it returns, where
 * its time was spent, so that a run shows whether the loop was blocked.
 */
final class WebStandIns {

    /** The seconds a stand-in download takes. */
    static final double DOWNLOAD_SECONDS = 0.5;
    /** The seconds a stand-in statistics update takes. */
    static final double STATS_SECONDS = 0.1;

    private final Map<String, Integer> downloads = new ConcurrentHashMap<>();

    /** The blocking {@code download_webpage(url)}: sleeps in the calling thread, returns a fake page. */
    String downloadWebpage(String url) throws InterruptedException {
        Thread.sleep(Math.round(DOWNLOAD_SECONDS * 1000));
        System.out.println("download_webpage('" + url + "'): " + DOWNLOAD_SECONDS + " s of blocking I/O on " + where());
        return page(url);
    }

    /** The blocking {@code update_stats(url)}: sleeps in the calling thread, counts the download. */
    Void updateStats(String url) throws InterruptedException {
        Thread.sleep(Math.round(STATS_SECONDS * 1000));
        System.out.println("update_stats('" + url + "'): " + STATS_SECONDS + " s of blocking I/O on " + where()
                + "; " + count(url));
        return null;
    }

    /** {@code download_webpage(url)} converted to a coroutine (Example 3-22): suspends instead of blocking. */
    String downloadWebpageAsync(String url) {
        Aio.sleep(DOWNLOAD_SECONDS);
        System.out.println("download_webpage('" + url + "'): " + DOWNLOAD_SECONDS + " s of I/O awaited, the loop free meanwhile");
        return page(url);
    }

    /** {@code update_stats(url)} converted to a coroutine (Example 3-22). */
    void updateStatsAsync(String url) {
        Aio.sleep(STATS_SECONDS);
        System.out.println("update_stats('" + url + "'): " + STATS_SECONDS + " s of I/O awaited, the loop free meanwhile; "
                + count(url));
    }

    /** The book's {@code process(data)}, "a fast, CPU-bound operation and therefore nonblocking". */
    static void process(String data) {
        System.out.println("process(data): " + data);
    }

    /** A task that says when it gets to run: where its line comes shows whether the loop was free. */
    static void anotherTask() {
        System.out.println("another task gets its turn");
    }

    private String count(String url) {
        int n = downloads.merge(url, 1, Integer::sum);
        return url + " downloaded " + n + (n == 1 ? " time" : " times");
    }

    private static String page(String url) {
        return "<html><title>" + url + "</title></html>";
    }

    private static String where() {
        return EventLoops.runningOrNull() != null ? "the loop's thread" : "a worker thread";
    }
}
