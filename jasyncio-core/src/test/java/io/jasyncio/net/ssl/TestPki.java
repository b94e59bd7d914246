package io.jasyncio.net.ssl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Test certificates made in-process with the JDK's own APIs (key generation and signing) and a small DER
 * writer: a certificate authority, server certificates it signs, and a second authority nobody trusts. No
 * network, no external tool; the PEM files it writes are what {@code openssl} and Python load.
 */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile TestPki shared;

    /** A key with its certificate chain (leaf first). */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    public final Identity ca;
    /** CN=localhost, SAN DNS:localhost and IP:127.0.0.1, signed by {@link #ca}. */
    public final Identity server;
    /** A client certificate signed by {@link #ca}. */
    public final Identity client;
    /** Another authority, trusted by no one. */
    public final Identity rogueCa;
    /** CN=localhost like {@link #server}, but signed by {@link #rogueCa}. */
    public final Identity rogueServer;

    private TestPki() throws GeneralSecurityException {
        ca = selfSignedCa("jasyncio test CA");
        server = issue(ca, "localhost", List.of("localhost"), List.of("127.0.0.1", "::1"));
        client = issue(ca, "client", List.of("client"), List.of());
        rogueCa = selfSignedCa("rogue CA");
        rogueServer = issue(rogueCa, "localhost", List.of("localhost"), List.of("127.0.0.1"));
    }

    /** One set per test JVM: key generation and signing take a few milliseconds, so share them. */
    public static TestPki get() {
        TestPki p = shared;
        if (p == null) {
            synchronized (TestPki.class) {
                p = shared;
                if (p == null) {
                    try {
                        shared = p = new TestPki();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return p;
    }

    /** A client context that trusts {@link #ca} only. */
    public SSLContext clientContext() {
        return SslContexts.client(List.of(ca.certificate()));
    }

    /** A server context presenting {@link #server}. */
    public SSLContext serverContext() {
        return SslContexts.server(server.key(), server.chain());
    }

    /** A server context presenting {@link #rogueServer}. */
    public SSLContext rogueServerContext() {
        return SslContexts.server(rogueServer.key(), rogueServer.chain());
    }

    /** Writes {@code ca.pem}, {@code server.pem} (chain), {@code server.key} (PKCS#8) into {@code dir}. */
    public void writePem(Path dir) {
        try {
            Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.certificate().getEncoded()));
            StringBuilder chain = new StringBuilder();
            for (X509Certificate c : server.chain()) {
                chain.append(pem("CERTIFICATE", c.getEncoded()));
            }
            Files.writeString(dir.resolve("server.pem"), chain);
            Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", server.key().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    // ---- certificates --------------------------------------------------------------------------

    private static final byte[] OID_EC_SHA256 = oid("1.2.840.10045.4.3.2");

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Identity selfSignedCa(String cn) throws GeneralSecurityException {
        KeyPair kp = newKey();
        byte[] ski = keyId(kp);
        List<byte[]> ext = new ArrayList<>();
        ext.add(extension("2.5.29.19", true, seq(bool(true))));                       // basicConstraints CA
        ext.add(extension("2.5.29.15", true, new byte[] {0x03, 0x02, 0x01, 0x06}));   // keyCertSign, cRLSign
        ext.add(extension("2.5.29.14", false, tlv(0x04, ski)));                        // subjectKeyIdentifier
        X509Certificate cert = sign(name(cn), name(cn), kp, kp.getPrivate(), ext);
        return new Identity(kp.getPrivate(), List.of(cert));
    }

    private static Identity issue(Identity issuer, String cn, List<String> dns, List<String> ips)
            throws GeneralSecurityException {
        KeyPair kp = newKey();
        List<byte[]> sans = new ArrayList<>();
        for (String d : dns) {
            sans.add(tlv(0x82, d.getBytes(StandardCharsets.US_ASCII)));
        }
        for (String ip : ips) {
            try {
                sans.add(tlv(0x87, InetAddress.getByName(ip).getAddress()));
            } catch (IOException e) {
                throw new IllegalArgumentException(ip, e);
            }
        }
        byte[] issuerKeyId = keyId(issuer.certificate().getPublicKey().getEncoded());
        List<byte[]> ext = new ArrayList<>();
        ext.add(extension("2.5.29.19", true, seq()));                                  // basicConstraints leaf
        ext.add(extension("2.5.29.15", true, new byte[] {0x03, 0x02, 0x07, (byte) 0x80})); // digitalSignature
        ext.add(extension("2.5.29.37", false,
                seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))));             // serverAuth, clientAuth
        ext.add(extension("2.5.29.17", false, seq(sans.toArray(new byte[0][]))));      // subjectAltName
        ext.add(extension("2.5.29.14", false, tlv(0x04, keyId(kp))));
        ext.add(extension("2.5.29.35", false, seq(tlv(0x80, issuerKeyId))));          // authorityKeyIdentifier
        X509Certificate cert = sign(issuer.certificate().getSubjectX500Principal().getEncoded(), name(cn), kp,
                issuer.key(), ext);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(issuer.chain());
        return new Identity(kp.getPrivate(), List.copyOf(chain));
    }

    private static X509Certificate sign(byte[] issuer, byte[] subject, KeyPair subjectKey, PrivateKey signer,
            List<byte[]> extensions) throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] algorithm = seq(OID_EC_SHA256);
        byte[] tbs = seq(
                tlv(0xA0, integer(BigInteger.TWO)),                                    // v3
                integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuer,
                seq(utcTime(now.minusDays(1)), utcTime(now.plusYears(2))),
                subject,
                subjectKey.getPublic().getEncoded(),                                   // SubjectPublicKeyInfo
                tlv(0xA3, seq(extensions.toArray(new byte[0][]))));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(signer);
        s.update(tbs);
        byte[] der = seq(tbs, algorithm, bitString(s.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] keyId(KeyPair kp) throws GeneralSecurityException {
        return keyId(kp.getPublic().getEncoded());
    }

    private static byte[] keyId(byte[] spki) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(spki);
    }

    private static byte[] name(String cn) {
        return seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0C, cn.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? seq(oid(id), bool(true), tlv(0x04, value)) : seq(oid(id), tlv(0x04, value));
    }

    // ---- DER -----------------------------------------------------------------------------------

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] bool(boolean v) {
        return new byte[] {0x01, 0x01, (byte) (v ? 0xFF : 0)};
    }

    private static byte[] bitString(byte[] bits) {
        byte[] v = new byte[bits.length + 1];
        System.arraycopy(bits, 0, v, 1, bits.length);
        return tlv(0x03, v);
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
        for (int i = 2; i < p.length; i++) {
            long v = Long.parseLong(p[i]);
            int shift = 63 - Long.numberOfLeadingZeros(v | 1);
            shift -= shift % 7;
            for (; shift > 0; shift -= 7) {
                out.write((int) ((v >> shift) & 0x7F) | 0x80);
            }
            out.write((int) (v & 0x7F));
        }
        return tlv(0x06, out.toByteArray());
    }
}
