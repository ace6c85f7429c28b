package io.warren.connector.stream;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.stream.impl.Client;

import io.smallrye.mutiny.Multi;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.FailureHeaders;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;
import io.warren.testing.RabbitNode;

/**
 * Channels on RabbitMQ's stream protocol, against a node of the test's own with the {@code rabbitmq_stream} plugin
 * (the machine's broker has none): one node for the class, stopped at the end.
 */
class NativeStreamTest {

    private static RabbitNode node;
    private final List<WarrenConnector> connectors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNode() {
        node = RabbitNode.builder("stream").plugin("rabbitmq_stream").port("stream")
                .config(n -> "stream.listeners.tcp.1 = 127.0.0.1:" + n.port("stream"))
                .config("stream.advertised_host = 127.0.0.1")
                .config(n -> "stream.advertised_port = " + n.port("stream"))
                .start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void closeConnectors() {
        connectors.forEach(WarrenConnector::close);
    }

    private WarrenConnector connector() {
        WarrenConnector c = new WarrenConnector(PayloadCodec.defaultMapper());
        connectors.add(c);
        return c;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TestConfig channel(String name, String stream) {
        return TestConfig.channel(name).at("127.0.0.1", node.amqpPort()).with("stream.protocol", "native")
                .with("stream.port", node.port("stream")).with("stream.name", stream);
    }

    /** Publishes through an outgoing channel and waits until every message is acked by the broker's confirm. */
    private static void publish(WarrenConnector connector, TestConfig config, List<Message<?>> messages) {
        List<CompletableFuture<Void>> acks = send(connector, config, messages);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    /** Publishes through an outgoing channel: a future per message, completed by its ack or nack. */
    @SuppressWarnings("unchecked")
    private static List<CompletableFuture<Void>> send(WarrenConnector connector, TestConfig config,
            List<Message<?>> messages) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<Message<?>> tracked = new ArrayList<>();
        for (Message<?> m : messages) {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            acks.add(acked);
            tracked.add(m.withAck(() -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(e -> {
                acked.completeExceptionally(e);
                return CompletableFuture.completedFuture(null);
            }));
        }
        Flow.Subscriber<Message<?>> out = (Flow.Subscriber<Message<?>>) connector.getSubscriber(config.build());
        Multi.createFrom().iterable(tracked).subscribe(out);
        return acks;
    }

    /** Consumes a channel, acking each message: the ids of what arrived, in order. */
    private static List<String> messageIds(WarrenConnector connector, TestConfig config) {
        List<String> ids = new CopyOnWriteArrayList<>();
        consume(connector, config).subscribe().with(m -> {
            ids.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getMessageId().orElseThrow());
            m.ack();
        });
        return ids;
    }

    private static Message<?> order(int i, String routingKey) {
        Order o = new Order();
        o.id = "o-" + i;
        o.quantity = i;
        OutgoingRabbitMQMetadata.Builder md = OutgoingRabbitMQMetadata.builder().withMessageId("m-" + i)
                .withHeader("tenant", "acme");
        if (routingKey != null) {
            md.withRoutingKey(routingKey);
        }
        return Message.of(o, Metadata.of(md.build()));
    }

    private static long storedOffset(String consumerName, String stream) {
        Client client = new Client(new Client.ClientParameters().host("127.0.0.1").port(node.port("stream")));
        try {
            Client.QueryOffsetResponse r = client.queryOffset(consumerName, stream);
            return r.isOk() ? r.getOffset() : -1;
        } finally {
            client.close();
        }
    }

    @Test
    void pojosGoThroughAStreamWithOffsetsMetadataAndTheRetentionDeclared() {
        String stream = unique("orders");
        WarrenConnector c = connector();
        List<Message<?>> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.add(order(i, null));
        }
        publish(c, channel("out", stream).with("stream.max-age", "1D").with("stream.max-length-bytes", 10_000_000),
                orders);
        assertThat(node.ctl("list_queues", "name", "arguments")).containsPattern(stream + "\\s.*x-max-age.*1D")
                .containsPattern(stream + "\\s.*x-max-length-bytes.*10000000");

        List<Message<?>> received = new CopyOnWriteArrayList<>();
        consume(c, channel("in", stream).with("stream.offset", "first").with("payload-type", Order.class.getName())
                .with("stream.consumer-name", "reader")).subscribe().with(m -> {
                    received.add(m);
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 50);
        Order first = (Order) received.get(0).getPayload();
        assertThat(first.id).isEqualTo("o-0");
        IncomingStreamMetadata stream0 = received.get(0).getMetadata(IncomingStreamMetadata.class).orElseThrow();
        assertThat(stream0.getOffset()).isZero();
        assertThat(stream0.getStream()).isEqualTo(stream);
        assertThat(stream0.getTimestamp()).isAfter(java.time.Instant.now().minusSeconds(120));
        assertThat(stream0.getApplicationProperties()).containsEntry("tenant", "acme");
        assertThat(received.get(49).getMetadata(IncomingStreamMetadata.class).orElseThrow().getOffset()).isEqualTo(49);
        IncomingRabbitMQMetadata rabbit = received.get(0).getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
        assertThat(rabbit.getMessageId()).contains("m-0");
        assertThat(rabbit.getContentType()).contains(PayloadCodec.JSON);
        assertThat(rabbit.getHeader("tenant")).contains("acme");
        // Committed after processing, in few commits, up to the last message.
        await().atMost(Duration.ofSeconds(10)).until(() -> storedOffset("reader", stream) == 49);
    }

    @Test
    void aRestartResumesAtTheFirstUnprocessedMessageAndNothingUnprocessedIsCommitted() {
        String stream = unique("resume");
        WarrenConnector first = connector();
        List<Message<?>> orders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            orders.add(order(i, null));
        }
        publish(first, channel("out", stream), orders);
        Set<Long> processed = ConcurrentHashMap.newKeySet();
        consume(first, channel("in", stream).with("stream.offset", "first").with("stream.consumer-name", "billing")
                .with("stream.commit-batch-size", 10).with("shutdown-timeout", 300)).subscribe().with(m -> {
                    long offset = m.getMetadata(IncomingStreamMetadata.class).orElseThrow().getOffset();
                    processed.add(offset);
                    if (offset != 30) { // 30 stays in progress: nothing from it on may be committed
                        m.ack();
                    }
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> processed.size() == 100);
        first.close();
        assertThat(storedOffset("billing", stream)).isEqualTo(29);

        publish(connector(), channel("out2", stream), List.of(order(100, null), order(101, null)));
        WarrenConnector second = connector();
        List<Long> again = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        consume(second, channel("in", stream).with("stream.offset", "first").with("stream.consumer-name", "billing"))
                .subscribe().with(m -> {
                    again.add(m.getMetadata(IncomingStreamMetadata.class).orElseThrow().getOffset());
                    ids.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getMessageId().orElseThrow());
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.size() == 72);
        // Offsets are positions in the stream's log, where the broker also writes the committed offsets: the
        // messages published later are not at 100 and 101.
        assertThat(again.get(0)).isEqualTo(30);
        assertThat(again).doesNotHaveDuplicates().allMatch(o -> o >= 30);
        assertThat(ids).doesNotHaveDuplicates().contains("m-30", "m-99", "m-100", "m-101").doesNotContain("m-29");
        long last = again.get(again.size() - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedOffset("billing", stream) == last);
    }

    @Test
    void aBurstPublishedWhileTheProducerOpensArrivesInOrder() {
        // The first messages wait for the producer to open, the rest are sent as they come: none may overtake another.
        String stream = unique("burst");
        WarrenConnector c = connector();
        List<Message<?>> orders = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            orders.add(order(i, null));
        }
        publish(c, channel("out", stream).with("max-inflight-messages", 64), orders);
        List<String> ids = messageIds(c, channel("in", stream).with("stream.offset", "first"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.size() >= 3000);
        for (int i = 0; i < 3000; i++) {
            assertThat(ids.get(i)).isEqualTo("m-" + i);
        }
    }

    @Test
    void channelsOpeningTogetherDoNotWaitOutTheRecoveryInterval() {
        // Two channels share one environment, which connects on first use: the second used to find no connection yet
        // and sleep a whole network-recovery-interval before its first try (5 s by default, at every start-up).
        String stream = unique("together");
        TestConfig in = channel("in", stream).with("stream.offset", "first").with("network-recovery-interval", 60_000);
        TestConfig out = channel("out", stream).with("network-recovery-interval", 60_000);
        WarrenConnector c = connector();
        List<String> ids = messageIds(c, in);
        List<CompletableFuture<Void>> acked = send(c, out, List.of(order(1, null)));
        // Far below the 60 s interval: this bounds a stall, it does not time the broker.
        assertThat(acked.get(0)).succeedsWithin(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.contains("m-1"));
    }

    @Test
    void messagesStillWaitingForTheProducerAreNackedWhenTheConnectorCloses() throws Exception {
        int nothingListens;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothingListens = s.getLocalPort();
        }
        WarrenConnector c = connector();
        List<CompletableFuture<Void>> outcomes = send(c, channel("out", unique("away"))
                .with("stream.port", nothingListens).with("shutdown-timeout", 300),
                List.of(order(1, null), order(2, null), order(3, null)));
        Thread.sleep(300);
        assertThat(outcomes).noneMatch(CompletableFuture::isDone);
        c.close();
        for (CompletableFuture<Void> outcome : outcomes) {
            assertThat(outcome).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                    .withMessageContaining("'out'").withMessageContaining("closing");
        }
    }

    @Test
    void aNamedProducerDropsRepublishedIdsAcrossRestarts() {
        String stream = unique("dedup");
        List<Message<?>> firstRun = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            firstRun.add(order(i, null).addMetadata(OutgoingStreamMetadata.publishingId(i)));
        }
        WarrenConnector a = connector();
        publish(a, channel("out", stream).with("stream.producer-name", "ledger"), firstRun);
        a.close();
        // After a crash, the application publishes 5..14 again: 5..9 are duplicates the broker drops (and confirms).
        List<Message<?>> secondRun = new ArrayList<>();
        for (int i = 5; i < 15; i++) {
            secondRun.add(order(i, null).addMetadata(OutgoingStreamMetadata.publishingId(i)));
        }
        WarrenConnector b = connector();
        publish(b, channel("out", stream).with("stream.producer-name", "ledger"), secondRun);
        List<String> ids = messageIds(b, channel("in", stream).with("stream.offset", "first"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.size() >= 15);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> ids.size() == 15);
        assertThat(ids).doesNotHaveDuplicates().contains("m-0", "m-9", "m-14");
    }

