package io.jasyncio.process;

import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ReadTransport;
import io.jasyncio.net.WriteTransport;
import io.jasyncio.stream.FlowControlProtocol;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol under {@link Process} (asyncio's {@code SubprocessStreamProtocol}): a {@link StreamReader}
 * per output pipe, a {@link StreamWriter} on stdin whose {@code drain} follows the pipe's flow control,
 * and closing the transport once the child has exited and its output pipes are closed.
 */
final class ProcessStreamProtocol extends FlowControlProtocol implements SubprocessProtocol {

    private final int limit;
    private SubprocessTransport transport;
    StreamWriter stdin;
    StreamReader stdout;
    StreamReader stderr;
    private final List<Integer> pipeFds = new ArrayList<>(2);
    private boolean processExited;
    private final Future<Void> stdinClosed;

    ProcessStreamProtocol(SelectorEventLoop loop, int limit) {
        super(loop);
        this.limit = limit;
        this.stdinClosed = new Future<>(loop);
    }

    @Override
    public void connectionMade(SubprocessTransport transport) {
        this.transport = transport;
        if (transport.getPipeTransport(1) instanceof ReadTransport out) {
            stdout = new StreamReader(limit, loop);
            stdout.setTransport(out);
            pipeFds.add(1);
        }
        if (transport.getPipeTransport(2) instanceof ReadTransport err) {
            stderr = new StreamReader(limit, loop);
            stderr.setTransport(err);
            pipeFds.add(2);
        }
        if (transport.getPipeTransport(0) instanceof WriteTransport in) {
            stdin = new StreamWriter(in, this, null, loop);
        }
    }

    @Override
    public void pipeDataReceived(int fd, ByteBuffer data) {
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable error) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            // Wakes writers waiting in drain(), as the end of a connection does.
            connectionLost(error);
            completeClosed(stdinClosed, error);
            return;
        }
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        pipeFds.remove(Integer.valueOf(fd));
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    protected Future<Void> closeWaiter(StreamWriter stream) {
        return stream == stdin ? stdinClosed : null;
    }
}
