package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Configuration the code does not back fails the build: a batch for a method that takes one payload, a channel no
 * code uses (with the used channel it was probably meant for), and a channel configured in the wrong direction.
 */
class CodeRulesBuildTest {

    @ApplicationScoped
    public static class Shop {
        @Inject
        @Channel("receipts")
        Emitter<Order> receipts;

        @Incoming("orders")
        public CompletionStage<Void> take(Message<Order> order) {
            return order.ack();
        }

        @Incoming("returns")
        public void returned(Order order) {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class))
            .overrideConfigKey("mp.messaging.incoming.orders.batch", "true")
            .overrideConfigKey("mp.messaging.incoming.returns.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.retuns.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.retuns.queue.name", "returns")
            .overrideConfigKey("mp.messaging.incoming.receipts.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.unused.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.unused.enabled", "false")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).containsExactly(
                        "mp.messaging.incoming.orders.batch=true: with batch=true the channel delivers a List of "
                                + "payloads, but io.warren.quarkus.deployment.CodeRulesBuildTest$Shop#take takes "
                                + "io.warren.quarkus.deployment.Order. Fix: take List<io.warren.quarkus.deployment.Order> "
                                + "(or Message<List<...>>), or remove batch=true.",
                        "mp.messaging.incoming.receipts.connector=warren: no method or injection point uses incoming "
                                + "channel 'receipts'. Fix: io.warren.quarkus.deployment.CodeRulesBuildTest$Shop#receipts "
                                + "uses 'receipts' as an outgoing channel: move its configuration to "
                                + "mp.messaging.outgoing.receipts.*.",
                        "mp.messaging.incoming.retuns.connector=warren: no method or injection point uses incoming "
                                + "channel 'retuns'. Fix: did you mean the channel 'returns'? Otherwise add "
                                + "@Incoming(\"retuns\") to a method or inject @Channel(\"retuns\") Multi<T>, remove the "
                                + "configuration, or set mp.messaging.incoming.retuns.enabled=false.");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
