package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ConfiguredBrokerTest {

    private static Optional<String> notNeeded(Map<String, String> config) {
        Map<String, String> sorted = new TreeMap<>(config);
        return ConfiguredBroker.notNeeded(k -> Optional.ofNullable(sorted.get(k)), sorted.keySet());
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new TreeMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static final Map<String, String> CHANNELS = Map.of(
            "mp.messaging.incoming.orders.connector", "warren",
            "mp.messaging.outgoing.priced.connector", "warren",
            "mp.messaging.incoming.other.connector", "smallrye-kafka");

    @Test
    void aWarrenChannelWithoutBrokerNeedsOne() {
        assertThat(notNeeded(CHANNELS)).isEmpty();
    }

    @Test
    void everyGlobalAndConnectorSpellingCountsAsConfigured() {
        for (String key : new String[] { "rabbitmq-host", "rabbitmq-addresses", "rabbitmq-port",
                "mp.messaging.connector.warren.host", "mp.messaging.connector.warren.addresses",
                "mp.messaging.connector.warren.port", "mp.messaging.connector.warren.rabbitmq-host" }) {
            assertThat(notNeeded(with(CHANNELS, key, "broker.example"))).as(key).contains(key + " is set");
        }
    }

    @Test
    void aBlankValueDoesNotCount() {
        assertThat(notNeeded(with(CHANNELS, "rabbitmq-host", " "))).isEmpty();
    }

    @Test
    void channelsThatAllSetTheirOwnBrokerNeedNone() {
        Map<String, String> config = with(with(CHANNELS, "mp.messaging.incoming.orders.host", "a"),
                "mp.messaging.outgoing.priced.addresses", "b:5672");
        assertThat(notNeeded(config)).contains("every Warren channel sets its own broker (incoming.orders, "
                + "outgoing.priced)");
        // One channel without its own broker still needs Dev Services.
        assertThat(notNeeded(with(CHANNELS, "mp.messaging.incoming.orders.host", "a"))).isEmpty();
    }

    @Test
    void noWarrenChannelNeedsNoBroker() {
        assertThat(notNeeded(Map.of("mp.messaging.incoming.other.connector", "smallrye-kafka")))
                .contains("no channel uses the warren connector");
    }
}
