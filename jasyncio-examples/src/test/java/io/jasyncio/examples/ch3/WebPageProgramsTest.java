package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code web_page} context managers (Ex. 3-21 … 3-23) with their local stand-ins. Where the line
 * "another task gets its turn" comes shows whether the loop was free while the page downloaded.
 */
class WebPageProgramsTest {

    private static final String OTHER = "another task gets its turn";
    private static final String PROCESS = "process(data): <html><title>google.com</title></html>";

    @Test
    void theBlockingContextManagerPausesTheWholeLoop() {
        try (Captured c = Captured.start()) {
            WebPageBlocking.main(new String[0]);
            assertEquals(List.of(
                    "download_webpage('google.com'): 0.5 s of blocking I/O on the loop's thread",
                    PROCESS,
                    "update_stats('google.com'): 0.1 s of blocking I/O on the loop's thread; google.com downloaded 1 time",
                    OTHER), c.out());
            assertEquals(0.0, c.loop().time(), "Thread.sleep does not move the loop's clock");
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void theAsyncContextManagerLetsOtherTasksRunWhileItWaits() {
        try (Captured c = Captured.start()) {
            WebPageAsync.main(new String[0]);
            assertEquals(List.of(
                    OTHER,
                    "download_webpage('google.com'): 0.5 s of I/O awaited, the loop free meanwhile",
                    PROCESS,
                    "update_stats('google.com'): 0.1 s of I/O awaited, the loop free meanwhile; google.com downloaded 1 time"),
                    c.out());
            assertEquals(0.6, c.loop().time(), 1e-9);
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void theExecutorRunsTheBlockingCallsOnAWorkerThread() {
        try (Captured c = Captured.start()) {
            WebPageExecutor.main(new String[0]);
            assertEquals(List.of(
                    OTHER,
                    "download_webpage('google.com'): 0.5 s of blocking I/O on a worker thread",
                    PROCESS,
                    "update_stats('google.com'): 0.1 s of blocking I/O on a worker thread; google.com downloaded 1 time"),
                    c.out());
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void theStatisticsCountEachDownload() throws Exception {
        try (Captured c = Captured.start()) {
            WebStandIns web = new WebStandIns();
            web.updateStats("python.org");
            web.updateStats("python.org");
            assertEquals("update_stats('python.org'): 0.1 s of blocking I/O on a worker thread; python.org downloaded 2 times",
                    c.out().get(1));
        }
    }
}
