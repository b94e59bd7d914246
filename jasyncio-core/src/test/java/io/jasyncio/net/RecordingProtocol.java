package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol for tests that records every event: the bytes received (kept, or only counted and checked
 * against {@link Pattern}), EOF, loss, and the flow-control calls, with futures to await each.
 */
class RecordingProtocol implements Protocol {

    final SelectorEventLoop loop;
    final Future<Transport> made;
    final Future<Void> eof;
    final Future<Throwable> lost;
    final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** Keep the bytes (true) or only count them and check them against the pattern (false). */
    boolean keep = true;
    boolean keepOpenOnEof;
    /** Called after each chunk is recorded (e.g. to echo). */
    java.util.function.Consumer<ByteBuffer> onData;
    Transport transport;
    long count;
    int pauses;
    int resumes;
    int maxBufferAtPause;
    int maxBufferAtResume;
    boolean writingPaused;
    private Future<Void> resumed;
    private long want = -1;
    private Future<Void> gotWanted;

    RecordingProtocol() {
        this.loop = Aio.getRunningLoop();
        this.made = loop.createFuture();
        this.eof = loop.createFuture();
        this.lost = loop.createFuture();
    }

    /** A protocol that checks what it receives against {@link Pattern} instead of keeping it. */
    static RecordingProtocol counting() {
        RecordingProtocol p = new RecordingProtocol();
        p.keep = false;
        return p;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        events.add("made");
        made.setResult(transport);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        int n = data.remaining();
        if (onData != null) {
            onData.accept(data.duplicate());
        }
        if (keep) {
            byte[] b = new byte[n];
            data.get(b);
            bytes.write(b, 0, b.length);
        } else {
            Pattern.check(data, count);
        }
        count += n;
        if (gotWanted != null && count >= want && !gotWanted.done()) {
            gotWanted.setResult(null);
        }
    }

    @Override
    public boolean eofReceived() {
        events.add("eof");
        eof.setResult(null);
        return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Throwable error) {
        events.add(error == null ? "lost" : "lost:" + error.getClass().getSimpleName());
        lost.setResult(error);
        if (gotWanted != null && !gotWanted.done()) {
            gotWanted.setException(new AssertionError("connection lost after " + count + " of " + want + " bytes", error));
        }
        if (resumed != null && !resumed.done()) {
            resumed.setException(new AssertionError("connection lost while writing was paused", error));
        }
    }

    @Override
    public void pauseWriting() {
        pauses++;
        writingPaused = true;
        maxBufferAtPause = Math.max(maxBufferAtPause, transport.getWriteBufferSize());
        events.add("pause");
    }

    @Override
    public void resumeWriting() {
        resumes++;
        writingPaused = false;
        maxBufferAtResume = Math.max(maxBufferAtResume, transport.getWriteBufferSize());
        events.add("resume");
        if (resumed != null && !resumed.done()) {
            resumed.setResult(null);
        }
    }

    /** Suspends until writing is not paused. */
    void awaitWritable() {
        if (!writingPaused) {
            return;
        }
        resumed = loop.createFuture();
        Aio.await(resumed);
    }

    /** Suspends until at least {@code n} bytes have arrived in total. */
    void awaitCount(long n) {
        if (count >= n) {
            return;
        }
        want = n;
        gotWanted = loop.createFuture();
        Aio.await(gotWanted);
    }

    byte[] received() {
        return bytes.toByteArray();
    }

    String text() {
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
