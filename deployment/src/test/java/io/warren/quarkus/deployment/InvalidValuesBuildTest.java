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

/** Values that do not fit their attribute fail the build: enumerations, numbers, ranges, durations, booleans. */
class InvalidValuesBuildTest {

    @ApplicationScoped
    public static class Shop {
        @Incoming("orders")
        public void take(Order order) {
        }

        @Incoming("events")
        public void event(String event) {
        }

        @Incoming("retries")
        public void retry(Order order) {
        }

        @Outgoing("prices")
        public Multi<Order> prices() {
            return Multi.createFrom().empty();
        }
    }

    private static final String IN = "mp.messaging.incoming.orders.";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class))
            .overrideConfigKey(IN + "connector", "warren")
            .overrideConfigKey(IN + "exchange.type", "topics")
            .overrideConfigKey(IN + "failure-strategy", "dead_letter")
            .overrideConfigKey(IN + "queue.durable", "flase")
            .overrideConfigKey(IN + "max-outstanding-messages", "70000")
            .overrideConfigKey(IN + "queue.x-queue-type", "quorom")
            .overrideConfigKey(IN + "payload-type", "io.warren.quarkus.deployment.Ordr")
            .overrideConfigKey("mp.messaging.incoming.events.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.events.queue.x-queue-type", "stream")
            .overrideConfigKey("mp.messaging.incoming.events.failure-strategy", "accept")
            .overrideConfigKey("mp.messaging.incoming.events.stream.offset", "yesterday")
            .overrideConfigKey("mp.messaging.outgoing.prices.connector", "warren")
            .overrideConfigKey("mp.messaging.outgoing.prices.confirm-timeout", "5s")
            .overrideConfigKey("mp.messaging.outgoing.prices.addresses", "rabbit1:5672,rabbit2:99999")
            .overrideConfigKey("rabbitmq-port", "none")
            .overrideConfigKey("mp.messaging.incoming.retries.failure-strategy", "retry")
            .overrideConfigKey("mp.messaging.incoming.retries.retry.jitter", "1.5")
            .overrideConfigKey("mp.messaging.incoming.retries.retry.multiplier", "two")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).hasSize(12);
                assertThat(lines[0]).isEqualTo("mp.messaging.incoming.events.stream.offset=yesterday: 'yesterday' is "
                        + "not a stream offset. Fix: use first, last, next, a non-negative offset or an ISO-8601 "
                        + "timestamp such as 2026-01-31T12:00:00Z.");
                assertThat(lines[1]).isEqualTo(IN + "exchange.type=topics: 'topics' is not a valid exchange.type. "
                        + "Fix: did you mean 'topic'? Use direct, fanout, headers, topic, or a plugin type starting "
                        + "with 'x-'.");
                assertThat(lines[2]).startsWith(IN + "failure-strategy=dead_letter: no failure-strategy is named "
                        + "'dead_letter'").contains("did you mean 'dead-letter'?");
                assertThat(lines[3]).isEqualTo(IN + "max-outstanding-messages=70000: 'max-outstanding-messages' is "
                        + "out of range. Fix: use a value from 0 to 65535.");
                assertThat(lines[4]).isEqualTo(IN + "payload-type=io.warren.quarkus.deployment.Ordr: class "
                        + "'io.warren.quarkus.deployment.Ordr' is not on the class path. Fix: correct the class name, "
                        + "or remove payload-type so that Warren uses the type the method takes.");
                assertThat(lines[5]).isEqualTo(IN + "queue.durable=flase: 'flase' is not a boolean, and MicroProfile "
                        + "Config silently reads it as false. Fix: write true or false.");
                assertThat(lines[6]).startsWith(IN + "queue.x-queue-type=quorom: 'quorom' is not a valid "
                        + "queue.x-queue-type. Fix: did you mean 'quorum'?");
                assertThat(lines[7]).isEqualTo("mp.messaging.incoming.retries.retry.jitter=1.5: 'retry.jitter' is out of "
                        + "range. Fix: use a value from 0.0 to 1.0.");
                assertThat(lines[8]).isEqualTo("mp.messaging.incoming.retries.retry.multiplier=two: 'two' is not a "
                        + "number. Fix: write a number such as 1.5.");
                assertThat(lines[9]).isEqualTo("mp.messaging.outgoing.prices.addresses=rabbit1:5672,rabbit2:99999: "
                        + "the port of 'rabbit2:99999' is out of range. Fix: write a comma-separated list of "
                        + "host:port, such as rabbit1:5672,rabbit2:5672.");
                assertThat(lines[10]).isEqualTo("mp.messaging.outgoing.prices.confirm-timeout=5s: 'confirm-timeout' is "
                        + "a number of milliseconds, written without a unit. Fix: write 5000.");
                assertThat(lines[11]).isEqualTo("rabbitmq-port=none: 'none' is not a whole number that fits in an int. "
                        + "Fix: write a whole number, from 1 to 65535.");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
