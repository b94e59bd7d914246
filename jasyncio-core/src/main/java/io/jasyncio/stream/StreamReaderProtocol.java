package io.jasyncio.stream;

import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.net.BufferedProtocol;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.ReadPipeProtocol;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.net.Transport;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The bridge between a transport and a {@link StreamReader} (asyncio {@code StreamReaderProtocol}): it feeds
 * the reader what the transport receives, tells it the end of the stream or the error that ended it, and
 * carries the write flow control that {@link StreamWriter#drain()} waits on.
 *
 * <p>It is a {@link BufferedProtocol} whose buffer is the reader's own, so a socket transport reads
 * straight into the reader; it is also a {@link Protocol}, for transports that hand over copies, and a
 * {@link ReadPipeProtocol}, for {@code connectReadPipe} (the stream then only reads).
 *
 * <p>With a {@link ClientConnectedCallback} (as {@link Streams#startServer} makes it), each connection gets
 * a {@link StreamWriter} and the callback runs as a task of its own; an error escaping the callback is
 * reported to the loop's exception handler and closes the connection, as in Python 3.12.
 */
public class StreamReaderProtocol extends FlowControlProtocol implements BufferedProtocol, Protocol, ReadPipeProtocol {

    private final StreamReader reader;
    private final ClientConnectedCallback clientConnectedCb;
    private final Future<Void> closed;
    private Transport transport;
    private StreamWriter streamWriter;
    private Task<Void> task;
    private boolean overSsl;

    /** A protocol feeding {@code reader}, for a client connection ({@link Streams#openConnection}). */
    public StreamReaderProtocol(StreamReader reader) {
        this(reader, null, EventLoops.getEventLoop());
    }

    /** A protocol feeding {@code reader} that runs {@code clientConnectedCb} once connected (a server's). */
    public StreamReaderProtocol(StreamReader reader, ClientConnectedCallback clientConnectedCb) {
        this(reader, clientConnectedCb, EventLoops.getEventLoop());
    }

    /** A protocol on {@code loop}; {@code clientConnectedCb} may be {@code null}. */
    public StreamReaderProtocol(StreamReader reader, ClientConnectedCallback clientConnectedCb, EventLoop loop) {
        super(loop);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clientConnectedCb = clientConnectedCb;
        this.closed = new Future<>(loop);
    }

    /** The reader this protocol feeds. */
    public StreamReader reader() {
        return reader;
    }

    /** The writer made for the client callback, or {@code null} for a client connection. */
    public StreamWriter streamWriter() {
        return streamWriter;
    }

    /** The task running the client callback, or {@code null}. */
    public Task<Void> task() {
        return task;
    }

    /** Whether this is a server's protocol (it has a client callback): {@code startTls} then acts as the server. */
    boolean serverSide() {
        return clientConnectedCb != null;
    }

    /** After {@code startTls}: reading and writing now go through {@code newTransport}. */
    void replaceTransport(Transport newTransport) {
        transport = newTransport;
        overSsl = newTransport.getExtraInfo("sslcontext") != null;
        reader.replaceTransport(newTransport);
    }

    /** Gives the reader the transport (to pause it) and, on a server, starts the client callback's task. */
    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        reader.setTransport(transport);
        overSsl = transport.getExtraInfo("sslcontext") != null;
        if (clientConnectedCb != null) {
            StreamWriter writer = new StreamWriter(transport, this, reader, loop);
            streamWriter = writer;
            ClientConnectedCallback cb = clientConnectedCb;
            task = loop.createTask(() -> cb.handle(reader, writer), null);
            task.addDoneCallback(t -> {
                if (t.cancelled()) {
                    writer.transport().close();
                    return;
                }
                Throwable error = t.exception();
                if (error != null) {
                    loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", error)
                            .with("transport", writer.transport()));
                    writer.transport().close();
                }
            });
        }
    }

    /** A read pipe's transport ({@code connectReadPipe}): the reader pauses it; there is nothing to write. */
    @Override
    public void connectionMade(ReadTransport transport) {
        reader.setTransport(transport);
    }

    /** Ends the reader's stream (with {@code error}, if any), completes {@code waitClosed}, wakes drains. */
    @Override
    public void connectionLost(Throwable error) {
        if (error == null) {
            reader.feedEof();
        } else {
            reader.setException(error);
        }
        completeClosed(closed, error);
        super.connectionLost(error);
        transport = null;
    }

    /** The reader's buffer: see {@link StreamReader#getBuffer(int)}. */
    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return reader.getBuffer(sizeHint);
    }

    /** Bytes arrived in the reader's buffer. */
    @Override
    public void bufferUpdated(int nbytes) {
        reader.bufferUpdated(nbytes);
    }

    /** Copies {@code data} into the reader. */
    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    /** Ends the reader's stream; keeps the transport open for writing, except over TLS (no half-close). */
    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return !overSsl;
    }

    /** Done when the connection is lost; failed with the error it was lost with. */
    @Override
    protected Future<Void> closeWaiter(StreamWriter stream) {
        return closed;
    }

    @Override
    public String toString() {
        return "<StreamReaderProtocol " + reader + ">";
    }
}
