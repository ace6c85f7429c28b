package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Values only known at run time (here run-time overrides, as environment variables or profiles would be) pass the
 * build and fail the start-up, with the same checks and messages, every problem listed.
 */
class StartupValidationTest {

    @ApplicationScoped
    public static class Shop {
        @Incoming("orders")
        public void take(Order order) {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class))
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideRuntimeConfigKey("mp.messaging.incoming.orders.exchange.type", "topics")
            .overrideRuntimeConfigKey("mp.messaging.incoming.orders.queue.x-queue-type", "stream")
            .overrideRuntimeConfigKey("mp.messaging.incoming.orders.failure-strategy", "requeue")
            .assertException(t -> {
                Failures.assertStartupFailed(t);
                String report = Failures.configurationError(t);
                assertThat(report).startsWith("Warren found 2 errors in the channel configuration:");
                String[] lines = Failures.problemLines(report);
                assertThat(lines[0]).startsWith("mp.messaging.incoming.orders.exchange.type=topics: 'topics' is not a "
                        + "valid exchange.type. Fix: did you mean 'topic'?");
                assertThat(lines[1]).startsWith("mp.messaging.incoming.orders.failure-strategy=requeue: requeue puts "
                        + "failed messages back with basic.nack(requeue=true); RabbitMQ does not support it on streams");
            });

    @Test
    void theStartUpFails() {
        fail("the start-up should have failed");
    }
}
