package io.warren.quarkus.deployment.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.warren.connector.observe.ChannelCounters;
import io.warren.connector.observe.ChannelStatus;
import io.warren.connector.observe.ConnectionState;
import io.warren.quarkus.runtime.observe.WarrenChannels;

/**
 * With SmallRye Health but without Micrometer, the startup check needs the channels' connection state and nothing
 * more: each channel keeps its state, and counts nothing.
 */
class StatusOnlyTest {

    static final String QUEUE = "observe-status-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @ApplicationScoped
    public static class Consumer {
        @Incoming("watched")
        public void take(String s) {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumer.class))
            .overrideConfigKey("rabbitmq-host", System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"))
            .overrideConfigKey("rabbitmq-port", System.getenv().getOrDefault("RABBITMQ_PORT", "5672"))
            .overrideConfigKey("mp.messaging.incoming.watched.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.watched.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.watched.queue.name", QUEUE)
            .overrideConfigKey("mp.messaging.incoming.watched.queue.auto-delete", "true");

    @Inject
    WarrenChannels channels;

    @Test
    void theChannelKeepsItsConnectionStateOnly() {
        assertThat(channels.all()).hasSize(1);
        ChannelStatus status = channels.all().get(0);
        assertThat(status).isNotInstanceOf(ChannelCounters.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> status.state() == ConnectionState.UP);
        assertThat(status.everConnected()).isTrue();
        assertThat(channels.expected()).containsOnlyKeys("incoming:watched");
    }
}
