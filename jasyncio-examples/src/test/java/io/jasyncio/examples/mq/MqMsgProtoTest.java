package io.jasyncio.examples.mq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.stream.IncompleteReadError;
import io.jasyncio.stream.StreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The framing of Ex. 4-1 and the Python rendering of bytes, without sockets. */
class MqMsgProtoTest {

    @Test
    void reprPrintsBytesAsPythonDoes() {
        assertEquals("b'Msg 0 from 6b5a8e1d'", MsgProto.repr("Msg 0 from 6b5a8e1d".getBytes(StandardCharsets.US_ASCII), 19));
        assertEquals("b'Msg 10 from 6b5a8e1'", MsgProto.repr("Msg 10 from 6b5a8e1d".getBytes(StandardCharsets.US_ASCII), 19));
        assertEquals("b''", MsgProto.repr(new byte[0]));
        assertEquals("b'\\x00\\xff\\n\\t\\\\'", MsgProto.repr(new byte[] {0, (byte) 0xff, '\n', '\t', '\\'}));
        assertEquals("b\"it's\"", MsgProto.repr("it's".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("b'\\'\"'", MsgProto.repr("'\"".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void framesAreABigEndianLengthThenThePayload() {
        assertArrayEquals(new byte[] {0, 0, 1, 2}, MsgProto.header(258));
        Aio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(new byte[] {0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 0, 0, 0, 0, 0x10});
            r.feedEof();
            assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), MsgProto.readMsg(r));
            assertArrayEquals(new byte[0], MsgProto.readMsg(r)); // an empty message is a message
            IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> MsgProto.readMsg(r));
            assertEquals(3, e.partial().length); // {0, 0, 0x10}: a length cut short
        });
    }

    @Test
    void aLengthAboveTheMaximumIsRefusedBeforeReadingThePayload() {
        Aio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> MsgProto.readMsg(r, 1000));
            assertEquals(4294967295L, e.size());
            assertEquals(1000, e.limit());
        });
    }
}
