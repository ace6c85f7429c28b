package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.warren.connector.WarrenConnector;

/** With quarkus.warren.validation.enabled=false nothing is checked: not at build time, start-up or channel creation. */
class ValidationDisabledTest {

    @ApplicationScoped
    public static class Sender {
        @Inject
        @Channel("prices")
        Emitter<Order> prices;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Sender.class, TestBroker.class))
            .overrideConfigKey("quarkus.warren.validation.enabled", "false")
            .overrideConfigKey("rabbitmq-host", TestBroker.HOST)
            .overrideConfigKey("rabbitmq-port", TestBroker.PORT)
            .overrideConfigKey("mp.messaging.outgoing.prices.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.outgoing.prices.exchange.nmae", "typo")
            .overrideConfigKey("mp.messaging.incoming.nobody.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.nobody.enabled", "false");

    @Inject
    @Connector(WarrenConnector.CONNECTOR_NAME)
    WarrenConnector connector;

    @Test
    void theApplicationStartsWithItsMistakes() {
        assertThat(connector.outgoingChannels()).hasSize(1);
    }
}
