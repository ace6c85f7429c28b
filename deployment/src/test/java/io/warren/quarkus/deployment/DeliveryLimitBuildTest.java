package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code queue.x-delivery-limit} on a queue that is not a quorum queue fails the build: RabbitMQ refuses it. */
class DeliveryLimitBuildTest {

    @ApplicationScoped
    public static class Consumers {
        @Incoming("classic")
        public void classic(String s) {
        }

        @Incoming("quorum")
        public void quorum(String s) {
        }
    }

    private static final String P = "mp.messaging.incoming.";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumers.class))
            .overrideConfigKey(P + "classic.queue.x-delivery-limit", "5")
            .overrideConfigKey(P + "quorum.queue.x-queue-type", "quorum")
            .overrideConfigKey(P + "quorum.queue.x-delivery-limit", "-2")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).hasSize(2);
                assertThat(lines[0]).startsWith(P + "classic.queue.x-delivery-limit=5: RabbitMQ refuses "
                        + "x-delivery-limit for classic queues (PRECONDITION_FAILED when declaring the queue)")
                        .contains("Fix: set " + P + "classic.queue.x-queue-type=quorum");
                assertThat(lines[1]).startsWith(P + "quorum.queue.x-delivery-limit=-2:");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
