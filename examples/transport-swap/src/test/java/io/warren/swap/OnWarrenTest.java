package io.warren.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Connection;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The application as configured: every channel on Warren, the orders visible on RabbitMQ. */
@QuarkusTest
@QuarkusTestResource(value = UniqueNames.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "test", value = "warren"))
class OnWarrenTest {

    @Inject
    OrderDesk desk;

    @Inject
    Shipping shipping;

    @Test
    void ordersTravelOnRabbitMq() throws Exception {
        String run = UniqueNames.run("warren");
        try (Connection c = UniqueNames.connect()) {
            List<String> onRabbit = Flow.watch(c, run + ".orders");
            Flow.awaitFlowing(desk, shipping);
            desk.submit(new Order("w-1", "pen", 12)).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(15)).until(() -> shipping.shipped().contains(new Parcel("w-1", 3)));
            await().atMost(Duration.ofSeconds(5)).until(() -> onRabbit.stream().anyMatch(b -> b.contains("\"w-1\"")));
        }
        assertThat(shipping.shipped()).contains(new Parcel("w-1", 3));
    }
}
