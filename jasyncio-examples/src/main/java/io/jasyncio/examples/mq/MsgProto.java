package io.jasyncio.examples.mq;

import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The broker's wire protocol (Ex. 4-1, {@code msgproto.py}, B:5430-5466): a message is a 4-byte unsigned
 * big-endian length followed by that many payload bytes. A client's first message names the channel it
 * subscribes to; then it sends pairs of messages (destination channel, payload). The broker sends a
 * subscriber one message per delivery, holding only the payload.
 *
 * <p>Beyond the book: {@link #readMsg(StreamReader, long)} refuses a length prefix above a maximum
 * ({@link FrameTooLargeException}) instead of trying to buffer up to 4 GiB. Also here: {@link #repr(byte[],
 * int)}, which renders bytes as Python prints them ({@code b'Msg 0 from 6b5a8e1d'}), so that the programs'
 * output can be read side by side with the book's.
 */
public final class MsgProto {

    /** The default maximum payload size: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME = 64 << 20;

    private MsgProto() {
    }

    /** {@link #readMsg(StreamReader, long)} with the default 64 MiB maximum. */
    public static byte[] readMsg(StreamReader reader) throws IOException {
        return readMsg(reader, DEFAULT_MAX_FRAME);
    }

    /**
     * Reads one message ({@code read_msg}): the 4-byte length, then the payload. Suspends until it is all
     * there. Raises {@link io.jasyncio.stream.IncompleteReadError} when the stream ends first (with an
     * empty partial when it ended cleanly between two messages), and {@link FrameTooLargeException} when
     * the length exceeds {@code maxSize} (then nothing of the payload has been read). Cancellable: what was
     * already read of the message is lost, so the stream is then out of step.
     */
    public static byte[] readMsg(StreamReader reader, long maxSize) throws IOException {
        byte[] head = reader.readExactly(4);
        long size = (head[0] & 0xffL) << 24 | (head[1] & 0xffL) << 16 | (head[2] & 0xffL) << 8 | head[3] & 0xffL;
        if (size > maxSize || size > Integer.MAX_VALUE) {
            throw new FrameTooLargeException(size, Math.min(maxSize, Integer.MAX_VALUE));
        }
        return reader.readExactly((int) size);
    }

    /**
     * Sends one message ({@code send_msg}): writes the length and the payload in one {@code writelines},
     * then drains. Suspends while the transport's buffer is above its high-water mark; raises the
     * connection's error (an {@link IOException}) once it is lost. Cancellable: the message stays buffered
     * in the transport and is still sent.
     */
    public static void sendMsg(StreamWriter writer, byte[] data) throws IOException {
        writer.writelines(List.of(header(data.length), data));
        writer.drain();
    }

    /** The 4-byte big-endian length prefix for a payload of {@code length} bytes. */
    public static byte[] header(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /** The whole of {@code data} as Python's {@code repr(bytes)}: see {@link #repr(byte[], int)}. */
    public static String repr(byte[] data) {
        return repr(data, data.length);
    }

    /**
     * The first {@code limit} bytes of {@code data} as Python prints {@code data[:limit]}: {@code b'...'}
     * with printable ASCII as is, {@code \t \n \r \\} and the quote escaped, other bytes as {@code \xhh};
     * double quotes when the bytes hold a single quote and no double quote, as Python does.
     */
    public static String repr(byte[] data, int limit) {
        int n = Math.min(limit, data.length);
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < n; i++) {
            single |= data[i] == '\'';
            dbl |= data[i] == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(n + 3).append('b').append(quote);
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            if (b == quote || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b == '\t') {
                sb.append("\\t");
            } else if (b == '\n') {
                sb.append("\\n");
            } else if (b == '\r') {
                sb.append("\\r");
            } else if (b < 0x20 || b >= 0x7f) {
                sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            } else {
                sb.append((char) b);
            }
        }
        return sb.append(quote).toString();
    }

    /** The channel name as a string key: one char per byte (ISO-8859-1), so that byte prefixes stay prefixes. */
    static String channelKey(byte[] channel) {
        return new String(channel, StandardCharsets.ISO_8859_1);
    }
}
