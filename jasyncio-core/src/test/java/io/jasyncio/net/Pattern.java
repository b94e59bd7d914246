package io.jasyncio.net;

import java.nio.ByteBuffer;

/** A deterministic byte stream for big transfers: byte {@code i} is a function of {@code i}, so a receiver checks order and content without keeping the bytes. */
final class Pattern {

    private Pattern() {
    }

    static byte at(long i) {
        return (byte) ((i * 31 + (i >>> 11)) % 251);
    }

    /** {@code n} bytes of the pattern starting at offset {@code from}. */
    static ByteBuffer chunk(long from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = at(from + i);
        }
        return ByteBuffer.wrap(b);
    }

    /** Checks that {@code data}'s remaining bytes are the pattern from {@code offset}; consumes them. */
    static void check(ByteBuffer data, long offset) {
        int n = data.remaining();
        for (int i = 0; i < n; i++) {
            byte b = data.get();
            if (b != at(offset + i)) {
                throw new AssertionError("byte " + (offset + i) + " is " + b + ", expected " + at(offset + i));
            }
        }
    }
}
