package io.jasyncio.net.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Ready-made {@link SSLContext}s, as Python's {@code ssl.create_default_context()} and
 * {@code SSLContext.load_cert_chain()} make them: verifying clients, and servers from PEM files. Every
 * context built here verifies the peer's chain; the TLS layer adds the host-name check on the client side.
 */
public final class SslContexts {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private SslContexts() {
    }

    /** The JDK's default context: it trusts the system's certificate authorities (Python's {@code create_default_context()}). */
    public static SSLContext createDefaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
    }

    /** A client context that trusts only the certificates in the PEM file {@code caFile} ({@code cafile=}). */
    public static SSLContext client(Path caFile) throws IOException {
        return client(readCertificates(caFile));
    }

    /** A client context that trusts only {@code trusted}. */
    public static SSLContext client(Collection<X509Certificate> trusted) {
        return context(null, trusted);
    }

    /**
     * A server context presenting the chain in the PEM file {@code certFile} (leaf first) with the PKCS#8 PEM
     * key in {@code keyFile} ({@code load_cert_chain(certfile, keyfile)}).
     */
    public static SSLContext server(Path certFile, Path keyFile) throws IOException {
        return server(readPrivateKey(keyFile), readCertificates(certFile));
    }

    /** A server context presenting {@code chain} (leaf first) with {@code key}. */
    public static SSLContext server(PrivateKey key, List<X509Certificate> chain) {
        return context(new Object[] {key, chain}, null);
    }

    private static SSLContext context(Object[] identity, Collection<X509Certificate> trusted) {
        try {
            KeyManagerFactory kmf = null;
            if (identity != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                @SuppressWarnings("unchecked")
                List<X509Certificate> chain = (List<X509Certificate>) identity[1];
                char[] password = new char[0];
                ks.setKeyEntry("key", (PrivateKey) identity[0], password, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
            }
            TrustManagerFactory tmf = null;
            if (trusted != null) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (X509Certificate c : trusted) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build an SSLContext: " + e, e);
        }
    }

    /** The certificates in a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path pemFile) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(Files.readString(pemFile, StandardCharsets.US_ASCII), "CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("bad certificate in " + pemFile + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IOException("no certificate in " + pemFile);
        }
        return out;
    }

    /** The unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) in a PEM file: RSA, EC, Ed25519 or Ed448. */
    public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        List<byte[]> keys = blocks(Files.readString(pemFile, StandardCharsets.US_ASCII), "PRIVATE KEY");
        if (keys.isEmpty()) {
            throw new IOException("no unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in " + pemFile);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryTheNext) {
                // not this algorithm
            }
        }
        throw new IOException("unsupported key type in " + pemFile);
    }

    private static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }
}
