package io.warren.quarkus.runtime;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.warren.connector.connection.NamedTlsConfigurations;

/**
 * {@code tls-configuration-name} in Quarkus: the named configurations of the Quarkus TLS registry
 * ({@code quarkus.tls.<name>.*}). The host name is verified unless the configuration sets
 * {@code hostname-verification-algorithm=NONE} or trusts everything.
 */
@Singleton
public class RegistryTlsConfigurations implements NamedTlsConfigurations {

    @Inject
    TlsConfigurationRegistry registry;

    @Override
    public Optional<NamedTls> find(String name) {
        return registry.get(name).map(c -> new NamedTls(name, c::createSSLContext, c.isTrustAll(), verifies(c)));
    }

    private static boolean verifies(TlsConfiguration c) {
        return !c.getHostnameVerificationAlgorithm().map("NONE"::equalsIgnoreCase).orElse(false);
    }
}
