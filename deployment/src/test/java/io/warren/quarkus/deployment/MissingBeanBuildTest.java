package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.IncomingRabbitMQMessage;

/** A strategy or store named in the configuration must be built in or an {@code @Identifier} bean of its type. */
class MissingBeanBuildTest {

    @ApplicationScoped
    @Identifier("park")
    public static class Park implements FailureHandler {
        @Override
        public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
            return message.settleAck();
        }
    }

    /** Has the identifier, but is not a FailureHandler. */
    @ApplicationScoped
    @Identifier("audit")
    public static class NotAStrategy {
    }

    @ApplicationScoped
    public static class Shop {
        @Incoming("orders")
        public void take(Order order) {
        }

        @Incoming("audits")
        public void audit(Order order) {
        }

        @Incoming("parked")
        public void parked(Order order) {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class, Park.class, NotAStrategy.class))
            .overrideConfigKey("mp.messaging.incoming.orders.failure-strategy", "prak")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication.store", "redis")
            .overrideConfigKey("mp.messaging.incoming.audits.failure-strategy", "audit")
            .overrideConfigKey("mp.messaging.incoming.parked.failure-strategy", "park")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).containsExactly(
                        "mp.messaging.incoming.audits.failure-strategy=audit: no failure-strategy is named 'audit': it "
                                + "is not built in, and no FailureHandler bean has @Identifier(\"audit\"). Fix: use "
                                + "reject, accept, requeue, fail, dead-letter, retry, park, or add a FailureHandler "
                                + "bean annotated with @Identifier(\"audit\").",
                        "mp.messaging.incoming.orders.deduplication.store=redis: no deduplication.store is named "
                                + "'redis': it is not built in, and no DeduplicationStore bean has @Identifier(\"redis\"). "
                                + "Fix: use memory, or add a DeduplicationStore bean annotated with "
                                + "@Identifier(\"redis\").",
                        "mp.messaging.incoming.orders.failure-strategy=prak: no failure-strategy is named 'prak': it is "
                                + "not built in, and no FailureHandler bean has @Identifier(\"prak\"). Fix: did you mean "
                                + "'park'? Use reject, accept, requeue, fail, dead-letter, retry, park, or add a "
                                + "FailureHandler bean annotated with @Identifier(\"prak\").");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
