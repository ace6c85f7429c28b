package io.warren.quarkus.runtime;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.credentials.runtime.CredentialsProviderFinder;
import io.warren.connector.connection.CredentialsSource;

/** {@code credentials-provider-name} in Quarkus: a {@code io.quarkus.credentials.CredentialsProvider} bean. */
@Singleton
public class ProviderCredentialsSource implements CredentialsSource {

    @Override
    public Optional<com.rabbitmq.client.impl.CredentialsProvider> find(String name, String beanName) {
        io.quarkus.credentials.CredentialsProvider provider;
        try {
            provider = CredentialsProviderFinder.find(beanName);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(provider).map(p -> new ProvidedCredentials(p, name));
    }
}
