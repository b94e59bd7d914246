package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.AsyncContextManager;
import io.jasyncio.Task;

/**
 * Example 3-22, "The nonblocking way" (B:3459-3544): {@code @asynccontextmanager async def
 * web_page(url)}, with {@code download_webpage} and {@code update_stats} assumed converted to
 * coroutines, so that the enter and the exit suspend instead of blocking. {@link Aio#asyncContextManager}
 * is {@code @asynccontextmanager}; {@code async with} is try-with-resources on it.
 *
 * <p>Output (the book shows none): the other task runs while {@code web_page} waits for the page.
 * <pre>
 * another task gets its turn
 * download_webpage('google.com'): 0.5 s of I/O awaited, the loop free meanwhile
 * process(data): &lt;html&gt;&lt;title&gt;google.com&lt;/title&gt;&lt;/html&gt;
 * update_stats('google.com'): 0.1 s of I/O awaited, the loop free meanwhile; google.com downloaded 1 time
 * </pre>
 * The two functions are local stand-ins that sleep ({@link WebStandIns}). As in the book, the body
 * has no {@code try/finally} around its {@code yield}; in Java the code after it runs whenever the block
 * ends (see {@link AsyncContextManager}).
 */
public final class WebPageAsync {

    private WebPageAsync() {
    }

    /** The book's {@code @asynccontextmanager async def web_page(url)}. */
    static AsyncContextManager<String> webPage(WebStandIns web, String url) {
        return Aio.asyncContextManager(y -> {
            String data = web.downloadWebpageAsync(url);
            y.yield(data);
            web.updateStatsAsync(url);
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
