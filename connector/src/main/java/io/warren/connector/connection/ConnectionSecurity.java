package io.warren.connector.connection;

import java.util.Optional;

import io.warren.connector.WarrenConnectorCommonConfiguration;
import io.warren.connector.config.Redaction;

/**
 * The TLS and credentials settings of a connection, beside the plain ones of {@link ConnectionSettings}. Part of
 * the settings that decide which channels share a connection.
 *
 * @param tlsConfigurationName the Quarkus TLS registry configuration; null when not set
 * @param trustStore the trust store, or null for the JVM's default
 * @param keyStore the key store presented for mutual TLS, or null for none
 * @param hostnameVerification whether the server's certificate must name the host connected to
 * @param credentialsProviderName the name handed to the credentials provider; null when not set
 * @param credentialsProviderBeanName the provider bean's name; null for the only (or default) one
 */
public record ConnectionSecurity(String tlsConfigurationName, Store trustStore, Store keyStore,
        boolean hostnameVerification, String credentialsProviderName, String credentialsProviderBeanName) {

    /** The value of {@code ssl.hostname-verification-algorithm} that turns hostname verification off. */
    public static final String NO_VERIFICATION = "NONE";

    /**
     * A key or trust store file.
     *
     * @param attribute the attribute that names it, for messages ({@code trust-store-path})
     * @param path the file
     * @param type {@code PKCS12}, {@code JKS} or {@code PEM}; null to tell from the file name
     * @param password its password; null for none. Never printed
     */
    public record Store(String attribute, String path, String type, String password) {
        @Override
        public String toString() {
            return attribute + "=" + path + (type == null ? "" : " (" + type + ")")
                    + (password == null ? "" : ", password " + Redaction.MASK);
        }
    }

    /** Reads the security attributes of a channel. */
    public static ConnectionSecurity from(WarrenConnectorCommonConfiguration c) {
        Store trust = c.getTrustStorePath().map(p -> new Store("trust-store-path", p,
                c.getTrustStoreType().orElse(null), c.getTrustStorePassword().orElse(null))).orElse(null);
        Store key = c.getKeyStorePath().map(p -> new Store("key-store-path", p, c.getKeyStoreType().orElse(null),
                c.getKeyStorePassword().orElse(null))).orElse(null);
        boolean verify = !NO_VERIFICATION.equalsIgnoreCase(c.getSslHostnameVerificationAlgorithm().trim());
        return new ConnectionSecurity(c.getTlsConfigurationName().orElse(null), trust, key, verify,
                c.getCredentialsProviderName().orElse(null), c.getCredentialsProviderBeanName().orElse(null));
    }

    /** Whether these settings ask for TLS even without {@code ssl=true}. */
    public boolean impliesTls() {
        return tlsConfigurationName != null;
    }

    /** The credentials provider's name, if one is set. */
    public Optional<String> credentialsProvider() {
        return Optional.ofNullable(credentialsProviderName);
    }
}
