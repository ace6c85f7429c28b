package io.warren.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.warren.connector.WarrenConnector;

class ChannelConfigReaderTest {

    private static Config config(Map<String, String> values) {
        // The default interceptors expand ${...} expressions, as in Quarkus.
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void readsWarrenChannelsWithSharedSettingsAliasesAndQuotedNames() {
        Config config = config(Map.of(
                "mp.messaging.incoming.orders.connector", "warren",
                "mp.messaging.incoming.orders.queue.name", "q",
                "mp.messaging.incoming.\"a.b\".connector", "warren",
                "mp.messaging.incoming.kafka-in.connector", "smallrye-kafka",
                "mp.messaging.incoming.kafka-in.topic", "t",
                "mp.messaging.connector.warren.max-outstanding-messages", "10",
                "rabbitmq-host", "broker",
                "mp.messaging.outgoing.auto.exchange.name", "x"));
        List<ChannelConfig> channels = ChannelConfigReader.read(config, WarrenConnector.attributes(),
                List.of(new ChannelRef("auto", ChannelDirection.OUTGOING)));
        assertThat(channels).extracting(ChannelConfig::channel).containsExactly(null, "a.b", "auto", "orders");
        ChannelConfig shared = channels.get(0);
        assertThat(shared.settings().get("host").property()).isEqualTo("rabbitmq-host");
        assertThat(shared.settings().get("max-outstanding-messages").property())
                .isEqualTo("mp.messaging.connector.warren.max-outstanding-messages");
        ChannelConfig orders = channels.get(3);
        assertThat(orders.settings()).containsKeys("connector", "queue.name", "host", "max-outstanding-messages");
        assertThat(orders.owns(orders.settings().get("queue.name"))).isTrue();
        assertThat(orders.owns(orders.settings().get("host"))).isFalse();
        assertThat(channels.get(1).prefix()).isEqualTo("mp.messaging.incoming.\"a.b\".");
        assertThat(channels.get(2).settings().get("exchange.name").value()).isEqualTo("x");
    }

    @Test
    void aValueThatCannotBeResolvedYetIsKeptAsUnknown() {
        Config config = config(Map.of("mp.messaging.incoming.orders.connector", "warren",
                "mp.messaging.incoming.orders.max-outstanding-messages", "${WARREN_UNSET_PREFETCH_FOR_TEST}"));
        ChannelConfig orders = ChannelConfigReader.read(config, WarrenConnector.attributes(), List.of()).get(1);
        assertThat(orders.settings().get("max-outstanding-messages").resolved()).isFalse();
    }

    @Test
    void readsWhatTheConnectorIsHandedWithoutTheKeysSmallRyeAdds() {
        Config config = config(Map.of("channel-name", "orders$2", "connector", "warren", "queue.nmae", "q"));
        ChannelConfig c = ChannelConfigReader.fromConnectorConfig(config, ChannelDirection.INCOMING);
        assertThat(c.channel()).isEqualTo("orders");
        assertThat(c.settings()).containsOnlyKeys("queue.nmae");
        assertThat(c.settings().get("queue.nmae").property()).isEqualTo("mp.messaging.incoming.orders.queue.nmae");
    }

    @Test
    void splitsChannelAndAttribute() {
        assertThat(ChannelConfigReader.split("orders.queue.name")).containsExactly("orders", "queue.name");
        assertThat(ChannelConfigReader.split("\"my.orders\".queue.name")).containsExactly("my.orders", "queue.name");
        assertThat(ChannelConfigReader.split("orders")).isNull();
        assertThat(ChannelConfigReader.split("\"broken.queue")).isNull();
    }
}
