package io.warren.connector.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.support.Broker;
import io.warren.connector.support.TestConfig;

/** Outside Quarkus, the connector checks a channel's configuration when it creates the channel. */
class CreationCheckTest {

    private final FailureHandler park = (m, reason, md) -> m.settleAck();
    private final WarrenConnector connector = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of("park", park));

    @AfterEach
    void close() {
        connector.close();
    }

    @Test
    void aBadIncomingChannelIsRefusedWithEveryProblemBeforeAnyConnection() {
        TestConfig config = TestConfig.channel("orders$1").with("queue.nmae", "q").with("exchange.type", "topics")
                .with("failure-strategy", "dead_letter").with("max-outstanding-messages", "-1");
        assertThatThrownBy(() -> connector.getPublisher(config.build()))
                .isInstanceOfSatisfying(ChannelConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::property).containsExactly(
                            "mp.messaging.incoming.orders.exchange.type",
                            "mp.messaging.incoming.orders.failure-strategy",
                            "mp.messaging.incoming.orders.max-outstanding-messages",
                            "mp.messaging.incoming.orders.queue.nmae");
                    assertThat(e.getMessage()).startsWith("Warren found 4 errors in the channel configuration:")
                            .contains("did you mean 'dead-letter'?").contains("did you mean 'queue.name'?");
                });
        assertThat(connector.connectionCount()).isZero();
        assertThat(connector.incomingChannels()).isEmpty();
    }

    @Test
    void aCustomStrategyPassesTheCheck() {
        TestConfig config = TestConfig.channel(Broker.unique("park")).with("failure-strategy", "park")
                .with("queue.declare", false).with("exchange.name", "\"\"");
        assertThat(connector.getPublisher(config.build())).isNotNull();
        assertThat(connector.incomingChannels()).hasSize(1);
    }

    @Test
    void theCheckCanBeTurnedOff() {
        TestConfig config = TestConfig.channel("prices").with("queue.nmae", "q").with("validation", false)
                .with("exchange.name", "\"\"");
        assertThat(connector.getSubscriber(config.build())).isNotNull();
        assertThat(connector.outgoingChannels()).hasSize(1);
    }

    @Test
    void aBadOutgoingChannelIsRefused() {
        TestConfig config = TestConfig.channel("prices").with("confirm-timeout", "5s").with("queue.name", "q");
        assertThatThrownBy(() -> connector.getSubscriber(config.build()))
                .isInstanceOf(ChannelConfigException.class)
                .hasMessageContaining("mp.messaging.outgoing.prices.confirm-timeout=5s: 'confirm-timeout' is a number "
                        + "of milliseconds, written without a unit. Fix: write 5000.")
                .hasMessageContaining("mp.messaging.outgoing.prices.queue.name=q: 'queue.name' is an incoming "
                        + "attribute");
        assertThat(connector.connectionCount()).isZero();
    }
}
