package io.warren.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.support.TestConfig;

/** What a failure strategy reads from its channel's configuration, through the generated configuration class. */
class FailureSupportTest {

    private static FailureSupport support(Config config) {
        return new FailureSupport("orders", "orders", new WarrenConnectorIncomingConfiguration(config), null, null);
    }

    @Test
    void aStrategyReadsAttributesOfItsOwnFromTheChannel() {
        FailureSupport support = support(TestConfig.channel("orders").with("failure-strategy", "park")
                .with("park.queue", "parked-orders").build());

        assertThat(support.value("park.queue")).contains("parked-orders");
        assertThat(support.value("failure-strategy")).contains("park");
        assertThat(support.value("park.delay")).isEmpty();
    }

    @Test
    void deadLetterDefaultsComeFromOnePlace() {
        FailureSupport defaults = support(TestConfig.channel("orders").with("auto-bind-dlq", "true").build());
        assertThat(defaults.hasDeadLetterTarget()).isTrue();
        assertThat(defaults.deadLetterExchange()).isEqualTo(DeadLetterTarget.DEFAULT_EXCHANGE).isEqualTo("DLX");
        assertThat(defaults.deadLetterRoutingKey()).isEqualTo("orders");
        assertThat(defaults.deadLetterQueue()).isEqualTo("orders" + DeadLetterTarget.QUEUE_SUFFIX)
                .isEqualTo("orders.dlq");

        FailureSupport set = support(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "channel-name", "orders", "dead-letter-exchange", "failed", "dead-letter-routing-key", "orders-failed",
                "dead-letter-queue-name", "failed-orders"), "test", 500)).build());
        assertThat(set.hasDeadLetterTarget()).isTrue();
        assertThat(set.deadLetterExchange()).isEqualTo("failed");
        assertThat(set.deadLetterRoutingKey()).isEqualTo("orders-failed");
        assertThat(set.deadLetterQueue()).isEqualTo("failed-orders");
    }
}
