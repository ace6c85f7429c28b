package io.warren.quarkus.deployment.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.warren.connector.WarrenConnector;

/**
 * A channel built for Warren and moved to another connector at run time only (as a test resource or an
 * environment variable does): the start-up check applies none of Warren's rules to it, so a value Warren would refuse
 * does not stop the application.
 */
class MovedAtRuntimeCheckTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(MovedHandler.class, MovedHandler.Parcel.class,
                    TestConnector.class))
            .overrideConfigKey("rabbitmq-host", System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"))
            .overrideConfigKey("rabbitmq-port", System.getenv().getOrDefault("RABBITMQ_PORT", "5672"))
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", "never-declared")
            .overrideRuntimeConfigKey("mp.messaging.incoming.orders.connector", TestConnector.NAME)
            // Out of range for Warren, which would fail the start-up if it still checked this channel.
            .overrideRuntimeConfigKey("mp.messaging.incoming.orders.max-outstanding-messages", "-1");

    @Inject
    @Any
    TestConnector other;

    @Inject
    MovedHandler handler;

    @Inject
    @Any
    WarrenConnector warren;

    @Test
    void theStartUpCheckLeavesTheChannelAlone() {
        other.send(new MovedHandler.Parcel("p-3", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.received().size() == 1);
        assertThat(warren.incomingChannels()).isEmpty();
    }
}
