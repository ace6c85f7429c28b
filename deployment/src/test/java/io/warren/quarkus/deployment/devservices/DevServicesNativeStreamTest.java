package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The channels Dev Services warns about when it falls back to the embedded broker, which has no streams. */
class DevServicesNativeStreamTest {

    @Test
    void findsTheChannelsOnTheStreamProtocol() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.ledger.stream.protocol", "native",
                "mp.messaging.outgoing.entries.stream.protocol", " Native ",
                "mp.messaging.incoming.orders.stream.protocol", "amqp",
                "mp.messaging.incoming.audit.queue.name", "audit"), "test", 500)).build();
        assertThat(NativeStreams.channels(config)).containsExactly("mp.messaging.incoming.ledger",
                "mp.messaging.outgoing.entries");
    }
}
