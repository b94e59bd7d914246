package io.jasyncio.net.ssl;

import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An application protocol that records its events and the bytes it receives. */
class Recorder implements Protocol {

    final List<String> events = new ArrayList<>();
    final StringBuilder data = new StringBuilder();
    final Future<Transport> made;
    final Future<Throwable> lost;
    final Future<Void> eof;
    Transport transport;
    long bytes;
    boolean keepBytes = true;

    Recorder(SelectorEventLoop loop) {
        made = new Future<>(loop);
        lost = new Future<>(loop);
        eof = new Future<>(loop);
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        events.add("made");
        made.setResult(transport);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        bytes += data.remaining();
        if (keepBytes) {
            this.data.append(StandardCharsets.ISO_8859_1.decode(data));
        } else {
            data.position(data.limit());
        }
    }

    @Override
    public boolean eofReceived() {
        events.add("eof");
        eof.setResult(null);
        return false;
    }

    @Override
    public void pauseWriting() {
        events.add("pauseWriting");
    }

    @Override
    public void resumeWriting() {
        events.add("resumeWriting");
    }

    @Override
    public void connectionLost(Throwable error) {
        events.add(error == null ? "lost" : "lost " + error.getClass().getSimpleName() + ": " + error.getMessage());
        lost.setResult(error);
    }
}