    @Test
    void failedMessagesAreRetriedThenDeadLetteredToAStreamAndTheOffsetMovesOn() {
        String stream = unique("work");
        String dead = stream + ".dlq";
        WarrenConnector c = connector();
        publish(c, channel("out", stream), List.of(order(1, null), order(2, null), order(3, null), order(4, null)));
        Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        consume(c, channel("in", stream).with("stream.offset", "first").with("stream.consumer-name", "worker")
                .with("payload-type", Order.class.getName()).with("failure-strategy", "retry")
                .with("retry.max-attempts", 3).with("retry.initial-delay", 50).with("stream.dead-letter-stream", dead)
                .with("stream.commit-interval", 50)).subscribe().with(m -> {
                    Order o = (Order) m.getPayload();
                    int attempt = attempts.computeIfAbsent(o.quantity, k -> new AtomicInteger()).incrementAndGet();
                    if (o.quantity == 2 || (o.quantity == 3 && attempt == 1)) {
                        m.nack(new IllegalStateException("cannot bill " + o.id));
                    } else {
                        m.ack();
                    }
                });
        List<Message<?>> dlq = new CopyOnWriteArrayList<>();
        consume(c, channel("dlq", dead).with("stream.offset", "first").with("stream.declare", false)).subscribe()
                .with(m -> {
                    dlq.add(m);
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(30)).failFast(() -> false)
                .untilAsserted(() -> assertThat(List.of(dlq.size(), storedOffset("worker", stream), attempts.toString()))
                        .isEqualTo(List.of(1, 3L, "{1=1, 2=3, 3=2, 4=1}")));
        assertThat(attempts.get(2)).hasValue(3); // three attempts in all, then dead-lettered
        assertThat(attempts.get(3)).hasValue(2); // succeeded on its retry
        assertThat(attempts.get(4)).hasValue(1);
        IncomingRabbitMQMetadata copy = dlq.get(0).getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
        assertThat(copy.getMessageId()).contains("m-2");
        assertThat(copy.getHeader(FailureHeaders.EXCEPTION_MESSAGE)).contains("cannot bill o-2");
        assertThat(copy.getHeader(StreamDeadLetterFailureHandler.ORIGINAL_STREAM)).contains(stream);
        assertThat(copy.getHeader(StreamDeadLetterFailureHandler.ORIGINAL_OFFSET)).contains(1L);
        assertThat(copy.getHeader(FailureHeaders.RETRY_ATTEMPT)).contains(2);
    }

    @Test
    void rejectSkipsTheFailedMessageAndCommitsPastIt() {
        String stream = unique("skip");
        WarrenConnector c = connector();
        publish(c, channel("out", stream), List.of(order(1, null), order(2, null)));
        List<Long> seen = new CopyOnWriteArrayList<>();
        consume(c, channel("in", stream).with("stream.offset", "first").with("stream.consumer-name", "audit")
                .with("stream.commit-interval", 50)).subscribe().with(m -> {
                    long offset = m.getMetadata(IncomingStreamMetadata.class).orElseThrow().getOffset();
                    seen.add(offset);
                    if (offset == 0) {
                        m.nack(new IllegalArgumentException("bad record"));
                    } else {
                        m.ack();
                    }
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> storedOffset("audit", stream) == 1);
        assertThat(seen).containsExactly(0L, 1L);
    }
    @Test
    void aSuperStreamRoutesByKeyAndTwoInstancesShareItWithFailover() {
        String superStream = unique("payments");
        WarrenConnector producer = connector();
        TestConfig out = channel("out", superStream).with("stream.super-stream", true).with("stream.partitions", 3);
        List<Message<?>> first = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(order(i, "customer-" + (i % 7)));
        }
        publish(producer, out, first);
        Map<String, Set<String>> partitionsByKey = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        TestConfig in = channel("in", superStream).with("stream.super-stream", true).with("stream.partitions", 3)
                .with("stream.offset", "first").with("stream.consumer-name", "settlement")
                .with("stream.single-active-consumer", true).with("stream.commit-batch-size", 10)
                .with("stream.commit-interval", 100).with("shutdown-timeout", 2000);
        WarrenConnector a = connector();
        WarrenConnector b = connector();
        AtomicInteger seenByA = new AtomicInteger();
        AtomicInteger seenByB = new AtomicInteger();
        for (WarrenConnector instance : List.of(a, b)) {
            AtomicInteger seen = instance == a ? seenByA : seenByB;
            consume(instance, in).subscribe().with(m -> {
                IncomingStreamMetadata md = m.getMetadata(IncomingStreamMetadata.class).orElseThrow();
                IncomingRabbitMQMetadata rabbit = m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
                String id = rabbit.getMessageId().orElseThrow();
                int n = Integer.parseInt(id.substring(2));
                partitionsByKey.computeIfAbsent("customer-" + (n % 7), k -> ConcurrentHashMap.newKeySet())
                        .add(md.getStream());
                deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                seen.incrementAndGet();
                sleep(5); // slow enough for the stop below to land in the middle
                m.ack();
            });
            if (instance == a) {
                // The first instance takes every partition; the second waits as a standby.
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> a.streamChannels().incomingChannels().get(0).readingStreams().size() == 3);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> seenByA.get() >= 100);
        assertThat(seenByB.get()).isZero();
        assertThat(b.streamChannels().incomingChannels().get(0).readingStreams()).isEmpty();
        a.close(); // the instance stops: the other one takes its partitions from the committed offsets

        List<Message<?>> more = new ArrayList<>();
        for (int i = 300; i < 330; i++) {
            more.add(order(i, "customer-" + (i % 7)));
        }
        publish(producer, out, more);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(List.of(deliveries.size(),
                b.streamChannels().incomingChannels().get(0).readingStreams().size(), seenByA.get(), seenByB.get(),
                java.util.stream.IntStream.range(0, 330).mapToObj(i -> "m-" + i).filter(i -> !deliveries.containsKey(i)).toList()))
                .startsWith(330, 3));
        assertThat(b.streamChannels().incomingChannels().get(0).readingStreams()).hasSize(3);
        assertThat(seenByB.get()).isPositive();
        // Each routing key always lands in one partition, and the three partitions are all used.
        partitionsByKey.values().forEach(p -> assertThat(p).hasSize(1));
        assertThat(partitionsByKey.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(3);
        // A graceful stop commits what was processed: nothing is processed twice beyond the uncommitted window.
        long duplicates = deliveries.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
        assertThat(duplicates).isLessThanOrEqualTo(3 * 10);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
