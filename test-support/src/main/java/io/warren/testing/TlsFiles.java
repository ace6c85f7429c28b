package io.warren.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time, so that no key is ever committed: a CA, certificates it signs for a server and a
 * client, written as the PEM files a RabbitMQ listener reads and the PKCS12 stores a Java client reads.
 */
public final class TlsFiles {

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TlsFiles(Path dir, KeyPair caKeys, X509Certificate ca) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA named {@code cn}, with its certificate written to {@code <dir>/<cn>-ca.pem}. */
    public static TlsFiles newCa(Path dir, String cn) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = keys();
            X500Name name = new X500Name("CN=" + cn);
            X509v3CertificateBuilder b = builder(name, name, keys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(b, keys.getPrivate());
            TlsFiles files = new TlsFiles(dir, keys, ca);
            writePem(files.caPem(), List.of(ca));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA's certificate as PEM. */
    public Path caPem() {
        return dir.resolve(name(ca) + "-ca.pem");
    }

    /** A PKCS12 trust store holding the CA's certificate, with this password. */
    public Path trustStore(String password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            return store(ks, dir.resolve(name(ca) + "-truststore.p12"), password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A certificate signed by this CA for {@code cn}, naming {@code dnsNames} and {@code ips}, with its private key.
     */
    public Issued issue(String cn, List<String> dnsNames, List<String> ips) {
        try {
            KeyPair keys = keys();
            X509v3CertificateBuilder b = builder(new X500Name("CN=" + name(ca)), new X500Name("CN=" + cn), keys);
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            ips.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = sign(b, caKeys.getPrivate());
            return new Issued(dir, cn, cert, keys.getPrivate(), ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate and its key, as PEM files for a broker and a PKCS12 key store for a Java client. */
    public static final class Issued {
        private final Path dir;
        private final String cn;
        private final X509Certificate cert;
        private final PrivateKey key;
        private final X509Certificate ca;

        Issued(Path dir, String cn, X509Certificate cert, PrivateKey key, X509Certificate ca) throws IOException {
            this.dir = dir;
            this.cn = cn;
            this.cert = cert;
            this.key = key;
            this.ca = ca;
            writePem(certPem(), List.of(cert));
            Files.writeString(keyPem(), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        }

        /** The certificate as PEM. */
        public Path certPem() {
            return dir.resolve(cn + "-cert.pem");
        }

        /** The private key as PKCS#8 PEM. */
        public Path keyPem() {
            return dir.resolve(cn + "-key.pem");
        }

        /** A PKCS12 key store with the key and the certificate chain, protected by this password. */
        public Path keyStore(String password) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(cn, key, password.toCharArray(), new Certificate[] { cert, ca });
                return store(ks, dir.resolve(cn + "-keystore.p12"), password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withRSA").build(signer);
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    private static String name(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName().replace("CN=", "");
    }

    private static Path store(KeyStore ks, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    private static void writePem(Path file, List<X509Certificate> certs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                sb.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
