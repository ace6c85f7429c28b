package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** With mode=local, an application that names no broker reuses the RabbitMQ already running on this machine. */
class DevServicesLocalTest {

    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final String PORT = System.getenv().getOrDefault("RABBITMQ_PORT", "5672");

    @RegisterExtension
    static final QuarkusUnitTest APP = DevServicesTests.app(Pings.channels())
            .overrideConfigKey("quarkus.warren.devservices.mode", "local")
            .overrideConfigKey("quarkus.warren.devservices.local-address", HOST + ":" + PORT);

    @Inject
    Pings pings;

    @ConfigProperty(name = "rabbitmq-host")
    String host;

    @ConfigProperty(name = "rabbitmq-port")
    int port;

    @Test
    void theRunningRabbitMqIsReusedAndMessagesFlow() throws Exception {
        assertThat(host).isEqualTo(HOST);
        assertThat(port).isEqualTo(Integer.parseInt(PORT));
        assertThat(DevServicesTests.product(host, port)).isEqualTo("RabbitMQ");
        Pings.roundTrip(pings);
        assertThat(pings.received()).contains("ping");
    }
}
