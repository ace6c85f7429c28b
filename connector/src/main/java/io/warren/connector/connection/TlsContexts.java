package io.warren.connector.connection;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.SocketConfigurators;

import io.warren.connector.connection.ConnectionSecurity.Store;
import io.warren.connector.connection.NamedTlsConfigurations.NamedTls;
import io.warren.connector.log.ConnectionLog;

/**
 * Sets up TLS on a connection factory: from a named configuration of the TLS registry
 * ({@code tls-configuration-name}), from trust and key store files, or from the JVM's defaults. The server's host
 * name is verified unless the configuration says otherwise; trusting every certificate is possible and warned
 * about.
 */
public final class TlsContexts {

    private static final ConnectionLog LOG = ConnectionLog.of(TlsContexts.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** The store types Warren reads. */
    public static final java.util.List<String> STORE_TYPES = java.util.List.of("PKCS12", "JKS", "PEM");

    private TlsContexts() {
    }

    /** Thrown when the TLS settings cannot be used; the message names the attribute and the reason, never a secret. */
    public static final class TlsSetupException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TlsSetupException(String message) {
            super(message);
        }
    }

    /** Turns TLS on for the factory when the settings ask for it. */
    static void configure(ConnectionFactory f, ConnectionSettings settings, ConnectionResources resources)
            throws GeneralSecurityException {
        ConnectionSecurity security = settings.security();
        if (!settings.ssl() && !security.impliesTls()) {
            return;
        }
        SSLContext context;
        boolean trustAll;
        boolean verify;
        if (security.tlsConfigurationName() != null) {
            NamedTls named = named(security.tlsConfigurationName(), resources);
            trustAll = named.trustAll();
            verify = named.hostnameVerification() && !trustAll;
            try {
                context = named.context().call();
            } catch (Exception e) {
                throw new TlsSetupException(MSG.sslContextFailed(named.name(), e.getMessage()));
            }
        } else {
            trustAll = settings.trustAll();
            verify = security.hostnameVerification() && !trustAll;
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers(security.keyStore()), trustAll ? new TrustManager[] { new TrustAll() }
                    : trustManagers(security.trustStore()), null);
        }
        if (trustAll && WARNED.add(settings.describe())) {
            LOG.trustAll(settings.describe());
        }
        // amqp-client 5.37 turns hostname verification on with any SSL context (useSslProtocol, setSslContextFactory);
        // for NONE and trust-all the socket configurator goes back to the default, which leaves it off.
        f.setSslContextFactory(connectionName -> context);
        f.setSocketFactory(context.getSocketFactory());
        if (verify) {
            f.enableHostnameVerification();
        } else {
            f.setSocketConfigurator(SocketConfigurators.defaultConfigurator());
        }
    }

    private static NamedTls named(String name, ConnectionResources resources) {
        NamedTlsConfigurations registry = resources.tls().orElseThrow(() -> new TlsSetupException(MSG.noTlsRegistry(name)));
        return registry.find(name).orElseThrow(() -> new TlsSetupException(MSG.noTlsConfiguration(name)));
    }

    private static TrustManager[] trustManagers(Store store) throws GeneralSecurityException {
        if (store == null) {
            return null; // the JVM's default trust store
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(store));
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Store store) throws GeneralSecurityException {
        if (store == null) {
            return null;
        }
        if ("PEM".equals(type(store))) {
            throw new TlsSetupException(MSG.keyStoreFormat(store.attribute(), store.path()));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(store), password(store));
        return kmf.getKeyManagers();
    }

    /** Reads a store file; PEM files hold certificates only and make a trust store. */
    static KeyStore load(Store store) {
        String type = type(store);
        Path path = Path.of(store.path());
        try (InputStream in = Files.newInputStream(path)) {
            if ("PEM".equals(type)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("cert-" + i++, c);
                }
                if (i == 0) {
                    throw new TlsSetupException(MSG.noCertificate(store));
                }
                return ks;
            }
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password(store));
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                reason = "wrong password";
            }
            throw new TlsSetupException(MSG.storeUnreadable(store, reason));
        }
    }

    /** The store's type, told from the file name when not set. */
    static String type(Store store) {
        if (store.type() != null) {
            return store.type().trim().toUpperCase(Locale.ROOT);
        }
        String name = store.path().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return "JKS";
        }
        if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
            return "PEM";
        }
        return "PKCS12";
    }

    private static char[] password(Store store) {
        return store.password() == null ? null : store.password().toCharArray();
    }

    /** Accepts every certificate: {@code trust-all}, for development. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusts everything, by request
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusts everything, by request
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
