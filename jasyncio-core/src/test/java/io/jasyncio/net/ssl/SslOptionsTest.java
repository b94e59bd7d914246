package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** SslOptions: asyncio's TLS keyword arguments as an immutable value. */
class SslOptionsTest {

    @Test
    void copiesChangeOneThing() {
        SSLContext ctx = TestPki.get().clientContext();
        SslOptions o = SslOptions.of(ctx);
        assertSame(ctx, o.context());
        assertNull(o.serverHostname());
        SslOptions all = o.withServerHostname("db.internal").withHandshakeTimeout(5).withShutdownTimeout(1.5);
        assertEquals(new SslOptions(ctx, "db.internal", 5.0, 1.5), all);
        assertNull(o.handshakeTimeout(), "the original is unchanged");
        assertNull(SslOptions.defaults().context());
    }

    @Test
    void theHostNameDefaultsToTheHostConnectedTo() {
        assertEquals("example.org", SslOptions.defaults().hostnameFor("example.org"));
        assertEquals("", SslOptions.defaults().withServerHostname("").hostnameFor("example.org"));
        assertEquals("name", SslOptions.defaults().withServerHostname("name").hostnameFor("10.0.0.1"));
    }
}
