package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
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

        @Incoming("events")
        public void event(Order order) {
        }

        @Incoming("bulk")
        public void bulk(Order order) {
        }
    }

    // A queue of this run only, deleted by the broker when the application stops consuming.
    static final String EVENTS = TestBroker.sharedRun("warren.warnings.run", "warnings");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Sender.class, TestBroker.class))
            .overrideConfigKey("rabbitmq-host", TestBroker.HOST)
            .overrideConfigKey("rabbitmq-port", TestBroker.PORT)
            .overrideConfigKey("mp.messaging.outgoing.prices.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.outgoing.prices.exchange.type", "fanout")
            .overrideConfigKey("mp.messaging.outgoing.prices.publish-confirms", "false")
            .overrideConfigKey("mp.messaging.outgoing.prices.confirm-timeout", "100")
            .overrideConfigKey("mp.messaging.incoming.events.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.events.queue.name", EVENTS)
            .overrideConfigKey("mp.messaging.incoming.events.queue.durable", "false")
            .overrideConfigKey("mp.messaging.incoming.events.queue.auto-delete", "true")
            .overrideConfigKey("mp.messaging.incoming.events.max-outstanding-messages", "8")
            .overrideConfigKey("mp.messaging.incoming.events.ack-batch-size", "6")
            .overrideConfigKey("mp.messaging.incoming.events.retry.max-attempts", "5")
            .overrideConfigKey("mp.messaging.incoming.bulk.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.bulk.queue.name", EVENTS + "-bulk")
            .overrideConfigKey("mp.messaging.incoming.bulk.queue.durable", "false")
            .overrideConfigKey("mp.messaging.incoming.bulk.queue.auto-delete", "true")
            .overrideConfigKey("mp.messaging.incoming.bulk.max-outstanding-messages", "0")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.warren")
                    && r.getLevel().intValue() >= Level.WARNING.intValue())
            // confirm-timeout bounds a send whether confirms are on or not (the wait while disconnected): no warning.
            .assertLogRecords(records -> assertThat(records).extracting(r -> r.getMessage())
                    .noneMatch(m -> m.contains("prices.confirm-timeout"))
                    .contains("Warren configuration: mp.messaging.outgoing.prices.exchange.type=fanout: exchange.type has "
                                    + "no effect on the default exchange (exchange.name=\"\"), which is never declared. "
                                    + "Fix: remove it, or name an exchange.",
                            "Warren configuration: mp.messaging.incoming.events.ack-batch-size=6: Warren acknowledges "
                                    + "at most half of max-outstanding-messages=8 at once, so that the broker can always "
                                    + "send more, and uses 4. Fix: make ack-batch-size at most 4, or raise "
                                    + "mp.messaging.incoming.events.max-outstanding-messages.",
                            "Warren configuration: mp.messaging.incoming.bulk.max-outstanding-messages=0: 0 removes the "
                                    + "prefetch limit: the broker pushes the whole backlog to this consumer, into "
                                    + "memory. Fix: set a bound, such as the default 256.",
                            "Warren configuration: mp.messaging.incoming.events.retry.max-attempts=5: retry.max-attempts "
                                    + "has no effect without failure-strategy=retry. Fix: remove it, or set "
                                    + "failure-strategy=retry."));

    @Inject
    @Connector(WarrenConnector.CONNECTOR_NAME)
    WarrenConnector connector;

    @Test
    void theApplicationRunsWithItsWarnings() {
        assertThat(connector.outgoingChannels()).hasSize(1);
        assertThat(connector.incomingChannels()).hasSize(2);
    }
}
