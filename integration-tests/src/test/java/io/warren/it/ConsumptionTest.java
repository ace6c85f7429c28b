package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.test.junit.QuarkusTest;

/** Unordered blocking handlers, virtual threads, concurrency and a custom failure strategy, in a Quarkus app. */
@QuarkusTest
@QuarkusTestResource(value = WarrenTestResource.class, restrictToAnnotatedClass = true)
class ConsumptionTest {

    @ConfigProperty(name = "warren.it.run")
    String run;

    @Inject
    Audit audit;

    @Inject
    HandlerThreads threads;

    @Inject
    @Identifier("park")
    ParkingFailureHandler parking;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(WarrenTestResource.HOST);
        f.setPort(WarrenTestResource.PORT);
        return f.newConnection("warren-it-producer");
    }

    private static byte[] order(String id, String customer) {
        return ("{\"id\":\"" + id + "\",\"customer\":\"" + customer + "\",\"total\":1.0}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unorderedBlockingAndVirtualThreadHandlersAreAckedAndConcurrencyOpensOneConsumerEach() throws Exception {
        int n = 300;
        AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json").build();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            String audit = WarrenTestResource.name("it-audit", run);
            assertThat(ch.queueDeclarePassive(audit).getConsumerCount()).isEqualTo(3);
            for (int i = 0; i < n; i++) {
                ch.basicPublish(audit, "x", json, order("a-" + i, "ada"));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> this.audit.audited().size() == n && this.audit.onVirtualThreads().size() == n);
            // Every delivery was acked: nothing ready, nothing unacked held back.
            await().atMost(Duration.ofSeconds(10)).until(() -> ch.queueDeclarePassive(audit).getMessageCount() == 0
                    && ch.queueDeclarePassive(WarrenTestResource.name("it-vthreads", run)).getMessageCount() == 0);
        }
        given().get("/q/health/ready").then().statusCode(200);
        // @Blocking(ordered = false) keeps the worker pool: the handler ran on more than one thread, none Warren's.
        assertThat(threads.of("audit")).isNotEmpty().noneMatch(t -> t.startsWith("warren-"));
    }

    @Test
    void synchronousHandlersOfWarrenChannelsRunOnTheChannelsThread() throws Exception {
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            ch.basicPublish(WarrenTestResource.name("it-orders", run), "new",
                    new AMQP.BasicProperties.Builder().contentType("application/json").build(),
                    "{\"id\":\"t-1\",\"customer\":\"ada\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":2.0}]}"
                            .getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !threads.of("record").isEmpty());
        // A processor and a consumer with plain signatures: each on its own channel's thread, not the worker pool.
        assertThat(threads.of("price")).containsExactly("warren-orders");
        assertThat(threads.of("record")).containsExactly("warren-priced-in");
    }

    @Test
    void aCustomFailureStrategyBeanIsUsed() throws Exception {
        AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json")
                .messageId("refused-1").build();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            ch.basicPublish("", WarrenTestResource.name("it-picky", run), json, order("p-1", "mallory"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !parking.parked().isEmpty());
        assertThat(parking.parked().get(0)).startsWith("refused-1: ").contains("we do not serve mallory");
    }
}
