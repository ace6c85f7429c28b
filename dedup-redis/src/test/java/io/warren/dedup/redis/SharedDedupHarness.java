package io.warren.dedup.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Multi;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandler;

/**
 * Application instances consuming one queue with a shared deduplication store, on the machine's RabbitMQ: each
 * instance is a connector of its own, with its own connections and its own store client.
 */
final class SharedDedupHarness implements AutoCloseable {

    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    final String queue = "dedup-shared-" + UUID.randomUUID().toString().substring(0, 8);
    final String channel = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<WarrenConnector> instances = new ArrayList<>();
    private final Connection admin;
    private final Channel ch;

    SharedDedupHarness() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        admin = f.newConnection("warren-dedup-test");
        ch = admin.createChannel();
        ch.queueDeclare(queue, false, false, false, null);
    }

    /**
     * Starts an instance.
     *
     * @param store its store
     * @param processingMs how long each message takes, so that copies on two instances overlap
     * @param failureHandler its failure strategy
     */
    WarrenConnector start(DeduplicationStore store, long processingMs, FailureHandler failureHandler,
            Map<String, Object> extra) {
        WarrenConnector connector = new WarrenConnector(PayloadCodec.defaultMapper(),
                Map.of("recording", failureHandler), Map.of("shared", store));
        instances.add(connector);
        Map<String, String> cfg = new java.util.HashMap<>(Map.of("channel-name", channel, "connector", "warren",
                "host", HOST, "port", String.valueOf(PORT), "queue.name", queue, "queue.declare", "false",
                "exchange.name", "\"\"", "deduplication", "true", "deduplication.store", "shared",
                "failure-strategy", "recording"));
        cfg.put("requeue.delay", "100");
        cfg.put("max-outstanding-messages", "20");
        extra.forEach((k, v) -> cfg.put(k, String.valueOf(v)));
        @SuppressWarnings("unchecked")
        Flow.Publisher<Message<?>> publisher = (Flow.Publisher<Message<?>>) connector.getPublisher(
                new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(cfg, "test", 500)).build());
        Multi.createFrom().publisher(publisher).subscribe().with(m -> {
            String body = new String((byte[]) m.getPayload(), StandardCharsets.UTF_8);
            processed.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
            sleep(processingMs);
            m.ack();
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> connector.incomingChannels().get(0).health().isReady());
        return connector;
    }

    FailureHandler recording() {
        return (m, reason, md) -> {
            failures.add(reason);
            return m.settleReject(false);
        };
    }

    /** Publishes a message with this id; the body names the id. */
    void publish(String id) throws Exception {
        ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(id).build(),
                id.getBytes(StandardCharsets.UTF_8));
    }

    long ready() throws Exception {
        return ch.queueDeclarePassive(queue).getMessageCount();
    }

    /**
     * Publishes {@code ids} ids, each {@code copies} times, copies back to back (so that the broker hands them to
     * different instances at once), and checks that each id was processed exactly once and every copy acked.
     */
    void duplicatesAreSkipped(int ids, int copies) throws Exception {
        for (int i = 0; i < ids; i++) {
            for (int c = 0; c < copies; c++) {
                publish("id-" + i);
            }
        }
        long expectedAcks = (long) ids * copies;
        await().atMost(Duration.ofSeconds(90)).until(() -> ready() == 0 && acked() == expectedAcks);
        assertThat(processed).hasSize(ids);
        assertThat(processed.values()).allSatisfy(n -> assertThat(n.get()).as("times processed").isEqualTo(1));
        assertThat(failures).isEmpty();
        for (WarrenConnector instance : instances) {
            assertThat(instance.incomingChannels().get(0).ackStats()[1]).as("each instance took a share")
                    .isPositive();
        }
    }

    long acked() {
        return instances.stream().mapToLong(i -> i.incomingChannels().get(0).ackStats()[1]).sum();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        instances.forEach(WarrenConnector::close);
        ch.queueDelete(queue);
        admin.close();
    }
}
