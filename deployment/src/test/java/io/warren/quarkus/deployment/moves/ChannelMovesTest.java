package io.warren.quarkus.deployment.moves;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.smallrye.reactivemessaging.deployment.items.ChannelDirection;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelConfigReader;
import io.warren.connector.config.ChannelRef;
import io.warren.quarkus.deployment.Channels;
import io.warren.quarkus.runtime.ChannelConnectors;

/** The rules that keep Warren's per-channel decisions on Warren's channels, as plain functions. */
class ChannelMovesTest {

    @Test
    void theBuildDecidesOnlyForChannelsQuarkusGaveToWarren() {
        List<ChannelRef> warren = Channels.warren(List.of(
                new ConnectorManagedChannelBuildItem("orders", ChannelDirection.INCOMING, "smallrye-in-memory"),
                new ConnectorManagedChannelBuildItem("prices", ChannelDirection.OUTGOING, "warren"),
                new ConnectorManagedChannelBuildItem("sensors", ChannelDirection.INCOMING, "smallrye-mqtt")));
        assertThat(warren).containsExactly(
                new ChannelRef("prices", io.warren.connector.config.ChannelDirection.OUTGOING));
    }

    @Test
    void theStartUpCheckReadsAChannelMovedToAnotherConnectorAsNotWarrens() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.orders.connector", "smallrye-in-memory",
                "mp.messaging.incoming.orders.exchange.type", "topics",
                "mp.messaging.incoming.stock.exchange.type", "direct",
                "mp.messaging.incoming.audit.connector", "warren"), "test", 500)).build();
        List<ChannelRef> attachedAtBuild = List.of(
                new ChannelRef("orders", io.warren.connector.config.ChannelDirection.INCOMING),
                new ChannelRef("stock", io.warren.connector.config.ChannelDirection.INCOMING));
        List<String> read = ChannelConfigReader.read(config, WarrenConnector.attributes(), attachedAtBuild).stream()
                .filter(c -> !c.shared()).map(ChannelConfig::channel).toList();
        assertThat(read).containsExactly("audit", "stock");
    }

    @Test
    void aThreadChoiceStandsOnlyWhileEveryChannelStaysOnWarren() {
        assertThat(ChannelConnectors.allWarren(List.of("orders"), c -> Optional.of("warren"))).isTrue();
        assertThat(ChannelConnectors.allWarren(List.of("orders"), c -> Optional.empty()))
                .as("no key: the build's attachment stands").isTrue();
        assertThat(ChannelConnectors.allWarren(List.of("orders"), c -> Optional.of("smallrye-in-memory"))).isFalse();
        assertThat(ChannelConnectors.allWarren(List.of("orders", "sensors"),
                c -> Optional.of(c.equals("orders") ? "warren" : "smallrye-mqtt"))).isFalse();
    }
}
