package io.jasyncio.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * {@link SocketIo}'s native path: libc's {@code read} and {@code send} called through the FFM API on the
 * descriptor that {@code sun.nio.ch} keeps in the channel. {@link SocketIo} loads this class only when that
 * package is exported to us and native access is enabled; nothing else touches either. The errno values are
 * Linux's (the same on x86-64 and AArch64, the only platforms {@code SocketIo} allows).
 */
@SuppressWarnings("restricted") // the downcalls and strerror's string are what this class is for
final class NativeSocketIo {

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EPIPE = 32;
    private static final int ECONNRESET = 104;
    private static final int MSG_NOSIGNAL = 0x4000;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle READ;
    private static final MethodHandle SEND;
    private static final MethodHandle STRERROR;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        // Pointers as longs: the buffers' addresses come from DirectBuffer.address(), with no segment to allocate.
        READ = linker.downcallHandle(libc.find("read").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                errno, Linker.Option.critical(false));
        SEND = linker.downcallHandle(libc.find("send").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                errno, Linker.Option.critical(false));
        STRERROR = linker.downcallHandle(libc.find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private NativeSocketIo() {
    }

    /** Whether the functions are linked (a call loads and initialises this class). */
    static boolean linked() {
        return READ != null && SEND != null && STRERROR != null;
    }

    /** A new place for a call to leave errno in. */
    static MemorySegment newCallState() {
        return Arena.ofAuto().allocate(CALL_STATE);
    }

    /** As {@code channel.read(dst)}, for a non-blocking channel and a writable direct buffer. */
    static int read(MemorySegment state, SocketChannel channel, ByteBuffer dst) throws IOException {
        if (!(channel instanceof sun.nio.ch.SelChImpl ch)) {
            return channel.read(dst);
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        long n = transfer(false, state, ch, dst);
        if (n >= 0) {
            return n == 0 ? -1 : (int) n;
        }
        int err = (int) -n;
        if (err == EAGAIN) {
            return 0;
        }
        throw err == ECONNRESET ? new SocketException("Connection reset") : new IOException(message(err));
    }

    /** As {@code channel.write(src)}, for a non-blocking channel and a direct buffer. */
    static int write(MemorySegment state, SocketChannel channel, ByteBuffer src) throws IOException {
        if (!(channel instanceof sun.nio.ch.SelChImpl ch)) {
            return channel.write(src);
        }
        if (!src.hasRemaining()) {
            return 0;
        }
        long n = transfer(true, state, ch, src);
        if (n >= 0) {
            return (int) n;
        }
        int err = (int) -n;
        if (err == EAGAIN) {
            return 0;
        }
        throw new IOException(err == EPIPE ? "Broken pipe" : err == ECONNRESET ? "Connection reset by peer" : message(err));
    }

    /**
     * One {@code send} from, or {@code read} into, the remaining bytes of {@code buf}, retried on EINTR: the
     * count, by which {@code buf}'s position has moved (0: a read's end of stream), or minus errno.
     */
    private static long transfer(boolean send, MemorySegment state, sun.nio.ch.SelChImpl ch, ByteBuffer buf) {
        int fd = ch.getFDVal();
        int pos = buf.position();
        int len = buf.limit() - pos;
        long address = ((sun.nio.ch.DirectBuffer) buf).address() + pos;
        long n;
        do {
            n = send ? send(state, fd, address, len) : read(state, fd, address, len);
        } while (n < 0 && errno(state) == EINTR);
        Reference.reachabilityFence(buf);
        if (n < 0) {
            return -errno(state);
        }
        buf.position(pos + (int) n);
        return n;
    }

    private static long read(MemorySegment state, int fd, long address, int len) {
        try {
            return (long) READ.invokeExact(state, fd, address, (long) len);
        } catch (Throwable e) {
            throw Throwables.sneaky(e);
        }
    }

    private static long send(MemorySegment state, int fd, long address, int len) {
        try {
            return (long) SEND.invokeExact(state, fd, address, (long) len, MSG_NOSIGNAL);
        } catch (Throwable e) {
            throw Throwables.sneaky(e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static String message(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }
}
