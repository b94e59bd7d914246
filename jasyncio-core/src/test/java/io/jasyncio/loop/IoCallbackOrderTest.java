package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of what I/O callbacks schedule: it runs right after the callback that scheduled it, before the
 * next ready channel's callback, and what it schedules in turn waits for the next iteration.
 */
class IoCallbackOrderTest {

    @AioTest(virtualTime = false)
    void whatAnIoCallbackSchedulesRunsBeforeTheNextReadyChannel(SelectorEventLoop loop) throws Exception {
        Pipe[] pipes = {Pipe.open(), Pipe.open()};
        List<String> log = new ArrayList<>();
        List<Future<Void>> woken = List.of(loop.createFuture(), loop.createFuture());
        List<Task<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Future<Void> wake = woken.get(i);
            String name = "task " + i;
            waiting.add(loop.createTask(() -> {
                Aio.await(wake);
                log.add(name);
                loop.callSoon(() -> log.add("after " + name));
            }));
        }
        Aio.sleep(0); // both tasks wait
        for (int i = 0; i < 2; i++) {
            int n = i;
            Pipe.SourceChannel source = pipes[i].source();
            pipes[i].sink().write(ByteBuffer.wrap(new byte[] {1}));
            loop.addReader(source, () -> {
                try {
                    source.read(ByteBuffer.allocate(1));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                loop.removeReader(source);
                log.add("read " + n);
                loop.callSoon(() -> log.add("soon " + n));
                woken.get(n).setResult(null);
            });
        }
        for (Task<Void> t : waiting) {
            Aio.await(t);
        }
        Aio.sleep(0);
        // Both pipes were ready in the same poll; which one the selector reports first is up to it.
        String a = log.get(0).substring(5);
        String b = a.equals("0") ? "1" : "0";
        assertEquals(List.of("read " + a, "soon " + a, "task " + a, "read " + b, "soon " + b, "task " + b,
                "after task " + a, "after task " + b), log);
        for (Pipe p : pipes) {
            p.source().close();
            p.sink().close();
        }
    }
}
