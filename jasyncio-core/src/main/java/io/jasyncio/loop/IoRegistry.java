package io.jasyncio.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The loop's readers and writers on its selector (asyncio {@code add_reader}/{@code add_writer}): at
 * most one reader and one writer callback per channel. A channel keeps its selection key while it is
 * open, with its interest set to nothing when it has no callbacks, so that removing and re-adding a
 * callback never meets Java's "cancelled key" trap.
 */
final class IoRegistry {

    /** What a channel's key carries: its reader and writer handles. */
    private static final class Entry {
        Handle reader;
        Handle writer;
    }

    private final SelectorEventLoop loop;
    private final Selector selector;
    private int interested;

    IoRegistry(SelectorEventLoop loop, Selector selector) {
        this.loop = loop;
        this.selector = selector;
    }

    /** Whether any channel wants to be told of readiness (the loop polls the selector then). */
    boolean hasInterest() {
        return interested > 0;
    }

    private static int readOps(SelectableChannel ch) {
        return ch.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
    }

    private static int writeOps(SelectableChannel ch) {
        if (ch instanceof SocketChannel sc && sc.isConnectionPending()) {
            return SelectionKey.OP_CONNECT;
        }
        return ch.validOps() & SelectionKey.OP_WRITE;
    }

    private SelectionKey keyFor(SelectableChannel ch) {
        SelectionKey key = ch.keyFor(selector);
        if (key != null && key.isValid()) {
            return key;
        }
        try {
            if (key != null) {
                // A key cancelled by closing an earlier channel object is flushed by the next select.
                selector.selectNow();
            }
            if (ch.isBlocking()) {
                ch.configureBlocking(false);
            }
            return ch.register(selector, 0, new Entry());
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("channel is closed: " + ch, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Handle addReader(SelectableChannel ch, Runnable callback) {
        SelectionKey key = keyFor(ch);
        Entry e = (Entry) key.attachment();
        Handle h = new Handle(loop, callback);
        if (e.reader == null) {
            interested++;
        } else {
            e.reader.cancel();
        }
        e.reader = h;
        key.interestOps(key.interestOps() | readOps(ch));
        return h;
    }

    Handle addWriter(SelectableChannel ch, Runnable callback) {
        SelectionKey key = keyFor(ch);
        Entry e = (Entry) key.attachment();
        Handle h = new Handle(loop, callback);
        if (e.writer == null) {
            interested++;
        } else {
            e.writer.cancel();
        }
        e.writer = h;
        key.interestOps((key.interestOps() & ~(SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) | writeOps(ch));
        return h;
    }

    boolean removeReader(SelectableChannel ch) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null) {
            return false;
        }
        Entry e = (Entry) key.attachment();
        if (e.reader == null) {
            return false;
        }
        e.reader.cancel();
        e.reader = null;
        interested--;
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~(SelectionKey.OP_READ | SelectionKey.OP_ACCEPT));
        }
        return true;
    }

    boolean removeWriter(SelectableChannel ch) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null) {
            return false;
        }
        Entry e = (Entry) key.attachment();
        if (e.writer == null) {
            return false;
        }
        e.writer.cancel();
        e.writer = null;
        interested--;
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~(SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT));
        }
        return true;
    }

    /** Queues the callbacks of the channels the last select found ready. */
    void dispatchSelected(ArrayDeque<Handle> ready) {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Entry e = (Entry) key.attachment();
            if (!key.isValid()) {
                // The channel was closed: its callbacks run once more so that they see the closure.
                if (e.reader != null) {
                    ready.addLast(e.reader);
                }
                if (e.writer != null) {
                    ready.addLast(e.writer);
                }
                continue;
            }
            int ops = key.readyOps();
            if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && e.reader != null) {
                ready.addLast(e.reader);
            }
            if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && e.writer != null) {
                ready.addLast(e.writer);
            }
        }
    }
}
