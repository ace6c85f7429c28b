package io.warren.connector.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
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
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.DeduplicationStoreException;
import io.warren.testing.FaultProxy;

/**
 * Application instances consuming one queue with a shared deduplication store, on the machine's RabbitMQ: each
 * instance is a connector of its own, with its own connections and its own store client. The shared stores' modules
 * (Redis, PostgreSQL) run the same scenarios through it, from this module's test jar.
 */
public final class SharedDedupHarness implements AutoCloseable {

    public static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    public final String queue = "dedup-shared-" + UUID.randomUUID().toString().substring(0, 8);
    public final String channel = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    public final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    public final List<Throwable> failures = new CopyOnWriteArrayList<>();
    public final List<WarrenConnector> instances = new ArrayList<>();
    private final Connection admin;
    private final Channel ch;

    public SharedDedupHarness() throws Exception {
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
    public WarrenConnector start(DeduplicationStore store, long processingMs, FailureHandler failureHandler,
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

    public FailureHandler recording() {
        return (m, reason, md) -> {
            failures.add(reason);
            return m.settleReject(false);
        };
    }

    /** Publishes a message with this id; the body names the id. */
    public void publish(String id) throws Exception {
        ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(id).build(),
                id.getBytes(StandardCharsets.UTF_8));
    }

    public long ready() throws Exception {
        return ch.queueDeclarePassive(queue).getMessageCount();
    }

    /**
     * Publishes {@code ids} ids, each {@code copies} times, copies back to back (so that the broker hands them to
     * different instances at once), and checks that each id was processed exactly once and every copy acked.
     */
    public void duplicatesAreSkipped(int ids, int copies) throws Exception {
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

    /**
     * A store that goes down while a message arrives: the message goes to the failure strategy (which puts it back
     * later, as requeue does), is processed once the store is back, and a later copy is skipped.
     *
     * @param proxy the proxy between the instance and the store, open
     * @param storeThroughProxy the store, connected through the proxy
     * @param timeoutMs {@code deduplication.timeout}
     * @param failSeconds how long the store's refusals may take to reach the strategy twice
     */
    public void aDownStoreLosesNothing(FaultProxy proxy, DeduplicationStore storeThroughProxy, long timeoutMs,
            int failSeconds) throws Exception {
        FailureHandler requeueLater = (m, reason, md) -> {
            failures.add(reason);
            return CompletableFuture.runAsync(() -> {
            }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> m.settleReject(true));
        };
        start(storeThroughProxy, 0, requeueLater, Map.of("deduplication.timeout", timeoutMs));
        proxy.refuse(true);
        proxy.cut();
        publish("while-down");
        await().atMost(Duration.ofSeconds(failSeconds)).until(() -> failures.size() >= 2);
        assertThat(processed).isEmpty();
        assertThat(failures.get(0)).isInstanceOf(DeduplicationStoreException.class)
                .hasMessageContaining("message while-down").hasMessageContaining("deduplication store 'shared'");
        proxy.refuse(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed.containsKey("while-down"));
        publish("while-down"); // a duplicate once it is back
        await().atMost(Duration.ofSeconds(15)).until(() -> ready() == 0 && acked() == 2);
        assertThat(processed.get("while-down").get()).isEqualTo(1);
    }

    public long acked() {
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
