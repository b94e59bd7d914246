package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.AsyncContextManager;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;

/**
 * Example 3-23, "The nonblocking-with-a-little-help-from-my-friends way" (B:3546-3607): the blocking
 * {@code download_webpage} and {@code update_stats}, which cannot be changed, run on the loop's default
 * executor ({@code loop.run_in_executor(None, ...)}) inside an async context manager, so that they
 * block a worker thread and never the loop.
 *
 * <p>Output (the book shows none): the other task runs while a worker thread downloads the page.
 * <pre>
 * another task gets its turn
 * download_webpage('google.com'): 0.5 s of blocking I/O on a worker thread
 * process(data): &lt;html&gt;&lt;title&gt;google.com&lt;/title&gt;&lt;/html&gt;
 * update_stats('google.com'): 0.1 s of blocking I/O on a worker thread; google.com downloaded 1 time
 * </pre>
 * The two functions are local stand-ins that sleep in their thread ({@link WebStandIns}); they print
 * when their sleep ends. The book's {@code asyncio.get_event_loop()} inside a coroutine is the running
 * loop: {@link Aio#getRunningLoop()}.
 */
public final class WebPageExecutor {

    private WebPageExecutor() {
    }

    /** The book's {@code web_page(url)} with both blocking calls on the default executor. */
    static AsyncContextManager<String> webPage(WebStandIns web, String url) {
        return Aio.asyncContextManager(y -> {
            SelectorEventLoop loop = Aio.getRunningLoop();
            String data = Aio.await(loop.runInExecutor(null, () -> web.downloadWebpage(url)));
            y.yield(data);
            Aio.await(loop.runInExecutor(null, () -> web.updateStats(url)));
        });
    }

    static void main(WebStandIns web) {
        Task<Void> other = Aio.createTask(() -> WebStandIns.anotherTask());
        try (var data = webPage(web, "google.com")) {
            WebStandIns.process(data.value());
        }
        Aio.await(other);
    }

    /** Runs the program. */
    public static void main(String[] args) {
        WebStandIns web = new WebStandIns();
        Aio.run(() -> main(web));
    }
}
