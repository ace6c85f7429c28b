package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A known workload against the real broker (good orders, poison orders, unroutable orders and a connection cut),
 * and the exact numbers Warren's meters show in {@code /q/metrics}, in Prometheus format.
 */
@QuarkusTest
@TestProfile(MetricsTest.ThroughProxy.class)
class MetricsTest {

    static final int GOOD = 6;
    static final int POISON = 3;
    static final int UNROUTABLE = 2;

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedBrokerResource.class));
        }
    }

    @ConfigProperty(name = "warren.it.run")
    String run;

    @Test
    void theMetersCountAKnownWorkloadExactly() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String ordersQueue = WarrenTestResource.name("it-orders", run);
        String ordersExchange = WarrenTestResource.name("it-orders", run);
        String pricedExchange = WarrenTestResource.name("it-priced", run);
        String pricedQueue = WarrenTestResource.name("it-priced", run);

        for (int i = 0; i < GOOD; i++) {
            order("good-" + i, true).post("/orders").then().statusCode(204);
        }
        for (int i = 0; i < POISON; i++) {
            order("poison-" + i, false).post("/orders").then().statusCode(204);
        }
        for (int i = 0; i < UNROUTABLE; i++) {
            order("lost-" + i, true).post("/orders/unroutable").then().statusCode(500);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusScrape m = PrometheusScrape.now();
            assertThat(m.value("warren_incoming_acked_total", "channel", "priced-in")).isEqualTo(GOOD);
            assertThat(m.value("warren_incoming_failed_total", "channel", "orders")).isEqualTo(POISON);
        });

        // A connection cut while idle: every channel recovers once, and messages flow again.
        ProxiedBrokerResource.proxy.cut();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape m = PrometheusScrape.now();
            for (String channel : List.of("orders", "priced-in", "new-orders", "priced")) {
                assertThat(m.value("warren_connection_recoveries_total", "channel", channel)).as(channel).isEqualTo(1);
                assertThat(m.value("warren_connection_state", "channel", channel, "state", "up")).as(channel)
                        .isEqualTo(1);
            }
        });
        for (int i = 0; i < GOOD; i++) {
            order("again-" + i, true).post("/orders").then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                PrometheusScrape.now().value("warren_incoming_acked_total", "channel", "priced-in")).isEqualTo(2 * GOOD));

        PrometheusScrape m = PrometheusScrape.now();
        String why = m.all("warren_");
        // new-orders: every order published, the good and poison ones confirmed, the unroutable ones returned.
        assertThat(m.value("warren_outgoing_sent_total", "channel", "new-orders", "exchange", ordersExchange)).as(why)
                .isEqualTo(2 * GOOD + POISON + UNROUTABLE);
        assertThat(m.value("warren_outgoing_confirmed_total", "channel", "new-orders")).isEqualTo(2 * GOOD + POISON);
        assertThat(m.value("warren_outgoing_returned_total", "channel", "new-orders")).isEqualTo(UNROUTABLE);
        assertThat(m.value("warren_outgoing_nacked_total", "channel", "new-orders")).isZero();
        assertThat(m.value("warren_outgoing_timed_out_total", "channel", "new-orders")).isZero();
        assertThat(m.value("warren_outgoing_confirm_latency_seconds_count", "channel", "new-orders"))
                .isEqualTo(2 * GOOD + POISON + UNROUTABLE);
        assertThat(m.value("warren_outgoing_awaiting_confirm", "channel", "new-orders")).isZero();
        assertThat(m.value("warren_outgoing_buffered", "channel", "new-orders")).isZero();
        // orders: the good ones processed, the poison ones rejected by the default strategy.
        assertThat(m.value("warren_incoming_delivered_total", "channel", "orders", "queue", ordersQueue))
                .isEqualTo(2 * GOOD + POISON);
        assertThat(m.value("warren_incoming_acked_total", "channel", "orders")).isEqualTo(2 * GOOD);
        assertThat(m.value("warren_incoming_failed_total", "channel", "orders", "strategy", "reject")).isEqualTo(POISON);
        assertThat(m.value("warren_incoming_redelivered_total", "channel", "orders")).isZero();
        assertThat(m.value("warren_incoming_deduplicated_total", "channel", "orders")).isZero();
        assertThat(m.value("warren_incoming_processing_seconds_count", "channel", "orders")).isEqualTo(2 * GOOD + POISON);
        assertThat(m.value("warren_incoming_in_flight", "channel", "orders")).isZero();
        assertThat(m.value("warren_incoming_prefetch_used", "channel", "orders")).isZero();
        assertThat(m.value("warren_incoming_prefetch_limit", "channel", "orders")).isEqualTo(256);
        // priced -> priced-in: what pricing produced.
        assertThat(m.value("warren_outgoing_sent_total", "channel", "priced", "exchange", pricedExchange))
                .isEqualTo(2 * GOOD);
        assertThat(m.value("warren_outgoing_confirmed_total", "channel", "priced")).isEqualTo(2 * GOOD);
        assertThat(m.value("warren_incoming_delivered_total", "channel", "priced-in", "queue", pricedQueue))
                .isEqualTo(2 * GOOD);
        // The connection: up, one recovery, never blocked.
        assertThat(m.value("warren_connection_state", "channel", "orders", "state", "recovering")).isZero();
        assertThat(m.value("warren_connection_state", "channel", "orders", "state", "down")).isZero();
        assertThat(m.value("warren_connection_blocked_time_seconds_total", "channel", "new-orders")).isZero();
    }

    private static io.restassured.specification.RequestSpecification order(String id, boolean good) {
        return given().contentType(ContentType.JSON).body(new Order(id, "metrics",
                good ? List.of(new Order.Line("pen", 2, 1.5)) : List.of()));
    }
}
