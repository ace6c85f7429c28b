package io.warren.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.warren.quarkus.runtime.ProviderCredentialsSource;
import io.warren.quarkus.runtime.RegistryTlsConfigurations;

/**
 * {@code tls-configuration-name} and {@code credentials-provider-name}: the beans through which the connector
 * reaches the Quarkus TLS registry and {@code CredentialsProvider} beans.
 */
class TlsProcessor {

    @BuildStep
    AdditionalBeanBuildItem registryBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(RegistryTlsConfigurations.class,
                ProviderCredentialsSource.class).setUnremovable().build();
    }
}
