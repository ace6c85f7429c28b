package io.warren.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Connection;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;

/**
 * The same code with the order hop moved to MQTT by the {@code mqtt} profile of application.properties: the orders
 * cross Mosquitto (a plain MQTT subscriber sees them, RabbitMQ does not), and the parcels still go through Warren.
 */
@QuarkusTest
@TestProfile(OnMqttTest.Mqtt.class)
@QuarkusTestResource(value = UniqueNames.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "test", value = "mqtt"))
class OnMqttTest {

    public static class Mqtt implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "mqtt";
        }
    }

    @Inject
    OrderDesk desk;

    @Inject
    Shipping shipping;

    @Inject
    Vertx vertx;

    @Test
    void ordersTravelOnMqttAndParcelsOnRabbitMq() throws Exception {
        String run = UniqueNames.run("mqtt");
        List<String> onMqtt = new CopyOnWriteArrayList<>();
        MqttClient mqtt = MqttClient.create(vertx);
        mqtt.connect(1883, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        mqtt.publishHandler(m -> onMqtt.add(m.payload().toString(StandardCharsets.UTF_8)));
        mqtt.subscribe("warren/" + run + "/orders", MqttQoS.AT_LEAST_ONCE.value()).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (Connection c = UniqueNames.connect()) {
            List<String> parcelsOnRabbit = Flow.watch(c, run + ".parcels");
            Flow.awaitFlowing(desk, shipping);
            desk.submit(new Order("m-1", "ink", 6)).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(15)).until(() -> shipping.shipped().contains(new Parcel("m-1", 2)));
            await().atMost(Duration.ofSeconds(5)).until(() -> onMqtt.stream().anyMatch(b -> b.contains("\"m-1\"")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> parcelsOnRabbit.stream().anyMatch(b -> b.contains("\"m-1\"")));
            // The order exchange of the RabbitMQ configuration is never declared: nothing uses it.
            assertThat(exchangeExists(c, run + ".orders")).isFalse();
        } finally {
            mqtt.disconnect();
        }
    }

    private static boolean exchangeExists(Connection c, String exchange) {
        try (com.rabbitmq.client.Channel ch = c.createChannel()) {
            ch.exchangeDeclarePassive(exchange);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
