package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Task;

/**
 * Example 3-21, "The blocking way" (B:3376-3457): {@code @contextmanager def web_page(url)} downloads
 * the page before its {@code yield} and updates the statistics after it, both blocking. A plain
 * context manager is a plain {@link AutoCloseable}: the constructor is the code before {@code yield},
 * {@link WebPage#close()} the code after.
 *
 * <p>The book warns that such a context manager "must be used in a dedicated thread; otherwise, the
 * whole program will be paused while waiting for data". This program shows that pause: it uses
 * {@code web_page} inside a task, with another task ready to run, which gets its turn only when the
 * whole block is over. Output (the book shows none):
 * <pre>
 * download_webpage('google.com'): 0.5 s of blocking I/O on the loop's thread
 * process(data): &lt;html&gt;&lt;title&gt;google.com&lt;/title&gt;&lt;/html&gt;
 * update_stats('google.com'): 0.1 s of blocking I/O on the loop's thread; google.com downloaded 1 time
 * another task gets its turn
 * </pre>
 * {@code download_webpage} and {@code update_stats} are local stand-ins that sleep ({@link WebStandIns}).
 * Compare {@code ./aio web-page-async} (Example 3-22) and {@code ./aio web-page-executor} (Example 3-23).
 */
public final class WebPageBlocking {

    private WebPageBlocking() {
    }

    /** The book's blocking {@code web_page(url)}: a context manager whose enter and exit block. */
    static final class WebPage implements AutoCloseable {

        private final WebStandIns web;
        private final String url;
        private final String data;

        /** The code before {@code yield}: {@code data = download_webpage(url)}. */
        WebPage(WebStandIns web, String url) throws InterruptedException {
            this.web = web;
            this.url = url;
            this.data = web.downloadWebpage(url);
        }

        /** What {@code yield data} hands to the block. */
        String data() {
            return data;
        }

        /** The code after {@code yield}: {@code update_stats(url)}. */
        @Override
        public void close() throws InterruptedException {
            web.updateStats(url);
        }
    }

    static void main(WebStandIns web) throws InterruptedException {
        Task<Void> other = Aio.createTask(() -> WebStandIns.anotherTask());
        try (WebPage page = new WebPage(web, "google.com")) {
            WebStandIns.process(page.data());
        }
        Aio.await(other);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        WebStandIns web = new WebStandIns();
        Aio.run(() -> main(web));
    }
}
