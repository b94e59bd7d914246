package io.jasyncio.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.stream.StreamReader;
import io.jasyncio.testing.AioTest;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

class RespTest {

    private static StreamReader feed(String wire) {
        StreamReader r = new StreamReader();
        r.feedData(wire.getBytes(StandardCharsets.UTF_8));
        r.feedEof();
        return r;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @AioTest
    void encodesACommandAsAnArrayOfBulkStrings() {
        assertEquals("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n", text(Resp.encode("SET", "key", "value")));
        assertEquals("*2\r\n$6\r\nEXPIRE\r\n$2\r\n10\r\n", text(Resp.encode("EXPIRE", 10L)));
        assertEquals("*2\r\n$3\r\nGET\r\n$0\r\n\r\n", text(Resp.encode("GET", "")));
        assertEquals("*2\r\n$3\r\nGET\r\n$2\r\n\u00e9\r\n", text(Resp.encode("GET", "\u00e9")), "length in UTF-8 bytes");
        assertArrayEquals(new byte[] {'*', '1', '\r', '\n', '$', '2', '\r', '\n', 0, (byte) 0xff, '\r', '\n'},
                Resp.encode((Object) new byte[] {0, (byte) 0xff}));
        assertThrows(IllegalArgumentException.class, () -> Resp.encode());
        assertThrows(IllegalArgumentException.class, () -> Resp.encode("GET", null));
    }

    @AioTest
    void readsEveryKindOfReply() throws IOException {
        StreamReader r = feed("+OK\r\n-ERR unknown command 'FOO'\r\n:42\r\n:-7\r\n$5\r\nhello\r\n$0\r\n\r\n$-1\r\n"
                + "*3\r\n:1\r\n$2\r\nab\r\n*1\r\n+x\r\n*0\r\n*-1\r\n$4\r\na\r\nb\r\n");
        assertEquals("OK", Resp.read(r));
        RedisError e = assertInstanceOf(RedisError.class, Resp.read(r));
        assertEquals("ERR unknown command 'FOO'", e.getMessage());
        assertEquals("ERR", e.kind());
        assertEquals(42L, Resp.read(r));
        assertEquals(-7L, Resp.read(r));
        assertEquals("hello", text((byte[]) Resp.read(r)));
        assertEquals("", text((byte[]) Resp.read(r)));
        assertNull(Resp.read(r));
        List<?> array = (List<?>) Resp.read(r);
        assertEquals(3, array.size());
        assertEquals(1L, array.get(0));
        assertEquals("ab", text((byte[]) array.get(1)));
        assertEquals(List.of("x"), array.get(2));
        assertEquals(List.of(), Resp.read(r));
        assertNull(Resp.read(r));
        assertEquals("a\r\nb", text((byte[]) Resp.read(r)), "a bulk string may hold CRLF");
        EOFException eof = assertThrows(EOFException.class, () -> Resp.read(r));
        assertEquals("connection closed by the server", eof.getMessage());
    }

    @AioTest
    void readsBinaryBulkStringsExactly() throws IOException {
        StreamReader r = new StreamReader();
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        r.feedData("$256\r\n".getBytes(StandardCharsets.US_ASCII));
        r.feedData(all);
        r.feedData("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(all, (byte[]) Resp.read(r));
    }

    @AioTest
    void rejectsMalformedRepliesWithClearErrors() {
        assertEquals("unknown RESP type byte 0x3f in reply line \"?what\"",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed("?what\r\n"))).getMessage());
        assertEquals("bad integer in reply line \":12a\"",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed(":12a\r\n"))).getMessage());
        assertEquals("bad integer in reply line \":\"",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed(":\r\n"))).getMessage());
        assertEquals("bad bulk string length -2 in reply line \"$-2\"",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed("$-2\r\n"))).getMessage());
        assertEquals("bulk string of 3 bytes not followed by \\r\\n",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed("$3\r\nabcde\r\n"))).getMessage());
        assertEquals("empty reply line",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed("\r\n"))).getMessage());
        assertEquals("connection closed in the middle of a reply",
                assertThrows(EOFException.class, () -> Resp.read(feed("$10\r\nabc"))).getMessage());
        assertEquals("connection closed in the middle of a reply",
                assertThrows(EOFException.class, () -> Resp.read(feed("*2\r\n:1\r\n"))).getMessage());
        assertEquals("connection closed in the middle of a reply",
                assertThrows(EOFException.class, () -> Resp.read(feed("+OK"))).getMessage());
        char[] longLine = new char[StreamReader.DEFAULT_LIMIT + 10];
        Arrays.fill(longLine, 'x');
        assertEquals("reply line longer than 65536 bytes without \\r\\n",
                assertThrows(RedisProtocolError.class, () -> Resp.read(feed("+" + new String(longLine) + "\r\n"))).getMessage());
    }

    @AioTest
    void helpersTurnRepliesIntoText() throws IOException {
        assertEquals("v", Resp.string("v".getBytes(StandardCharsets.UTF_8)));
        assertEquals("OK", Resp.string("OK"));
        assertEquals("5", Resp.string(5L));
        assertNull(Resp.string(null));
        assertEquals(Arrays.asList("a", null), Resp.strings(Arrays.asList("a".getBytes(StandardCharsets.UTF_8), null)));
        assertEquals("expected an integer reply, got bulk string of 1 bytes",
                assertThrows(RedisProtocolError.class, () -> Resp.integer(new byte[1])).getMessage());
        assertEquals("expected a string reply, got array of 0",
                assertThrows(RedisProtocolError.class, () -> Resp.string(List.of())).getMessage());
    }
}
