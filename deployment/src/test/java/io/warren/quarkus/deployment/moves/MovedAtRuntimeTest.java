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
import io.warren.quarkus.runtime.ChannelThreadMethods;

/**
 * A channel built for Warren and moved to another connector at run time only (as a test resource or an
 * environment variable does): the build chose the channel's thread for its handler, and that choice must not stand
 * once the channel runs elsewhere.
 */
class MovedAtRuntimeTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(MovedHandler.class, MovedHandler.Parcel.class,
                    TestConnector.class))
            .overrideConfigKey("rabbitmq-host", System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"))
            .overrideConfigKey("rabbitmq-port", System.getenv().getOrDefault("RABBITMQ_PORT", "5672"))
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", "never-declared")
            .overrideRuntimeConfigKey("mp.messaging.incoming.orders.connector", TestConnector.NAME);

    @Inject
    @Any
    TestConnector other;

    @Inject
    MovedHandler handler;

    @Inject
    ChannelThreadMethods channelThread;

    @Inject
    @Any
    WarrenConnector warren;

    @Test
    void theBuildsThreadChoiceAndChecksDoNotFollowTheChannelElsewhere() {
        assertThat(channelThread.size()).as("the build chose the channel's thread").isEqualTo(1);
        other.send(new MovedHandler.Parcel("p-2", 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.received().size() == 1);
        assertThat(handler.threads().get(0)).as("Quarkus's choice for a synchronous signature")
                .startsWith("executor-thread");
        assertThat(warren.incomingChannels()).isEmpty();
        assertThat(warren.connectionCount()).isZero();
    }
}
