package io.warren.quarkus.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.credentials.CredentialsProvider;

/**
 * A Quarkus credentials provider as amqp-client sees it. The client asks for the user name and then the password
 * when it opens or recovers a connection: the user name fetches fresh credentials, the password is the one fetched
 * with it, so a rotated password is used from the next connection on. When the provider gives {@code expires-at},
 * the client's refresh service asks again before that time.
 */
final class ProvidedCredentials implements com.rabbitmq.client.impl.CredentialsProvider {

    private final CredentialsProvider provider;
    private final String name;
    private String username;
    private String password;
    private Instant expiresAt;
    private boolean fetched;

    ProvidedCredentials(CredentialsProvider provider, String name) {
        this.provider = provider;
        this.name = name;
    }

    @Override
    public synchronized String getUsername() {
        refresh();
        return username;
    }

    @Override
    public synchronized String getPassword() {
        if (!fetched) {
            refresh();
        }
        return password;
    }

    @Override
    public synchronized Duration getTimeBeforeExpiration() {
        if (!fetched) {
            refresh();
        }
        return expiresAt == null ? null : Duration.between(Instant.now(), expiresAt);
    }

    @Override
    public synchronized void refresh() {
        // Called on the client's connection or refresh threads, never on an event loop: waiting is fine here.
        Map<String, String> c = provider.getCredentialsAsync(name).await().atMost(Duration.ofSeconds(30));
        username = c.get(CredentialsProvider.USER_PROPERTY_NAME);
        password = c.get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        String expires = c.get(CredentialsProvider.EXPIRATION_TIMESTAMP_PROPERTY_NAME);
        expiresAt = expires == null ? null : Instant.parse(expires);
        fetched = true;
    }
}
