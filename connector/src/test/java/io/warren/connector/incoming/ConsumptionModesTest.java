package io.warren.connector.incoming;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.dedup.InMemoryDeduplicationStore;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/** Batches, deduplication, stream offsets and out-of-order completion. */
class ConsumptionModesTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("modes").undeclared().recordingFailures(m -> m.settleReject(false));

    private TestConfig channel() {
        return bed.channel("modes");
    }

    @Test
    void batchesAreCutBySizeAndTimeoutAndABadElementIsRoutedAlone() throws Exception {
        List<List<?>> batches = new CopyOnWriteArrayList<>();
        bed.consume(channel().with("batch", true).with("batch.size", 10).with("batch.timeout", 300)
                .with("payload-type", "java.util.List<" + Order.class.getName() + ">")
                .with("failure-strategy", "recording"))
                .subscribe().with(m -> {
                    List<?> payload = (List<?>) m.getPayload();
                    assertThat(m.getMetadata(IncomingRabbitMQBatchMetadata.class).orElseThrow().messages())
                            .hasSize(payload.size());
                    batches.add(payload);
                    m.ack();
                });
        bed.awaitReady(Duration.ofSeconds(10));
        for (int i = 0; i < 26; i++) {
            if (i == 7) {
                bed.broker().publishJson(bed.queue(), "broken", "{oops");
            } else {
                bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.stream().mapToInt(List::size).sum() == 25);
        assertThat(batches.get(0)).hasSize(10).allSatisfy(o -> assertThat(o).isInstanceOf(Order.class));
        assertThat(batches.get(batches.size() - 1).size()).isLessThan(10); // the tail came by timeout
        assertThat(bed.failures()).hasSize(1);
        assertThat(bed.failures().get(0).getMessage()).contains("message broken");
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void aNackedBatchSendsEveryElementToTheFailureStrategy() throws Exception {
        bed.consume(channel().with("batch", true).with("batch.size", 5).with("failure-strategy", "recording"))
                .subscribe().with(m -> m.nack(new IllegalStateException("batch failed")));
        bed.awaitReady(Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.failures().size() == 5);
        // Each failure names the channel and its message, with the application's exception as the cause.
        assertThat(bed.failures()).allSatisfy(f -> assertThat(f)
                .hasMessageMatching("Channel '.+': message m-\\d failed: batch failed")
                .cause().hasMessage("batch failed"));
    }

    @Test
    void duplicatesOfAProcessedMessageAreAckedAndDropped() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        bed.consume(channel().with("deduplication", true)).subscribe().with(m -> {
            handled.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getMessageId().orElse("none")
                    + ":" + new String((byte[]) m.getPayload(), StandardCharsets.UTF_8));
            m.ack();
        });
        bed.awaitReady(Duration.ofSeconds(10));
        AMQP.BasicProperties once = new AMQP.BasicProperties.Builder().messageId("same-id").build();
        AMQP.BasicProperties noId = new AMQP.BasicProperties.Builder().build();
        bed.broker().publish("", bed.queue(), once, "first".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
        bed.broker().publish("", bed.queue(), once, "second".getBytes(StandardCharsets.UTF_8));
        bed.broker().publish("", bed.queue(), noId, "a".getBytes(StandardCharsets.UTF_8));
        bed.broker().publish("", bed.queue(), noId, "a".getBytes(StandardCharsets.UTF_8));
        bed.broker().publish("", bed.queue(), new AMQP.BasicProperties.Builder().messageId("other").build(),
                "third".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 4);
        Thread.sleep(200);
        assertThat(handled).containsExactly("same-id:first", "none:a", "none:a", "other:third");
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero(); // the duplicate was acked, not left behind
    }

    @Test
    void aCustomDeduplicationStoreIsSharedByTwoInstances() throws Exception {
        // A store shared by two application instances, as a database or cache would be.
        Set<String> shared = ConcurrentHashMap.newKeySet();
        InMemoryDeduplicationStore memory = new InMemoryDeduplicationStore(100, 60_000);
        DeduplicationStore store = new DeduplicationStore() { // answers later, on another thread, as a remote one
            @Override
            public CompletionStage<Claim> claim(String group, String messageId, Duration lease) {
                return memory.claim(group, messageId, lease).thenApplyAsync(c -> c);
            }

            @Override
            public CompletionStage<Void> markProcessed(String group, String messageId, Duration ttl) {
                shared.add(group + "/" + messageId);
                return memory.markProcessed(group, messageId, ttl).thenApplyAsync(v -> v);
            }

            @Override
            public CompletionStage<Void> release(String group, String messageId) {
                return memory.release(group, messageId);
            }
        };
        WarrenConnector first = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of(), Map.of("shared", store));
        WarrenConnector second = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of(), Map.of("shared", store));
        try {
            String name = Broker.unique("dedup");
            List<String> handled = new CopyOnWriteArrayList<>();
            for (WarrenConnector instance : List.of(first, second)) {
                TestConfig cfg = TestConfig.channel(name).with("queue.name", bed.queue()).with("exchange.name", "\"\"")
                        .with("deduplication", true).with("deduplication.store", "shared");
                consume(instance, cfg).subscribe().with(m -> {
                    handled.add(new String((byte[]) m.getPayload(), StandardCharsets.UTF_8));
                    m.ack();
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> first.incomingChannels().get(0).health().isReady()
                    && second.incomingChannels().get(0).health().isReady());
            AMQP.BasicProperties once = new AMQP.BasicProperties.Builder().messageId("order-1").build();
            bed.broker().publish("", bed.queue(), once, "copy-0".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> !shared.isEmpty());
            for (int i = 1; i < 6; i++) { // round-robin over the two instances: each sees some copies
                bed.broker().publish("", bed.queue(), once, ("copy-" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == 0
                    && first.incomingChannels().get(0).ackStats()[1] + second.incomingChannels().get(0)
                            .ackStats()[1] == 6);
            assertThat(handled).containsExactly("copy-0");
            assertThat(shared).containsExactly(name + "/order-1");
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aRejectOnAStreamMovesOnWithoutClosingTheConnection() throws Exception {
        bed.broker().declareQueue(bed.queue(), Map.of("x-queue-type", "stream"));
        List<String> seen = new CopyOnWriteArrayList<>();
        // The default strategy, reject: RabbitMQ would close the whole connection on a basic.reject here.
        bed.consume(channel().with("queue.x-queue-type", "stream").with("stream.offset", "first"))
                .subscribe().with(m -> {
                    String body = (String) m.getPayload();
                    seen.add(body);
                    if (body.startsWith("bad")) {
                        m.nack(new IllegalStateException("cannot handle " + body));
                    } else {
                        m.ack();
                    }
                });
        bed.awaitReady(Duration.ofSeconds(10));
        IncomingChannel in = bed.connector().incomingChannels().get(0);
        AMQP.BasicProperties text = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
        for (String body : List.of("ok-1", "bad-1", "ok-2", "bad-2", "ok-3")) {
            bed.broker().publish("", bed.queue(), text, body.getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 5 && in.ackStats()[1] == 5);
        // A connection closed by the broker would show now: the channel down, and the stream read again from the
        // first offset after the recovery.
        Thread.sleep(500);
        assertThat(in.health().isReady()).isTrue();
        assertThat(seen).containsExactly("ok-1", "bad-1", "ok-2", "bad-2", "ok-3");
    }

    @Test
    void streamQueuesStartAtATimestampOrTheLastChunk() throws Exception {
        bed.broker().declareQueue(bed.queue(), Map.of("x-queue-type", "stream"));
        AMQP.BasicProperties text = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
        for (int i = 0; i < 5; i++) {
            bed.broker().publish("", bed.queue(), text, ("old-" + i).getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(1500); // the stream's timestamps are per chunk, in whole seconds: keep the two apart
        String since = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
        Thread.sleep(1100);
        for (int i = 0; i < 5; i++) {
            bed.broker().publish("", bed.queue(), text, ("new-" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<String> fromTimestamp = new CopyOnWriteArrayList<>();
        List<String> fromLast = new CopyOnWriteArrayList<>();
        bed.consume(channel().with("queue.x-queue-type", "stream").with("stream.offset", since))
                .subscribe().with(m -> {
                    fromTimestamp.add((String) m.getPayload());
                    m.ack();
                });
        bed.consume(channel().with("queue.x-queue-type", "stream").with("stream.offset", "last"))
                .subscribe().with(m -> {
                    fromLast.add((String) m.getPayload());
                    m.ack();
                });
        bed.awaitReady(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromTimestamp.size() >= 5 && fromLast.contains("new-4"));
        Thread.sleep(300);
        assertThat(fromTimestamp).containsExactly("new-0", "new-1", "new-2", "new-3", "new-4");
        assertThat(fromLast).noneMatch(s -> s.startsWith("old-")).endsWith("new-4");
    }

    @Test
    void streamQueuesReplayFromTheRequestedOffset() throws Exception {
        bed.broker().declareQueue(bed.queue(), Map.of("x-queue-type", "stream"));
        for (int i = 0; i < 10; i++) {
            bed.broker().publish("", bed.queue(), new AMQP.BasicProperties.Builder().contentType("text/plain").build(),
                    ("s-" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<String> fromFirst = new CopyOnWriteArrayList<>();
        List<String> fromSix = new CopyOnWriteArrayList<>();
        List<String> fromNext = new CopyOnWriteArrayList<>();
        // Streams refuse nacks and rejects (the broker closes the connection), so these channels accept failures.
        TestConfig stream = channel().with("queue.x-queue-type", "stream").with("max-outstanding-messages", 5)
                .with("failure-strategy", "accept");
        bed.consume(stream.with("stream.offset", "first")).subscribe().with(m -> {
            fromFirst.add((String) m.getPayload());
            m.ack();
        });
        bed.consume(channel().with("queue.x-queue-type", "stream").with("stream.offset", "6")
                .with("failure-strategy", "accept"))
                .subscribe().with(m -> {
                    fromSix.add((String) m.getPayload());
                    m.ack();
                });
        bed.consume(channel().with("queue.x-queue-type", "stream").with("stream.offset", "next")
                .with("failure-strategy", "accept"))
                .subscribe().with(m -> {
                    fromNext.add((String) m.getPayload());
                    m.ack();
                });
        bed.awaitReady(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromFirst.size() == 10 && fromSix.size() == 4);
        Thread.sleep(500);
        bed.broker().publish("", bed.queue(), new AMQP.BasicProperties.Builder().contentType("text/plain").build(),
                "s-new".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromNext.size() == 1 && fromFirst.size() == 11);
        assertThat(fromFirst.subList(0, 10)).containsExactly("s-0", "s-1", "s-2", "s-3", "s-4", "s-5", "s-6", "s-7",
                "s-8", "s-9");
        await().atMost(Duration.ofSeconds(5)).until(() -> fromSix.size() == 5);
        assertThat(fromSix).containsExactly("s-6", "s-7", "s-8", "s-9", "s-new");
        assertThat(fromNext).containsExactly("s-new");
    }

    @Test
    void outOfOrderCompletionAcksEverythingWithoutChannelErrors() throws Exception {
        int n = 2000;
        bed.broker().declareQueue(bed.queue(), null);
        for (int i = 0; i < n; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{}");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Message<?>> done = new CopyOnWriteArrayList<>();
        try {
            bed.consume(channel().with("queue.declare", false).with("max-outstanding-messages", 100))
                    .subscribe().with(m -> pool.execute(() -> {
                        try {
                            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        done.add(m);
                        m.ack();
                    }));
            await().atMost(Duration.ofSeconds(60)).until(() -> done.size() == n);
            IncomingChannel in = bed.connector().incomingChannels().get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == n);
            assertThat(in.health().isReady()).isTrue(); // the AMQP channel was never closed by a bad ack
            assertThat(in.ackStats()[0]).isLessThan(n / 2);
            System.out.printf("out-of-order: %d messages acked in %d frames%n", n, in.ackStats()[0]);
            bed.connector().close();
            assertThat(bed.broker().count(bed.queue())).isZero();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void retryAttemptAndDeliveryCountAreInTheMetadata() throws Exception {
        List<long[]> counts = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        String retryQueue = bed.queue() + ".retry.100";
        try {
            bed.consume(channel().with("failure-strategy", "retry").with("retry.initial-delay", 100)
                    .with("retry.jitter", 0).with("retry.max-attempts", 2))
                    .subscribe().with(m -> {
                        IncomingRabbitMQMetadata md = m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
                        counts.add(new long[] { md.getRetryAttempt(), md.getDeliveryCount() });
                        if (counts.size() == 1) {
                            m.nack(new IllegalStateException("once"));
                        } else {
                            m.ack();
                            done.complete(null);
                        }
                    });
            bed.awaitReady(Duration.ofSeconds(10));
            bed.broker().publishJson(bed.queue(), "counted", "{}");
            done.get(10, TimeUnit.SECONDS);
            assertThat(counts.get(0)).containsExactly(0, 0);
            assertThat(counts.get(1)[0]).isEqualTo(1);
            assertThat(counts.get(1)[1]).isEqualTo(1); // one trip through the retry queue (x-death)
        } finally {
            bed.broker().deleteQueues(retryQueue);
        }
    }
}
