package io.warren.quarkus.deployment.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.warren.connector.WarrenConnector;
import io.warren.quarkus.runtime.ChannelThreadMethods;

/**
 * A channel configured for another connector at build time, in an application that has Warren: the build
 * applies none of Warren's rules to it (its Warren-invalid values pass), sets no payload type for it, and leaves its
 * handler on Quarkus's worker pool.
 */
class MovedAtBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(MovedHandler.class, MovedHandler.Parcel.class,
                    TestConnector.class))
            .overrideConfigKey("mp.messaging.incoming.orders.connector", TestConnector.NAME)
            // Errors for a Warren channel: a misspelt exchange type, a strategy with no bean, an unknown attribute.
            .overrideConfigKey("mp.messaging.incoming.orders.exchange.type", "topics")
            .overrideConfigKey("mp.messaging.incoming.orders.failure-strategy", "nowhere")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.nmae", "x")
            .overrideConfigKey("quarkus.warren.devservices.enabled", "false");

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
    void noWarrenRuleNoPayloadTypeAndTheWorkerPool() {
        assertThat(ConfigProvider.getConfig().getOptionalValue("mp.messaging.incoming.orders.payload-type",
                String.class)).isEmpty();
        assertThat(channelThread.size()).isZero();
        other.send(new MovedHandler.Parcel("p-1", 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.received().size() == 1);
        assertThat(handler.received()).containsExactly("p-1");
        assertThat(handler.threads().get(0)).startsWith("executor-thread");
        assertThat(warren.incomingChannels()).isEmpty();
        assertThat(warren.connectionCount()).isZero();
    }
}
