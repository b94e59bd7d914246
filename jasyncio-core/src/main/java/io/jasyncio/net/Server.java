package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TimerHandle;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A listening server (asyncio {@code Server}), made by {@code createServer} or {@code createUnixServer}:
 * its sockets accept connections, each gets a protocol from the factory and a {@link SocketTransport}.
 * Not thread-safe: use it on its loop's thread.
 *
 * <p>Lifecycle: the sockets are bound and listening from creation (Java binds and listens in one step,
 * so with {@code startServing = false} the kernel queues connections until {@link #startServing()}).
 * {@link #close()} stops accepting and closes the sockets but leaves the accepted connections alone;
 * {@link #waitClosed()} waits until the server is closed and every connection it accepted is gone
 * (Python 3.12 semantics). Try-with-resources calls {@link #close()} only; it does not wait.
 */
public final class Server implements AutoCloseable {

    /** After running out of file descriptors, accepting pauses this long (asyncio {@code ACCEPT_RETRY_DELAY}). */
    static final double ACCEPT_RETRY_DELAY = 1.0;

    private final SelectorEventLoop loop;
    private List<ServerSocketChannel> sockets;
    private final List<SocketAddress> addresses = new ArrayList<>();
    private final Supplier<? extends ConnectionProtocol> factory;
    private final int backlog;
    private final Path unixPath;
    private final Object unixFileKey;
    private final Set<SocketTransport> clients = new LinkedHashSet<>();
    private List<Future<Void>> waiters = new ArrayList<>();
    private boolean serving;
    private Future<Void> serveForeverFuture;
    private TimerHandle acceptRetry;

    Server(SelectorEventLoop loop, List<ServerSocketChannel> sockets, Supplier<? extends ConnectionProtocol> factory,
           int backlog, Path unixPath) {
        this.loop = loop;
        this.sockets = new ArrayList<>(sockets);
        for (ServerSocketChannel s : sockets) {
            try {
                addresses.add(s.getLocalAddress());
            } catch (IOException e) {
                // closed already: not listed
            }
        }
        this.factory = factory;
        this.backlog = backlog;
        this.unixPath = unixPath;
        this.unixFileKey = unixPath == null ? null : fileKey(unixPath);
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The loop this server runs on (asyncio {@code get_loop}). */
    public SelectorEventLoop getLoop() {
        return loop;
    }

    /** The listening sockets, empty once closed (asyncio {@code sockets}). */
    public List<ServerSocketChannel> sockets() {
        return sockets == null ? List.of() : Collections.unmodifiableList(sockets);
    }

    /** Whether the server is accepting connections (asyncio {@code is_serving}). */
    public boolean isServing() {
        return serving;
    }

    /**
     * Starts accepting connections (asyncio {@code start_serving}); does nothing if it already does. Does
     * not suspend. Raises {@link IllegalStateException} once closed.
     */
    public void startServing() {
        if (sockets == null) {
            throw new IllegalStateException("Server " + this + " is closed");
        }
        if (serving) {
            return;
        }
        serving = true;
        for (ServerSocketChannel s : sockets) {
            ServerSocketChannel ss = s;
            loop.addReader(ss, () -> acceptReady(ss));
        }
    }

    /**
     * Accepts connections until the server is closed or the calling task is cancelled (asyncio
     * {@code serve_forever}). Suspends. On cancellation it closes the server, waits for it to be closed
     * ({@link #waitClosed()}) and re-raises {@link CancelledError}. Raises {@link IllegalStateException}
     * if another task is already serving forever, or if the server is closed.
     */
    public void serveForever() {
        if (serveForeverFuture != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (sockets == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        startServing();
        serveForeverFuture = loop.createFuture();
        try {
            Aio.await(serveForeverFuture);
        } catch (CancelledError e) {
            close();
            waitClosed();
            throw e;
        } finally {
            serveForeverFuture = null;
        }
    }

    /**
     * Stops accepting and closes the listening sockets (asyncio {@code close}); connections already
     * accepted stay open. A task in {@link #serveForever()} is cancelled. Does not suspend; calling it
     * again does nothing. A Unix server removes its socket file, unless another one replaced it.
     */
    @Override
    public void close() {
        List<ServerSocketChannel> toClose = sockets;
        if (toClose == null) {
            return;
        }
        sockets = null;
        serving = false;
        if (acceptRetry != null) {
            acceptRetry.cancel();
            acceptRetry = null;
        }
        for (ServerSocketChannel s : toClose) {
            loop.removeReader(s);
            try {
                s.close();
            } catch (IOException e) {
                // the socket is gone either way
            }
        }
        if (unixPath != null && unixFileKey != null && unixFileKey.equals(fileKey(unixPath))) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                loop.logger().log(Level.WARNING, "could not remove the Unix socket file " + unixPath, e);
            }
        }
        if (serveForeverFuture != null && !serveForeverFuture.done()) {
            serveForeverFuture.cancel();
        }
        if (clients.isEmpty()) {
            wakeup();
        }
    }

    /** Closes every connection this server accepted, sending what they buffered (asyncio 3.13 {@code close_clients}). */
    public void closeClients() {
        for (SocketTransport t : new ArrayList<>(clients)) {
            t.close();
        }
    }

    /** Aborts every connection this server accepted (asyncio 3.13 {@code abort_clients}). */
    public void abortClients() {
        for (SocketTransport t : new ArrayList<>(clients)) {
            t.abort();
        }
    }

    /** How many accepted connections are still open. */
    public int activeConnections() {
        return clients.size();
    }

    /**
     * Suspends until the server is closed and all the connections it accepted are gone (asyncio
     * {@code wait_closed}, Python 3.12 semantics); returns at once if that already happened. Cancellable:
     * the server is not affected.
     */
    public void waitClosed() {
        if (waiters == null) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        waiters.add(waiter);
        try {
            Aio.await(waiter);
        } finally {
            if (waiters != null) {
                waiters.remove(waiter);
            }
        }
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws == null) {
            return;
        }
        for (Future<Void> w : ws) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    void attach(SocketTransport transport) {
        clients.add(transport);
    }

    void detach(SocketTransport transport) {
        clients.remove(transport);
        if (clients.isEmpty() && sockets == null) {
            wakeup();
        }
    }

    // ---- accepting -----------------------------------------------------------------------------

    /** Accepts up to {@code backlog} connections per readiness event, as asyncio does. */
    private void acceptReady(ServerSocketChannel server) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (isOutOfResources(e)) {
                    // Out of descriptors: stop accepting for a while rather than spin on a ready socket.
                    loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", e)
                            .with("socket", server));
                    pauseAccepting();
                    return;
                }
                if (sockets == null || !server.isOpen()) {
                    return;
                }
                // A connection reset before we took it (ECONNABORTED) and the like: skip it.
                if (loop.getDebug()) {
                    loop.logger().log(Level.DEBUG, "accept failed on " + server, e);
                }
                continue;
            }
            if (ch == null) {
                return;
            }
            accepted(ch);
        }
    }

    private static boolean isOutOfResources(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Too many open files") || m.contains("No buffer space")
                || m.contains("Cannot allocate memory"));
    }

    private void pauseAccepting() {
        for (ServerSocketChannel s : sockets) {
            loop.removeReader(s);
        }
        serving = false;
        acceptRetry = loop.callLater(ACCEPT_RETRY_DELAY, () -> {
            acceptRetry = null;
            if (sockets != null) {
                startServing();
            }
        });
    }

    private void accepted(SocketChannel ch) {
        ConnectionProtocol protocol;
        try {
            ch.configureBlocking(false);
            protocol = factory.get();
            new SocketTransport(loop, ch, protocol, null, this);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // dropping the connection
            }
            loop.callExceptionHandler(ExceptionContext.of("Error on transport creation for incoming connection", e)
                    .with("server", this));
        }
    }

    @Override
    public String toString() {
        return "<Server sockets=" + addresses + (sockets == null ? " closed" : serving ? " serving" : "") + ">";
    }
}
