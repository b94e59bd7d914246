package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Transport;
import io.jasyncio.testing.AioTest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;

/** {@code loop.sendfile} over TLS goes through the chunked fallback: the file arrives decrypted and whole. */
class SslSendfileTest {

    @AioTest(virtualTime = false)
    void aFileSentOverTlsArrivesWhole(SelectorEventLoop loop, @TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 300_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("f.txt"), text, StandardCharsets.ISO_8859_1);
        Recorder client = new Recorder(loop);
        Recorder server = new Recorder(loop);
        TlsPair.open(loop, client, server);
        Transport t = Aio.await(client.made);
        try (FileChannel file = FileChannel.open(dir.resolve("f.txt"), StandardOpenOption.READ)) {
            t.write(ByteBuffer.wrap("HEAD\n".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(text.length(), loop.sendfile(t, file, 0, 0));
            assertSame(client, t.getProtocol());
            t.write(ByteBuffer.wrap("TAIL\n".getBytes(StandardCharsets.ISO_8859_1)));
            t.close();
        }
        Aio.await(server.eof);
        assertEquals("HEAD\n" + text + "TAIL\n", server.data.toString());
    }
}
