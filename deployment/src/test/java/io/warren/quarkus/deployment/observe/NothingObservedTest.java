package io.warren.quarkus.deployment.observe;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.warren.connector.WarrenConnector;
import io.warren.quarkus.runtime.metrics.MicrometerChannels;
import io.warren.quarkus.runtime.observe.WarrenChannels;
import io.warren.quarkus.runtime.tracing.WarrenTracing;

/**
 * Without Micrometer and OpenTelemetry, and with the startup check off, nothing observes Warren's channels: each
 * gets the constant no-op observer, and no metrics or tracing bean exists.
 */
class NothingObservedTest {

    static final String QUEUE = "observe-none-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @ApplicationScoped
    public static class Consumer {
        @Incoming("quiet")
        public void take(String s) {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumer.class))
            .overrideConfigKey("quarkus.warren.health.startup.enabled", "false")
            .overrideConfigKey("rabbitmq-host", System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"))
            .overrideConfigKey("rabbitmq-port", System.getenv().getOrDefault("RABBITMQ_PORT", "5672"))
            .overrideConfigKey("mp.messaging.incoming.quiet.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.quiet.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.quiet.queue.name", QUEUE)
            .overrideConfigKey("mp.messaging.incoming.quiet.queue.auto-delete", "true");

    @Inject
    WarrenChannels channels;

    @Inject
    @Connector(WarrenConnector.CONNECTOR_NAME)
    WarrenConnector connector;

    @Test
    void everyChannelGetsTheNoOpObserver() {
        assertThat(connector.incomingChannels()).hasSize(1);
        assertThat(channels.all()).isEmpty();
        assertThat(Arc.container().instance(MicrometerChannels.class).isAvailable()).isFalse();
        assertThat(Arc.container().instance(WarrenTracing.class).isAvailable()).isFalse();
    }
}
