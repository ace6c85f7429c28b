package io.warren.quarkus.deployment;

import java.util.List;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.warren.connector.WarrenConnector;

/**
 * What amqp-client and Warren need in a native image, beyond the payload classes (see {@link PayloadTypeProcessor})
 * and what quarkus-jackson registers. Quarkus initialises classes at build time unless told otherwise, so classes
 * whose static state must come from the machine that runs the image are listed here.
 */
class NativeProcessor {

    /** The client reads its version from these at class initialisation (ClientVersion). */
    static final List<String> CLIENT_RESOURCES = List.of("rabbitmq-amqp-client.properties", "version.properties");

    /**
     * {@code Utils} keeps {@code Runtime.availableProcessors()} (and its system-property override), which sizes the
     * consumer work pool: built in, it would be the build machine's. {@code PemReader} creates a
     * {@code CertificateFactory}, a security object that must not be frozen in the image. {@code ConfinedExecutor}
     * holds Warren's shared timer executor, whose thread must start in the running image.
     */
    static final List<String> RUNTIME_INITIALIZED = List.of("com.rabbitmq.client.impl.Utils",
            "com.rabbitmq.client.PemReader", "io.warren.connector.connection.ConfinedExecutor");

    @BuildStep
    ExtensionSslNativeSupportBuildItem ssl() {
        // ssl=true connects over TLS, so the image needs the JDK's TLS and security services.
        return new ExtensionSslNativeSupportBuildItem(WarrenProcessor.FEATURE);
    }

    @BuildStep
    NativeImageResourceBuildItem clientResources() {
        return new NativeImageResourceBuildItem(CLIENT_RESOURCES);
    }

    @BuildStep
    void runtimeInitialized(BuildProducer<RuntimeInitializedClassBuildItem> classes) {
        RUNTIME_INITIALIZED.forEach(c -> classes.produce(new RuntimeInitializedClassBuildItem(c)));
    }

    @BuildStep
    ReflectiveClassBuildItem connectorAnnotations() {
        // The start-up check reads the @ConnectorAttribute annotations of the connector (AttributeTable).
        return ReflectiveClassBuildItem.builder(WarrenConnector.class).reason("Warren attribute table").build();
    }
}
