package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;

/** {@code loop.sendfile} from a stream handler, between its own writes, and the handler reading again after. */
class StreamSendfileTest {

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void aStreamServerSendsAFileBetweenLinesAndKeepsReading(SelectorEventLoop loop, @TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 1];
        new Random(3).nextBytes(content);
        Path path = dir.resolve("f.bin");
        Files.write(path, content);
        try (Server server = Streams.startServer((reader, writer) -> {
            byte[] request = reader.readline();                       // "GET\n"
            try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
                String verb = new String(request, StandardCharsets.US_ASCII).strip();
                writer.write((verb + " LEN " + file.size() + "\n").getBytes(StandardCharsets.US_ASCII));
                loop.sendfile((Transport) writer.transport(), file, 0, 0);
            }
            byte[] next = reader.readline();                          // reading works again after
            writer.write(("BYE " + new String(next, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
            writer.close();
            writer.waitClosed();
        }, "127.0.0.1", 0)) {
            int port = ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
            StreamPair c = Streams.openConnection("127.0.0.1", port);
            c.writer().write("GET\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("GET LEN " + content.length + "\n", new String(c.reader().readline(), StandardCharsets.US_ASCII));
            assertArrayEquals(content, c.reader().readExactly(content.length));
            c.writer().write("thanks\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.writeBytes(c.reader().read(-1));
            assertEquals("BYE thanks\n", rest.toString(StandardCharsets.US_ASCII));
            c.writer().close();
        }
    }
}
