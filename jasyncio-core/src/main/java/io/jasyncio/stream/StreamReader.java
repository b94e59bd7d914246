package io.jasyncio.stream;

import io.jasyncio.Aio;
import io.jasyncio.AsyncIterable;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.FutureReuse;
import io.jasyncio.internal.ReadBuffers;
import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.net.ReadTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The reading end of a stream connection (asyncio {@code StreamReader}): a buffer that a protocol fills
 * ({@link #feedData}, {@link #feedEof}, {@link #setException}) and that tasks read from with suspending
 * methods ({@link #read(int)}, {@link #readline()}, {@link #readUntil(byte[])}, {@link #readExactly(int)}).
 *
 * <p><b>Suspension and cancellation.</b> Every read method returns at once when the buffer can satisfy it,
 * and otherwise suspends the calling task until more data, the end of the stream or an error arrives. A
 * suspended read is cancellable: the {@link CancelledError} (or a {@code TimeoutError} from an enclosing
 * {@code Aio.timeout}) is raised from the read and the buffer is left exactly as it was, so that the next
 * read sees every byte that arrived.
 *
 * <p><b>One reader at a time.</b> A stream has one consumer: calling a read method while another task is
 * suspended in one raises {@link IllegalStateException} (asyncio raises {@code RuntimeError} when the second
 * one would wait; jasyncio raises as soon as it is called, since it could otherwise take bytes the first
 * reader is waiting for).
 *
 * <p><b>Limit and flow control.</b> The {@code limit} (64 KiB by default) bounds what
 * {@link #readUntil(byte[])} and {@link #readline()} return, and is half the buffer size at which the
 * reader pauses the transport's reading; it resumes when the buffer drains to the limit, and whenever a
 * read needs more data.
 *
 * <p><b>Buffer.</b> The reader is a {@link io.jasyncio.net.BufferedProtocol}'s buffer
 * ({@link #getBuffer(int)}, {@link #bufferUpdated(int)}): a socket transport reads into the loop thread's
 * direct staging buffer, and the reader keeps the bytes received in an array sized to them, which it
 * drops as soon as every byte has been read: a connection holds receive memory only for unread bytes
 * (10,000 idle connections hold none). A waiting {@link #readInto(ByteBuffer)} has the socket read straight
 * into its destination instead, and a waiting {@link #readChunk(int)} into a buffer the loop thread lends
 * it until its next read.
 *
 * <p>Iterating over a reader ({@code for (byte[] line : reader)}) is {@code async for line in reader}:
 * each step may suspend, and the loop ends at the end of the stream. Not thread-safe: use it on its loop.
 */
public class StreamReader implements AsyncIterable<byte[]> {

    /** asyncio's default limit, 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    /** The smallest buffer a reader allocates for the bytes it holds. */
    private static final int MIN_CAPACITY = 256;
    /** The least room a suspended {@link #readInto(ByteBuffer)} must have for a transport to fill it directly. */
    private static final int MIN_DIRECT_READ = 4 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final ByteBuffer EMPTY_BUFFER = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final byte[] NEWLINE = {'\n'};

    private final EventLoop loop;
    private final int limit;
    /** The bytes received and not yet read are {@code buf[start, end)}. */
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    /**
     * What the last {@link #getBuffer(int)} lent, until {@link #bufferUpdated(int)}: the thread's staging
     * buffer ({@link ReadBuffers}), the waiting readInto's {@link #intoTarget}, or {@code null}.
     */
    private ByteBuffer lent;
    private boolean eof;
    private Future<Void> waiter;
    /** The last waiter, done and taken, to wait on again instead of a new future per wait. */
    private Future<Void> spareWaiter;
    private Throwable exception;
    private ReadTransport transport;
    private boolean paused;
    /** The destination of a suspended {@link #readInto(ByteBuffer)}, which new bytes may go straight into. */
    private ByteBuffer intoTarget;
    /** The position of {@link #intoTarget} when it was lent. */
    private int intoStart;
    /** While a {@link #readChunk(int)} waits on an empty buffer: the most bytes it takes; else 0. */
    private int chunkMax;
    /** The buffer the last {@link #readChunk(int)} returned, when it came from {@link #readBuffers}: lent until the next read. */
    private ByteBuffer heldChunk;
    /** The loop thread's buffers, once a transport has asked for one. */
    private ReadBuffers readBuffers;

    /** A reader with the default limit on the current event loop. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader with {@code limit} (must be positive) on the current event loop. */
    public StreamReader(int limit) {
        this(limit, EventLoops.getEventLoop());
    }

    /** A reader with {@code limit} (must be positive) on {@code loop}. */
    public StreamReader(int limit, EventLoop loop) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
        this.loop = loop;
    }

    /** The limit given at creation. */
    public int limit() {
        return limit;
    }

    /** The size of the array holding the unread bytes (0 when there are none), for tests of memory use. */
    int capacity() {
        return buf.length;
    }

    // ---- the protocol's side -------------------------------------------------------------------

    /** The error the stream ended with, or {@code null} (asyncio {@code exception}). */
    public Throwable exception() {
        return exception;
    }

    /**
     * Ends the stream with an error (asyncio {@code set_exception}): a suspended read raises it, and so
     * does every later read.
     */
    public void setException(Throwable error) {
        exception = error;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(error);
            }
        }
    }

    /**
     * The transport whose reading this reader pauses and resumes (asyncio {@code set_transport}); set once,
     * by the protocol when the connection is made. A TLS upgrade replaces it with {@link #replaceTransport}.
     */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    /** The transport set with {@link #setTransport}, or {@code null}: closing it ends the stream early. */
    public ReadTransport transport() {
        return transport;
    }

    /** Points the reader at a new transport (after {@code startTls}), keeping its buffer. */
    void replaceTransport(ReadTransport transport) {
        this.transport = transport;
    }

    /** Marks the end of the stream (asyncio {@code feed_eof}): reads return what is left, then nothing. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** Whether the stream ended and every byte has been read (asyncio {@code at_eof}). */
    public boolean atEof() {
        return eof && start == end;
    }

    /** Appends the remaining bytes of {@code data} to the buffer (asyncio {@code feed_data}). */
    public void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        lent = null;
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ByteBuffer dst = intoTarget;
        if (dst != null && start == end) {
            // A readInto is waiting on an empty buffer: its destination takes what fits, the rest is buffered.
            int k = Math.min(n, dst.remaining());
            dst.put(dst.position(), data, data.position(), k);
            data.position(data.position() + k);
            deliveredInto(dst, dst.position() + k);
            n -= k;
            if (n == 0) {
                return;
            }
        }
        ensureFree(n);
        data.get(buf, end, n);
        end += n;
        afterAppend();
    }

    /** Appends {@code data} to the buffer (asyncio {@code feed_data}). */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    /**
     * A buffer for a transport to read into ({@code BufferedProtocol.get_buffer}), to be followed by
     * {@link #bufferUpdated(int)} before anything else runs on the loop thread: the loop thread's 256 KiB
     * staging buffer, from which {@code bufferUpdated} keeps the bytes received (so a reader holds memory
     * only for unread bytes). While a {@link #readInto(ByteBuffer)} waits on an empty buffer with at least
     * 4 KiB (and {@code sizeHint}) of room, it is that read's destination itself, so the bytes are copied
     * once, or not at all for a direct one.
     */
    public ByteBuffer getBuffer(int sizeHint) {
        if (eof) {
            throw new IllegalStateException("getBuffer after feedEof");
        }
        ByteBuffer dst = intoTarget;
        if (dst != null && start == end && dst.remaining() >= Math.max(sizeHint, MIN_DIRECT_READ)) {
            intoStart = dst.position();
            lent = dst;
            return dst;
        }
        if (readBuffers == null) {
            readBuffers = ReadBuffers.ofThisThread();
        }
        if (chunkMax > 0 && start == end) {
            ByteBuffer chunk = readBuffers.lend(chunkMax);
            lent = chunk.limit(Math.min(chunkMax, chunk.capacity()));
        } else {
            lent = readBuffers.lend(ReadBuffers.SIZE);
        }
        return lent;
    }

    /** {@code nbytes} bytes were written at the position of the last {@link #getBuffer(int)}. */
    public void bufferUpdated(int nbytes) {
        ByteBuffer given = lent;
        lent = null;
        if (given == null) {
            throw new IllegalStateException("bufferUpdated(" + nbytes + ") without getBuffer()");
        }
        if (given == intoTarget) {
            ByteBuffer dst = given;
            if (nbytes < 0 || intoStart + nbytes > dst.limit()) {
                throw new IllegalArgumentException("bufferUpdated(" + nbytes + ") beyond the buffer given");
            }
            if (nbytes > 0) {
                deliveredInto(dst, intoStart + nbytes);
            }
            return;
        }
        if (nbytes < 0 || nbytes > given.limit()) {
            throw new IllegalArgumentException("bufferUpdated(" + nbytes + ") beyond the buffer given");
        }
        if (chunkMax > 0 && start == end && nbytes > 0) {
            // A readChunk waits: it gets this buffer itself, and gives it back at its next read.
            readBuffers.take(given);
            heldChunk = given.clear().limit(nbytes);
            chunkMax = 0; // anything more is buffered until the reader runs
            wakeupWaiter();
            return;
        }
        feedData(given.clear().limit(nbytes));
    }

    private void afterAppend() {
        wakeupWaiter();
        if (transport != null && !paused && end - start > 2 * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException cannotPause) {
                // The transport cannot pause: buffer everything, and stop trying.
                transport = null;
            }
        }
    }

    /** Bytes went straight into the waiting readInto's destination, up to {@code newPosition}: wake it. */
    private void deliveredInto(ByteBuffer dst, int newPosition) {
        dst.position(newPosition);
        intoTarget = null; // anything more is buffered until the reader runs
        wakeupWaiter();
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && end - start <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /**
     * Reads up to {@code n} bytes (asyncio {@code read(n)}): what is buffered, at most {@code n} bytes, and
     * at least one unless the stream has ended (then an empty array). {@code n == 0} returns an empty
     * array at once; {@code n < 0} reads to the end of the stream, as {@link #read()}.
     *
     * <p>Suspends while the buffer is empty and the stream has not ended; cancellable, leaving the buffer
     * as it was. Raises the stream's error, if it ended with one.
     */
    public byte[] read(int n) throws IOException {
        beginRead("read");
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            // As asyncio: read limit-sized blocks, so that the transport is resumed as the buffer drains.
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] block = read(limit);
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        if (start == end && !eof) {
            // Offer the transport room for up to n bytes (at most the limit) in one socket read.
            waitForData("read");
        }
        byte[] data = take(Math.min(n, end - start));
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads until the end of the stream (asyncio {@code read()}) and returns every byte. Suspends until the
     * stream ends; cancellable: the bytes gathered so far are lost, those not yet gathered stay buffered.
     */
    public byte[] read() throws IOException {
        return read(-1);
    }

    /**
     * Reads up to {@code dst.remaining()} bytes into {@code dst} and returns how many, or -1 at the end of
     * the stream (as {@code sock_recv_into}, for a stream): at least one byte unless the stream has ended;
     * 0 if {@code dst} has no room. The bytes go at {@code dst}'s position, which advances; nothing is
     * allocated. While the buffer is empty the transport reads straight into {@code dst} (one copy fewer
     * than {@link #read(int)}; none from a socket into a direct buffer).
     *
     * <p>Suspends while the buffer is empty and the stream has not ended; cancellable, leaving the stream
     * as it was: bytes that had already reached {@code dst} are put back in front of the buffer and
     * {@code dst}'s position is restored. Raises the stream's error, if it ended with one, and
     * {@link ReadOnlyBufferException} for a read-only {@code dst}.
     */
    public int readInto(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        beginRead("readInto");
        throwIfFailed();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (start == end && !eof) {
            int before = dst.position();
            intoTarget = dst;
            try {
                waitForData("readInto");
            } catch (Throwable e) {
                unread(dst, before);
                throw e;
            } finally {
                intoTarget = null;
                if (lent == dst) {
                    lent = null;
                }
            }
            int got = dst.position() - before;
            if (got > 0) {
                return got;
            }
        }
        if (start == end) {
            return -1;
        }
        int n = Math.min(dst.remaining(), end - start);
        dst.put(buf, start, n);
        consume(n);
        maybeResumeTransport();
        return n;
    }

    /** {@link #readInto(ByteBuffer)} into {@code b[off, off + len)}. */
    public int readInto(byte[] b, int off, int len) throws IOException {
        return readInto(ByteBuffer.wrap(b, off, len));
    }

    /** {@link #readInto(ByteBuffer)} into the whole of {@code b}. */
    public int readInto(byte[] b) throws IOException {
        return readInto(ByteBuffer.wrap(b));
    }

    /**
     * Reads up to {@code max} bytes without copying them (jasyncio's own; asyncio's {@code read(n)} returns
     * fresh bytes): a buffer whose bytes between position and limit are the next ones of the stream, at
     * least one unless the stream has ended (then an empty buffer). The buffer is <em>lent</em>: it is
     * valid until the next read of any kind on this reader, which may reuse it for another connection, so
     * use its bytes, or hand them to {@link StreamWriter#write(ByteBuffer)} (which copies what it cannot send
     * at once), before reading again.
     *
     * <p>While the buffer is empty, the socket reads straight into one of the loop thread's direct buffers
     * (a power of two of at least {@code max} bytes, at most 256 KiB), which this reader then holds until its
     * next read; the last one given back is the next one lent, so an echo loop
     * {@code readChunk → write → drain} keeps touching the same, cached memory, as a server with one shared
     * buffer does. Bytes that were already buffered come in a heap buffer, without a copy when all of them
     * are taken.
     *
     * <p>Suspends while the buffer is empty and the stream has not ended; cancellable, leaving the stream as
     * it was. Raises the stream's error, if it ended with one, and {@link IllegalArgumentException} if
     * {@code max} is not positive.
     */
    public ByteBuffer readChunk(int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive, not " + max);
        }
        beginRead("readChunk");
        throwIfFailed();
        if (start == end && !eof) {
            chunkMax = max;
            try {
                waitForData("readChunk");
            } catch (Throwable e) {
                ByteBuffer got = heldChunk;
                if (got != null) {
                    heldChunk = null;
                    unread(got, 0, got.limit());
                    readBuffers.giveBack(got);
                }
                throw e;
            } finally {
                chunkMax = 0;
            }
            if (heldChunk != null) {
                return heldChunk;
            }
        }
        int n = Math.min(max, end - start);
        if (n == 0) {
            return EMPTY_BUFFER;
        }
        ByteBuffer out = n == end - start
                ? ByteBuffer.wrap(buf, start, n).slice() // every byte: the array is handed over, consume drops it
                : ByteBuffer.wrap(Arrays.copyOfRange(buf, start, start + n));
        consume(n);
        maybeResumeTransport();
        return out;
    }

    /** Puts back, in front of the buffer, the bytes a cancelled readInto already got in {@code dst[before, position)}. */
    private void unread(ByteBuffer dst, int before) {
        int got = dst.position() - before;
        if (got == 0) {
            return;
        }
        unread(dst, before, got);
        dst.position(before);
    }

    /** Puts {@code src[from, from + got)} back in front of the buffer. */
    private void unread(ByteBuffer src, int from, int got) {
        int len = end - start;
        if (start < got) {
            byte[] bigger = buf.length - len >= got ? buf : new byte[Math.max(len + got, MIN_CAPACITY)];
            System.arraycopy(buf, start, bigger, got, len);
            buf = bigger;
            start = got;
            end = got + len;
        }
        start -= got;
        src.get(from, buf, start, got);
    }

    /**
     * Reads one line, ending with {@code \n} (asyncio {@code readline}). At the end of the stream it returns
     * the incomplete last line without {@code \n}, and then an empty array.
     *
     * <p>When the line (without its {@code \n}) is longer than the limit it raises
     * {@link IllegalArgumentException} (asyncio's {@code ValueError}) whose cause is the
     * {@link LimitOverrunError}; the line is then dropped if its {@code \n} was found, else the whole buffer
     * is. Suspends until a line is buffered; cancellable, leaving the buffer as it was.
     */
    public byte[] readline() throws IOException {
        try {
            return readUntil(NEWLINE);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            int at = start + e.consumed();
            if (at < end && buf[at] == '\n') {
                take(e.consumed() + 1);
            } else {
                take(end - start);
            }
            maybeResumeTransport();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@link #readUntil(byte[])} with the separator {@code \n}. */
    public byte[] readUntil() throws IOException {
        return readUntil(NEWLINE);
    }

    /**
     * Reads up to and including {@code separator} (asyncio {@code readuntil}) and returns those bytes.
     *
     * <ul>
     *   <li>The stream ends first: raises {@link IncompleteReadError} with every byte left (which may end
     *       with part of the separator) and an unknown expected count; the buffer is emptied.</li>
     *   <li>No separator within {@code limit} bytes, or one found beyond them: raises
     *       {@link LimitOverrunError}; the data stays buffered.</li>
     *   <li>An empty separator: {@link IllegalArgumentException}.</li>
     * </ul>
     *
     * <p>Suspends until the separator is buffered; cancellable, leaving the buffer as it was.
     */
    public byte[] readUntil(byte[] separator) throws IOException {
        int seplen = separator.length;
        if (seplen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        beginRead("readUntil");
        throwIfFailed();
        // `offset` bytes from the start of the buffer hold no separator: a new search starts there, less
        // the separator's length minus one, since the separator may have been cut between two chunks.
        int offset = 0;
        int isep;
        while (true) {
            int buflen = end - start;
            if (buflen - offset >= seplen) {
                isep = indexOf(separator, offset);
                if (isep != -1) {
                    break;
                }
                offset = buflen + 1 - seplen;
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            // The last chunk may have completed the separator even though EOF came with it: so EOF is
            // checked only after the search.
            if (eof) {
                throw new IncompleteReadError(take(buflen), null);
            }
            waitForData("readUntil");
        }
        if (isep > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
        }
        byte[] chunk = take(isep + seplen);
        maybeResumeTransport();
        return chunk;
    }

    /**
     * Reads exactly {@code n} bytes (asyncio {@code readexactly}). If the stream ends first it raises
     * {@link IncompleteReadError} carrying the bytes that were left (the buffer is emptied) and {@code n}.
     * {@code n == 0} returns an empty array; {@code n < 0} raises {@link IllegalArgumentException}. The
     * result is not bounded by the limit.
     *
     * <p>Suspends until {@code n} bytes are buffered; cancellable, leaving the buffer as it was (with the
     * bytes that arrived meanwhile).
     */
    public byte[] readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        beginRead("readExactly");
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (end - start < n) {
            if (eof) {
                throw new IncompleteReadError(take(end - start), n);
            }
            waitForData("readExactly");
        }
        byte[] data = take(n);
        maybeResumeTransport();
        return data;
    }

    /** Lines until the end of the stream ({@code async for line in reader}); each step may suspend. */
    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private byte[] next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    byte[] line;
                    try {
                        line = readline();
                    } catch (IOException e) {
                        throw Throwables.sneaky(e);
                    }
                    if (line.length == 0) {
                        done = true;
                    } else {
                        next = line;
                    }
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    // ---- internals -----------------------------------------------------------------------------

    /**
     * Where every read starts: no other task may be waiting, and the chunk the last {@link #readChunk(int)}
     * lent is given back.
     */
    private void beginRead(String method) {
        checkNoWaiter(method);
        ByteBuffer held = heldChunk;
        if (held != null) {
            heldChunk = null;
            readBuffers.giveBack(held);
        }
    }

    private void checkNoWaiter(String method) {
        if (waiter != null) {
            throw new IllegalStateException(method + "() called while another task is already waiting for "
                    + "incoming data");
        }
    }

    private void throwIfFailed() {
        if (exception != null) {
            throw Throwables.sneaky(exception);
        }
    }

    /** Suspends until data, EOF or an error arrives; resumes a paused transport first (it would deadlock). */
    private void waitForData(String method) {
        checkNoWaiter(method);
        if (eof) {
            throw new IllegalStateException("waiting for data after EOF");
        }
        // Waiting while paused would deadlock; readExactly(n) with n > 2 * limit relies on this.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = spareWaiter;
        if (w == null) {
            w = new Future<>(loop);
        } else {
            spareWaiter = null;
        }
        waiter = w;
        try {
            Aio.await(w);
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
        // Woken with a result (not cancelled, no error): nobody else holds w, so the next wait reuses it.
        if (FutureReuse.reset(w)) {
            spareWaiter = w;
        }
    }

    /** Removes the first {@code n} buffered bytes and returns them. */
    private byte[] take(int n) {
        byte[] out = n == 0 ? EMPTY : Arrays.copyOfRange(buf, start, start + n);
        consume(n);
        return out;
    }

    /** Drops the first {@code n} buffered bytes. */
    private void consume(int n) {
        start += n;
        if (start == end) {
            // Empty: the memory goes too (the next bytes arrive in the staging buffer).
            start = 0;
            end = 0;
            buf = EMPTY;
        }
    }

    /** Makes room for {@code n} more bytes after {@code end}: compacts, else grows. */
    private void ensureFree(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int len = end - start;
        if (buf.length - len >= n) {
            // Compacting moves the same bytes growing would copy, and allocates nothing.
            System.arraycopy(buf, start, buf, 0, len);
        } else {
            int cap = Math.max(Math.max(buf.length * 2, len + n), MIN_CAPACITY);
            byte[] bigger = new byte[cap];
            System.arraycopy(buf, start, bigger, 0, len);
            buf = bigger;
        }
        start = 0;
        end = len;
    }

    /** The offset of {@code sep} in the buffer at or after {@code from} (relative to {@code start}), or -1. */
    private int indexOf(byte[] sep, int from) {
        byte first = sep[0];
        int last = end - sep.length;
        outer:
        for (int i = start + from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<StreamReader");
        if (end > start) {
            sb.append(' ').append(end - start).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (transport != null) {
            sb.append(" transport=").append(transport);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.append('>').toString();
    }
}
