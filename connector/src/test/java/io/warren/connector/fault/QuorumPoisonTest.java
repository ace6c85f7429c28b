package io.warren.connector.fault;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.Broker;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/**
 * A poison message on a quorum queue with {@code queue.x-delivery-limit}: delivered limit + 1 times with the count in
 * the metadata, then dead-lettered with the reason and the count, never redelivered for ever.
 */
class QuorumPoisonTest {

    private Broker broker;
    private WarrenConnector connector;
    private String queue;
    private String dlx;

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        queue = Broker.unique("poison");
        dlx = queue + "-dlx";
        connector = new WarrenConnector(PayloadCodec.defaultMapper());
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        broker.deleteQueues(queue, queue + ".dlq");
        broker.deleteExchanges(dlx);
        broker.close();
    }

    private TestConfig quorum(String strategy, int limit) {
        return TestConfig.channel(Broker.unique("poison")).with("queue.name", queue).with("exchange.name", "\"\"")
                .with("queue.x-queue-type", "quorum").with("queue.x-delivery-limit", limit)
                .with("payload-type", Order.class.getName()).with("failure-strategy", strategy)
                .with("requeue.delay", 50);
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> connector.incomingChannels().stream().allMatch(c -> c.health().isReady()));
    }

    @Test
    void aMessageThatAlwaysFailsIsDeadLetteredWithTheReasonAndTheCountAfterTheLimit() throws Exception {
        List<Long> counts = new CopyOnWriteArrayList<>();
        List<String> good = new CopyOnWriteArrayList<>();
        consume(connector, quorum("requeue", 3).with("auto-bind-dlq", true).with("dead-letter-exchange", dlx))
                .subscribe().with(m -> {
                    Order o = (Order) m.getPayload();
                    if (o.id.equals("poison")) {
                        counts.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getDeliveryCount());
                        m.nack(new IllegalStateException("cannot price order poison"));
                    } else {
                        good.add(o.id);
                        m.ack();
                    }
                });
        awaitReady();
        broker.publishJson(queue, "m-poison", "{\"id\":\"poison\",\"quantity\":1}");
        for (int i = 0; i < 20; i++) {
            broker.publishJson(queue, "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":1}");
        }
        GetResponse copy = await().atMost(Duration.ofSeconds(20)).until(() -> broker.get(queue + ".dlq"),
                r -> r != null);
        // Delivered with counts 0..3: the first delivery and the 3 the limit allows; then it left the queue.
        assertThat(counts).containsExactly(0L, 1L, 2L, 3L);
        Map<String, Object> headers = copy.getProps().getHeaders();
        assertThat(copy.getProps().getMessageId()).isEqualTo("m-poison");
        // The count it failed at: in x-warren-delivery-count, since the quorum dead-letter queue sets its own
        // x-delivery-count.
        assertThat(headers.get("x-warren-delivery-count")).isEqualTo(3L);
        assertThat(headers.get("x-warren-delivery-limit")).isEqualTo(3L);
        assertThat(headers.get("x-exception-message").toString()).contains("cannot price order poison");
        assertThat(new String(copy.getBody(), StandardCharsets.UTF_8)).contains("poison");
        // Not redelivered again, and the stream went on.
        Thread.sleep(500);
        assertThat(counts).hasSize(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> good.size() == 20);
        connector.close();
        assertThat(broker.count(queue)).isZero();
        assertThat(broker.count(queue + ".dlq")).isZero();
    }

    @Test
    void withoutADeadLetterTargetTheLastFailureIsRejectedAndTheLoopEnds() throws Exception {
        List<Long> counts = new CopyOnWriteArrayList<>();
        consume(connector, quorum("requeue", 1)).subscribe().with(m -> {
            counts.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getDeliveryCount());
            m.nack(new IllegalStateException("always fails"));
        });
        awaitReady();
        broker.publishJson(queue, "m-1", "{\"id\":\"x\",\"quantity\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.size() == 2);
        Thread.sleep(1000);
        assertThat(counts).containsExactly(0L, 1L);
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }
}
