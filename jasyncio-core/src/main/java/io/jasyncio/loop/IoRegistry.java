package io.jasyncio.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

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
        if (interested > 0 && selector.keys().isEmpty()) {
            // Every watched channel was closed without removing its callbacks; the selector has
            // dropped their keys, so nothing is watched any more.
            interested = 0;
        }
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
                // A key cancelled by closing the channel (or deregistering it): its
                // callbacks are gone with it; flush the key with a select before registering anew.
                Entry old = (Entry) key.attachment();
                forget(old);
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

    private void forget(Entry e) {
        if (e.reader != null) {
            e.reader.cancel();
            e.reader = null;
            interested--;
        }
        if (e.writer != null) {
            e.writer.cancel();
            e.writer = null;
            interested--;
        }
    }

    private java.util.function.Consumer<SelectionKey> dispatcher;

    /** The action {@code select(Consumer)} calls for each ready key: it queues the channel's callbacks. */
    java.util.function.Consumer<SelectionKey> dispatcher(ArrayDeque<Ready> ready) {
        java.util.function.Consumer<SelectionKey> d = dispatcher;
        if (d == null) {
            d = dispatcher = key -> dispatch(key, ready);
        }
        return d;
    }

    private static void dispatch(SelectionKey key, ArrayDeque<Ready> ready) {
        if (!key.isValid()) {
            return;
        }
        Entry e = (Entry) key.attachment();
        int ops = key.readyOps();
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && e.reader != null) {
            ready.addLast(e.reader);
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && e.writer != null) {
            ready.addLast(e.writer);
        }
    }
}
