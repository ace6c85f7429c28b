package io.warren.connector.connection;

import static io.warren.connector.log.ConnectorMessages.MSG;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.CredentialsProvider;

/**
 * Sets a connection's credentials from a credentials provider ({@code credentials-provider-name}) when one is
 * named. The client asks the provider on every connection and recovery, so a rotated password is used from the next
 * reconnection on; a provider whose credentials expire is refreshed before they do, and the new secret is handed to
 * the open connections.
 */
public final class Credentials {

    private Credentials() {
    }

    /** Thrown when the named provider does not exist; the message says how to provide one. */
    public static final class MissingProviderException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingProviderException(String message) {
            super(message);
        }
    }

    static void configure(ConnectionFactory f, ConnectionSecurity security, ConnectionResources resources) {
        if (security.credentialsProviderName() == null) {
            return;
        }
        String name = security.credentialsProviderName();
        String bean = security.credentialsProviderBeanName();
        CredentialsProvider provider = resources.credentials().flatMap(s -> s.find(name, bean))
                .orElseThrow(() -> new MissingProviderException(bean == null ? MSG.noCredentialsProvider(name)
                        : MSG.noCredentialsProviderBean(name, bean)));
        f.setCredentialsProvider(provider);
        if (provider.getTimeBeforeExpiration() != null) {
            f.setCredentialsRefreshService(resources.refreshService());
        }
    }
}
