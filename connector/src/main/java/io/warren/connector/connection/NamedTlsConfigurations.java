package io.warren.connector.connection;

import java.util.Optional;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

/**
 * Named TLS configurations that channels select with {@code tls-configuration-name}. The Quarkus extension provides
 * one backed by the Quarkus TLS registry ({@code quarkus.tls.<name>.*}); outside Quarkus, pass one to the connector
 * or use the {@code trust-store-*} and {@code key-store-*} attributes.
 */
public interface NamedTlsConfigurations {

    /** The configuration of that name, if there is one. */
    Optional<NamedTls> find(String name);

    /**
     * One TLS configuration.
     *
     * @param name its name
     * @param context creates the SSL context: trust store, and key store for mutual TLS
     * @param trustAll whether it trusts every certificate
     * @param hostnameVerification whether the server's certificate must name the host connected to
     */
    record NamedTls(String name, Callable<SSLContext> context, boolean trustAll, boolean hostnameVerification) {
    }
}
