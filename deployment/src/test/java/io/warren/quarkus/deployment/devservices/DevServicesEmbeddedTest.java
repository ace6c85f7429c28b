package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** With mode=embedded, an application that names no broker gets the in-JVM one, even where RabbitMQ runs. */
class DevServicesEmbeddedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = DevServicesTests.app(Pings.channels())
            .overrideConfigKey("quarkus.warren.devservices.mode", "embedded")
            .overrideConfigKey("quarkus.warren.devservices.queues.preset.durable", "false");

    @Inject
    Pings pings;

    @ConfigProperty(name = "rabbitmq-host")
    String host;

    @ConfigProperty(name = "rabbitmq-port")
    int port;

    @Test
    void theApplicationIsPointedAtTheEmbeddedBrokerAndMessagesFlow() throws Exception {
        assertThat(host).isEqualTo("127.0.0.1");
        assertThat(port).isPositive().isNotEqualTo(5672);
        assertThat(DevServicesTests.product(host, port)).containsIgnoringCase("qpid");
        Pings.roundTrip(pings);
        assertThat(pings.received()).contains("ping");
        // The topology of quarkus.warren.devservices.queues was declared.
        assertThat(DevServicesTests.queueExists(host, port, "preset")).isTrue();
    }

}
