package io.jasyncio.stream;

import io.jasyncio.net.ReadTransport;
import java.util.ArrayList;
import java.util.List;

/** A read transport that only records what the reader asks of it. */
class FakeReadTransport implements ReadTransport {

    final List<String> calls = new ArrayList<>();
    private boolean reading = true;

    @Override
    public boolean isReading() {
        return reading;
    }

    @Override
    public void pauseReading() {
        calls.add("pause");
        reading = false;
    }

    @Override
    public void resumeReading() {
        calls.add("resume");
        reading = true;
    }

    @Override
    public Object getExtraInfo(String name) {
        return null;
    }

    @Override
    public boolean isClosing() {
        return false;
    }

    @Override
    public void close() {
    }
}
