package io.jasyncio.process;

import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link SubprocessProtocol} for tests: records each event as a line ("made", "data 1", "lost 1 null",
 * "exited", "paused", "resumed", "connectionLost null"; consecutive data events of one fd are one line),
 * keeps the bytes per fd, and completes {@link #done} at {@code connectionLost}.
 */
final class RecordingProtocol implements SubprocessProtocol {

    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream[] data = {new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    final Future<Void> done;
    SubprocessTransport transport;
    /** Runs on every chunk received, with its fd and size. */
    Consumer<int[]> onData = x -> { };

    RecordingProtocol(SelectorEventLoop loop) {
        this.done = loop.createFuture();
    }

    @Override
    public void connectionMade(SubprocessTransport transport) {
        this.transport = transport;
        events.add("made");
    }

    @Override
    public void pipeDataReceived(int fd, ByteBuffer buffer) {
        String line = "data " + fd;
        if (events.isEmpty() || !events.get(events.size() - 1).equals(line)) {
            events.add(line);
        }
        int n = buffer.remaining();
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        data[fd].writeBytes(bytes);
        onData.accept(new int[] {fd, n});
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable error) {
        events.add("lost " + fd + " " + (error == null ? "null" : error.getClass().getSimpleName()));
    }

    @Override
    public void processExited() {
        events.add("exited " + transport.getReturncode());
    }

    @Override
    public void pauseWriting() {
        events.add("paused");
    }

    @Override
    public void resumeWriting() {
        events.add("resumed");
    }

    @Override
    public void connectionLost(Throwable error) {
        events.add("connectionLost " + error);
        done.setResult(null);
    }

    String text(int fd) {
        return data[fd].toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
