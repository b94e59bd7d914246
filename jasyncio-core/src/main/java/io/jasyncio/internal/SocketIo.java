package io.jasyncio.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Reads and writes of socket transports' non-blocking channels, one instance per loop thread. With
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} and {@code --enable-native-access=ALL-UNNAMED} on
 * Linux, reads into and writes from direct buffers call libc's {@code read} and {@code send} through the FFM
 * API on the channel's descriptor, which skips what {@code SocketChannel.read/write} add per call for threads
 * that share a channel (its locks, the blocking-thread bookkeeping, the buffer's session, JNI). Everything
 * else, and every call when either flag is missing, goes to the channel. Both give the same results and
 * errors: the count, -1 at end of stream, 0 when the socket would block; {@code SocketException("Connection
 * reset")} on a reset read, {@code IOException("Broken pipe")} or {@code ("Connection reset by peer")} on a
 * write. The system property {@code jasyncio.io=channel} turns the native path off.
 *
 * <p>For transports' channels, which only their loop uses and closes: a call first checks {@code isOpen()},
 * and the JDK does not release the descriptor of a registered channel that another thread closes until the
 * selector has dropped its key, on the loop thread, so the descriptor cannot be reused under a call. Not
 * thread-safe: a loop's callbacks and tasks use their thread's instance in turn.
 */
public final class SocketIo {

    private static final boolean NATIVE = nativeUsable();
    private static final ThreadLocal<SocketIo> OF_THREAD = ThreadLocal.withInitial(SocketIo::new);

    /** Where a native call leaves errno; null when the native path is off. */
    private final MemorySegment callState;

    private SocketIo() {
        callState = NATIVE ? NativeSocketIo.newCallState() : null;
    }

    /** The current thread's instance. */
    public static SocketIo ofThisThread() {
        return OF_THREAD.get();
    }

    /** Whether direct buffers go through libc's {@code read} and {@code send} (see the class comment). */
    public static boolean nativeIo() {
        return NATIVE;
    }

    /** Which path this JVM uses, for a program's start-up line: "socket I/O through libc" or "... SocketChannel". */
    public static String describe() {
        return NATIVE ? "socket I/O through libc" : "socket I/O through SocketChannel";
    }

    /** As {@code channel.read(dst)}. */
    public int read(SocketChannel channel, ByteBuffer dst) throws IOException {
        if (NATIVE && dst.isDirect() && !dst.isReadOnly() && channel.isOpen() && !channel.isBlocking()) {
            return NativeSocketIo.read(callState, channel, dst);
        }
        return channel.read(dst);
    }

    /** As {@code channel.write(src)}. */
    public int write(SocketChannel channel, ByteBuffer src) throws IOException {
        if (NATIVE && src.isDirect() && channel.isOpen() && !channel.isBlocking()) {
            return NativeSocketIo.write(callState, channel, src);
        }
        return channel.write(src);
    }

    /**
     * Tests the flags before {@link NativeSocketIo} is loaded: its initialiser links the native functions,
     * which without native access would print the JDK's warning.
     */
    private static boolean nativeUsable() {
        if (System.getProperty("jasyncio.io", "").equals("channel")) {
            return false;
        }
        Module us = SocketIo.class.getModule();
        if (!System.getProperty("os.name", "").equals("Linux")
                || !System.getProperty("os.arch", "").matches("amd64|x86_64|aarch64")
                || !Object.class.getModule().isExported("sun.nio.ch", us)
                || !us.isNativeAccessEnabled()) {
            return false;
        }
        try {
            return NativeSocketIo.linked();
        } catch (LinkageError e) {
            return false;
        }
    }
}
