package io.warren.connector.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.smallrye.mutiny.Multi;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.TestConfig;
import io.warren.testing.FaultProxy;

/**
 * The observer SPI sees exactly what happened: a known workload (good, poison, duplicate and unroutable messages and
 * a connection cut) gives exact counts, and nothing stays in flight.
 */
class ObserverTest {

    private static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
    private static final int GOOD = 20;
    private static final int POISON = 5;
    private static final int DUPLICATES = 3;
    private static final int UNROUTABLE = 4;

    private final String run = java.util.UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "obs-q-" + run;
    private final String exchange = "obs-x-" + run;
    private final Map<String, ChannelCounters> observed = new ConcurrentHashMap<>();
    private FaultProxy proxy;
    private Connection admin;
    private Channel ch;
    private WarrenConnector connector;

    @BeforeEach
    void setUp() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        admin = f.newConnection("warren-observer-test");
        ch = admin.createChannel();
        proxy = new FaultProxy(HOST, PORT);
        connector = new WarrenConnector(PayloadCodec.defaultMapper()).observeWith(channel -> {
            ChannelCounters c = new ChannelCounters(channel);
            observed.put(channel.name(), c);
            return c;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        proxy.close();
        ch.queueDelete(queue);
        ch.exchangeDelete(exchange);
        admin.close();
    }

    @Test
    void countsAKnownWorkloadExactly() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        @SuppressWarnings("unchecked")
        Flow.Publisher<Message<?>> in = (Flow.Publisher<Message<?>>) connector.getPublisher(TestConfig.channel("obs-in")
                .at("127.0.0.1", proxy.port()).with("queue.name", queue).with("exchange.name", exchange)
                .with("routing-keys", "ok").with("deduplication", true).with("max-outstanding-messages", 16)
                .build());
        Multi.createFrom().publisher(in).subscribe().with(m -> {
            String body = (String) m.getPayload();
            handled.add(body);
            if (body.startsWith("poison")) {
                m.nack(new IllegalArgumentException("poison"));
            } else {
                m.ack();
            }
        });
        ChannelCounters incoming = observed.get("obs-in");
        assertThat(incoming.channel()).isEqualTo(ObservedChannel.incoming("obs-in", queue, exchange, "reject", 16, true));
        await().atMost(Duration.ofSeconds(20)).until(() -> incoming.state() == ConnectionState.UP);

        for (int i = 0; i < GOOD; i++) {
            publishRaw("good-" + i, "id-" + i);
        }
        for (int i = 0; i < POISON; i++) {
            publishRaw("poison-" + i, "poison-id-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == GOOD + POISON);
        // Copies of processed messages arrive once the originals are done: deduplication drops them.
        for (int i = 0; i < DUPLICATES; i++) {
            publishRaw("good-" + i, "id-" + i);
        }

        List<Message<?>> out = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            out.add(Message.of("sent-" + i));
        }
        for (int i = 0; i < UNROUTABLE; i++) {
            out.add(Message.of("lost-" + i).addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey("nowhere").build()));
        }
        List<Throwable> nacks = new CopyOnWriteArrayList<>();
        List<Message<?>> tracked = new ArrayList<>();
        for (Message<?> m : out) {
            tracked.add(m.withNack(t -> {
                nacks.add(t);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }));
        }
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Message<?>> sender = (Flow.Subscriber<Message<?>>) connector.getSubscriber(
                TestConfig.channel("obs-out").at("127.0.0.1", proxy.port()).with("exchange.name", exchange)
                        .with("default-routing-key", "ok").build());
        Multi.createFrom().iterable(tracked).subscribe(sender);
        ChannelCounters outgoing = observed.get("obs-out");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(incoming.delivered()).isEqualTo(GOOD + POISON + DUPLICATES + GOOD);
            assertThat(outgoing.confirmed() + outgoing.returned()).isEqualTo(GOOD + UNROUTABLE);
            assertThat(incoming.unsettled()).isZero();
        });
        assertThat(incoming.acked()).isEqualTo(GOOD + GOOD);
        assertThat(incoming.failed()).isEqualTo(POISON);
        assertThat(incoming.deduplicated()).isEqualTo(DUPLICATES);
        assertThat(incoming.redelivered()).isZero();
        assertThat(incoming.inFlight()).isZero();
        assertThat(outgoing.sent()).isEqualTo(GOOD + UNROUTABLE);
        assertThat(outgoing.confirmed()).isEqualTo(GOOD);
        assertThat(outgoing.returned()).isEqualTo(UNROUTABLE);
        assertThat(nacks).hasSize(UNROUTABLE);
        assertThat(outgoing.nacked()).isZero();
        assertThat(outgoing.timedOut()).isZero();
        assertThat(outgoing.awaitingConfirm()).isZero();
        assertThat(outgoing.buffered()).isZero();
        assertThat(incoming.recoveries()).isZero();

        // A connection cut: both channels go through recovering, and back up.
        proxy.cut();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(incoming.recoveries()).isEqualTo(1);
            assertThat(outgoing.recoveries()).isEqualTo(1);
            assertThat(incoming.state()).isEqualTo(ConnectionState.UP);
            assertThat(outgoing.state()).isEqualTo(ConnectionState.UP);
        });
        assertThat(incoming.everConnected()).isTrue();
        assertThat(incoming.snapshot()).containsEntry("state", "up").containsEntry("delivered", (long) (GOOD + POISON + DUPLICATES + GOOD))
                .containsEntry("failureStrategy", "reject").containsEntry("queue", queue);
    }

    private void publishRaw(String body, String id) throws Exception {
        ch.basicPublish(exchange, "ok", new AMQP.BasicProperties.Builder().messageId(id).contentType("text/plain").build(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
