package io.warren.connector.connection;

import java.util.Optional;

import com.rabbitmq.client.impl.CredentialsProvider;

/**
 * Where {@code credentials-provider-name} finds its credentials. The Quarkus extension provides one backed by
 * Quarkus {@code CredentialsProvider} beans (a vault, for example).
 */
public interface CredentialsSource {

    /**
     * The provider of that name, asked for fresh credentials on every connection and recovery.
     *
     * @param name the name handed to the provider ({@code credentials-provider-name})
     * @param beanName the provider bean's name ({@code credentials-provider-bean-name}); null for the only one
     */
    Optional<CredentialsProvider> find(String name, String beanName);
}
