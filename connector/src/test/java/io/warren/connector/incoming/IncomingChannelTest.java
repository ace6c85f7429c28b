package io.warren.connector.incoming;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.support.Broker;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

class IncomingChannelTest {

    private Broker broker;
    private WarrenConnector connector;
    private String queue;
    private String dlq;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        queue = Broker.unique("in");
        dlq = queue + ".dlq";
        broker.declareQueue(dlq, null);
        // Rejected messages are dead-lettered here, so the tests can see what was nacked.
        broker.declareQueue(queue, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        FailureHandler recording = (m, reason, md) -> {
            failures.add(reason);
            return m.settleReject(false);
        };
        connector = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of("recording", recording));
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        broker.deleteQueues(queue, dlq);
        broker.close();
    }

    private TestConfig channel() {
        return TestConfig.channel(Broker.unique("orders")).with("queue.name", queue).with("queue.declare", false)
                .with("exchange.name", "\"\"").with("payload-type", Order.class.getName());
    }

    @Test
    void consumesPojosAndAcksThem() throws Exception {
        for (int i = 0; i < 300; i++) {
            broker.publishJson(queue, "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Object> metadata = new CopyOnWriteArrayList<>();
        consume(connector, channel()).subscribe().with(m -> {
            Order o = (Order) m.getPayload();
            seen.add(o.id + ":" + o.quantity);
            metadata.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow());
            m.ack();
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 300);
        assertThat(seen).contains("o-0:0", "o-299:299");
        IncomingRabbitMQMetadata first = (IncomingRabbitMQMetadata) metadata.get(0);
        assertThat(first.getRoutingKey()).isEqualTo(queue);
        assertThat(first.getContentType()).contains("application/json");
        assertThat(first.getMessageId()).hasValueSatisfying(id -> assertThat(id).startsWith("m-"));
        assertThat(first.isRedelivered()).isFalse();
        // Acks are coalesced: everything acked, in far fewer frames than messages.
        IncomingChannel in = connector.incomingChannels().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == 300);
        assertThat(in.ackStats()[0]).isLessThan(300 / 4);
        connector.close();
        assertThat(broker.count(queue)).isZero();
        assertThat(broker.count(dlq)).isZero();
    }

    @Test
    void nackRejectsWithoutRequeueAndTheStreamGoesOn() throws Exception {
        for (int i = 0; i < 20; i++) {
            broker.publishJson(queue, "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        consume(connector, channel()).subscribe().with(m -> {
            Order o = (Order) m.getPayload();
            if (o.quantity % 5 == 0) {
                m.nack(new IllegalStateException("boom " + o.id));
            } else {
                acked.add(o.id);
                m.ack();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 16 && broker.count(dlq) == 4);
        connector.close();
        assertThat(broker.count(queue)).isZero();
        Set<String> rejected = ConcurrentHashMap.newKeySet();
        GetResponse r;
        while ((r = broker.get(dlq)) != null) {
            rejected.add(r.getProps().getMessageId());
        }
        assertThat(rejected).containsExactlyInAnyOrder("m-0", "m-5", "m-10", "m-15");
    }

    @Test
    void invalidJsonIsNackedWithAClearErrorAndTheNextMessageIsProcessed() throws Exception {
        broker.publishJson(queue, "bad-1", "{\"id\": \"oops\", \"quantity\": 3");
        broker.publish("", queue, new AMQP.BasicProperties.Builder().contentType("application/xml").messageId("bad-2")
                .build(), "<order/>".getBytes(StandardCharsets.UTF_8));
        // Well-formed JSON of the wrong shape is not called invalid: the error says what it does not match.
        broker.publishJson(queue, "bad-3", "{\"id\": \"oops\", \"quantity\": \"not a number\"}");
        broker.publishJson(queue, "good-1", "{\"id\":\"fine\",\"quantity\":3}");
        CompletableFuture<Order> good = new CompletableFuture<>();
        consume(connector, channel().with("failure-strategy", "recording")).subscribe().with(m -> {
            good.complete((Order) m.getPayload());
            m.ack();
        });
        assertThat(good.get(10, java.util.concurrent.TimeUnit.SECONDS).id).isEqualTo("fine");
        await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 3 && broker.count(dlq) == 3);
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(PayloadConversionException.class));
        assertThat(failures.get(0).getMessage())
                .contains("Channel 'orders-", "message bad-1", "content-type application/json",
                        Order.class.getName(), "invalid JSON");
        assertThat(failures.get(1).getMessage())
                .contains("message bad-2", "content-type application/xml", "cannot be converted");
        assertThat(failures.get(2).getMessage())
                .contains("message bad-3", "the JSON does not match " + Order.class.getName(), "not a number")
                .doesNotContain("invalid JSON");
    }

    @Test
    void declaresExchangeQueueAndBindingsAndConsumesByRoutingKey() throws Exception {
        String exchange = Broker.unique("x");
        String q = Broker.unique("bound");
        try {
            Set<String> received = ConcurrentHashMap.newKeySet();
            consume(connector, TestConfig.channel(Broker.unique("ch")).with("queue.name", q).with("exchange.name", exchange)
                    .with("exchange.type", "topic").with("routing-keys", "eu.*,us.vip")
                    .with("queue.durable", false).with("queue.auto-delete", true))
                    .subscribe().with(m -> {
                        received.add((String) m.getPayload());
                        m.ack();
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    broker.channel().exchangeDeclarePassive(exchange);
                    broker.channel().queueDeclarePassive(q);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            AMQP.BasicProperties text = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
            for (String rk : List.of("eu.fr", "us.vip", "us.std", "asia")) {
                broker.publish(exchange, rk, text, rk.getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            Thread.sleep(200);
            assertThat(received).containsExactlyInAnyOrder("eu.fr", "us.vip");
        } finally {
            connector.close();
            broker.deleteQueues(q);
            broker.deleteExchanges(exchange);
        }
    }

    @Test
    void channelsWithTheSameSettingsShareOneConnection() {
        consume(connector, channel()).subscribe().with(Message::ack);
        consume(connector, channel()).subscribe().with(Message::ack);
        consume(connector, channel()).subscribe().with(Message::ack);
        // One connection to consume, one to publish (dead-letters, error replies), whatever the channel count.
        assertThat(connector.connectionCount()).isEqualTo(2);
        consume(connector, channel().with("virtual-host", "/").with("username", "guest").with("connection-name", "other"))
                .subscribe().with(Message::ack);
        assertThat(connector.connectionCount()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connector.incomingChannels().stream().allMatch(c -> c.health().isReady()));
    }

    @Test
    void aBlockedHandlerHoldsUpOnlyItsOwnChannel() throws Exception {
        // Both channels share the consumer connection, whose I/O thread dispatches every delivery.
        String other = Broker.unique("in-other");
        broker.declareQueue(other, null);
        try {
            for (int i = 0; i < 5; i++) {
                broker.publishJson(queue, "a-" + i, "{\"id\":\"a-" + i + "\",\"quantity\":" + i + "}");
            }
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger blockedSeen = new AtomicInteger();
            Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
            consume(connector, channel()).subscribe().with(m -> {
                handlerThreads.add(Thread.currentThread().getName());
                blockedSeen.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                m.ack();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedSeen.get() == 1);

            Set<String> received = ConcurrentHashMap.newKeySet();
            consume(connector, channel().with("queue.name", other)).subscribe().with(m -> {
                handlerThreads.add(Thread.currentThread().getName());
                received.add(((Order) m.getPayload()).id);
                m.ack();
            });
            for (int i = 0; i < 50; i++) {
                broker.publishJson(other, "b-" + i, "{\"id\":\"b-" + i + "\",\"quantity\":" + i + "}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 50);
            assertThat(blockedSeen.get()).isEqualTo(1);
            assertThat(connector.connectionCount()).isEqualTo(2);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedSeen.get() == 5);
            // Handlers run on the channels' own threads, never on the client's I/O thread.
            assertThat(handlerThreads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("warren-"));
            connector.close();
            assertThat(broker.count(queue)).isZero();
            assertThat(broker.count(other)).isZero();
        } finally {
            broker.deleteQueues(other);
        }
    }

    @Test
    void aDeliveryThatFailsBeforeReachingTheApplicationGoesToTheFailureStrategy() throws Exception {
        // A deduplication store with a bug: it throws for one id instead of answering. The delivery is registered
        // but never handed over.
        io.warren.connector.dedup.DeduplicationStore flaky = new io.warren.connector.dedup.DeduplicationStore() {
            @Override
            public java.util.concurrent.CompletionStage<Claim> claim(String group, String messageId,
                    Duration lease) {
                if (messageId.equals("m-2")) {
                    throw new IllegalStateException("store unreachable");
                }
                return CompletableFuture.completedFuture(Claim.CLAIMED);
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> markProcessed(String group, String messageId,
                    Duration ttl) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> release(String group, String messageId) {
                return CompletableFuture.completedFuture(null);
            }
        };
        FailureHandler recording = (m, reason, md) -> {
            failures.add(reason);
            return m.settleReject(false);
        };
        connector.close();
        connector = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of("recording", recording),
                Map.of("flaky", flaky));
        for (int i = 0; i < 50; i++) {
            broker.publishJson(queue, "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        consume(connector, channel().with("failure-strategy", "recording").with("deduplication", true)
                .with("deduplication.store", "flaky")).subscribe().with(m -> {
                    seen.add(((Order) m.getPayload()).id);
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 49 && failures.size() == 1);
        assertThat(failures.get(0)).hasMessageContaining("message m-2").hasMessageContaining("store unreachable");
        // Nothing stays unsettled: every ack went out, and the failed one was rejected to the dead-letter queue.
        IncomingChannel in = connector.incomingChannels().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == 49 && broker.count(dlq) == 1);
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }

    @Test
    void oneHeldDeliveryDoesNotStallTheOthers() throws Exception {
        int n = 1000;
        CompletableFuture<Void> release = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger doneWhileHeld = new java.util.concurrent.atomic.AtomicInteger(-1);
        consume(connector, channel().with("max-outstanding-messages", 64))
                .subscribe().with(m -> {
                    if (((Order) m.getPayload()).id.equals("o-0")) {
                        // Held for 5 s on another thread, as an unordered slow handler or a requeue delay would.
                        release.thenRun(m::ack);
                        io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool().schedule(() -> {
                            doneWhileHeld.set(done.get());
                            release.complete(null);
                        }, 5, java.util.concurrent.TimeUnit.SECONDS);
                    } else {
                        done.incrementAndGet();
                        m.ack();
                    }
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.incomingChannels().get(0).health().isReady());
        for (int i = 0; i < n; i++) {
            broker.publishJson(queue, "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> doneWhileHeld.get() >= 0 && done.get() == n - 1);
        // With a prefetch of 64, the old coalescing stalled after 63 messages until the held one was done.
        assertThat(doneWhileHeld.get()).isEqualTo(n - 1);
        IncomingChannel in = connector.incomingChannels().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == n);
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }
}
