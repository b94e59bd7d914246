package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/** Contexts from PEM files, as Python's create_default_context(cafile=) and load_cert_chain make them. */
class SslContextsTest {

    @AioTest
    void contextsFromPemFilesShakeHands(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-pem");
        TestPki.get().writePem(dir);
        SSLContext server = SslContexts.server(dir.resolve("server.pem"), dir.resolve("server.key"));
        SSLContext client = SslContexts.client(dir.resolve("ca.pem"));
        assertEquals(2, SslContexts.readCertificates(dir.resolve("server.pem")).size(), "leaf and CA");
        TlsPair p = TlsPair.start(loop, new Recorder(loop), client, "localhost", new Recorder(loop), server);
        Aio.await(p.clientHandshake);
    }

    @AioTest
    void theDefaultContextDoesNotTrustTheTestAuthority(SelectorEventLoop loop) {
        SSLContext system = SslContexts.createDefaultContext();
        assertNotNull(system);
        TlsPair p = TlsPair.start(loop, new Recorder(loop), null, "localhost", new Recorder(loop),
                TestPki.get().serverContext());
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Aio.await(p.clientHandshake));
        assertTrue(e.getMessage().contains("PKIX path building failed"), e.getMessage());
    }

    @AioTest
    void missingPemBlocksAreClearErrors(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-pem");
        TestPki.get().writePem(dir);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        IOException noKey = assertThrows(IOException.class, () -> SslContexts.readPrivateKey(dir.resolve("ca.pem")));
        assertTrue(noKey.getMessage().startsWith("no unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in "));
        IOException noCert = assertThrows(IOException.class, () -> SslContexts.readCertificates(empty));
        assertEquals("no certificate in " + empty, noCert.getMessage());
    }
}
