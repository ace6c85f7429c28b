package io.warren.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.warren.connector.WarrenConnector;

/**
 * Unit tests of the handlers with no broker at all: the test profile moves every channel to SmallRye's in-memory
 * connector. Warren stays in the application, opens nothing, and none of its rules or thread choices apply.
 */
@QuarkusTest
@TestProfile(HandlersInMemoryTest.InMemoryChannels.class)
class HandlersInMemoryTest {

    public static class InMemoryChannels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The same keys InMemoryConnector.switchIncomingChannelsToInMemory returns, without the system
            // properties it also sets, which would move these channels in every later test of the JVM too.
            Map<String, String> config = new HashMap<>();
            for (String in : new String[] { "orders", "to-ship" }) {
                config.put("mp.messaging.incoming." + in + ".connector", InMemoryConnector.CONNECTOR);
            }
            for (String out : new String[] { "new-orders", "parcels" }) {
                config.put("mp.messaging.outgoing." + out + ".connector", InMemoryConnector.CONNECTOR);
            }
            // Nothing listens there: a connection attempt would show in the assertions below.
            config.put("rabbitmq-port", "1");
            config.put("quarkus.warren.devservices.enabled", "false");
            return config;
        }
    }

    @Inject
    @Connector(InMemoryConnector.CONNECTOR)
    InMemoryConnector memory;

    @Inject
    @Any
    WarrenConnector warren;

    @Test
    void packingPacksFiveToABox() {
        InMemorySink<Parcel> parcels = memory.sink("parcels");
        memory.source("orders").send(new Order("o-1", "pen", 12));
        memory.source("orders").send(new Order("o-2", "ink", 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> parcels.received().size() == 2);
        assertThat(parcels.received()).extracting(Message::getPayload)
                .containsExactly(new Parcel("o-1", 3), new Parcel("o-2", 1));
        assertThat(warren.incomingChannels()).isEmpty();
        assertThat(warren.outgoingChannels()).isEmpty();
        assertThat(warren.connectionCount()).isZero();
    }

    @Test
    void anEmptyOrderIsNacked() {
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        memory.source("orders").send(Message.of(new Order("o-3", "pen", 0)).withNack(t -> {
            nacked.complete(t);
            return CompletableFuture.completedFuture(null);
        }));
        assertThat(nacked.join()).hasMessageContaining("order o-3 has no items");
    }

    @Test
    void shippingRecordsWhatArrives() {
        memory.source("to-ship").send(new Parcel("o-4", 2));
        Shipping shipping = io.quarkus.arc.Arc.container().instance(Shipping.class).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> shipping.shipped().contains(new Parcel("o-4", 2)));
    }
}
