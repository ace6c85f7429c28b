package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.warren.connector.WarrenConnector;

/** Settings that have no effect do not fail the build: they are logged as warnings naming the property. */
class WarningsLoggedTest {

    @ApplicationScoped
    public static class Sender {
        @Inject
        @Channel("prices")
        Emitter<Order> prices;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Sender.class, TestBroker.class))
            .overrideConfigKey("rabbitmq-host", TestBroker.HOST)
            .overrideConfigKey("rabbitmq-port", TestBroker.PORT)
            .overrideConfigKey("mp.messaging.outgoing.prices.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.outgoing.prices.exchange.type", "fanout")
            .overrideConfigKey("mp.messaging.outgoing.prices.publish-confirms", "false")
            .overrideConfigKey("mp.messaging.outgoing.prices.confirm-timeout", "100")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.warren")
                    && r.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records).extracting(r -> r.getMessage())
                    .contains("Warren configuration: mp.messaging.outgoing.prices.confirm-timeout=100: confirm-timeout "
                            + "has no effect: it needs publish-confirms=true. Fix: remove it, or set "
                            + "publish-confirms=true.",
                            "Warren configuration: mp.messaging.outgoing.prices.exchange.type=fanout: exchange.type has "
                                    + "no effect: it needs a named exchange (the default exchange is never declared). "
                                    + "Fix: remove it, or set a named exchange (the default exchange is never declared)."));

    @Inject
    @Connector(WarrenConnector.CONNECTOR_NAME)
    WarrenConnector connector;

    @Test
    void theApplicationRunsWithItsWarnings() {
        assertThat(connector.outgoingChannels()).hasSize(1);
    }
}
