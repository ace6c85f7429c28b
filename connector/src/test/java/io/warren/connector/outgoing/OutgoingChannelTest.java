package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;

import io.smallrye.mutiny.Multi;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

class OutgoingChannelTest {

    private final String exchange = Broker.unique("out-x");
    private final String queueB = Broker.unique("out-b");

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("out-a").deletesQueues(queueB).deletesExchanges(exchange);

    @BeforeEach
    void bindQueues() throws Exception {
        bed.broker().channel().exchangeDeclare(exchange, "topic", true);
        bed.broker().declareQueue(queueB, null);
        bed.broker().channel().queueBind(bed.queue(), exchange, "a.#");
        bed.broker().channel().queueBind(queueB, exchange, "b.#");
    }

    private TestConfig channel() {
        return TestConfig.channel(Broker.unique("out")).with("exchange.name", exchange)
                .with("default-routing-key", "a.default");
    }

    @Test
    void publishesWithConfirmsAndAcksEachMessageOnlyWhenConfirmed() throws Exception {
        int n = 2000;
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            acks.add(acked);
            messages.add(Message.of(new Order("o-" + i, i), () -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, t -> {
                acked.completeExceptionally(t);
                return CompletableFuture.completedFuture(null);
            }));
        }
        Multi.createFrom().iterable(messages).subscribe(bed.publisher(channel().with("max-inflight-messages", 128)));
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == n);
        GetResponse first = bed.broker().get(bed.queue());
        assertThat(first.getProps().getContentType()).isEqualTo("application/json");
        assertThat(first.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(first.getProps().getMessageId()).isNotBlank();
        assertThat(first.getProps().getTimestamp()).isNotNull();
        assertThat(first.getEnvelope().getRoutingKey()).isEqualTo("a.default");
        Order o = new ObjectMapper().readValue(first.getBody(), Order.class);
        assertThat(o.id).isEqualTo("o-0");
    }

    @Test
    void routesByMetadataAndSetsProperties() throws Exception {
        String otherExchange = Broker.unique("out-other");
        String otherQueue = Broker.unique("out-other-q");
        bed.broker().channel().exchangeDeclare(otherExchange, "direct", false, true, null);
        bed.broker().channel().queueDeclare(otherQueue, false, false, true, null);
        bed.broker().channel().queueBind(otherQueue, otherExchange, "k");
        try {
            CompletableFuture<Void> done = new CompletableFuture<>();
            List<Message<?>> messages = List.of(
                    Message.of("to b").addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey("b.1")
                            .withHeader("tenant", "acme").withMessageId("fixed-id").withPriority(3)
                            .withCorrelationId("corr-1").withDeliveryMode(1).build()),
                    Message.of("default".getBytes(StandardCharsets.UTF_8)),
                    Message.of("elsewhere").addMetadata(OutgoingRabbitMQMetadata.builder()
                            .withExchange(otherExchange).withRoutingKey("k").build())
                            .withAck(() -> {
                                done.complete(null);
                                return CompletableFuture.completedFuture(null);
                            }));
            Multi.createFrom().iterable(messages).subscribe(bed.publisher(channel()));
            done.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> bed.broker().count(queueB) == 1 && bed.broker().count(bed.queue()) == 1
                            && bed.broker().count(otherQueue) == 1);
            GetResponse b = bed.broker().get(queueB);
            assertThat(new String(b.getBody(), StandardCharsets.UTF_8)).isEqualTo("to b");
            assertThat(b.getProps().getContentType()).isEqualTo("text/plain");
            assertThat(b.getProps().getHeaders()).containsKey("tenant");
            assertThat(b.getProps().getHeaders().get("tenant").toString()).isEqualTo("acme");
            assertThat(b.getProps().getMessageId()).isEqualTo("fixed-id");
            assertThat(b.getProps().getPriority()).isEqualTo(3);
            assertThat(b.getProps().getCorrelationId()).isEqualTo("corr-1");
            assertThat(b.getProps().getDeliveryMode()).isEqualTo(1);
            GetResponse a = bed.broker().get(bed.queue());
            assertThat(a.getProps().getContentType()).isEqualTo("application/octet-stream");
            assertThat(new String(a.getBody(), StandardCharsets.UTF_8)).isEqualTo("default");
            assertThat(new String(bed.broker().get(otherQueue).getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("elsewhere");
        } finally {
            bed.broker().deleteQueues(otherQueue);
            bed.broker().deleteExchanges(otherExchange);
        }
    }

    @Test
    void aBrokerNackNacksTheMessage() throws Exception {
        // A queue that refuses messages once full makes the broker nack the overflow.
        String full = Broker.unique("out-full");
        bed.broker().declareQueue(full, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        try {
            AtomicInteger acked = new AtomicInteger();
            List<Throwable> nacked = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Message<?>> messages = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                messages.add(Message.of("m" + i).withAck(() -> {
                    acked.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }).withNack(t -> {
                    nacked.add(t);
                    return CompletableFuture.completedFuture(null);
                }));
            }
            Multi.createFrom().iterable(messages)
                    .subscribe(bed.publisher(TestConfig.channel(Broker.unique("out")).with("exchange.name", "\"\"")
                            .with("default-routing-key", full)));
            await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() + nacked.size() == 5);
            assertThat(acked.get()).isEqualTo(1);
            assertThat(nacked).hasSize(4)
                    .allSatisfy(t -> assertThat(t).isInstanceOf(PublishFailedException.class)
                            .hasMessageContaining("the broker nacked it"));
        } finally {
            bed.broker().deleteQueues(full);
        }
    }

    @Test
    void withoutConfirmsMessagesAreAckedOncePublished() throws Exception {
        AtomicInteger acked = new AtomicInteger();
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(Message.of("m" + i).withAck(() -> {
                acked.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }));
        }
        Multi.createFrom().iterable(messages).subscribe(bed.publisher(channel().with("publish-confirms", false)));
        await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() == 50 && bed.broker().count(bed.queue()) == 50);
    }

    /**
     * A sender that sends its next message from the ack callback of the previous one, as an emitter without a
     * buffer does: the demand must be there when the ack runs, or the send is refused (SRMSG00034).
     */
    @Test
    void aSenderThatSendsFromTheAckCallbackAlwaysFindsDemand() throws Exception {
        int n = 300;
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger acked = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong demand = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Flow.Subscriber<? super Message<?>>> downstream =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        Runnable[] sendNext = new Runnable[1];
        sendNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            if (demand.getAndDecrement() <= 0) {
                demand.incrementAndGet();
                refused.incrementAndGet();
                return;
            }
            downstream.get().onNext(Message.of("m-" + i).withAck(() -> {
                acked.incrementAndGet();
                sendNext[0].run(); // the next send, from the ack callback
                return CompletableFuture.completedFuture(null);
            }));
        };
        Flow.Publisher<Message<?>> source = subscriber -> {
            downstream.set(subscriber);
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long k) {
                    demand.addAndGet(k);
                }

                @Override
                public void cancel() {
                }
            });
        };
        source.subscribe(bed.publisher(channel().with("max-inflight-messages", 1)));
        sendNext[0].run();
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.get() + refused.get() >= n || refused.get() > 0);
        assertThat(refused.get()).isZero();
        assertThat(acked.get()).isEqualTo(n);
    }
}
