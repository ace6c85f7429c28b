package io.warren.connector.incoming;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

class IncomingChannelTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("in").deadLettered().recordingFailures(m -> m.settleReject(false));

    private TestConfig channel() {
        return bed.channel("orders").with("queue.declare", false).with("payload-type", Order.class.getName());
    }

    @Test
    void consumesPojosAndAcksThem() throws Exception {
        for (int i = 0; i < 300; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Object> metadata = new CopyOnWriteArrayList<>();
        bed.consume(channel()).subscribe().with(m -> {
            Order o = (Order) m.getPayload();
            seen.add(o.id + ":" + o.quantity);
            metadata.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow());
            m.ack();
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 300);
        assertThat(seen).contains("o-0:0", "o-299:299");
        IncomingRabbitMQMetadata first = (IncomingRabbitMQMetadata) metadata.get(0);
        assertThat(first.getRoutingKey()).isEqualTo(bed.queue());
        assertThat(first.getContentType()).contains("application/json");
        assertThat(first.getMessageId()).hasValueSatisfying(id -> assertThat(id).startsWith("m-"));
        assertThat(first.isRedelivered()).isFalse();
        // Acks are coalesced: everything acked, in far fewer frames than messages.
        IncomingChannel in = bed.connector().incomingChannels().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == 300);
        assertThat(in.ackStats()[0]).isLessThan(300 / 4);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
        assertThat(bed.broker().count(bed.dlq())).isZero();
    }

    @Test
    void nackRejectsWithoutRequeueAndTheStreamGoesOn() throws Exception {
        for (int i = 0; i < 20; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        bed.consume(channel()).subscribe().with(m -> {
            Order o = (Order) m.getPayload();
            if (o.quantity % 5 == 0) {
                m.nack(new IllegalStateException("boom " + o.id));
            } else {
                acked.add(o.id);
                m.ack();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 16 && bed.broker().count(bed.dlq()) == 4);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
        Set<String> rejected = ConcurrentHashMap.newKeySet();
        GetResponse r;
        while ((r = bed.broker().get(bed.dlq())) != null) {
            rejected.add(r.getProps().getMessageId());
        }
        assertThat(rejected).containsExactlyInAnyOrder("m-0", "m-5", "m-10", "m-15");
    }

    @Test
    void invalidJsonIsNackedWithAClearErrorAndTheNextMessageIsProcessed() throws Exception {
        bed.broker().publishJson(bed.queue(), "bad-1", "{\"id\": \"oops\", \"quantity\": 3");
        bed.broker().publish("", bed.queue(), new AMQP.BasicProperties.Builder().contentType("application/xml")
                .messageId("bad-2")
                .build(), "<order/>".getBytes(StandardCharsets.UTF_8));
        // Well-formed JSON of the wrong shape is not called invalid: the error says what it does not match.
        bed.broker().publishJson(bed.queue(), "bad-3", "{\"id\": \"oops\", \"quantity\": \"not a number\"}");
        bed.broker().publishJson(bed.queue(), "good-1", "{\"id\":\"fine\",\"quantity\":3}");
        CompletableFuture<Order> good = new CompletableFuture<>();
        bed.consume(channel().with("failure-strategy", "recording")).subscribe().with(m -> {
            good.complete((Order) m.getPayload());
            m.ack();
        });
        assertThat(good.get(10, java.util.concurrent.TimeUnit.SECONDS).id).isEqualTo("fine");
        await().atMost(Duration.ofSeconds(5)).until(
                () -> bed.failures().size() == 3 && bed.broker().count(bed.dlq()) == 3);
        assertThat(bed.failures()).allSatisfy(f -> assertThat(f).isInstanceOf(PayloadConversionException.class));
        assertThat(bed.failures().get(0).getMessage())
                .contains("Channel 'orders-", "message bad-1", "content-type application/json",
                        Order.class.getName(), "invalid JSON");
        assertThat(bed.failures().get(1).getMessage())
                .contains("message bad-2", "content-type application/xml", "cannot be converted");
        assertThat(bed.failures().get(2).getMessage())
                .contains("message bad-3", "the JSON does not match " + Order.class.getName(), "not a number")
                .doesNotContain("invalid JSON");
    }

    @Test
    void declaresExchangeQueueAndBindingsAndConsumesByRoutingKey() throws Exception {
        String exchange = Broker.unique("x");
        String q = Broker.unique("bound");
        try {
            Set<String> received = ConcurrentHashMap.newKeySet();
            bed.consume(TestConfig.channel(Broker.unique("ch")).with("queue.name", q).with("exchange.name", exchange)
                    .with("exchange.type", "topic").with("routing-keys", "eu.*,us.vip")
                    .with("queue.durable", false).with("queue.auto-delete", true))
                    .subscribe().with(m -> {
                        received.add((String) m.getPayload());
                        m.ack();
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    bed.broker().channel().exchangeDeclarePassive(exchange);
                    bed.broker().channel().queueDeclarePassive(q);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            AMQP.BasicProperties text = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
            for (String rk : List.of("eu.fr", "us.vip", "us.std", "asia")) {
                bed.broker().publish(exchange, rk, text, rk.getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            Thread.sleep(200);
            assertThat(received).containsExactlyInAnyOrder("eu.fr", "us.vip");
        } finally {
            bed.connector().close();
            bed.broker().deleteQueues(q);
            bed.broker().deleteExchanges(exchange);
        }
    }

    @Test
    void channelsWithTheSameSettingsShareOneConnection() {
        bed.consume(channel()).subscribe().with(Message::ack);
        bed.consume(channel()).subscribe().with(Message::ack);
        bed.consume(channel()).subscribe().with(Message::ack);
        // One connection to consume, one to publish (dead-letters, error replies), whatever the channel count.
        assertThat(bed.connector().connectionCount()).isEqualTo(2);
        bed.consume(channel().with("virtual-host", "/").with("username", "guest").with("connection-name", "other"))
                .subscribe().with(Message::ack);
        assertThat(bed.connector().connectionCount()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bed.connector().incomingChannels().stream().allMatch(c -> c.health().isReady()));
    }

    @Test
    void aBlockedHandlerHoldsUpOnlyItsOwnChannel() throws Exception {
        // Both channels share the consumer connection, whose I/O thread dispatches every delivery.
        String other = Broker.unique("in-other");
        bed.broker().declareQueue(other, null);
        try {
            for (int i = 0; i < 5; i++) {
                bed.broker().publishJson(bed.queue(), "a-" + i, "{\"id\":\"a-" + i + "\",\"quantity\":" + i + "}");
            }
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger blockedSeen = new AtomicInteger();
            Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
            bed.consume(channel()).subscribe().with(m -> {
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
            bed.consume(channel().with("queue.name", other)).subscribe().with(m -> {
                handlerThreads.add(Thread.currentThread().getName());
                received.add(((Order) m.getPayload()).id);
                m.ack();
            });
            for (int i = 0; i < 50; i++) {
                bed.broker().publishJson(other, "b-" + i, "{\"id\":\"b-" + i + "\",\"quantity\":" + i + "}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 50);
            assertThat(blockedSeen.get()).isEqualTo(1);
            assertThat(bed.connector().connectionCount()).isEqualTo(2);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedSeen.get() == 5);
            // Handlers run on the channels' own threads, never on the client's I/O thread.
            assertThat(handlerThreads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("warren-"));
            bed.connector().close();
            assertThat(bed.broker().count(bed.queue())).isZero();
            assertThat(bed.broker().count(other)).isZero();
        } finally {
            bed.broker().deleteQueues(other);
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
        bed.replaceConnector(Map.of("flaky", flaky));
        for (int i = 0; i < 50; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        bed.consume(channel().with("failure-strategy", "recording").with("deduplication", true)
                .with("deduplication.store", "flaky")).subscribe().with(m -> {
                    seen.add(((Order) m.getPayload()).id);
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 49 && bed.failures().size() == 1);
        assertThat(bed.failures().get(0)).hasMessageContaining("message m-2").hasMessageContaining("store unreachable");
        // Nothing stays unsettled: every ack went out, and the failed one was rejected to the dead-letter queue.
        IncomingChannel in = bed.connector().incomingChannels().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == 49 && bed.broker().count(bed.dlq()) == 1);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void oneHeldDeliveryDoesNotStallTheOthers() throws Exception {
        int n = 1000;
        CompletableFuture<Void> release = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger doneWhileHeld = new java.util.concurrent.atomic.AtomicInteger(-1);
        bed.consume(channel().with("max-outstanding-messages", 64))
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
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.connector().incomingChannels().get(0).health()
                .isReady());
        for (int i = 0; i < n; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> doneWhileHeld.get() >= 0 && done.get() == n - 1);
        // With a prefetch of 64, the old coalescing stalled after 63 messages until the held one was done.
        assertThat(doneWhileHeld.get()).isEqualTo(n - 1);
        IncomingChannel in = bed.connector().incomingChannels().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.ackStats()[1] == n);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }
}
