package io.warren.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Starts the demo as it is, on the embedded broker (the test profile forces it), and watches messages flow: orders
 * priced through the stock lookup, shipments retried, mallory's orders dead-lettered.
 */
@QuarkusTest
class DemoTest {

    @Inject
    Stats stats;

    @Inject
    DeadLetters deadLetters;

    @ConfigProperty(name = "rabbitmq-port")
    int port;

    @Test
    void ordersArePricedShippedRetriedAndDeadLettered() {
        assertThat(port).isNotEqualTo(5672); // the embedded broker, not the machine's RabbitMQ
        // Order 4 fails once and ships on its retry; order 3 is mallory's and is dead-lettered after 3 attempts.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(stats.priced()).isGreaterThanOrEqualTo(8);
            assertThat(stats.shippedAfterRetry()).isPositive();
            assertThat(deadLetters.orders()).contains("o-3");
        });
        assertThat(stats.shipped()).isGreaterThanOrEqualTo(5);
        // Only mallory's orders (3, 10, 17...) are dead-lettered.
        assertThat(deadLetters.orders()).allSatisfy(id -> assertThat(Shipping.number(id) % 7).isEqualTo(3));
    }
}
