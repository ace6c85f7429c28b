package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;

/**
 * A valid application with several channels builds and starts with no warning from Warren, gets its payload types
 * from its signatures (a user's payload-type wins), and receives POJOs and batches from the real broker.
 */
class ValidAppTest {

    // The test class is loaded twice (by JUnit, then by the application's class loader): share the run's names.
    static final String RUN = TestBroker.sharedRun("warren.valid-app.run", "valid");
    static final String ORDERS = RUN + "-orders";
    static final String BATCHES = RUN + "-batches";
    static final String RAW = RUN + "-raw";

    @ApplicationScoped
    public static class Shop {
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<List<Order>> batches = new CopyOnWriteArrayList<>();
        final List<Object> raw = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("receipts")
        Emitter<Order> receipts;

        @Incoming("orders")
        public void take(Order order) {
            orders.add(order);
        }

        @Incoming("batches")
        public void batch(List<Order> batch) {
            batches.add(batch);
        }

        @Incoming("raw")
        public CompletionStage<Void> raw(org.eclipse.microprofile.reactive.messaging.Message<Object> m) {
            raw.add(m.getPayload());
            return m.ack();
        }

        @Outgoing("ticks")
        public Multi<Order> ticks() {
            return Multi.createFrom().empty();
        }

        // Accessors: the test holds a client proxy, whose fields are not the bean's.
        List<Order> orders() {
            return orders;
        }

        List<List<Order>> batches() {
            return batches;
        }

        List<Object> raw() {
            return raw;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Shop.class, TestBroker.class))
            .overrideConfigKey("rabbitmq-host", TestBroker.HOST)
            .overrideConfigKey("rabbitmq-port", TestBroker.PORT)
            .overrideConfigKey("mp.messaging.connector.warren.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", ORDERS)
            .overrideConfigKey("mp.messaging.incoming.orders.queue.x-queue-type", "quorum")
            .overrideConfigKey("mp.messaging.incoming.orders.failure-strategy", "dead-letter")
            .overrideConfigKey("mp.messaging.incoming.orders.auto-bind-dlq", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.dead-letter-exchange", RUN + "-dlx")
            .overrideConfigKey("mp.messaging.incoming.batches.queue.name", BATCHES)
            .overrideConfigKey("mp.messaging.incoming.batches.batch", "true")
            .overrideConfigKey("mp.messaging.incoming.batches.batch.size", "3")
            .overrideConfigKey("mp.messaging.incoming.batches.batch.timeout", "100")
            .overrideConfigKey("mp.messaging.incoming.raw.queue.name", RAW)
            .overrideConfigKey("mp.messaging.incoming.raw.payload-type", "java.util.Map")
            .overrideConfigKey("mp.messaging.outgoing.receipts.default-routing-key", RUN + "-receipts")
            .overrideConfigKey("mp.messaging.outgoing.receipts.mandatory", "false")
            .overrideConfigKey("mp.messaging.outgoing.ticks.publish-confirms", "false")
            // Delete the topology once the application has stopped, so that no consumer sees its queue go.
            .setAfterAllCustomizer(ValidAppTest::cleanUp)
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.warren"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .as("warnings and errors from Warren").isEmpty());

    @Inject
    Shop shop;

    static void cleanUp() {
        TestBroker.delete(new String[] { ORDERS, BATCHES, RAW, ORDERS + ".dlq" }, new String[] { RUN + "-dlx" });
    }

    @Test
    void payloadTypesComeFromTheSignaturesAndTheUsersWins() {
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.orders.payload-type", String.class))
                .isEqualTo(Order.class.getName());
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.batches.payload-type", String.class))
                .isEqualTo("java.util.List<" + Order.class.getName() + ">");
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.raw.payload-type", String.class))
                .isEqualTo("java.util.Map");
    }

    @Test
    void pojosAndBatchesArriveConverted() throws Exception {
        try (Connection c = TestBroker.connect()) {
            com.rabbitmq.client.Channel ch = c.createChannel();
            await().atMost(Duration.ofSeconds(15)).until(() -> queueExists(c, ORDERS) && queueExists(c, BATCHES)
                    && queueExists(c, RAW));
            AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json").build();
            ch.basicPublish("", ORDERS, json, "{\"id\":\"o-1\",\"quantity\":3}".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", BATCHES, json,
                        ("{\"id\":\"b-" + i + "\",\"quantity\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
            ch.basicPublish("", RAW, json, "{\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> shop.orders().size() == 1
                && shop.batches().stream().mapToInt(List::size).sum() == 3 && shop.raw().size() == 1);
        assertThat(shop.orders()).containsExactly(new Order("o-1", 3));
        assertThat(shop.batches().stream().flatMap(List::stream)).extracting(Order::id)
                .containsExactly("b-0", "b-1", "b-2");
        assertThat(shop.raw().get(0)).isInstanceOf(Map.class).isEqualTo(Map.of("id", "r-1"));
    }

    private static boolean queueExists(Connection c, String queue) {
        try (com.rabbitmq.client.Channel ch = c.createChannel()) {
            ch.queueDeclarePassive(queue);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
