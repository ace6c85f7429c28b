package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Several mistakes in attribute names fail the build once, listing every one, sorted by property. */
class SeveralProblemsBuildTest {

    @ApplicationScoped
    public static class Shop {
        @Inject
        @Channel("receipts")
        Emitter<Order> receipts;

        @Incoming("orders")
        public void take(Order order) {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class))
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.nmae", "orders")
            .overrideConfigKey("mp.messaging.incoming.orders.concurency", "2")
            .overrideConfigKey("mp.messaging.incoming.orders.publish-confirms", "false")
            .overrideConfigKey("mp.messaging.incoming.orders.rabbitmq-host", "broker")
            .overrideConfigKey("mp.messaging.outgoing.receipts.connector", "warren")
            .overrideConfigKey("mp.messaging.outgoing.receipts.exchange.nam", "receipts")
            .overrideConfigKey("mp.messaging.outgoing.receipts.automatic-recovery-enabled", "true")
            .overrideConfigKey("mp.messaging.outgoing.receipts.channel-name", "other")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String report = Failures.configurationError(t);
                assertThat(report).startsWith("Warren found 7 errors in the channel configuration:");
                assertThat(Failures.problemLines(report)).containsExactly(
                        "mp.messaging.incoming.orders.concurency=2: unknown attribute 'concurency'. Fix: did you mean "
                                + "'concurrency'? Rename it to mp.messaging.incoming.orders.concurrency.",
                        "mp.messaging.incoming.orders.publish-confirms=false: 'publish-confirms' is an outgoing "
                                + "attribute, and incoming channels ignore it. Fix: remove it, or set it on the outgoing "
                                + "channel (mp.messaging.outgoing.orders.publish-confirms).",
                        "mp.messaging.incoming.orders.queue.nmae=orders: unknown attribute 'queue.nmae'. Fix: did you "
                                + "mean 'queue.name'? Rename it to mp.messaging.incoming.orders.queue.name.",
                        "mp.messaging.incoming.orders.rabbitmq-host=broker: unknown attribute 'rabbitmq-host': "
                                + "'rabbitmq-host' is a global property, read only on its own. Fix: write "
                                + "'mp.messaging.incoming.orders.host' for this channel only, or 'rabbitmq-host' "
                                + "(without prefix) for every channel.",
                        "mp.messaging.outgoing.receipts.automatic-recovery-enabled=true: unknown attribute "
                                + "'automatic-recovery-enabled' for the warren connector. Fix: remove it or correct its "
                                + "name; docs/attributes.md lists every attribute (docs/migration-from-smallrye-rabbitmq.md "
                                + "maps those of smallrye-rabbitmq).",
                        "mp.messaging.outgoing.receipts.channel-name=other: 'channel-name' is reserved: SmallRye sets it "
                                + "on the configuration it hands to the connector. Fix: remove it; the channel name is the "
                                + "part of the property between 'mp.messaging.outgoing.' and the attribute.",
                        "mp.messaging.outgoing.receipts.exchange.nam=receipts: unknown attribute 'exchange.nam'. Fix: "
                                + "did you mean 'exchange.name'? Rename it to mp.messaging.outgoing.receipts.exchange.name.");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
