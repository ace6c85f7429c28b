package io.warren.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/** Connections cut mid-stream (through a fault proxy): every message is still processed, none is lost. */
class RecoveryTest {

    private final String connectionName = Broker.unique("warren-recovery");

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("recover").undeclared().withProxy();

    @Test
    void consumerResumesAfterTheBrokerClosesTheConnectionAndLosesNothing() throws Exception {
        int n = 3000;
        // Declared by Warren as a non-durable auto-delete-free queue, so that recovery must declare it again.
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        bed.consume(TestConfig.channel(Broker.unique("rec")).with("queue.name", bed.queue())
                .with("exchange.name", "\"\"")
                .with("queue.durable", false).with("payload-type", Order.class.getName())
                .with("connection-name", connectionName).with("max-outstanding-messages", 50)
                .at("127.0.0.1", bed.proxy().port()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(m -> {
                    seen.computeIfAbsent(((Order) m.getPayload()).id, k -> new AtomicInteger()).incrementAndGet();
                    try {
                        Thread.sleep(1); // slow enough that the fault lands mid-stream
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bed.connector().incomingChannels().get(0).health().isReady());
        for (int i = 0; i < n; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":1}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() > 300);
        assertThat(bed.proxy().open()).isGreaterThanOrEqualTo(1);
        bed.proxy().cut();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !bed.connector().incomingChannels().get(0).health().isReady() || seen.size() == n);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == n);
        long duplicates = seen.values().stream().mapToInt(AtomicInteger::get).filter(c -> c > 1).count();
        System.out.printf("recovery: %d messages, %d delivered more than once%n", n, duplicates);
        assertThat(duplicates).isLessThanOrEqualTo(50 + 16); // at most the prefetch window was in flight
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.connector().incomingChannels().get(0).health()
                .isReady());
        // Deliveries handled on the lost channel could not be acked there: the broker delivers them again, maybe
        // after every id was seen once. Wait until the queue is empty and nothing more arrives.
        long[] handled = { -1 };
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = seen.values().stream().mapToInt(AtomicInteger::get).sum();
            boolean quiet = now == handled[0] && bed.broker().count(bed.queue()) == 0;
            handled[0] = now;
            return quiet;
        });
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void publisherPublishesUnconfirmedMessagesAgainAfterRecovery() throws Exception {
        bed.broker().declareQueue(bed.queue(), null);
        int n = 5000;
        AtomicInteger acked = new AtomicInteger();
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(Message.of(new Order("o-" + i, i)).withAck(() -> {
                acked.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }));
        }
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) bed.connector()
                .getSubscriber(TestConfig.channel(Broker.unique("pub")).with("exchange.name", "\"\"")
                        .with("default-routing-key", bed.queue()).with("connection-name", connectionName)
                        .with("max-inflight-messages", 200).at("127.0.0.1", bed.proxy().port()).build());
        Multi.createFrom().iterable(messages).subscribe(subscriber);
        await().atMost(Duration.ofSeconds(20)).until(() -> acked.get() > 500);
        assertThat(bed.proxy().open()).isEqualTo(1);
        bed.proxy().cut();
        await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() == n);
        // Every message arrived; some may be there twice (published, then resent because the confirm was lost).
        Map<String, Integer> ids = new ConcurrentHashMap<>();
        Map<String, java.util.Set<String>> messageIds = new ConcurrentHashMap<>();
        com.rabbitmq.client.GetResponse r;
        while ((r = bed.broker().get(bed.queue())) != null) {
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.getBody()).get("id").asText();
            ids.merge(id, 1, Integer::sum);
            messageIds.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(r.getProps().getMessageId());
        }
        long duplicates = ids.values().stream().filter(c -> c > 1).count();
        System.out.printf("publisher recovery: %d messages, %d duplicates%n", n, duplicates);
        assertThat(ids).hasSize(n);
        assertThat(duplicates).isLessThanOrEqualTo(200);
        // A message published again carries the same message-id, so that deduplication can drop the copy.
        assertThat(messageIds.values()).allSatisfy(set -> assertThat(set).hasSize(1));
    }
}
