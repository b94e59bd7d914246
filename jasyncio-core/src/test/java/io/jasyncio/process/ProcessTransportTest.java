package io.jasyncio.process;

import static io.jasyncio.process.Redirect.DEVNULL;
import static io.jasyncio.process.Redirect.PIPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.net.WriteTransport;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The subprocess transport and the order of its protocol's events, on real children. */
class ProcessTransportTest {

    private static SubprocessPair<RecordingProtocol> start(SelectorEventLoop loop, List<String> args,
            Redirect stdin, Redirect stdout, Redirect stderr) throws Exception {
        return loop.subprocessExec(() -> new RecordingProtocol(loop), args, stdin, stdout, stderr, null, null);
    }

    @AioTest(virtualTime = false)
    void eventsComeInAsyncioOrder(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 4"),
                PIPE, PIPE, PIPE);
        RecordingProtocol p = pair.protocol();
        assertEquals(List.of("made"), p.events, "connectionMade has run when the call returns");
        assertSame(pair.transport(), p.transport);
        pair.transport().getPipeTransport(0).close();
        Aio.await(p.done);
        assertEquals("made", p.events.get(0));
        assertEquals("connectionLost null", p.events.get(p.events.size() - 1));
        assertEquals(Set.of("made", "data 1", "data 2", "lost 0 null", "lost 1 null", "lost 2 null", "exited 4",
                "connectionLost null"), Set.copyOf(p.events));
        assertEquals(8, p.events.size(), p.events.toString());
        assertTrue(p.events.indexOf("data 1") < p.events.indexOf("lost 1 null"));
        assertTrue(p.events.indexOf("data 2") < p.events.indexOf("lost 2 null"));
        assertEquals("out\n", p.text(1));
        assertEquals("err\n", p.text(2));
        assertEquals(4, pair.transport().getReturncode());
    }

    @AioTest(virtualTime = false)
    void pipeTransportsAndExtraInfo(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, List.of("cat"), PIPE, PIPE, DEVNULL);
        SubprocessTransport t = pair.transport();
        assertInstanceOf(WriteTransport.class, t.getPipeTransport(0));
        assertInstanceOf(ReadTransport.class, t.getPipeTransport(1));
        assertNull(t.getPipeTransport(2));
        assertNull(t.getPipeTransport(3));
        java.lang.Process proc = assertInstanceOf(java.lang.Process.class, t.getExtraInfo("subprocess"));
        assertEquals(proc.pid(), t.getPid());
        assertNull(t.getReturncode());
        assertTrue(t.toString().contains("pid=" + t.getPid() + " running"), t.toString());
        ((WriteTransport) t.getPipeTransport(0)).write("ping".getBytes());
        t.getPipeTransport(0).close();
        Aio.await(pair.protocol().done);
        assertEquals("ping", pair.protocol().text(1));
        assertEquals(0, t.getReturncode());
        assertTrue(t.toString().contains("returncode=0"), t.toString());
    }

    @AioTest(virtualTime = false)
    void closeKillsARunningChild(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, List.of("sleep", "30"), PIPE, PIPE, PIPE);
        pair.transport().close();
        assertTrue(pair.transport().isClosing());
        pair.transport().close();
        Aio.await(pair.protocol().done);
        assertEquals(-9, pair.transport().getReturncode());
        assertEquals(Set.of("made", "lost 0 null", "lost 1 null", "lost 2 null", "exited -9", "connectionLost null"),
                Set.copyOf(pair.protocol().events));
    }

    @AioTest(virtualTime = false)
    void anIdleStdinPipeIsClosedWhenTheChildExits(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, List.of("true"), PIPE, null, null);
        Aio.await(pair.protocol().done);
        assertEquals(List.of("made", "exited 0", "lost 0 null", "connectionLost null"), pair.protocol().events);
        WriteTransport stdin = (WriteTransport) pair.transport().getPipeTransport(0);
        assertTrue(stdin.isClosing());
    }

    @AioTest(virtualTime = false)
    void aChildThatStopsReadingBreaksThePipe(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, List.of("head", "-c", "10"), PIPE, PIPE, null);
        WriteTransport stdin = (WriteTransport) pair.transport().getPipeTransport(0);
        stdin.write(new byte[4 * 1024 * 1024]);
        Aio.await(pair.protocol().done);
        assertTrue(pair.protocol().events.contains("lost 0 IOException"), pair.protocol().events.toString());
        assertEquals(10, pair.protocol().data[1].size());
        assertEquals(0, stdin.getWriteBufferSize());
        stdin.write(new byte[10]); // dropped, as asyncio drops writes to a lost pipe
    }

    @AioTest(virtualTime = false)
    void cancellingTheStartKillsTheChild(SelectorEventLoop loop) throws Exception {
        Expect e = new Expect();
        RecordingProtocol protocol = new RecordingProtocol(loop);
        Task<SubprocessPair<RecordingProtocol>> starting = Aio.createTask(() -> {
            e.expect(1);
            try {
                return loop.subprocessExec(() -> protocol, List.of("sleep", "30"), null, PIPE, null, null, null);
            } catch (CancelledError cancelled) {
                e.expect(3);
                throw cancelled;
            }
        });
        Aio.sleep(0); // the task starts the child and waits for its pipes
        e.expect(2);
        starting.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(starting));
        e.finish(4);
        assertEquals(-9, protocol.transport.getReturncode());
        assertEquals("connectionLost null", protocol.events.get(protocol.events.size() - 1));
    }

    @AioTest(virtualTime = false)
    void setProtocolRedirectsTheEvents(SelectorEventLoop loop) throws Exception {
        SubprocessPair<RecordingProtocol> pair = start(loop, List.of("/bin/sh", "-c", "sleep 0.1; echo late"),
                null, PIPE, null);
        RecordingProtocol second = new RecordingProtocol(loop);
        second.transport = pair.transport();
        pair.transport().setProtocol(second);
        assertSame(second, pair.transport().getProtocol());
        Aio.await(second.done);
        assertEquals("late\n", second.text(1));
        assertEquals(List.of("made"), pair.protocol().events);
    }

    @Test
    void aLoopClosedUnderARunningChildLetsItsPumpsGo() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        SubprocessPair<RecordingProtocol> pair;
        try {
            pair = loop.runUntilComplete(() -> start(loop, List.of("/bin/sh", "-c", "sleep 0.2; echo late"),
                    PIPE, PIPE, PIPE));
        } finally {
            loop.close();
        }
        ProcessTransport t = (ProcessTransport) pair.transport();
        java.lang.Process proc = (java.lang.Process) t.getExtraInfo("subprocess");
        assertTrue(proc.waitFor(10, TimeUnit.SECONDS));
        ReadPipeTransport out = (ReadPipeTransport) t.getPipeTransport(1);
        ReadPipeTransport err = (ReadPipeTransport) t.getPipeTransport(2);
        WritePipeTransport in = (WritePipeTransport) t.getPipeTransport(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(out.pumpEnded && err.pumpEnded && in.pumpEnded) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(out.pumpEnded && err.pumpEnded && in.pumpEnded, "every pump has ended");
    }
}
