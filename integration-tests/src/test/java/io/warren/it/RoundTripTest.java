package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = WarrenTestResource.class, restrictToAnnotatedClass = true)
class RoundTripTest {

    @ConfigProperty(name = "warren.it.run")
    String run;

    @BeforeEach
    void ready() {
        // Publishing before the consumers have bound their queues would route the orders nowhere.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void healthReportsEveryChannelUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("orders"), containsString("priced-in"), containsString("new-orders"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anOrderSentThroughTheEmitterIsPricedAndArrivesAsAPojo() {
        String id = "order-" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(new Order(id, "ada", List.of(new Order.Line("book", 2, 12.5), new Order.Line("pen", 4, 1.25))))
                .post("/orders").then().statusCode(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/orders/priced").then()
                .body("find { it.id == '" + id + "' }.total", is(30.0f))
                .body("find { it.id == '" + id + "' }.customer", is("ada")));
    }

    @Test
    void theOutgoingStreamReachesItsConsumer() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Long.parseLong(given().get("/orders/heartbeat").asString()) > 3);
    }

    @Test
    void badMessagesAreRejectedAndTheStreamGoesOn() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(WarrenTestResource.HOST);
        f.setPort(WarrenTestResource.PORT);
        String exchange = WarrenTestResource.name("it-orders", run);
        try (Connection c = f.newConnection("warren-it-producer")) {
            Channel ch = c.createChannel();
            AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .messageId("broken").build();
            ch.basicPublish(exchange, "new", json, "{not json".getBytes(StandardCharsets.UTF_8));
            // A valid order with no lines makes the processor throw.
            ch.basicPublish(exchange, "new", json, "{\"id\":\"empty\",\"customer\":\"x\",\"lines\":[]}"
                    .getBytes(StandardCharsets.UTF_8));
            ch.basicPublish(exchange, "new", json,
                    "{\"id\":\"after-bad\",\"customer\":\"bob\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":2.0}]}"
                            .getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/orders/priced").then()
                .body("find { it.id == 'after-bad' }.total", is(2.0f)));
        given().get("/orders/priced").then().body("find { it.id == 'empty' }", is((Object) null));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
