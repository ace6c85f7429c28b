package io.warren.connector.connection;

import java.time.Duration;
import java.util.Optional;

import com.rabbitmq.client.impl.CredentialsRefreshService;
import com.rabbitmq.client.impl.DefaultCredentialsRefreshService;

/**
 * What connections take from the application besides their attributes: named TLS configurations and credentials
 * providers. One per connector, shared by its connections.
 */
public final class ConnectionResources implements AutoCloseable {

    /** Neither TLS configurations nor credentials providers: plain Java without them. */
    public static final ConnectionResources NONE = new ConnectionResources(null, null);

    private final NamedTlsConfigurations tls;
    private final CredentialsSource credentials;
    private DefaultCredentialsRefreshService refresh;

    /**
     * @param tls the named TLS configurations; null for none
     * @param credentials the credentials providers; null for none
     */
    public ConnectionResources(NamedTlsConfigurations tls, CredentialsSource credentials) {
        this.tls = tls;
        this.credentials = credentials;
    }

    /** The named TLS configurations, if the application has any. */
    public Optional<NamedTlsConfigurations> tls() {
        return Optional.ofNullable(tls);
    }

    /** The credentials providers, if the application has any. */
    public Optional<CredentialsSource> credentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * The service that refreshes expiring credentials before they expire, and hands the new secret to the open
     * connections; one for every connection of the connector, created on first use.
     */
    synchronized CredentialsRefreshService refreshService() {
        if (refresh == null) {
            // Refresh at 80% of the credentials' lifetime; a connection opening within 10 s of the expiry refreshes
            // first, so that it never authenticates with a password about to be revoked.
            refresh = new DefaultCredentialsRefreshService.DefaultCredentialsRefreshServiceBuilder()
                    .refreshDelayStrategy(DefaultCredentialsRefreshService.ratioRefreshDelayStrategy(0.8))
                    .approachingExpirationStrategy(
                            DefaultCredentialsRefreshService.fixedTimeApproachingExpirationStrategy(Duration.ofSeconds(10)))
                    .build();
        }
        return refresh;
    }

    @Override
    public synchronized void close() {
        if (refresh != null) {
            refresh.close();
            refresh = null;
        }
    }
}
