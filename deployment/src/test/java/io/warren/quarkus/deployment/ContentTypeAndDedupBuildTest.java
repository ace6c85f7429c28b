package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;

/** The codec and shared-deduplication attributes are checked at build time like every other. */
class ContentTypeAndDedupBuildTest {

    @ApplicationScoped
    public static class Shop {
        @Incoming("orders")
        public void take(Order order) {
        }

        @Outgoing("prices")
        public Multi<Order> prices() {
            return Multi.createFrom().empty();
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class))
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.content-type-override", "cbor")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication.lease", "0")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication.timeout", "5s")
            .overrideConfigKey("mp.messaging.outgoing.prices.connector", "warren")
            .overrideConfigKey("mp.messaging.outgoing.prices.content-type", "application/*")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).containsExactly(
                        "mp.messaging.incoming.orders.content-type-override=cbor: 'cbor' is not a content type. "
                                + "Fix: write type/subtype, such as application/json or application/cbor.",
                        "mp.messaging.incoming.orders.deduplication.lease=0: 'deduplication.lease' is out of range. "
                                + "Fix: use a value 1 or more (milliseconds).",
                        "mp.messaging.incoming.orders.deduplication.timeout=5s: 'deduplication.timeout' is a number "
                                + "of milliseconds, written without a unit. Fix: write 5000.",
                        "mp.messaging.outgoing.prices.content-type=application/*: 'application/*' is not a content "
                                + "type. Fix: write type/subtype, such as application/json or application/cbor.");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
