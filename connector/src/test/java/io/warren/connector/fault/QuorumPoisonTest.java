package io.warren.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.GetResponse;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/**
 * A poison message on a quorum queue with {@code queue.x-delivery-limit}: delivered limit + 1 times with the count in
 * the metadata, then dead-lettered with the reason and the count, never redelivered for ever.
 */
class QuorumPoisonTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("poison").undeclared();

    private TestConfig quorum(String strategy, int limit) {
        return bed.channel("poison").with("queue.x-queue-type", "quorum").with("queue.x-delivery-limit", limit)
                .with("payload-type", Order.class.getName()).with("failure-strategy", strategy)
                .with("requeue.delay", 50);
    }

    @Test
    void aMessageThatAlwaysFailsIsDeadLetteredWithTheReasonAndTheCountAfterTheLimit() throws Exception {
        List<Long> counts = new CopyOnWriteArrayList<>();
        List<String> good = new CopyOnWriteArrayList<>();
        bed.consume(quorum("requeue", 3).with("auto-bind-dlq", true).with("dead-letter-exchange", bed.dlx()))
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
        bed.awaitReady(Duration.ofSeconds(15));
        bed.broker().publishJson(bed.queue(), "m-poison", "{\"id\":\"poison\",\"quantity\":1}");
        for (int i = 0; i < 20; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":1}");
        }
        GetResponse copy = await().atMost(Duration.ofSeconds(20)).until(() -> bed.broker().get(bed.queue() + ".dlq"),
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
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
        assertThat(bed.broker().count(bed.queue() + ".dlq")).isZero();
    }

    @Test
    void withoutADeadLetterTargetTheLastFailureIsRejectedAndTheLoopEnds() throws Exception {
        List<Long> counts = new CopyOnWriteArrayList<>();
        bed.consume(quorum("requeue", 1)).subscribe().with(m -> {
            counts.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getDeliveryCount());
            m.nack(new IllegalStateException("always fails"));
        });
        bed.awaitReady(Duration.ofSeconds(15));
        bed.broker().publishJson(bed.queue(), "m-1", "{\"id\":\"x\",\"quantity\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.size() == 2);
        Thread.sleep(1000);
        assertThat(counts).containsExactly(0L, 1L);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }
}
